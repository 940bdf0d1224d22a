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
import {patternPrefilter} from './literals.js'

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

const wordBoundaryBefore = '(?<![\\p{L}\\p{N}])'
const wordBoundaryAfter = '(?![\\p{L}\\p{N}])'

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
  private readonly phraseExpression: RegExp | undefined
  /** Set when the matcher belongs to an index: its slot there. */
  index: MatcherIndex | undefined
  slot = -1

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
    } else if (phrases.length > 0) {
      const alternatives = phrases.map(({key}) => escapeRegExp(key)).join('|')
      this.phraseExpression =
        mode === 'prefix'
          ? new RegExp(`^(?:${alternatives})${wordBoundaryAfter}`, 'u')
          : new RegExp(`${wordBoundaryBefore}(?:${alternatives})${wordBoundaryAfter}`, 'u')
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
    if (this.phraseExpression) {
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

  test(source: MatchSource): LineMatch | undefined {
    if (this.index && !this.index.hits(source).includes(this.slot)) return undefined
    if (this.exact.size > 0) {
      const phrase = this.exact.get(source.label)
      if (phrase !== undefined) return {via: `phrase “${phrase}”`}
    }
    if (this.phraseExpression) {
      // A prefix may follow decorative punctuation ("» Lesen Sie auch: …").
      const subject = this.mode === 'prefix' ? source.folded.replace(/^[\p{P}\p{S}\s]+/u, '') : source.folded
      const match = this.phraseExpression.exec(subject)
      if (match) {
        const found = this.phrases.find(({key}) => key === match[0])
        return {via: `phrase “${found ? found.phrase : match[0]}”`}
      }
    }
    if (this.patterns.length > 0) {
      const found = this.matchedPattern(source.collapsed)
      if (found !== -1) return {via: describePattern(this.patterns[found].pattern)}
    }
    return undefined
  }
}

/** A trie of strings; each string's end carries the slots of the matchers that need it. */
class SlotTrie {
  /** Each state's transitions by code unit, while strings are added: let go once the table is built from them. */
  protected next: Array<Map<number, number>> = [new Map()]
  /** The slots of the strings that end at each state. */
  protected readonly ends: number[][] = [[]]
  size = 0

  add(value: string, slot: number): void {
    if (this.next.length === 0) throw new Error('a string added after the first scan')
    let state = 0
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index)
      let target = this.next[state].get(code)
      if (target === undefined) {
        target = this.next.length
        this.next.push(new Map())
        this.ends.push([])
        this.next[state].set(code, target)
      }
      state = target
    }
    if (!this.ends[state].includes(slot)) this.ends[state].push(slot)
    this.size++
  }

  /** The class of each code unit (0: in no string), once the table is laid out. */
  protected classes: Uint8Array | Uint16Array | undefined
  /** Classes per row of the table: the number of classes. */
  protected width = 0

  /**
   * Lay out a table of transitions over character classes: each code unit the strings use is a
   * class of its own, numbered from 1 in order of first use; every other code unit is class 0.
   * Sets `classes` and `width`; returns a zeroed table of one row per state (16-bit when the
   * states fit) and `units`, each class's code unit.
   */
  protected layout(): {table: Uint16Array | Uint32Array; units: number[]} {
    const units: number[] = [-1]
    const seen = new Map<number, number>()
    for (const transitions of this.next) for (const code of transitions.keys()) if (!seen.has(code)) seen.set(code, units.push(code) - 1)
    const classes = units.length < 256 ? new Uint8Array(65536) : new Uint16Array(65536)
    for (const [code, index] of seen) classes[code] = index
    this.classes = classes
    const width = (this.width = units.length)
    const table = this.next.length < 65536 ? new Uint16Array(this.next.length * width) : new Uint32Array(this.next.length * width)
    return {table, units}
  }
}

/**
 * Aho–Corasick over UTF-16 code units: which of many strings occur in a text, in one pass. Each
 * string carries the slots of the matchers that need it. The automaton is a full table (a DFA) over
 * character classes: each code unit that occurs in some string is a class of its own, and all the
 * others are class 0, which leads every state back to the start. A config's strings use some eighty
 * code units, so the table is a few hundred kB however many states it has (one row of 128 per state,
 * for ASCII alone, was three times that, more than a core's cache, and non-ASCII characters walked
 * the failure links through maps). `ends` becomes each state's output: the slots of every string
 * that ends there or at a state its failure links reach.
 */
class LiteralSet extends SlotTrie {
  /** Transitions: the target state, at the state times `width` plus the class. */
  private table: Uint16Array | Uint32Array | undefined
  /** 1 for the states with output. */
  private emits: Uint8Array | undefined

