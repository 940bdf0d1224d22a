/**
 * `sentences`: a text that holds a whole article on one line (about a quarter of Readability's
 * output) has its leftovers inside that line, as sentences. Every long line is cut into sentences
 * (NLCST sentences, and pieces glued without a space: "…Fan Vote.You may also like..."), and:
 *
 * - each sentence is tested against the `line` and `credit` rules and removed as a span with the
 *   matching rule's id; a credit among the first two sentences takes the lead image's caption before it;
 * - a `section` header sentence ("DON'T MISS", "You may also like") takes the teaser titles after
 *   it, up to the next sentence that reads like prose (a few short ones inside the line, any number
 *   in its last 40%);
 * - a `tail` header sentence (comments) in the last 40% removes everything after it;
 * - a teaser title set in capitals inside a mostly lower-case line goes;
 * - never every sentence of a line.
 *
 * The cleaner adds this kind itself, after the line rules.
 */

import type {DocumentContext, Span} from '../engine/document.js'
import {defaultMaxChars, type CompiledRule, type RuleKind} from '../engine/rule.js'
import type {ViewLine} from '../engine/outcome.js'
import {collapseWhitespace, foldText, labelOfFolded} from '../text/normalize.js'
import {indexOf, type LineMatch, type MatcherIndex, type MatchSource} from '../engine/matcher.js'

/** A line shorter than this is judged whole by the line rules. */
export const LONG_LINE = 400

interface SentenceRange {
  start: number
  end: number
  text: string
  /** The forms matchers read, made on first use (the field is there from the start: one shape for all ranges). */
  source: MatchSource | undefined
}

function sentenceRanges(document: DocumentContext, index: number): SentenceRange[] {
  const text = document.text
  return document.sentenceSpans(index).map(([start, end]) => ({start, end, text: text.slice(start, end), source: undefined}))
}

/**
 * Text taken from a page's elements is often glued without a space: "…in the Fan Vote.You may also
 * like...Who will…", "…EntertainmentUpdated Nov 19". A sentence is also cut where sentence-final
 * punctuation runs straight into a capital or an opening quote; where a lower-case word or a word in
 * capitals runs into a capitalised one ("DON'T MISSPlague…", "…Getty ImagesDUBAI, …", "…'DANCING WITH
 * THE STARS'The news…"); where a number runs into a capitalised word ("…September 15, 2014This
 * shop…"); before an opening quote glued to a word ("…FOX NEWS APP“Can I…"); and after a sentence's
 * end followed by two spaces or more, where the extractor joined two blocks ("…my disclosure page.
 * by Regan…").
 */
