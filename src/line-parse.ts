/**
 * A line's parse as the rules read it (`LineParse`: its sentences and words as offsets), and a
 * document's parses kept in one arena (`LineParses`), read as `LineParse`s when a rule asks.
 */

import type {Paragraph, Sentence, Word} from 'nlcst'
import type {Line} from './text/lines.js'
import type {ParseArena} from './text/parse-arena.js'

/** A line's parse read as words by sentence. */
export interface WordSource {
  /** Call `word` with each word's text, and `sentence` with each sentence's word count after its words. */
  eachWord(text: string, word: (value: string) => void, sentence: (words: number) => void): void
}

/**
 * What the rules read of a line's parse, in a few numbers: its sentences (their offsets in the
 * whole text) and each sentence's words (offsets in the line). The classifier reads
 * every word of every line in every pass, so the cleaner keeps this instead of the NLCST tree (a
 * tree takes some 50 bytes per byte of text; this, in 32-bit integers, about 1) and builds the
 * paragraph node a rule asks for when it asks (`toParagraph`): sentence nodes with their positions, holding their word
 * nodes (each with one text node). Whitespace, punctuation and symbol nodes are left out: rules
 * count words and sentences and read words' text, nothing else.
 *
 * Layout of the numbers, from `base` in `data` (an array of their own, or a document's arena):
 * sentence count, then per sentence: start and end offset in the whole text, word count, and the
 * words' start and end in the line (`WIDE`); or each word in one number (`PACKED`, `packWords`); or
 * each sentence's offsets in the line in one number and two words in each number (`COMPACT`,
 * `compactWords`).
 */
export class LineParse implements WordSource {
  readonly lineIndex: number
  private readonly start: number
  private readonly end: number

  constructor(
    readonly data: Int32Array,
    line: Line,
    /** Where the line's numbers start in `data`. */
    readonly base = 0,
    /** How the numbers are laid out: `WIDE`, `PACKED` or `COMPACT`. */
    readonly layout: Layout = WIDE
  ) {
    this.lineIndex = line.index
    this.start = line.start
    this.end = line.end
  }

  /** The line's paragraph position. */
  get position(): NonNullable<Paragraph['position']> {
    return {
      start: {line: this.lineIndex + 1, column: 1, offset: this.start},
      end: {line: this.lineIndex + 1, column: this.end - this.start + 1, offset: this.end}
    }
  }

  /** Words and sentences (sentences with at least one word), as `blockStats` counts them. */
  counts(): {words: number; sentences: number} {
    const data = this.data
    const total = data[this.base]
    let words = 0
    let sentences = 0
    let at = this.base + 1
    if (this.layout === COMPACT) {
      for (let sentence = 0; sentence < total; sentence++) {
        const count = data[at + 1]
        if (count > 0) sentences++
        words += count
        at += 2 + ((count + 1) >> 1)
      }
      return {words, sentences}
    }
    const step = this.layout === PACKED ? 1 : 2
    for (let sentence = 0; sentence < total; sentence++) {
      const count = data[at + 2]
      if (count > 0) sentences++
      words += count
      at += 3 + step * count
    }
    return {words, sentences}
  }

  eachWord(text: string, word: (value: string) => void, sentence: (words: number) => void): void {
    const data = this.data
    const total = data[this.base]
    let at = this.base + 1
    if (this.layout === COMPACT) {
      for (let index = 0; index < total; index++) {
        let end = data[at] & SPAN_START
        const count = data[at + 1]
        at += 2
        // Two words a number: the first in its low half, the second in its high half.
        for (let item = 0; item < count; item += 2) {
          const pair = data[at++]
          let start = end + (pair & GAP_MASK)
          end = start + ((pair >>> LENGTH_BITS) & GAP_MASK)
          word(text.slice(start, end))
          if (item + 1 === count) break
          start = end + ((pair >>> HALF) & GAP_MASK)
          end = start + (pair >>> (HALF + LENGTH_BITS))
          word(text.slice(start, end))
        }
        sentence(count)
      }
      return
    }
    for (let index = 0; index < total; index++) {
      const count = data[at + 2]
      at += 3
      if (this.layout === PACKED) {
        for (let item = 0; item < count; item++, at++) {
          const start = data[at] & WORD_START
          word(text.slice(start, start + (data[at] >>> LENGTH_SHIFT)))
        }
      } else for (let item = 0; item < count; item++, at += 2) word(text.slice(data[at], data[at + 1]))
      sentence(count)
    }
  }

