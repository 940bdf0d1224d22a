/**
 * How much heap cleaning a document takes, from its shape: a thread cleans a document only when
 * that fits in the heap its `--memory-budget` leaves for one (heap-limits.ts), so a document too
 * large for it is passed through as `too large` at once, instead of running its thread out of memory.
 *
 * Size alone does not tell: per byte of text, a document on one line takes four times the heap of
 * an article on many lines (all of the line's sentences and words are alive at once), and a
 * document of very short lines takes far more (each line has its records, and each removed line its
 * removal). The estimate adds up what each part of a text costs, measured as the smallest old
 * generation each of twenty texts of nine shapes (articles, short lines, one line, long lines,
 * whole pages, Chinese, Cyrillic and Greek, Latin-1 only, and lines of one word, all repeated) was
 * cleaned in, less the thread's own heap (docs/cli.md, "Limits"). The costs are the least that lie at
 * or above every measurement.
 */

/** What the estimate reads of a text: one pass over its characters. */
export interface TextShape {
  /** UTF-16 code units. */
  chars: number
  /** Lines holding more than white space. */
  lines: number
  /** The longest line, in code units. */
  longest: number
  /** Code units in lines of more than `LONG_LINE` of them. */
  inLongLines: number
  /** Kana and CJK ideographs (U+3040–U+9FFF, U+F900–U+FAFF): each is a word of its own to the parser. */
  ideographs: number
  /**
   * Other code units past U+00FF (Cyrillic, Greek, typographic quotes, …): the folded forms of a line
   * that holds one are new strings of two bytes a character.
   */
  wide: number
}

/**
 * Lines longer than this many code units cost more per character (`inLongLines`): the sentences
 * kind cuts every line of 400 or more into sentences, each with its own folded form. The costs were
 * fitted with this threshold.
 */
const LONG_LINE = 1000

/** Heap, in bytes, that each unit of a shape takes (fitted; see the module's comment). */
const BYTES_PER_CHAR = 4.6
const BYTES_PER_CHAR_IN_LONG_LINES = 0.5
const BYTES_PER_CHAR_OF_LONGEST = 14.75
const BYTES_PER_LINE = 540
const BYTES_PER_IDEOGRAPH = 7
const BYTES_PER_WIDE_CHAR = 3.5

/**
 * Room for what the measurements did not see (other texts, other collections' timing): the estimate
 * is a tenth above the fitted costs.
 */
const MARGIN = 1.1

/**
 * The most heap a code unit of any text can take, by the estimate: every character a line of its
 * own, past U+00FF, and the longest line. A text of fewer code units than a heap over this holds
 * fits without its shape being read.
 */
const MOST_PER_CHAR =
  MARGIN * (BYTES_PER_CHAR + BYTES_PER_CHAR_IN_LONG_LINES + BYTES_PER_CHAR_OF_LONGEST + BYTES_PER_LINE + Math.max(BYTES_PER_IDEOGRAPH, BYTES_PER_WIDE_CHAR))

/**
 * The least heap a byte of UTF-8 text can take, by the estimate: a character of three bytes past
 * U+07FF costs less per byte than a letter of ASCII. No document of more bytes than a heap over this
 * holds can fit: larger files are passed through without being read.
 */
export const LEAST_PER_BYTE =
  MARGIN *
  Math.min(
    BYTES_PER_CHAR,
    (BYTES_PER_CHAR + BYTES_PER_WIDE_CHAR) / 2,
    (BYTES_PER_CHAR + Math.min(BYTES_PER_IDEOGRAPH, BYTES_PER_WIDE_CHAR)) / 3,
    // Four bytes: two code units.
    (2 * (BYTES_PER_CHAR + BYTES_PER_WIDE_CHAR)) / 4
  )

/** Whether a code unit is white space for telling blank lines (ASCII controls, space, no-break space). */
function isBlank(code: number): boolean {
  return code <= 32 || code === 0xa0
}

/** The shape of `text`, in one pass. */
export function textShape(text: string): TextShape {
  let lines = 0
  let longest = 0
  let inLongLines = 0
  let ideographs = 0
  let wide = 0
  let start = 0
  let filled = false
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 10
    if (code === 10) {
      const length = at - start
      if (filled) lines++
      if (length > longest) longest = length
      if (length > LONG_LINE) inLongLines += length
      start = at + 1
      filled = false
    } else {
      if (!filled && !isBlank(code)) filled = true
      if (code > 0xff) {
        if ((code >= 0x3040 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) ideographs++
        else wide++
      }
    }
  }
  return {chars: text.length, lines, longest, inLongLines, ideographs, wide}
}

