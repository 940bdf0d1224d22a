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
