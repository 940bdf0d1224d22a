/**
 * `sentences`: a text that holds a whole article on one line (about a quarter of Readability's
 * output) has its leftovers at the start and the end of that line, as sentences. For every long line
 * of several sentences, the first and last sentences are tested against every `line` rule, one
 * after another from the edge inwards, and each that matches is removed as a span with the matching
 * rule's id. Sentences glued without a space ("…Fan Vote.You may also like...") are cut apart first.
 * A section or tail header sentence in the last part of the line starts the teasers or comments glued
 * after the article: from it to the end of the line is removed. The cleaner adds this kind itself,
 * after the line rules.
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

/**
 * Text taken from a page's elements is often glued without a space: "…in the Fan Vote.You may also
 * like...Who will…", "…EntertainmentUpdated Nov 19". A sentence is also cut where sentence-final
 * punctuation runs straight into a capital, and where a lower-case word runs into a capitalised one.
 */
const GLUE = /(?<=[.!?…:"”’)\]])(?=[\p{Lu}"“])|(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})/gu

function splitGlued(sentences: SentenceRange[]): SentenceRange[] {
  const pieces: SentenceRange[] = []
  for (const sentence of sentences) {
    let from = 0
    for (const match of sentence.text.matchAll(GLUE)) {
      const at = match.index ?? 0
      if (at > from && /\S/u.test(sentence.text.slice(from, at))) {
        pieces.push({start: sentence.start + from, end: sentence.start + at, text: sentence.text.slice(from, at)})
        from = at
      }
    }
    pieces.push({start: sentence.start + from, end: sentence.end, text: sentence.text.slice(from)})
  }
  return pieces
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

/** A header sentence this far into a long line (share of its characters) starts a tail of teasers. */
const TAIL_FROM = 0.6

export function createSentenceRule(lineRules: readonly CompiledRule[], headerRules: readonly CompiledRule[] = []): CompiledRule {
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
      const headers = headerRules.filter((candidate) => document.activeRules?.has(candidate) ?? true)
      if (rules.length === 0 && headers.length === 0) return
      for (let index = 0; index < document.length; index++) {
        const line = document.lines[index] as ViewLine
        if (!document.isFree(index) || line.modified || line.text.length < LONG_LINE) continue
        const sentences = splitGlued(sentenceRanges(document, index))
        if (sentences.length < 3) continue
        let first = 0
        let last = sentences.length - 1
        const text = document.text
        // A section or tail header ("You may also like", "Comments") in the last part of the line
        // starts the teasers or comments glued after the article: they go, to the end of the line.
        for (let position = sentences.length - 1; position > 0; position--) {
          const sentence = sentences[position]
          if (sentence.start - line.start < (line.end - line.start) * TAIL_FROM) break
          const found = matchSentence(headers, sentence.text)
          if (!found) continue
          let start = sentence.start
          while (start > line.start && /\s/u.test(text[start - 1])) start--
          document.addSpan({line: index, start, end: line.end, rule: found.rule, reason: `${found.rule.description} (${found.match.via}; header sentence near the end of a long line, to its end)`})
          last = position - 1
          break
        }
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

