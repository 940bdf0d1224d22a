/**
 * Compiles a rule's `phrases` and `patterns` into one matcher over lines.
 *
 * Phrases are literal and compared in the normal form of `normalize.ts`: with `match: exact` the
 * whole line must be the phrase (decorative punctuation around it aside), with `prefix` the line must
 * start with it, with `contains` it may stand anywhere between word boundaries. Patterns are regular
 * expressions tested against the line with its whitespace collapsed, with the `i` and `u` flags.
 */

import {caseFold, isAscii} from '../text/fold.js'
import {collapseWhitespace, escapeRegExp, foldText, normalizeLabel} from '../text/normalize.js'
import {automatonOf, type Automaton} from './automaton.js'
import {patternPrefilter} from './literals.js'
import {PhraseFinder, type Occurrences} from './phrase-finder.js'

export interface MatchSource {
  /** The line as written. */
  text: string
  /** The line with whitespace runs collapsed and trimmed. */
  collapsed: string
  /** Case-folded, whitespace collapsed. */
  folded: string
  /** Folded, decorative punctuation stripped from both ends. */
  label: string
  /** The slots of the matchers of an index that may match this source (set by the index on first use). */
  hits?: readonly number[]
  /** The index `hits` belongs to. */
  hitsIndex?: MatcherIndex
}

export interface LineMatch {
  /** What matched, for the report: `phrase “…”` or `pattern /…/`. */
  via: string
}

export interface LineMatcher {
  test(source: MatchSource): LineMatch | undefined
}

/** A matcher's index and slot there, when it has one. */
export function indexOf(matcher: LineMatcher): {index: MatcherIndex; slot: number} | undefined {
  return matcher instanceof RuleMatcher && matcher.index ? (matcher as {index: MatcherIndex; slot: number}) : undefined
}

/**
 * What a line must contain for a matcher to match it, for the prefilter of `MatcherIndex`: its
 * label is one of `exact`, or its folded text contains one of `phrases`, or its collapsed text,
 * case-folded with `caseFold`, contains one of `literals`. `always` when that cannot be said.
 */
interface Prefilter {
  exact: string[]
  phrases: string[]
  literals: string[]
  /** Strings the collapsed, case-folded text may start with (patterns anchored with `^`). */
  prefixes: string[]
  always: boolean
}

export interface MatcherSpec {
  phrases?: string[]
  patterns?: string[]
  match?: 'exact' | 'prefix' | 'contains'
}

/** Thrown for a pattern that does not compile; the config loader adds the file and line. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly index: number,
    cause: unknown
  ) {
    super(`pattern ${index + 1} does not compile: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** Compile a JavaScript regular expression with the `iu` flags, or throw `PatternError`. */
export function compilePattern(pattern: string, index: number, flags = 'iu'): RegExp {
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    throw new PatternError(pattern, index, error)
  }
}

/** A phrase as a regular-expression source where any whitespace run matches any other. */
export function phraseSource(phrase: string): string {
  return collapseWhitespace(phrase)
    .split(' ')
    .map((part) => escapeRegExp(part))
    .join('[\\s\\u00A0]+')
}

/** Patterns are named in reasons, shortened: the full pattern is in the rule. */
const REASON_PATTERN_CHARS = 48

function describePattern(pattern: string): string {
  return `pattern /${pattern.length > REASON_PATTERN_CHARS ? `${pattern.slice(0, REASON_PATTERN_CHARS)}…` : pattern}/`
}

/** The name of the empty group that marks pattern `<index>` in a rule's alternation of its patterns. */
const MARK = 'decruftPattern'

export function createMatcher(spec: MatcherSpec): LineMatcher {
  return new RuleMatcher(spec)
}

class RuleMatcher implements LineMatcher {
  private readonly mode: 'exact' | 'prefix' | 'contains'
  private readonly phrases: Array<{phrase: string; key: string}>
  private readonly patterns: Array<{pattern: string; expression: RegExp}>
  /** All the patterns as one expression (see `matchedPattern`); undefined when there are none, or they are tested one by one. */
  private readonly anyPattern: RegExp | undefined
  private readonly exact = new Map<string, string>()
  /**
   * Finds the `contains` or `prefix` phrases, made on first use: in an index's automaton when the
   * matcher has an index (a config's phrases are laid out once), else in an automaton of its own.
   */
  private phraseFinder: PhraseFinder | undefined
  /** Set when the matcher belongs to an index: its slot there. */
  index: MatcherIndex | undefined
  slot = -1
  /** Whether the index's automaton holds the matcher's phrases (not when its prefilter is `always`). */
  phrasesIndexed = false