const GLUE = new RegExp(
  // Each alternative is guarded by what its own look-ahead (or look-behind) needs first, so most
  // positions are passed over on one character test. The two after white space look back over it
  // only where it ends: looking back from each position inside a run of white space took time
  // quadratic in its length (40,000 spaces in a line, 12 s).
  [
    `(?=[\\p{Lu}"“'‘])(?:${[
      `(?<=[.!?…:"”’)\\]])(?=[\\p{Lu}"“'‘])`,
      '(?<=\\p{Ll}{2})(?=\\p{Lu}\\p{Ll})',
      '(?<=\\p{Lu}{2})(?=\\p{Lu}\\p{Ll})',
      '(?<=\\p{Ll}{2})(?=\\p{Lu}{3,}(?![\\p{L}\\p{N}]))',
      "(?<=\\p{Lu}{2}['’])(?=\\p{Lu}\\p{Ll})",
      '(?<=\\p{N})(?=\\p{Lu}\\p{Ll}{2})',
      '(?<=[\\p{L}\\p{N}])(?=“)'
    ].join('|')})`,
    `(?<=\\s\\s)(?=\\S)(?:${['(?<=[.!?…]\\s{2,})', '(?<=[\\p{L}\\p{N}:)\\]]\\s{2,})(?=[\\p{Lu}(\\[])'].join('|')})`
  ].join('|'),
  'gu'
)

/** Whether `text[from..to)` has a character that is not whitespace. */
function hasContent(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index)
    if (code < 128 ? code !== 32 && (code < 9 || code > 13) : !whiteSpaceExpression.test(text[index])) return true
  }
  return false
}

const whiteSpaceExpression = /\s/u

/** `range` without the whitespace at its ends, or undefined when nothing else is left. */
function trimmed(text: string, start: number, end: number): SentenceRange | undefined {
  let from = 0
  let to = text.length
  while (from < to && whiteSpaceExpression.test(text[from])) from++
  while (to > from && whiteSpaceExpression.test(text[to - 1])) to--
  if (from === to) return undefined
  return {start: start + from, end: end - (text.length - to), text: from === 0 && to === text.length ? text : text.slice(from, to), source: undefined}
}

function splitGlued(sentences: SentenceRange[]): SentenceRange[] {
  const pieces: SentenceRange[] = []
  const push = (text: string, start: number, end: number) => {
    const piece = trimmed(text, start, end)
    if (piece) pieces.push(piece)
  }
  for (const sentence of sentences) {
    let from = 0
    GLUE.lastIndex = 0
    for (let match = GLUE.exec(sentence.text); match; match = GLUE.exec(sentence.text)) {
      const at = match.index
      // The expression only matches empty strings: step past each match, by a whole code point.
      const code = sentence.text.charCodeAt(at)
      GLUE.lastIndex = at + (code >= 0xd800 && code <= 0xdbff ? 2 : 1)
      if (at > from && hasContent(sentence.text, from, at)) {
        push(sentence.text.slice(from, at), sentence.start + from, sentence.start + at)
        from = at
      }
    }
    push(from === 0 ? sentence.text : sentence.text.slice(from), sentence.start + from, sentence.end)
  }
  return pieces
}

function sourceOf(sentence: SentenceRange): MatchSource {
  if (!sentence.source) {
    const folded = foldText(sentence.text)
    sentence.source = {text: sentence.text, collapsed: collapseWhitespace(sentence.text), folded, label: labelOfFolded(folded)}
  }
  return sentence.source
}

/**
 * Rules tried on sentences, in order. A sentence's prefilter hits (one scan for all rules) say which
 * indexed rules may match it: only those, and the rules without an index, are tried, in order; the
 * others could not match.
 */
class RuleList {
  private readonly positions = new Map<MatcherIndex, Map<number, number>>()
  private readonly unindexed: number[] = []

  constructor(readonly rules: readonly CompiledRule[]) {
    rules.forEach((rule, position) => {
      if (!rule.matcher) return
      const indexed = indexOf(rule.matcher)
      if (!indexed) {
        this.unindexed.push(position)
        return
      }
      let slots = this.positions.get(indexed.index)
      if (!slots) this.positions.set(indexed.index, (slots = new Map()))
      if (!slots.has(indexed.slot)) slots.set(indexed.slot, position)
    })
  }

  /** The first rule that matches the sentence. */
  match(sentence: SentenceRange): {rule: CompiledRule; match: LineMatch} | undefined {
    if (this.rules.length === 0) return undefined
    const source = sourceOf(sentence)
    let candidates = this.unindexed
    for (const [index, slots] of this.positions) {
      const hits = index.hits(source)
      if (hits.length === 0) continue
      if (candidates === this.unindexed) candidates = [...candidates]
      for (const slot of hits) {
        const position = slots.get(slot)
        if (position !== undefined) candidates.push(position)
      }
    }
    if (candidates.length === 0) return undefined
    if (candidates !== this.unindexed) candidates = [...new Set(candidates)].sort((a, b) => a - b)
    for (const position of candidates) {
      const rule = this.rules[position]
      if (source.collapsed.length > rule.maxChars) continue
      const match = rule.matcher!.test(source)
      if (match) return {rule, match}
    }
    return undefined
  }
}

/** Whether lower-case letters outnumber capitals more than two to one. */
function isMixedCase(text: string): boolean {
  let lower = 0
  let upper = 0
  for (const character of text) {
    const code = character.charCodeAt(0)
    if (code < 128) {
      if (code >= 97 && code <= 122) lower++
      else if (code >= 65 && code <= 90) upper++
    } else if (lowerExpression.test(character)) lower++
    else if (upperExpression.test(character)) upper++
  }
  return lower > upper * 2
}

const lowerExpression = /^\p{Ll}$/u
const upperExpression = /^\p{Lu}$/u

/** A header sentence this far into a long line (share of its characters) starts a tail of teasers. */
const TAIL_FROM = 0.6
/** At most this many teaser titles follow a header sentence inside a long line. */
const MAX_TEASERS = 8
/** A teaser title is at most this long. */
const TEASER_CHARS = 200
/** A photo credit among the first this many sentences of a long line, and this many characters, takes them as its caption. */
const CAPTION_SENTENCES = 2
const CAPTION_CHARS = 400
/** A sentence ends like prose: with its full stop, question or exclamation mark (and closing quotes). */
const TERMINAL = /[.!?…]["”’»)]*$/u

const WORD = /[\p{L}\p{N}]+/gu
/** A sentence that reads like prose: it ends like one and has ten words or more. */
function readsLikeProse(text: string): boolean {
  return TERMINAL.test(text) && (text.match(WORD)?.length ?? 0) >= 10
}

/** A teaser title set in capitals ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"): seven words or more, not ending like prose. */
const CAPITALS_TEASER_WORDS = 7
function isCapitalsTeaser(text: string): boolean {
  if (TERMINAL.test(text) || /\p{Ll}/u.test(text) || !/\p{Lu}/u.test(text)) return false
  return (text.match(WORD)?.length ?? 0) >= CAPITALS_TEASER_WORDS
}

interface Taken {
  from: number
  to: number
  rule: CompiledRule
  reason: string
}

export function createSentenceRule(lineRules: readonly CompiledRule[], headerRules: readonly CompiledRule[] = []): CompiledRule {
  const rule: CompiledRule = {
    id: 'sentences',
    kind: 'sentences',
    category: 'noise',
    description: 'leftover sentences in a long line',
    definition: {id: 'sentences', kind: 'sentences', category: 'noise', description: 'leftover sentences in a long line'},
    source: {pack: 'engine'},
    matcher: undefined,
    runner: {apply() {}},
    maxChars: defaultMaxChars('sentences')
  }
  /** Per config's active rules (one set per language and scope): an id for the per-line cache, and the rule lists. */
  const lists = new WeakMap<object, {id: number; rules: RuleList; sections: RuleList; tails: RuleList}>()
  let nextId = 0
  // Where each line and header rule stands in its list: the active ones are picked from the active
  // set (a few hundred) in that order, not by testing each of a config's rules (tens of thousands
  // when `learn` wrote them) against the set.
  const linePosition = new Map(lineRules.map((candidate, position) => [candidate, position]))
  const headerPosition = new Map(headerRules.map((candidate, position) => [candidate, position]))
  const inOrder = (active: ReadonlySet<CompiledRule>, positions: ReadonlyMap<CompiledRule, number>): CompiledRule[] => {
    const picked: CompiledRule[] = []
    for (const candidate of active) if (positions.has(candidate)) picked.push(candidate)
    return picked.sort((a, b) => positions.get(a)! - positions.get(b)!)
  }
  const listsFor = (document: DocumentContext) => {
    const key = document.activeRules ?? lists
    let found = lists.get(key)
    if (!found) {
      const active = document.activeRules
      // Photo credits ("(Photo: Getty Images)", "… (Image: GETTY)") are tested like line rules.
      const credits = active ? [...active].filter((candidate) => candidate.kind === 'credit') : []
      const headers = active ? inOrder(active, headerPosition) : [...headerRules]
      const lines = active ? inOrder(active, linePosition) : [...lineRules]
      found = {
        id: nextId++,
        rules: new RuleList([...lines, ...credits]),
        sections: new RuleList(headers.filter((candidate) => candidate.kind === 'section')),
        tails: new RuleList(headers.filter((candidate) => candidate.kind === 'tail'))
      }
      lists.set(key, found)
    }
    return found
  }

  /** The spans to cut from one long line: they depend on its text and the rules only, so later passes reuse them. */
  const planLine = (document: DocumentContext, index: number, line: ViewLine, {rules, sections, tails}: ReturnType<typeof listsFor>): Span[] => {
    const sentences = splitGlued(sentenceRanges(document, index))
    if (sentences.length < 3) return []
    let last = sentences.length - 1
    const taken: Taken[] = []
    let mixedCase: boolean | undefined
    const late = (position: number) => sentences[position].start - line.start >= (line.end - line.start) * TAIL_FROM
    // A tail header ("Comments", "Leave a Reply") in the last part of the line starts the comments
    // glued after the article: they go, to the end of the line.
    for (let position = sentences.length - 1; position > 0 && late(position); position--) {
      const found = tails.match(sentences[position])
      if (!found) continue
      taken.push({from: position, to: sentences.length - 1, rule: found.rule, reason: `${found.rule.description} (${found.match.via}; header sentence near the end of a long line, to its end)`})
      last = position - 1
      break
    }
    // Every other sentence is tested against the line rules. A section header ("DON'T MISS",
    // "You may also like") takes the teaser titles glued after it, up to the next sentence that
    // reads like prose; inside the line at most a few short ones, in its last part any number.
    for (let position = 0; position <= last; position++) {
      const sentence = sentences[position]
      const found = rules.match(sentence)
      if (found) {
        // A photo credit among the first sentences: what stands before it is the caption of the
        // lead image ("Traders on the floor… 2019.Natalie Naccache | Bloomberg | Getty Images").
        if (found.rule.kind === 'credit' && position > 0 && position <= CAPTION_SENTENCES && sentence.start - line.start <= CAPTION_CHARS && !taken.some((item) => item.to >= 0 && item.from < position)) {
          taken.push({from: 0, to: position, rule: found.rule, reason: `${found.rule.description} (${found.match.via}; photo credit near the start of a long line, with the caption before it)`})
          continue
        }
        const where = position === 0 ? 'first sentence of' : position === sentences.length - 1 ? 'last sentence of' : 'sentence inside'
        taken.push({from: position, to: position, rule: found.rule, reason: `${found.rule.description} (${found.match.via}; ${where} a long line)`})
        continue
      }
      if (position > 0 && isCapitalsTeaser(sentence.text) && (mixedCase ??= isMixedCase(line.text))) {
        taken.push({from: position, to: position, rule, reason: 'teaser title in capitals inside a long line'})
        continue
      }
      const header = sections.match(sentence)
      if (!header) continue
      const open = late(position)
      let to = position
      while (to < last && !readsLikeProse(sentences[to + 1].text) && (open || (to - position < MAX_TEASERS && sentences[to + 1].text.length <= TEASER_CHARS))) to++
      const teasers = to - position
      taken.push({from: position, to, rule: header.rule, reason: `${header.rule.description} (${header.match.via}; header sentence in a long line, with ${teasers} teaser${teasers === 1 ? '' : 's'} after it)`})
      position = to
    }
    // Never all of a line.
    const count = taken.reduce((sum, item) => sum + item.to - item.from + 1, 0)
    if (taken.length === 0 || count >= sentences.length) return []
    // The span takes the whitespace between it and the kept text, so no line starts or ends with a
    // space and no two words are glued: the whitespace before it, or after it at the line's start.
    const text = document.text
    taken.sort((a, b) => a.from - b.from)
    const spans: Span[] = []
    let floor = line.start
    for (const item of taken) {
      let start = sentences[item.from].start
      let end = sentences[item.to].end
      if (item.to === sentences.length - 1) end = line.end
      if (item.from > 0 && item.to < sentences.length - 1 && !/\s/u.test(text[start - 1] ?? '')) {
        while (end < line.end && /\s/u.test(text[end])) end++
      } else if (item.from > 0) {
        while (start > floor && /\s/u.test(text[start - 1])) start--
      } else {
        start = line.start
        while (end < line.end && /\s/u.test(text[end])) end++
      }
      start = Math.max(start, floor)
      if (end <= start) continue
      spans.push({line: index, start, end, rule: item.rule, reason: item.reason})
      floor = end
    }
    return spans
  }

  rule.runner = {
    apply(document) {
      const lists = listsFor(document)
      if (lists.rules.rules.length === 0 && lists.sections.rules.length === 0 && lists.tails.rules.length === 0) return
      for (let index = 0; index < document.length; index++) {
        const line = document.lines[index]
        if (!document.isFree(index) || line.modified || line.text.length < LONG_LINE) continue
        const spans = document.lineValue(`sentences ${lists.id}`, index, () => planLine(document, index, line, lists))
        for (const span of spans) document.addSpan({...span, line: index})
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
    needsMatcher: false,
    actsOnMatchedLines: false
  },
  create() {
    return {apply() {}}
  }
}

