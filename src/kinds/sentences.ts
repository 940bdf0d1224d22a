/**
 * `sentences`: a text that holds a whole article on one line (about a quarter of Readability's
 * output) has its leftovers at the start and the end of that line, as sentences. For every long line
 * of several sentences, the first and last sentences are tested against every `line` rule, one
 * after another from the edge inwards, and each that matches is removed as a span with the matching
 * rule's id. The cleaner adds this kind itself, after the line rules.
 */

import type {Sentence} from 'nlcst'
import type {DocumentContext} from '../engine/document.js'
import {maxCharsOf, type CompiledRule, type RuleKind} from '../engine/rule.js'
import type {ViewLine} from '../engine/outcome.js'
import {collapseWhitespace, foldText, normalizeLabel} from '../text/normalize.js'
import type {LineMatch} from '../engine/matcher.js'

/** A line shorter than this is judged whole by the line rules. */
export const LONG_LINE = 400
/** At most this many sentences go from each edge. */
const MAX_PER_EDGE = 3

interface SentenceRange {
  start: number
  end: number
  text: string
}

function sentenceRanges(document: DocumentContext, index: number): SentenceRange[] {
  const paragraph = document.paragraph(index)
  if (!paragraph) return []
  const text = document.text
  const ranges: SentenceRange[] = []
  for (const child of paragraph.children) {
    if (child.type !== 'SentenceNode') continue
    const start = (child as Sentence).position?.start.offset
    const end = (child as Sentence).position?.end.offset
    if (start === undefined || end === undefined) continue
    ranges.push({start, end, text: text.slice(start, end)})
  }
  return ranges
}

function matchSentence(rules: readonly CompiledRule[], sentence: string): {rule: CompiledRule; match: LineMatch} | undefined {
  const source = {text: sentence, collapsed: collapseWhitespace(sentence), folded: foldText(sentence), label: normalizeLabel(sentence)}
  for (const rule of rules) {
    if (source.collapsed.length > maxCharsOf(rule) || !rule.matcher) continue
    const match = rule.matcher.test(source)
    if (match) return {rule, match}
  }
  return undefined
}

export function createSentenceRule(lineRules: readonly CompiledRule[]): CompiledRule {
  const rule: CompiledRule = {
    id: 'sentences',
    kind: 'sentences',
    category: 'noise',
    description: 'leftover sentences at the edges of a long line',
    definition: {id: 'sentences', kind: 'sentences', category: 'noise', description: 'leftover sentences at the edges of a long line'},
    source: {pack: 'engine'},
    matcher: undefined,
    runner: {apply() {}}
  }
  rule.runner = {
    apply(document) {
      const rules = lineRules.filter((candidate) => document.activeRules?.has(candidate) ?? true)
      if (rules.length === 0) return
      for (let index = 0; index < document.length; index++) {
        const line = document.lines[index] as ViewLine
        if (!document.isFree(index) || line.modified || line.text.length < LONG_LINE) continue
        const sentences = sentenceRanges(document, index)
        if (sentences.length < 3) continue
        let first = 0
        let last = sentences.length - 1
        const text = document.text
        // The span takes the whitespace between it and the kept text, so no line starts or ends with a space.
        const take = (sentence: SentenceRange, found: {rule: CompiledRule; match: LineMatch}, where: 'first sentence' | 'last sentence') => {
          let {start, end} = sentence
          if (where === 'first sentence') while (end < line.end && /\s/u.test(text[end])) end++
          else while (start > line.start && /\s/u.test(text[start - 1])) start--
          document.addSpan({line: index, start, end, rule: found.rule, reason: `${found.rule.description} (${found.match.via}; ${where} of a long line)`})
        }
        for (let taken = 0; taken < MAX_PER_EDGE && first < last; taken++) {
          const found = matchSentence(rules, sentences[first].text)
          if (!found) break
          take(sentences[first++], found, 'first sentence')
        }
        for (let taken = 0; taken < MAX_PER_EDGE && last > first; taken++) {
          const found = matchSentence(rules, sentences[last].text)
          if (!found) break
          take(sentences[last--], found, 'last sentence')
        }
      }
    }
  }
  return rule
}

export const sentencesKind: RuleKind = {
  meta: {
    name: 'sentences',
    description: 'Removes leftover sentences (matched by line rules) at the start and end of a long line.',
    phase: 1.5,
    options: [],
    needsMatcher: false
  },
  create() {
    return {apply() {}}
  }
}