  constructor(spec: MatcherSpec) {
    const mode = (this.mode = spec.match ?? 'exact')
    const phrases = (this.phrases = (spec.phrases ?? []).map((phrase) => ({phrase, key: mode === 'exact' ? normalizeLabel(phrase) : foldText(phrase)})))
    const patterns = (this.patterns = (spec.patterns ?? []).map((pattern, index) => ({pattern, expression: compilePattern(pattern, index)})))
    // One alternation tests all of a rule's patterns at once, an empty named group after each
    // saying which one matched. Patterns with backreferences or named groups are tested one by one:
    // in one expression their groups would be renumbered, or their names clash.
    this.anyPattern =
      patterns.length === 1
        ? patterns[0].expression
        : patterns.length > 1 && !patterns.some(({pattern}) => /\\[1-9]|\\k<|\(\?<(?![=!])/.test(pattern))
          ? compilePattern(patterns.map(({pattern}, index) => `(?:${pattern})(?<${MARK}${index}>)`).join('|'), 0)
          : undefined

    if (mode === 'exact') {
      for (const {phrase, key} of phrases) if (key) this.exact.set(key, phrase)
    }
  }

  /** The first of the patterns (in their order) that matches `text` anywhere, or -1. */
  private matchedPattern(text: string): number {
    const patterns = this.patterns
    if (patterns.length === 1) return patterns[0].expression.test(text) ? 0 : -1
    if (!this.anyPattern) return patterns.findIndex(({expression}) => expression.test(text))
    const match = this.anyPattern.exec(text)
    if (!match) return -1
    // The alternation matched where a match starts first; pattern `at` is the first that matched
    // there. An earlier pattern can only match further on: those are tried one by one.
    let at = 0
    while (match.groups![MARK + at] === undefined) at++
    for (let earlier = 0; earlier < at; earlier++) if (patterns[earlier].expression.test(text)) return earlier
    return at
  }

  prefilter(): Prefilter {
    const prefilter: Prefilter = {exact: [...this.exact.keys()], phrases: [], literals: [], prefixes: [], always: false}
    if (this.mode !== 'exact') {
      for (const {key} of this.phrases) {
        if (key === '') prefilter.always = true
        prefilter.phrases.push(key)
      }
    }
    for (const {pattern} of this.patterns) {
      const {prefixes, literals} = patternPrefilter(pattern)
      if (prefixes) prefilter.prefixes.push(...prefixes)
      else if (literals) prefilter.literals.push(...literals)
      else prefilter.always = true
    }
    return prefilter
  }

  /** The position of the phrase found in `subject` (`contains` or `prefix`), or -1. */
  private findPhrase(subject: string): number {
    if (!this.phraseFinder) {
      const keys = this.phrases.map(({key}) => key)
      const index = this.index
      const slot = this.slot
      let occurrences: Occurrences
      if (index && this.phrasesIndexed) occurrences = (text, found) => index.eachPhrase(slot, text, found)
      else {
        const own = automatonOf('substrings', keys, Array.from(keys.keys()))
        occurrences = (text, found) => own.each(text, found)
      }
      this.phraseFinder = new PhraseFinder(keys, this.mode as 'contains' | 'prefix', occurrences)
    }
    return this.phraseFinder.find(subject)
  }

  test(source: MatchSource): LineMatch | undefined {
    if (this.index && !this.index.hits(source).includes(this.slot)) return undefined
    if (this.exact.size > 0) {
      const phrase = this.exact.get(source.label)
      if (phrase !== undefined) return {via: `phrase “${phrase}”`}
    }
    if (this.mode !== 'exact' && this.phrases.length > 0) {
      // A prefix may follow decorative punctuation ("» Lesen Sie auch: …").
      const subject = this.mode === 'prefix' ? source.folded.replace(/^[\p{P}\p{S}\s]+/u, '') : source.folded
      const found = this.findPhrase(subject)
      if (found !== -1) return {via: `phrase “${this.phrases[found].phrase}”`}
    }
    if (this.patterns.length > 0) {
      const found = this.matchedPattern(source.collapsed)
      if (found !== -1) return {via: describePattern(this.patterns[found].pattern)}
    }
    return undefined
  }
}

/**
 * Required literals are cut to this many characters: a prefix of a required string is required too,
 * and short prefixes keep the automaton small (a few thousand states) at little cost in precision.
 */
const LITERAL_PREFIX = 8

const NO_HITS: number[] = []

/** Strings for an automaton, each with its matcher's slot and its position among the matcher's strings. */
class Strings {
  readonly strings: string[] = []
  readonly slots: number[] = []
  readonly positions: number[] = []

  add(value: string, slot: number, position = 0): void {
    this.strings.push(value)
    this.slots.push(slot)
    this.positions.push(position)
  }
}

/**
 * The matchers of a set of rules, with one prefilter for all: for a line it finds, in one pass over
 * its texts, which matchers can possibly match (an exact label, a phrase or a required literal of a
 * pattern occurs in it); the others answer "no match" without running a regular expression. The
 * answer for a line is kept on its `MatchSource`.
 */
export class MatcherIndex {
  private readonly exact = new Map<string, number[]>()
  /** 1 at the length of each `exact` key (up to the longest): a label of another length is no key. */
  private readonly exactLengths: Uint8Array
  /**
   * The matchers' phrases (ids from 0) and required literals (ids from `firstLiteral`): phrases are
   * looked for in a text's normal form, literals in its case fold. Each id's matcher is at
   * `slotOf`, and a phrase's position among its matcher's phrases at `phraseOf`.
   */
  private readonly phrasesAndLiterals: Automaton
  private readonly firstLiteral: number
  private readonly slotOf: Int32Array
  private readonly phraseOf: Int32Array
  /** The prefixes of anchored patterns, with their matchers' slots. */
  private readonly prefixes: Automaton
  private slots = 0
  /** The longest text any indexed matcher is tried on (its rule's `maxChars`); Infinity when unknown. */
  readonly longest: number

