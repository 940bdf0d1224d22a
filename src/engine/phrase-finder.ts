/**
 * A rule's `contains` or `prefix` phrases (in their normal form) found in a line's normal form, as
 * one regular expression of all of them, with the `u` flag, found them:
 * `(?<![\p{L}\p{N}])(?:a|b|…)(?![\p{L}\p{N}])` (`contains`) or `^(?:a|b|…)(?![\p{L}\p{N}])`
 * (`prefix`). That is the leftmost place where some phrase stands between characters that are not
 * letters or digits, and there the first phrase in the rule's order.
 *
 * The phrases' occurrences are found with an automaton (`automaton.ts`) in one pass over the line
 * instead. V8 compiles such an expression when it first runs it, in every thread, and runs it in
 * time that grows with the number of phrases: for 100,000 phrases 3.6 s to compile and 1 ms a line.
 */

/** Calls `found(position, end)` for every occurrence in `text` of a phrase (its position in the rule's order, the index after it). */
export type Occurrences = (text: string, found: (position: number, end: number) => void) => void

/** Per UTF-16 code unit: 1 for a letter or digit (`[\p{L}\p{N}]`), made on first use. */
let letterOrDigit: Uint8Array | undefined
const letterOrDigitExpression = /^[\p{L}\p{N}]$/u

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

function isLetterOrDigit(codePoint: number): boolean {
  if (codePoint < 0x10000) return letterOrDigit![codePoint] === 1
  return letterOrDigitExpression.test(String.fromCodePoint(codePoint))
}

/** Whether `at` is between two code points of `text`: a phrase never starts or ends inside a surrogate pair. */
function atCodePointBoundary(text: string, at: number): boolean {
  return at <= 0 || at >= text.length || !(isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1)))
}

/** `(?<![\p{L}\p{N}])` at `at`: no letter or digit ends there. */
function noneBefore(text: string, at: number): boolean {
  if (at === 0) return true
  const code = text.charCodeAt(at - 1)
  if (isLowSurrogate(code) && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2))) return !isLetterOrDigit(text.codePointAt(at - 2)!)
  return !isLetterOrDigit(code)
}

/** `(?![\p{L}\p{N}])` at `at`: no letter or digit starts there. */
function noneAfter(text: string, at: number): boolean {
  return at >= text.length || !isLetterOrDigit(text.codePointAt(at)!)
}

export class PhraseFinder {
  private readonly lengths: Int32Array
  /** The first empty phrase (it matches wherever no letter or digit stands on either side), or -1. */
  private readonly empty: number

  /** `keys`: the phrases in their normal form; `occurrences`: their non-empty ones' occurrences. */
  constructor(
    keys: readonly string[],
    private readonly mode: 'contains' | 'prefix',
    private readonly occurrences: Occurrences
  ) {
    if (!letterOrDigit) {
      letterOrDigit = new Uint8Array(65536)
      for (let code = 0; code < 65536; code++) if (!isHighSurrogate(code) && !isLowSurrogate(code) && letterOrDigitExpression.test(String.fromCharCode(code))) letterOrDigit[code] = 1
    }
    this.lengths = Int32Array.from(keys, (key) => key.length)
    this.empty = keys.indexOf('')
  }

  /** The position (in the rule's order) of the phrase the expression would match in `text`, or -1. */
  find(text: string): number {
    return this.mode === 'contains' ? this.findInside(text) : this.findAtStart(text)
  }

  private findInside(text: string): number {
    let start = Number.POSITIVE_INFINITY
    let found = -1
    this.occurrences(text, (id, end) => {
      const at = end - this.lengths[id]
      if (at > start || (at === start && id > found)) return
      if (!atCodePointBoundary(text, at) || !atCodePointBoundary(text, end) || !noneBefore(text, at) || !noneAfter(text, end)) return
      start = at
      found = id
    })
    if (this.empty !== -1) {
      // The empty phrase matches at the first place with no letter or digit on either side. V8
      // tries the places inside a surrogate pair too, and there reads each half as a character.
      for (let at = 0; at <= text.length && at <= start; at++) {
        if (!noneBefore(text, at) || !noneAfter(text, at)) continue
        if (at < start || this.empty < found) found = this.empty
        break
      }
    }
    return found
  }

  private findAtStart(text: string): number {
    let found = -1
    this.occurrences(text, (id, end) => {
      if (end === this.lengths[id] && (found === -1 || id < found) && atCodePointBoundary(text, end) && noneAfter(text, end)) found = id
    })
    if (this.empty !== -1 && (found === -1 || this.empty < found) && noneAfter(text, 0)) found = this.empty
    return found
  }
}