  /**
   * Each word's start and end in the line's text, for a hot loop, with no closure to make:
   * `word(context, start, end)` for each word. Returns how many sentences have words.
   */
  eachWordSpanOf<C>(context: C, word: (context: C, start: number, end: number) => void): number {
    const data = this.data
    const total = data[this.base]
    let sentences = 0
    let at = this.base + 1
    if (this.layout === COMPACT) {
      for (let index = 0; index < total; index++) {
        let end = data[at] & SPAN_START
        const count = data[at + 1]
        at += 2
        for (let item = 0; item < count; item += 2) {
          const pair = data[at++]
          let start = end + (pair & GAP_MASK)
          end = start + ((pair >>> LENGTH_BITS) & GAP_MASK)
          word(context, start, end)
          if (item + 1 === count) break
          start = end + ((pair >>> HALF) & GAP_MASK)
          end = start + (pair >>> (HALF + LENGTH_BITS))
          word(context, start, end)
        }
        if (count > 0) sentences++
      }
      return sentences
    }
    if (this.layout === PACKED) {
      for (let index = 0; index < total; index++) {
        const count = data[at + 2]
        at += 3
        for (let item = 0; item < count; item++, at++) {
          const start = data[at] & WORD_START
          word(context, start, start + (data[at] >>> LENGTH_SHIFT))
        }
        if (count > 0) sentences++
      }
      return sentences
    }
    for (let index = 0; index < total; index++) {
      const count = data[at + 2]
      at += 3
      for (let item = 0; item < count; item++, at += 2) word(context, data[at], data[at + 1])
      if (count > 0) sentences++
    }
    return sentences
  }

  /** Each sentence's start and end offset in the whole text, in order (as `toParagraph`'s sentence positions). */
  sentenceSpans(): Array<[number, number]> {
    // The sentences' own numbers alone: the sentences kind asks this of every long line, and its words are skipped.
    const data = this.data
    const total = data[this.base]
    const spans: Array<[number, number]> = []
    let at = this.base + 1
    for (let sentence = 0; sentence < total; sentence++) {
      if (this.layout === COMPACT) {
        spans.push([this.start + (data[at] & SPAN_START), this.start + (data[at] >>> HALF)])
        at += 2 + ((data[at + 1] + 1) >> 1)
      } else {
        spans.push([data[at], data[at + 1]])
        at += 3 + (this.layout === PACKED ? 1 : 2) * data[at + 2]
      }
    }
    return spans
  }

  /** The paragraph node rules read, for the line's text. */
  toParagraph(text: string): Paragraph {
    const children: Sentence[] = []
    this.eachSentence((start, end, words) => {
      const node: Sentence = {type: 'SentenceNode', children: words.map((span) => ({type: 'WordNode', children: [{type: 'TextNode', value: text.slice(span[0], span[1])}]}) as Word)}
      node.position = {start: {line: this.lineIndex + 1, column: 1, offset: start}, end: {line: this.lineIndex + 1, column: 1, offset: end}}
      children.push(node)
    })
    return {type: 'ParagraphNode', children, position: this.position, data: {line: this.lineIndex}} as Paragraph
  }

  /** The line's numbers alone, in an array of their own, each word as two (`WIDE`). */
  numbers(): Int32Array {
    const numbers: number[] = [this.data[this.base]]
    this.eachSentence((start, end, words) => {
      numbers.push(start, end, words.length)
      for (const [wordStart, wordEnd] of words) numbers.push(wordStart, wordEnd)
    })
    return Int32Array.from(numbers)
  }

  /**
   * Each sentence in order: its start and end offset in the whole text and its words' start and end
   * in the line (for the readers that build objects anyway; the hot loops above read the numbers
   * themselves).
   */
  private eachSentence(sentence: (start: number, end: number, words: Array<[number, number]>) => void): void {
    const data = this.data
    const total = data[this.base]
    let at = this.base + 1
    for (let index = 0; index < total; index++) {
      const words: Array<[number, number]> = []
      if (this.layout === COMPACT) {
        const start = data[at] & SPAN_START
        const end = data[at] >>> HALF
        const count = data[at + 1]
        at += 2
        let wordEnd = start
        for (let item = 0; item < count; item++) {
          const code = item & 1 ? data[at + (item >> 1)] >>> HALF : data[at + (item >> 1)] & HALF_MASK
          const wordStart = wordEnd + (code & GAP_MASK)
          wordEnd = wordStart + (code >>> LENGTH_BITS)
          words.push([wordStart, wordEnd])
        }
        at += (count + 1) >> 1
        sentence(this.start + start, this.start + end, words)
        continue
      }
      const start = data[at]
      const end = data[at + 1]
      const count = data[at + 2]
      at += 3
      for (let item = 0; item < count; item++) {
        if (this.layout === PACKED) {
          const wordStart = data[at] & WORD_START
          words.push([wordStart, wordStart + (data[at++] >>> LENGTH_SHIFT)])
        } else {
          words.push([data[at], data[at + 1]])
          at += 2
        }
      }
      sentence(start, end, words)
    }
  }
}

/** How a line's numbers are laid out (`LineParse`): each word as two numbers. */
export const WIDE = 0
/** Each word in one number: its start in the low 16 bits, its length in the high ones (`packWords`). */
export const PACKED = 1
/**
 * Each sentence's start and end in the line in one number (16 bits each), and two words in each
 * number, 16 bits a word: the characters since the previous word's end (or the sentence's start) in
 * its low 8 bits and its length in the high 8 (`compactWords`).
 */
export const COMPACT = 2
export type Layout = typeof WIDE | typeof PACKED | typeof COMPACT

