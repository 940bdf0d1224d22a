/**
 * A case fold for prefilters: `caseFold(a) === caseFold(b)` whenever a regular expression with the
 * `i` and `u` flags treats `a` and `b` as the same character (ECMAScript canonicalizes them with
 * Unicode simple case folding). So when such an expression matches a text, the fold of the literal
 * text it required is a substring of the fold of that text, and a literal that is missing from the
 * folded text proves the expression cannot match.
 *
 * The fold of a character is the lower case of its upper case (when that is one character), else
 * its lower case: `ſ` → `s`, `K` (Kelvin) → `k`, `ς` → `σ`, `ϑ` → `θ`, `ẞ` → `ß`. The test suite
 * checks the property over every cased character of the running Node's Unicode tables; the few
 * foldings case mapping does not give are listed.
 */

// Simple case foldings that case mapping does not give (Unicode 14+): ΐ ΰ and the ſt/st ligatures.
const cache = new Map<number, string>([
  [0x1fd3, '\u0390'],
  [0x0390, '\u0390'],
  [0x1fe3, '\u03b0'],
  [0x03b0, '\u03b0'],
  [0xfb05, '\ufb06'],
  [0xfb06, '\ufb06']
])

function foldCodePoint(code: number): string {
  let folded = cache.get(code)
  if (folded === undefined) {
    const character = String.fromCodePoint(code)
    const upper = character.toUpperCase()
    folded = ([...upper].length === 1 ? upper : character).toLowerCase()
    cache.set(code, folded)
  }
  return folded
}

/** The fold of one character (a code point). */
export function foldCharacter(character: string): string {
  return foldCodePoint(character.codePointAt(0)!)
}

/** Whether every code unit of `text` is ASCII. */
export function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0x80) return false
  return true
}

/**
 * Per BMP code unit: 1 when its fold is its lower case, 2 when not (or when lower-casing a text may
 * not lower-case it alone: Σ becomes ς at a word's end, and surrogates are read in pairs); 0 until
 * the code unit is first met.
 */
const foldIsLower = new Uint8Array(65536)

function learnFoldIsLower(code: number): number {
  const same = !(code >= 0xd800 && code <= 0xdfff) && code !== 0x03a3 && foldCodePoint(code) === String.fromCharCode(code).toLowerCase()
  return (foldIsLower[code] = same ? 1 : 2)
}

/**
 * The fold of a text, character by character. When every character's fold is its lower case (ASCII,
 * and most text in any script), that is the text's lower case, which the engine computes at once.
 */
export function caseFold(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) continue
    if ((foldIsLower[code] || learnFoldIsLower(code)) === 2) return foldEach(text)
  }
  return text.toLowerCase()
}

/** `caseFold` one character at a time. */
function foldEach(text: string): string {
  let out = ''
  let plainFrom = 0
  let index = 0
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x41 || (code > 0x5a && code < 0x80)) continue
    if (code <= 0x5a) {
      out += text.slice(plainFrom, index) + String.fromCharCode(code + 32)
      plainFrom = index + 1
      continue
    }
    const point = text.codePointAt(index)!
    const width = point > 0xffff ? 2 : 1
    out += text.slice(plainFrom, index) + foldCodePoint(point)
    index += width - 1
    plainFrom = index + 1
  }
  return plainFrom === 0 ? text : out + text.slice(plainFrom)
}
