/**
 * Required literals of a regular expression, for a prefilter: a set of strings such that every text
 * the expression (with the `i` and `u` flags) matches contains at least one of them, case-folded
 * with `caseFold`. A line whose folded text contains none of them cannot match, and its regular
 * expression need not run.
 *
 * The expression is read with a small parser of the `u`-mode syntax. Literal characters, small
 * classes (`[sș]`), groups, alternatives, fixed repeats and optional parts are followed; anything
 * else (`.`, `\w`, `\p{…}`, large classes, back-references, open repeats) is "any text", and
 * assertions (`^ $ \b`, look-arounds) match the empty string. When in doubt the answer is `null`
 * (no prefilter: the expression always runs), never a wrong set.
 *
 * Patterns are only ever tested on a line with its whitespace collapsed (`collapseWhitespace`):
 * every whitespace run there is one space. So white space in a pattern (`\s`, or a class of white
 * space only, such as `[\s\u00A0]`) is read as that space, and repeated it is one space or, when
 * it may be absent, none: `\s*` is "" or " ", `\s+` is " ".
 */

import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {caseFold} from '../text/fold.js'
import {collapsesToSpace} from '../text/normalize.js'

/** Most strings an `exact` set keeps before it becomes a `required` set. */
const EXACT_LIMIT = 32
/** Most strings a `required` set keeps before it says nothing. */
const REQUIRED_LIMIT = 256
/** Largest class range expanded to its characters. */
const RANGE_LIMIT = 16

interface Info {
  /** Every string the part can match (folded), when they are few; else null. */
  exact: string[] | null
  /** Strings one of which every match contains; null for no knowledge. */
  required: string[] | null
  /** Strings one of which every match starts with; null for no knowledge (`exact` implies it). */
  prefix?: string[] | null
  /** White space: the one space of a collapsed line (`exact` is `[' ']`). */
  space?: boolean
  /**
   * An optional part too varied for `exact` (`(?:…)?`, `(?:…)*`): it matches nothing, or a string
   * that starts with one of these. Only a sequence's prefixes read it; otherwise it is `ANY`.
   */
  optional?: string[]
}

const SPACE: Info = {exact: [' '], required: null, space: true}

const ANY: Info = {exact: null, required: null}
const EMPTY: Info = {exact: [''], required: null}
/** Longest prefix kept (prefilters use shorter ones). */
const PREFIX_CHARS = 16
/** Most strings the prefixes of a sequence's start are worked out for. */
const PREFIX_LIMIT = REQUIRED_LIMIT

class Unsupported extends Error {}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function asRequired(info: Info): string[] | null {
  if (info.exact) return info.exact.includes('') ? null : info.exact
  return info.required
}

/** The more selective of two required sets: the longer shortest string, then fewer strings. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b
  if (!b) return a
  const shortest = (set: string[]) => Math.min(...set.map((value) => value.length))
  const [lengthA, lengthB] = [shortest(a), shortest(b)]
  if (lengthA !== lengthB) return lengthA > lengthB ? a : b
  return a.length <= b.length ? a : b
}

/**
 * Strings one of which a match contains when it has one of `run` followed at once by one of
 * `prefixes`: each of the first then each of the second (`"/"` then `"ap"`: `"/ap"`). A string of
 * `run` that ends with another is left out (what the longer gives contains what the shorter gives).
 */
function joined(run: string[], prefixes: string[] | null): string[] | null {
  if (!prefixes || prefixes.includes('')) return null
  const ends = run.filter((value) => !run.some((other) => other !== value && value.endsWith(other)))
  if (ends.length * prefixes.length > REQUIRED_LIMIT) return null
  return unique(ends.flatMap((left) => prefixes.map((right) => left + right)))
}

/**
 * The strings of `values` a collapsed line can hold: none with two spaces in a row, and, at the
 * line's start (`anchored`), none starting with a space.
 */
function possible(values: string[], anchored: boolean): string[] {
  return values.filter((value) => !value.includes('  ') && !(anchored && value.startsWith(' ')))
}

/** A prefix set without the strings that start with another of its strings (they add nothing). */
function minimalPrefixes(set: string[]): string[] {
  return set.filter((value) => !set.some((other) => other !== value && value.startsWith(other)))
}