/** The heap, in bytes, that cleaning a text of `shape` takes beyond the thread's own. */
export function cleaningHeap(shape: TextShape): number {
  const bytes =
    BYTES_PER_CHAR * shape.chars +
    BYTES_PER_CHAR_IN_LONG_LINES * shape.inLongLines +
    BYTES_PER_CHAR_OF_LONGEST * shape.longest +
    BYTES_PER_LINE * shape.lines +
    BYTES_PER_IDEOGRAPH * shape.ideographs +
    BYTES_PER_WIDE_CHAR * shape.wide
  return Math.ceil(MARGIN * bytes)
}

/**
 * Undefined when `text` fits in `heap` bytes; else the heap it takes. A short text fits whatever its
 * shape, and is not read.
 */
export function heapBeyond(text: string, heap: number): number | undefined {
  if (text.length * MOST_PER_CHAR <= heap) return undefined
  const needed = cleaningHeap(textShape(text))
  return needed <= heap ? undefined : needed
}

/**
 * The least heap any text takes per byte of its string: its bytes as V8 holds them (one a character
 * where every character is at most U+00FF, else two). Measured over nine shapes, the smallest
 * old generation a text was cleaned in, less the rules, was 2.1 (lines of 5,000 characters) to 9
 * (one line) times its string (docs/cli.md, "Limits").
 */
const LEAST_HEAP_PER_STRING_BYTE = 2

/** The bytes V8 holds `text` in: one a code unit where every one is at most U+00FF, else two. */
export function stringBytes(text: string): number {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0xff) return 2 * text.length
  return text.length
}

/**
 * Undefined when `text` may fit in `heap` bytes as far as its size tells; else the heap its shape
 * takes, by the estimate. For `--max-doc-bytes`, which judges documents by size alone: a text whose
 * string alone would fill a thread's heap made V8 abort the whole process instead of ending the
 * thread (Node's heap limits of worker threads are best-effort: nodejs/node#47224), so a text that
 * would not fit at the least any shape takes per byte of its string is never tried.
 */
export function beyondTheFloor(text: string, heap: number): number | undefined {
  // A string takes at most two bytes a code unit: read the text only when that does not tell.
  if (LEAST_HEAP_PER_STRING_BYTE * 2 * text.length <= heap) return undefined
  if (LEAST_HEAP_PER_STRING_BYTE * stringBytes(text) <= heap) return undefined
  return cleaningHeap(textShape(text))
}

/**
 * The bytes V8 will hold the string of UTF-8 `bytes` in, read off the bytes without decoding them:
 * a code unit per character (two for one of four bytes), each one byte where every character is at
 * most U+00FF (lead bytes up to 0xC3), else two.
 */
export function utf8StringBytes(bytes: Uint8Array): number {
  let units = 0
  let wide = false
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]
    if (byte < 0x80) units++
    else if (byte >= 0xc0) {
      units += byte >= 0xf0 ? 2 : 1
      if (byte >= 0xc4) wide = true
    }
  }
  return wide ? 2 * units : units
}

/**
 * Whether a text of UTF-8 `bytes` cannot fit in `heap` whatever its shape, checked before they are
 * decoded (decoding makes the string). The bytes are read only when their size does not tell: a
 * string takes at most two bytes a byte of UTF-8.
 */
export function bytesBeyondTheFloor(bytes: Uint8Array, heap: number): boolean {
  if (LEAST_HEAP_PER_STRING_BYTE * 2 * bytes.length <= heap) return false
  return LEAST_HEAP_PER_STRING_BYTE * utf8StringBytes(bytes) > heap
}

/**
 * Whether a JSON Lines line of `bytes` bytes cannot fit in `heap` whatever it holds, checked before
 * it is parsed: its text may be as little as a sixth of its bytes (`\u00e9` is six bytes for one
 * character of one byte). The text parsed is checked again (`beyondTheFloor`).
 */
export function lineBeyondTheFloor(bytes: number, heap: number): boolean {
  return (LEAST_HEAP_PER_STRING_BYTE * bytes) / 6 > heap
}