/** The longest line whose words can be packed: a word's start and length each take 16 bits. */
export const MAX_PACKED_LINE = 0xffff

const WORD_START = 0xffff
const LENGTH_SHIFT = 16
const SPAN_START = 0xffff
const HALF = 16
const HALF_MASK = 0xffff
const GAP_MASK = 0xff
const LENGTH_BITS = 8
/** The largest gap or length a `COMPACT` word can have. */
const MAX_COMPACT = 0xff

/**
 * Pack the words of a line's numbers (`LineParse`'s layout, in `numbers[0..length)`) in place: each
 * word's start and end become one number, the start in its low 16 bits and the length in its high
 * ones. Only for a line of at most `MAX_PACKED_LINE` characters. Returns the numbers' new length.
 * Words are most of a parse's numbers: the numbers of a document's lines take about half as much.
 */
export function packWords(numbers: Int32Array, length: number): number {
  let from = 1
  let to = 1
  for (let sentence = numbers[0]; sentence > 0 && from < length; sentence--) {
    const count = numbers[from + 2]
    numbers[to] = numbers[from]
    numbers[to + 1] = numbers[from + 1]
    numbers[to + 2] = count
    from += 3
    to += 3
    for (let word = 0; word < count; word++, from += 2) numbers[to++] = numbers[from] | ((numbers[from + 1] - numbers[from]) << LENGTH_SHIFT)
  }
  return to
}

/**
 * Whether a line's numbers (`WIDE`, in `numbers[0..length)`, the line starting at `lineStart` in the
 * whole text) fit `COMPACT`: each sentence inside the first 65,536 characters of the line, and each
 * word at most 255 characters long and at most 255 after the previous word's end (or its
 * sentence's start). Nearly every line of prose does.
 */
export function fitsCompact(numbers: Int32Array, length: number, lineStart: number): boolean {
  let at = 1
  for (let sentence = numbers[0]; sentence > 0; sentence--) {
    if (at + 3 > length) return false
    const start = numbers[at] - lineStart
    const end = numbers[at + 1] - lineStart
    const count = numbers[at + 2]
    if (start < 0 || start > MAX_PACKED_LINE || end < 0 || end > MAX_PACKED_LINE || at + 3 + 2 * count > length) return false
    at += 3
    let previous = start
    for (let word = 0; word < count; word++, at += 2) {
      const gap = numbers[at] - previous
      const size = numbers[at + 1] - numbers[at]
      if (gap < 0 || gap > MAX_COMPACT || size < 0 || size > MAX_COMPACT) return false
      previous = numbers[at + 1]
    }
  }
  return true
}

/**
 * Lay out a line's numbers `COMPACT` in place (only when `fitsCompact`); returns their new length.
 * A word takes a quarter of what it takes `WIDE` and half of what it takes `PACKED`, so a
 * document's parses take about half the memory they take packed.
 */
export function compactWords(numbers: Int32Array, length: number, lineStart: number): number {
  let from = 1
  let to = 1
  for (let sentence = numbers[0]; sentence > 0 && from < length; sentence--) {
    // Read before writing: the numbers are rewritten over themselves, never ahead of what is read.
    const start = numbers[from] - lineStart
    const end = numbers[from + 1] - lineStart
    const count = numbers[from + 2]
    numbers[to] = start | (end << HALF)
    numbers[to + 1] = count
    from += 3
    to += 2
    let previous = start
    for (let word = 0; word < count; word++, from += 2) {
      const wordStart = numbers[from]
      const wordEnd = numbers[from + 1]
      const code = (wordStart - previous) | ((wordEnd - wordStart) << LENGTH_BITS)
      previous = wordEnd
      if (word & 1) numbers[to++] |= code << HALF
      else numbers[to] = code
    }
    if (count & 1) to++
  }
  return to
}

/**
 * Lay out a line's numbers (`WIDE`, in `numbers[0..length)`) as tightly as they fit, in place: the
 * line's layout in the low two bits of the result, its numbers' new length above them.
 */
export function packLine(numbers: Int32Array, length: number, lineStart: number, lineLength: number): number {
  if (lineLength > MAX_PACKED_LINE) return length * 4 + WIDE
  if (fitsCompact(numbers, length, lineStart)) return compactWords(numbers, length, lineStart) * 4 + COMPACT
  return packWords(numbers, length) * 4 + PACKED
}

/**
 * The parses of a document's lines, by original line index, kept in one arena: each is read as a
 * `LineParse` (a small object over the arena's numbers) when asked for, and never held per line.
 */
export class LineParses {
  constructor(
    readonly arena: ParseArena,
    private readonly lines: readonly Line[]
  ) {}

  /** How many lines there are. */
  get length(): number {
    return this.lines.length
  }

  /** The parse of original line `index`, or undefined for a blank line. */
  get(index: number): LineParse | undefined {
    const arena = this.arena
    return arena.has(index) ? new LineParse(arena.data(index), this.lines[index], arena.start(index), arena.flag(index) as Layout) : undefined
  }
}