/** A required set without the strings that contain another of its strings (they add nothing). */
function minimal(set: string[]): string[] {
  return set.filter((value) => !set.some((other) => other !== value && value.includes(other)))
}

/** The strings every match of a part starts with, or null. */
function prefixOf(info: Info): string[] | null {
  return info.exact ?? info.prefix ?? null
}

/** The prefixes of `a` then `b`: what `a` matches exactly, followed by how `b` starts. */
function concatPrefix(a: Info, b: Info): string[] | null {
  if (!a.exact) {
    const prefix = prefixOf(a)
    return prefix && !prefix.includes('') ? prefix : null
  }
  const next = prefixOf(b) ?? ['']
  if (a.exact.length * next.length > PREFIX_LIMIT) return a.exact.includes('') ? null : a.exact
  const out: string[] = []
  for (const left of a.exact) for (const right of next) out.push((left + right).slice(0, PREFIX_CHARS))
  return unique(out)
}

function concat(a: Info, b: Info): Info {
  if (a.exact && b.exact && a.exact.length * b.exact.length <= EXACT_LIMIT) {
    const exact: string[] = []
    for (const left of a.exact) for (const right of b.exact) exact.push(left + right)
    return {exact: unique(exact), required: null}
  }
  return {exact: null, required: better(asRequired(a), asRequired(b)), prefix: concatPrefix(a, b)}
}

function alternation(parts: Info[]): Info {
  if (parts.every((part) => part.exact)) {
    const exact = unique(parts.flatMap((part) => part.exact!))
    if (exact.length <= EXACT_LIMIT) return {exact, required: null}
  }
  let prefix: string[] | null = []
  for (const part of parts) {
    const set = prefixOf(part)
    if (!set || !prefix) prefix = null
    else prefix.push(...set.map((value) => value.slice(0, PREFIX_CHARS)))
  }
  if (prefix) prefix = unique(prefix)
  if (prefix && prefix.length > REQUIRED_LIMIT) prefix = null
  const required: string[] = []
  for (const part of parts) {
    const set = asRequired(part)
    if (!set) return {exact: null, required: null, prefix}
    required.push(...set)
  }
  const set = unique(required)
  return set.length <= REQUIRED_LIMIT ? {exact: null, required: set, prefix} : {exact: null, required: null, prefix}
}

function repeat(atom: Info, min: number, max: number): Info {
  // A collapsed line holds no two white space characters in a row.
  if (atom.space) return min === 0 ? {exact: ['', ' '], required: null} : min === 1 ? SPACE : ANY
  if (min === 0) {
    if (max === 1 && atom.exact && atom.exact.length < EXACT_LIMIT) return {exact: unique([...atom.exact, '']), required: null}
    const prefix = prefixOf(atom)
    return prefix && !prefix.includes('') ? {...ANY, optional: prefix} : ANY
  }
  if (atom.exact && max === min && min <= 4 && atom.exact.length ** min <= EXACT_LIMIT) {
    let result: Info = EMPTY
    for (let count = 0; count < min; count++) result = concat(result, atom)
    return result
  }
  const prefix = prefixOf(atom)
  return {exact: null, required: asRequired(atom), prefix: prefix && !prefix.includes('') ? prefix : null}
}

function literal(character: string): Info {
  return {exact: [caseFold(character)], required: null}
}

class Parser {
  private position = 0
  /** Whether the alternative being read started with `^`. */
  anchoredHere = false

  constructor(private readonly source: string) {}

  parse(): Info {
    const info = this.disjunction()
    if (this.position !== this.source.length) throw new Unsupported('unbalanced')
    return info
  }