  /**
   * Index `matchers` (created by `createMatcher`; others are left alone). `maxChars` says how long a
   * text each is tried on at most (matchers are never tried on longer texts): longer texts are not
   * scanned at all.
   */
  constructor(matchers: Iterable<LineMatcher | {matcher: LineMatcher; maxChars: number}>) {
    let longest = 0
    const phrases = new Strings()
    const literals = new Strings()
    const prefixes = new Strings()
    for (const entry of matchers) {
      const matcher = 'test' in entry ? entry : entry.matcher
      longest = Math.max(longest, 'test' in entry ? Number.POSITIVE_INFINITY : entry.maxChars)
      if (!(matcher instanceof RuleMatcher) || matcher.index) continue
      const prefilter = matcher.prefilter()
      // A matcher the prefilter cannot rule out on any line stays out of the index: it is tried on
      // every line, and the lines' hits (read for every rule on every line) stay short. In the
      // index, each of a hundred such rules cost a scan of a hundred slots on every line it was
      // asked about, more than its own regular expression.
      if (prefilter.always) continue
      const slot = this.slots++
      matcher.index = this
      matcher.slot = slot
      for (const key of prefilter.exact) {
        const list = this.exact.get(key)
        if (list) list.push(slot)
        else this.exact.set(key, [slot])
      }
      prefilter.phrases.forEach((phrase, position) => phrases.add(phrase, slot, position))
      matcher.phrasesIndexed = prefilter.phrases.length > 0
      for (const literal of new Set(prefilter.literals.map((literal) => literal.slice(0, LITERAL_PREFIX)))) literals.add(literal, slot)
      for (const prefix of new Set(prefilter.prefixes.map((prefix) => prefix.slice(0, LITERAL_PREFIX)))) prefixes.add(prefix, slot)
    }
    const strings = [...phrases.strings, ...literals.strings]
    this.phrasesAndLiterals = automatonOf('substrings', strings, Array.from(strings.keys()))
    this.firstLiteral = phrases.strings.length
    this.slotOf = Int32Array.from([...phrases.slots, ...literals.slots])
    this.phraseOf = Int32Array.from(phrases.positions)
    this.prefixes = automatonOf('prefixes', prefixes.strings, prefixes.slots)
    this.longest = longest
    const keys = [...this.exact.keys()]
    this.exactLengths = new Uint8Array(Math.max(0, ...keys.map((key) => key.length)) + 1)
    for (const key of keys) this.exactLengths[key.length] = 1
  }

  /** The slots that may match `source` (usually none or one); the others cannot. */
  hits(source: MatchSource): readonly number[] {
    if (source.hitsIndex === this && source.hits) return source.hits
    // Longer than any matcher is tried on (its trimmed length is at least this): nothing can match.
    if (source.collapsed.length > this.longest) {
      source.hits = NO_HITS
      source.hitsIndex = this
      return NO_HITS
    }
    let hits: number[] = []
    const label = source.label
    const exact = label.length < this.exactLengths.length && this.exactLengths[label.length] === 1 ? this.exact.get(label) : undefined
    if (exact) for (const slot of exact) hits.push(slot)
    // Phrases are looked for in the normal form, literals in the case fold; the two are the same
    // string for most texts, and then one scan finds both. For ASCII text both are its lower case
    // with whitespace collapsed: the normal form is taken as it is, not folded again.
    const folded = isAscii(source.collapsed) ? source.folded : caseFold(source.collapsed)
    const slotOf = this.slotOf
    const firstLiteral = this.firstLiteral
    if (folded === source.folded) {
      this.phrasesAndLiterals.each(folded, (id) => {
        hits.push(slotOf[id])
      })
    } else {
      this.phrasesAndLiterals.each(source.folded, (id) => {
        if (id < firstLiteral) hits.push(slotOf[id])
      })
      this.phrasesAndLiterals.each(folded, (id) => {
        if (id >= firstLiteral) hits.push(slotOf[id])
      })
    }
    this.prefixes.eachPrefix(folded, (slot) => {
      hits.push(slot)
    })
    if (hits.length === 0) hits = NO_HITS
    source.hits = hits
    source.hitsIndex = this
    return hits
  }

  /** Call `found(position, end)` for every occurrence in `text` of a phrase of the matcher at `slot` (its position among them). */
  eachPhrase(slot: number, text: string, found: (position: number, end: number) => void): void {
    const {slotOf, phraseOf, firstLiteral} = this
    this.phrasesAndLiterals.each(text, (id, end) => {
      if (id < firstLiteral && slotOf[id] === slot) found(phraseOf[id], end)
    })
  }
}
