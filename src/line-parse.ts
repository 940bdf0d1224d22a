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
 * words' start and end in the line; or, `packed`, each word in one number (`packWords`).
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
    /** Whether each word is one number (`packWords`), not two. */
    readonly packed = false
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
    const step = this.packed ? 1 : 2
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
    for (let index = 0; index < total; index++) {
      const count = data[at + 2]
      at += 3
      if (this.packed) {
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
    if (this.packed) {
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
    const data = this.data
    const total = data[this.base]
    const spans: Array<[number, number]> = []
    const step = this.packed ? 1 : 2
    let at = this.base + 1
    for (let sentence = 0; sentence < total; sentence++) {
      spans.push([data[at], data[at + 1]])
      at += 3 + step * data[at + 2]
    }
    return spans
  }

  /** The paragraph node rules read, for the line's text. */
  toParagraph(text: string): Paragraph {
    const data = this.data
    const total = data[this.base]
    const children: Sentence[] = []
    let at = this.base + 1
    for (let sentence = 0; sentence < total; sentence++) {
      const start = data[at]
      const end = data[at + 1]
      const count = data[at + 2]
      at += 3
      const words: Word[] = []
      for (let word = 0; word < count; word++) {
        let start: number
        let end: number
        if (this.packed) {
          start = data[at] & WORD_START
          end = start + (data[at++] >>> LENGTH_SHIFT)
        } else {
          start = data[at++]
          end = data[at++]
        }
        words.push({type: 'WordNode', children: [{type: 'TextNode', value: text.slice(start, end)}]})
      }
      const node: Sentence = {type: 'SentenceNode', children: words}
      node.position = {start: {line: this.lineIndex + 1, column: 1, offset: start}, end: {line: this.lineIndex + 1, column: 1, offset: end}}
      children.push(node)
    }
    return {type: 'ParagraphNode', children, position: this.position, data: {line: this.lineIndex}} as Paragraph
  }

  /** The line's numbers alone, in an array of their own, each word as two (not packed). */
  numbers(): Int32Array {
    const data = this.data
    const numbers: number[] = [data[this.base]]
    let at = this.base + 1
    for (let sentence = data[this.base]; sentence > 0; sentence--) {
      const count = data[at + 2]
      numbers.push(data[at], data[at + 1], count)
      at += 3
      for (let word = 0; word < count; word++) {
        if (this.packed) {
          const start = data[at] & WORD_START
          numbers.push(start, start + (data[at++] >>> LENGTH_SHIFT))
        } else numbers.push(data[at++], data[at++])
      }
    }
    return Int32Array.from(numbers)
  }
}

/** The longest line whose words can be packed: a word's start and length each take 16 bits. */
export const MAX_PACKED_LINE = 0xffff

/** The arena flag of a line whose words are packed. */
export const PACKED = 1

const WORD_START = 0xffff
const LENGTH_SHIFT = 16

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
    return arena.has(index) ? new LineParse(arena.data(index), this.lines[index], arena.start(index), arena.flag(index) === PACKED) : undefined
  }
}