  /**
   * Whether every match starts at the start of the text (each top-level alternative starts with
   * `^`), and with which strings: then their union. Null otherwise.
   */
  anchoredPrefixes(): string[] | null {
    const prefixes: string[] = []
    do {
      const info = this.alternative()
      if (!this.anchoredHere) return null
      const prefix = prefixOf(info)
      if (!prefix || prefix.includes('')) return null
      prefixes.push(...prefix)
    } while (this.eat('|'))
    if (this.position !== this.source.length) throw new Unsupported('unbalanced')
    return minimalPrefixes(possible(unique(prefixes), true))
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.position + offset]
  }

  private eat(text: string): boolean {
    if (this.source.startsWith(text, this.position)) {
      this.position += text.length
      return true
    }
    return false
  }

  private disjunction(): Info {
    const parts = [this.alternative()]
    while (this.eat('|')) parts.push(this.alternative())
    return parts.length === 1 ? parts[0] : alternation(parts)
  }

  /**
   * A sequence of terms: runs of exactly known terms are joined into their strings; the best
   * required set of the runs and of the other terms is kept.
   */
  private alternative(): Info {
    let run: string[] = ['']
    let best: string[] | null = null
    let exact = true
    // How matches start: the exact run so far (`lead`) then the first term that is not exact; and
    // (`skipped`) how the matches start where an optional term (`optional`) did match something.
    let lead: string[] | null = ['']
    let prefix: string[] | null = null
    const skipped: string[] = []
    const anchored = this.peek() === '^'
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const term = this.term()
      if (lead) {
        if (term.exact && lead.length * term.exact.length <= PREFIX_LIMIT) {
          const next: string[] = []
          for (const left of lead) for (const right of term.exact) next.push((left + right).slice(0, PREFIX_CHARS))
          lead = possible(unique(next), anchored)
        } else if (term.optional && lead.length * term.optional.length <= PREFIX_LIMIT) {
          // The lead, then the term's start; or the term matched nothing and the lead goes on.
          for (const left of lead) for (const right of term.optional) skipped.push(...possible([(left + right).slice(0, PREFIX_CHARS)], anchored))
        } else {
          prefix = concatPrefix({exact: lead, required: null}, term)
          lead = null
        }
      }
      if (term.exact && run.length * term.exact.length <= EXACT_LIMIT) {
        run = concat({exact: run, required: null}, term).exact!
        continue
      }
      exact = false
      best = better(best, asRequired({exact: run, required: null}))
      best = better(best, joined(run, prefixOf(term)))
      if (term.exact) run = term.exact
      else {
        best = better(best, term.required)
        run = ['']
      }
    }
    if (lead) prefix = lead.includes('') ? null : lead
    if (prefix && skipped.length > 0) prefix = minimalPrefixes(unique([...skipped, ...prefix]))
    // Set last: the groups read above set it for their own alternatives.
    this.anchoredHere = anchored
    if (exact) return {exact: run, required: null}
    return {exact: null, required: better(best, asRequired({exact: run, required: null})), prefix}
  }

  private term(): Info {
    const character = this.peek()!
    if (character === '^' || character === '$') {
      this.position++
      return EMPTY
    }
    if (character === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.position += 2
      return EMPTY
    }
    if (this.eat('(?=') || this.eat('(?!') || this.eat('(?<=') || this.eat('(?<!')) {
      this.disjunction()
      if (!this.eat(')')) throw new Unsupported('unclosed look-around')
      return EMPTY
    }
    return this.quantified(this.atom())
  }

  private atom(): Info {
    const character = this.peek()!
    if (character === '(') {
      this.position++
      if (this.eat('?:')) {
        // a non-capturing group
      } else if (this.peek() === '?' && this.peek(1) === '<') {
        const close = this.source.indexOf('>', this.position)
        if (close === -1) throw new Unsupported('group name')
        this.position = close + 1
      } else if (this.peek() === '?') {
        throw new Unsupported('group modifier')
      }
      const inner = this.disjunction()
      if (!this.eat(')')) throw new Unsupported('unclosed group')
      return inner
    }
    if (character === '[') return this.characterClass()
    if (character === '.') {
      this.position++
      return ANY
    }
    if (character === '\\') return this.escape()
    if ('*+?{}|)]'.includes(character)) throw new Unsupported(`unexpected ${character}`)
    const point = this.source.codePointAt(this.position)!
    const text = String.fromCodePoint(point)
    this.position += text.length
    return literal(text)
  }

  private quantified(atom: Info): Info {
    let min: number
    let max: number
    const character = this.peek()
    if (character === '*') [min, max] = [0, Infinity]
    else if (character === '+') [min, max] = [1, Infinity]
    else if (character === '?') [min, max] = [0, 1]
    else if (character === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position))
      if (!match) throw new Unsupported('brace')
      min = Number(match[1])
      max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
      this.position += match[0].length - 1
    } else return atom
    this.position++
    this.eat('?')
    return repeat(atom, min, max)
  }

  /** An escape outside a class: a character, white space, or another class escape (any), or a back-reference (any). */
  private escape(): Info {
    if (this.peek(1) === 's') {
      this.position += 2
      return SPACE
    }
    const result = this.escapeValue(false)
    return result === undefined ? ANY : literal(result)
  }

  /** The character an escape stands for, or undefined for a class escape or back-reference. */
  private escapeValue(inClass: boolean): string | undefined {
    this.position++ // the backslash
    const character = this.peek()
    if (character === undefined) throw new Unsupported('trailing backslash')
    this.position++
    switch (character) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return undefined
      case 'p':
      case 'P': {
        const close = this.source.indexOf('}', this.position)
        if (this.peek() !== '{' || close === -1) throw new Unsupported('property escape')
        this.position = close + 1
        return undefined
      }
      case 't':
        return '\t'
      case 'n':
        return '\n'
      case 'v':
        return '\v'
      case 'f':
        return '\f'
      case 'r':
        return '\r'
      case 'b':
        if (inClass) return '\b'
        throw new Unsupported('word boundary')
      case '-':
        if (inClass) return '-'
        throw new Unsupported('escaped dash')
      case 'c': {
        const letter = this.peek()
        if (!letter || !/[A-Za-z]/.test(letter)) throw new Unsupported('control escape')
        this.position++
        return String.fromCharCode(letter.charCodeAt(0) % 32)
      }
      case 'x': {
        const hex = this.source.slice(this.position, this.position + 2)
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Unsupported('hex escape')
        this.position += 2
        return String.fromCharCode(parseInt(hex, 16))
      }
      case 'u': {
        const code = this.unicodeEscape()
        if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported('lone surrogate')
        return String.fromCodePoint(code)
      }
      case 'k':
        if (inClass) throw new Unsupported('\\k in a class')
        if (this.peek() !== '<' || this.source.indexOf('>', this.position) === -1) throw new Unsupported('named reference')
        this.position = this.source.indexOf('>', this.position) + 1
        return undefined
      default:
        if (character === '0' && !/[0-9]/.test(this.peek() ?? '')) return '\0'
        if (/[1-9]/.test(character)) {
          if (inClass) throw new Unsupported('back-reference in a class')
          while (/[0-9]/.test(this.peek() ?? '')) this.position++
          return undefined
        }
        if ('^$\\.*+?()[]{}|/'.includes(character)) return character
        throw new Unsupported(`escape \\${character}`)
    }
  }

  /** After `\u`: `{…}`, `XXXX`, or a surrogate pair `XXXX\uXXXX`. */
  private unicodeEscape(): number {
    if (this.peek() === '{') {
      const close = this.source.indexOf('}', this.position)
      const hex = this.source.slice(this.position + 1, close)
      if (close === -1 || !/^[0-9A-Fa-f]+$/.test(hex)) throw new Unsupported('unicode escape')
      this.position = close + 1
      return parseInt(hex, 16)
    }
    const hex = this.source.slice(this.position, this.position + 4)
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new Unsupported('unicode escape')
    this.position += 4
    const code = parseInt(hex, 16)
    if (code >= 0xd800 && code <= 0xdbff && this.source.startsWith('\\u', this.position)) {
      const low = this.source.slice(this.position + 2, this.position + 6)
      if (/^[0-9A-Fa-f]{4}$/.test(low)) {
        const lowCode = parseInt(low, 16)
        if (lowCode >= 0xdc00 && lowCode <= 0xdfff) {
          this.position += 6
          return (code - 0xd800) * 0x400 + (lowCode - 0xdc00) + 0x10000
        }
      }
    }
    return code
  }

  private classAtom(): string | undefined {
    if (this.peek() === '\\') return this.escapeValue(true)
    const point = this.source.codePointAt(this.position)
    if (point === undefined) throw new Unsupported('unclosed class')
    const text = String.fromCodePoint(point)
    this.position += text.length
    return text
  }

  private characterClass(): Info {
    this.position++ // [
    const negated = this.eat('^')
    const members: string[] = []
    let any = false
    while (this.peek() !== ']') {
      if (this.peek() === undefined) throw new Unsupported('unclosed class')
      // White space (not the start of a range, which is refused below).
      if (this.peek() === '\\' && this.peek(1) === 's' && !(this.peek(2) === '-' && this.peek(3) !== ']' && this.peek(3) !== undefined)) {
        this.position += 2
        members.push(' ')
        continue
      }
      const first = this.classAtom()
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.position++
        const last = this.classAtom()
        if (first === undefined || last === undefined) throw new Unsupported('class escape in a range')
        const from = first.codePointAt(0)!
        const to = last.codePointAt(0)!
        if (to < from) throw new Unsupported('range out of order')
        if (to - from > RANGE_LIMIT) any = true
        else for (let code = from; code <= to; code++) members.push(String.fromCodePoint(code))
        continue
      }
      if (first === undefined) any = true
      else members.push(first)
    }
    this.position++ // ]
    if (negated || any || members.length === 0) return ANY
    // Only white space: the one space of a collapsed line (its other white space is collapsed too).
    if (members.every((member) => member.length === 1 && collapsesToSpace(member.charCodeAt(0)))) return SPACE
    const exact = unique(members.map((member) => caseFold(member)))
    return exact.length <= EXACT_LIMIT ? {exact, required: null} : ANY
  }
}

