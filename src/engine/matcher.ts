/**
 * Compiles a rule's `phrases` and `patterns` into one matcher over lines.
 *
 * Phrases are literal and compared in the normal form of `normalize.ts`: with `match: exact` the
 * whole line must be the phrase (decorative punctuation around it aside), with `prefix` the line must
 * start with it, with `contains` it may stand anywhere between word boundaries. Patterns are regular
 * expressions tested against the line with its whitespace collapsed, with the `i` and `u` flags.
 */

import {collapseWhitespace, escapeRegExp, foldText, normalizeLabel} from '../text/normalize.js'

export interface MatchSource {
  /** The line as written. */
  text: string
  /** The line with whitespace runs collapsed and trimmed. */
  collapsed: string
  /** Case-folded, whitespace collapsed. */
  folded: string
  /** Folded, decorative punctuation stripped from both ends. */
  label: string
}

export interface LineMatch {
  /** What matched, for the report: `phrase “…”` or `pattern /…/`. */
  via: string
}

export interface LineMatcher {
  test(source: MatchSource): LineMatch | undefined
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

const wordBoundaryBefore = '(?<![\\p{L}\\p{N}])'
const wordBoundaryAfter = '(?![\\p{L}\\p{N}])'

export function createMatcher(spec: MatcherSpec): LineMatcher {
  const mode = spec.match ?? 'exact'
  const phrases = (spec.phrases ?? []).map((phrase) => ({phrase, key: mode === 'exact' ? normalizeLabel(phrase) : foldText(phrase)}))
  const patterns = (spec.patterns ?? []).map((pattern, index) => ({pattern, expression: compilePattern(pattern, index)}))
  // One alternation tests all of a rule's patterns at once; which one matched is looked up on a hit.
  const anyPattern = patterns.length > 1 ? compilePattern(patterns.map(({pattern}) => `(?:${pattern})`).join('|'), 0) : patterns[0]?.expression
  const exact = new Map<string, string>()
  let phraseExpression: RegExp | undefined

  if (mode === 'exact') {
    for (const {phrase, key} of phrases) if (key) exact.set(key, phrase)
  } else if (phrases.length > 0) {
    const alternatives = phrases.map(({key}) => escapeRegExp(key)).join('|')
    phraseExpression =
      mode === 'prefix'
        ? new RegExp(`^(?:${alternatives})${wordBoundaryAfter}`, 'u')
        : new RegExp(`${wordBoundaryBefore}(?:${alternatives})${wordBoundaryAfter}`, 'u')
  }

  return {
    test(source) {
      if (exact.size > 0) {
        const phrase = exact.get(source.label)
        if (phrase !== undefined) return {via: `phrase “${phrase}”`}
      }
      if (phraseExpression) {
        // A prefix may follow decorative punctuation ("» Lesen Sie auch: …").
        const subject = mode === 'prefix' ? source.folded.replace(/^[\p{P}\p{S}\s]+/u, '') : source.folded
        const match = phraseExpression.exec(subject)
        if (match) {
          const found = phrases.find(({key}) => key === match[0])
          return {via: `phrase “${found ? found.phrase : match[0]}”`}
        }
      }
      if (anyPattern && anyPattern.test(source.collapsed)) {
        const found = patterns.find(({expression}) => expression.test(source.collapsed))
        return {via: describePattern(found ? found.pattern : patterns[0].pattern)}
      }
      return undefined
    }
  }
}
