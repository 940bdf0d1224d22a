/**
 * Languages: the sample franc reads (detection itself is `text/franc.ts`) and language codes.
 *
 * franc reads a sample of the text, up to the 2,048 characters it reads: its sentences, from
 * the start, the middle and the end (`languageSample`), once per document.
 */

import {ISO_639_3_TO_1} from './text/language-codes.js'

const SAMPLE_CHARS = 2048

const iso6391To3 = new Map<string, string>([...ISO_639_3_TO_1].map(([three, one]) => [one, three]))

/** franc names individual languages where ISO 639-1 has only their macrolanguage. */
const MACROLANGUAGE_1 = new Map(Object.entries({cmn: 'zh', arb: 'ar', pes: 'fa', zsm: 'ms', ekk: 'et', lvs: 'lv', azj: 'az', uzn: 'uz', swh: 'sw', plt: 'mg', khk: 'mn', npi: 'ne', ory: 'or', gaz: 'om', nob: 'nb', ydd: 'yi', quy: 'qu', kmr: 'ku', ckb: 'ku'}))

/** A detected or given language. */
export interface Language {
  /** ISO 639-3 code, or `und` when unknown. */
  iso6393: string
  /** ISO 639-1 code when the language has one, else the 639-3 code. */
  code: string
}

export const UNDETERMINED: Language = {iso6393: 'und', code: 'und'}

/** Turn a 639-1 or 639-3 code into a `Language`; unknown codes are kept as they are. */
export function toLanguage(code: string): Language {
  const lower = code.trim().toLowerCase()
  if (lower === 'und' || lower === '') return UNDETERMINED
  if (lower.length === 2) return {iso6393: iso6391To3.get(lower) ?? lower, code: lower}
  return {iso6393: lower, code: ISO_639_3_TO_1.get(lower) ?? MACROLANGUAGE_1.get(lower) ?? lower}
}

/** Whether `language` is one of `codes` (each 639-1 or 639-3). */
export function languageMatches(language: Language, codes: readonly string[]): boolean {
  return codes.some((code) => {
    const wanted = toLanguage(code)
    return wanted.iso6393 === language.iso6393 || wanted.code === language.code
  })
}

/** How many pieces a long text's sample is cut into, each from another part of the text. */
const SAMPLE_PIECES = 8
/** How much of a line's start its prose features are read from (a huge line is judged by its start). */
const PROBE_CHARS = 80

/** A line shorter than this is not read as prose (menus, labels, dates). */
const MIN_PROSE_CHARS = 16

const OTHER = 0
const LOWER = 1
const UPPER = 2
const UNCASED = 3

/**
 * Whether a UTF-16 code unit is a letter, and its case: a rough, cheap reading of the script blocks
 * (no look-up, no allocation). Letters of Latin Extended and other cased blocks it does not sort
 * out are read as uncased letters.
 */
function charKind(code: number): number {
  if (code < 0x80) return code >= 97 && code <= 122 ? LOWER : code >= 65 && code <= 90 ? UPPER : OTHER
  if (code < 0xc0 || code === 0xd7 || code === 0xf7) return OTHER
  if (code <= 0xff) return code < 0xdf ? UPPER : LOWER
  if (code >= 0x391 && code <= 0x3a9) return UPPER
  if (code >= 0x3ac && code <= 0x3ce) return LOWER
  if (code >= 0x400 && code <= 0x42f) return UPPER
  if (code >= 0x430 && code <= 0x45f) return LOWER
  // Punctuation, symbols, CJK punctuation, surrogates (mostly emoji), variation selectors, full-width punctuation.
  if ((code >= 0x2000 && code <= 0x2bff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xd800 && code <= 0xdfff) || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xff00 && code <= 0xff20)) return OTHER
  return UNCASED
}

/** Whether a code unit ends a sentence (. ! ? … and their CJK, Devanagari and Arabic forms). */
function endsSentence(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026 || code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x0964 || code === 0x061f
}

/** Whether a code unit may follow a sentence's end: closing quotes and brackets. */
function closesSentence(code: number): boolean {
  return code === 34 || code === 39 || code === 41 || code === 93 || code === 0x2019 || code === 0x201d || code === 0xbb
}