/**
 * For a pattern anchored at the start (`^…` in every alternative): strings, case-folded with
 * `caseFold`, one of which every match of it (with the `iu` flags) starts the text with; `null`
 * otherwise. A much narrower test than `requiredLiterals`: most rule patterns start with `^`.
 */
export function anchoredPrefixes(pattern: string): string[] | null {
  try {
    const prefixes = new Parser(pattern).anchoredPrefixes()
    return prefixes && prefixes.length > 0 && prefixes.length <= REQUIRED_LIMIT ? prefixes : null
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}

/**
 * Strings, case-folded with `caseFold`, one of which every match of `pattern` (compiled with the
 * `iu` flags) contains; `null` when the pattern gives no such set (then it must always be tried).
 */
export function requiredLiterals(pattern: string): string[] | null {
  let info: Info
  try {
    info = new Parser(pattern).parse()
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
  const set = asRequired(info)
  if (!set || set.length === 0 || set.some((value) => value === '')) return null
  return minimal(set)
}

/** What a rule pattern's matcher is prefiltered by: its anchored prefixes, else its required literals. */
export interface PatternPrefilter {
  prefixes: string[] | null
  /** Only worked out when there are no prefixes. */
  literals: string[] | null
}

const prefilters = new Map<string, PatternPrefilter>()

/**
 * `anchoredPrefixes` of `pattern`, else its `requiredLiterals`, worked out once per process (or
 * given by `rememberPrefilters`): reading the built-in patterns took some 0.2 s in every thread.
 */
export function patternPrefilter(pattern: string): PatternPrefilter {
  let found = prefilters.get(pattern)
  if (!found) {
    const prefixes = anchoredPrefixes(pattern)
    found = {prefixes, literals: prefixes ? null : requiredLiterals(pattern)}
    prefilters.set(pattern, found)
  }
  return found
}

/** Prefilters worked out elsewhere, with the fingerprint (`prefilterFingerprint`) of the code that did it. */
export interface SavedPrefilters {
  fingerprint: string
  patterns: Record<string, PatternPrefilter>
}

/**
 * Prefilters `patternPrefilter` gave for these patterns in another process (`npm run build` saves
 * the built-in packs' with them) or another thread (the batch pool hands its threads the main
 * thread's). Taken only when this module is the one that worked them out: the fingerprint must be
 * `prefilterFingerprint()`.
 */
export function rememberPrefilters(saved: SavedPrefilters): void {
  if (saved.fingerprint === '' || saved.fingerprint !== prefilterFingerprint()) return
  for (const [pattern, prefilter] of Object.entries(saved.patterns)) if (!prefilters.has(pattern)) prefilters.set(pattern, prefilter)
}

/** Every prefilter this process has worked out or been given so far, for `rememberPrefilters` elsewhere. */
export function knownPrefilters(): SavedPrefilters {
  return {fingerprint: prefilterFingerprint(), patterns: Object.fromEntries(prefilters)}
}

let fingerprint: string | undefined

/**
 * The SHA-256 of this module's own text: prefilters saved by another version of it are not taken.
 * Empty when the module is not a file that can be read (bundled, say): then none are taken.
 */
export function prefilterFingerprint(): string {
  if (fingerprint === undefined) {
    try {
      fingerprint = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex')
    } catch {
      fingerprint = ''
    }
  }
  return fingerprint
}