  private build(): Uint16Array | Uint32Array {
    const {next, ends: out} = this
    const {table, units} = this.layout()
    const width = this.width
    const fail = new Array<number>(next.length).fill(0)
    const order: number[] = []
    for (const target of next[0].values()) order.push(target)
    for (let head = 0; head < order.length; head++) {
      const state = order[head]
      for (const [code, target] of next[state]) {
        let fallback = fail[state]
        while (fallback !== 0 && !next[fallback].has(code)) fallback = fail[fallback]
        const found = next[fallback].get(code)
        fail[target] = found !== undefined && found !== target ? found : 0
        const inherited = out[fail[target]]
        if (inherited.length > 0) out[target] = [...new Set([...out[target], ...inherited])]
        order.push(target)
      }
    }
    // In breadth-first order, so a state's fallback row is filled before its own.
    for (const state of [0, ...order]) {
      for (let index = 1; index < width; index++) {
        const target = next[state].get(units[index])
        table[state * width + index] = target !== undefined ? target : state === 0 ? 0 : table[fail[state] * width + index]
      }
    }
    this.emits = Uint8Array.from(out, (slots) => (slots.length > 0 ? 1 : 0))
    this.next = []
    return (this.table = table)
  }

  /** Add to `hits` the slots of every string that occurs in `text` (a slot may be added more than once). */
  scan(text: string, hits: number[]): void {
    if (this.size === 0) return
    const table = this.table ?? this.build()
    const classes = this.classes!
    const emits = this.emits!
    const width = this.width
    const out = this.ends
    let state = 0
    for (let index = 0; index < text.length; index++) {
      state = table[state * width + classes[text.charCodeAt(index)]]
      if (emits[state] === 0) continue
      const slots = out[state]
      for (let at = 0; at < slots.length; at++) hits.push(slots[at])
    }
  }
}

/** A trie of strings a text may start with; each carries the slots of the matchers that need it. */
class PrefixSet extends SlotTrie {
  /** The trie's transitions over character classes: the target state, or 0 for none (no transition leads back to the root). */
  private table: Uint16Array | Uint32Array | undefined

  private build(): Uint16Array | Uint32Array {
    const {table, units} = this.layout()
    const width = this.width
    this.next.forEach((transitions, state) => {
      for (let index = 1; index < width; index++) table[state * width + index] = transitions.get(units[index]) ?? 0
    })
    this.next = []
    return (this.table = table)
  }

  /** Add to `hits` the slots of every string `text` starts with. */
  scan(text: string, hits: number[]): void {
    if (this.size === 0) return
    const table = this.table ?? this.build()
    const classes = this.classes!
    const width = this.width
    let state = 0
    for (let index = 0; index < text.length; index++) {
      state = table[state * width + classes[text.charCodeAt(index)]]
      if (state === 0) return
      const slots = this.ends[state]
      for (let at = 0; at < slots.length; at++) hits.push(slots[at])
    }
  }
}

/**
 * Required literals are cut to this many characters: a prefix of a required string is required too,
 * and short prefixes keep the automaton small (a few thousand states) at little cost in precision.
 */
const LITERAL_PREFIX = 8

const NO_HITS: number[] = []

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
  private readonly phrases = new LiteralSet()
  private readonly literals = new LiteralSet()
  /** `phrases` and `literals` in one automaton, for the texts whose two forms are the same string. */
  private readonly phrasesAndLiterals = new LiteralSet()
  private readonly prefixes = new PrefixSet()
  private readonly always: number[] = []
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
    for (const entry of matchers) {
      const matcher = 'test' in entry ? entry : entry.matcher
      longest = Math.max(longest, 'test' in entry ? Number.POSITIVE_INFINITY : entry.maxChars)
      if (!(matcher instanceof RuleMatcher) || matcher.index) continue
      const slot = this.slots++
      matcher.index = this
      matcher.slot = slot
      const prefilter = matcher.prefilter()
      if (prefilter.always) {
        this.always.push(slot)
        continue
      }
      for (const key of prefilter.exact) {
        const list = this.exact.get(key)
        if (list) list.push(slot)
        else this.exact.set(key, [slot])
      }
      for (const phrase of prefilter.phrases) {
        this.phrases.add(phrase, slot)
        this.phrasesAndLiterals.add(phrase, slot)
      }
      for (const literal of new Set(prefilter.literals.map((literal) => literal.slice(0, LITERAL_PREFIX)))) {
        this.literals.add(literal, slot)
        this.phrasesAndLiterals.add(literal, slot)
      }
      for (const prefix of new Set(prefilter.prefixes.map((prefix) => prefix.slice(0, LITERAL_PREFIX)))) this.prefixes.add(prefix, slot)
    }
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
    let hits: number[] = this.always.length > 0 ? [...this.always] : []
    const label = source.label
    const exact = label.length < this.exactLengths.length && this.exactLengths[label.length] === 1 ? this.exact.get(label) : undefined
    if (exact) for (const slot of exact) hits.push(slot)
    // Phrases are looked for in the normal form, literals in the case fold; the two are the same
    // string for most texts, and then one scan finds both. For ASCII text both are its lower case
    // with whitespace collapsed: the normal form is taken as it is, not folded again.
    const folded = isAscii(source.collapsed) ? source.folded : caseFold(source.collapsed)
    if (folded === source.folded) this.phrasesAndLiterals.scan(folded, hits)
    else {
      this.phrases.scan(source.folded, hits)
      this.literals.scan(folded, hits)
    }
    this.prefixes.scan(folded, hits)
    if (hits.length === 0) hits = NO_HITS
    source.hits = hits
    source.hitsIndex = this
    return hits
  }
}