/**
 * How much a line (trimmed) reads like prose: 2 for a sentence (several words, mostly letters, not
 * most words capitalised, ending like a sentence), 1 for such a line without the ending, 0 for
 * anything else (menus, names, numbers, headings, lists of names). Read off the line's first
 * `PROBE_CHARS`.
 */
export function proseLevel(line: string): 0 | 1 | 2 {
  if (line.length < MIN_PROSE_CHARS) return 0
  const end = Math.min(line.length, PROBE_CHARS)
  let letters = 0
  let other = 0
  let words = 0
  let cased = 0
  let capitalised = 0
  let inWord = false
  for (let index = 0; index < end; index++) {
    const code = line.charCodeAt(index)
    if (code === 32 || code === 9 || code === 0xa0 || code === 0x3000) {
      inWord = false
      continue
    }
    const kind = code < 0x80 ? ((code | 32) >= 97 && (code | 32) <= 122 ? (code >= 97 ? LOWER : UPPER) : OTHER) : charKind(code)
    if (kind === OTHER) other++
    else letters++
    if (!inWord) {
      words++
      inWord = true
      if (kind === LOWER) cased++
      else if (kind === UPPER) {
        cased++
        capitalised++
      }
    }
  }
  // Several words, or a long run of letters in a script written without spaces.
  if (letters < 3 * other || (words < 4 && letters < 20) || capitalised * 2 > cased) return 0
  let last = line.length - 1
  while (last > 0 && closesSentence(line.charCodeAt(last))) last--
  return endsSentence(line.charCodeAt(last)) ? 2 : 1
}

/**
 * Up to `budget` characters of `lines` (in text order), as if they were joined with newlines: all
 * of them when they fit, else `SAMPLE_PIECES` pieces from evenly spread places (so a huge line gives
 * pieces from several places within it), each trimmed to whole words.
 */
function spreadPieces(lines: readonly string[], budget: number, into: string[]): void {
  let total = -1
  for (const line of lines) total += line.length + 1
  if (total <= budget) {
    into.push(...lines)
    return
  }
  const size = Math.floor(budget / SAMPLE_PIECES) - 1
  let line = 0
  let lineStart = 0
  for (let piece = 0; piece < SAMPLE_PIECES; piece++) {
    // The piece centred on the middle of its share of the text.
    const at = Math.max(0, Math.floor(((piece + 0.5) * total) / SAMPLE_PIECES - size / 2))
    while (line < lines.length - 1 && at >= lineStart + lines[line].length + 1) lineStart += lines[line++].length + 1
    const parts: string[] = []
    let left = size
    let from = at - lineStart
    let index = line
    let cut = false
    while (left > 0 && index < lines.length) {
      const text = lines[index].slice(from, from + left)
      cut = from + left < lines[index].length
      parts.push(text)
      left -= text.length + 1
      from = 0
      index++
    }
    let text = parts.join('\n')
    // Whole words: drop a word cut at either end (when the piece has another).
    const first = text.search(/\s/)
    if (at - lineStart > 0 && first > 0 && first < 40) text = text.slice(first + 1)
    const lastSpace = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'))
    if (cut && lastSpace > text.length - 40 && lastSpace > 0) text = text.slice(0, lastSpace)
    text = text.trim()
    if (text !== '') into.push(text)
  }
}

/**
 * The text franc reads for `lines`: up to `SAMPLE_CHARS` characters of the lines that read most like
 * prose, sentences first, then prose without an ending, then the other lines, each group spread over
 * the whole text (start, middle and end) when it is longer than the room left. Pages start with
 * menus, and a text's longest line can be a list of names; its sentences are what tells its language.
 * Linear in the text: a line's prose features are read off its start.
 */
export function languageSample(lines: readonly string[]): string {
  const levels: string[][] = [[], [], []]
  for (const line of lines) {
    const text = line.trim()
    if (text !== '') levels[proseLevel(text)].push(text)
  }
  const parts: string[] = []
  let room = SAMPLE_CHARS
  for (const level of [levels[2], levels[1], levels[0]]) {
    if (room <= SAMPLE_PIECES * 8 || level.length === 0) continue
    const before = parts.length
    spreadPieces(level, room, parts)
    for (let index = before; index < parts.length; index++) room -= parts[index].length + 1
  }
  // Joined at once, the sample is one flat string: built by `+=`, it was a chain of pieces that
  // franc's loops, which read it a character at a time, walked through.
  return parts.join('\n').slice(0, SAMPLE_CHARS)
}
