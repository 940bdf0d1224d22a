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
 * tree takes some 50 bytes per byte of text; this, in 32-bit integers, under 2) and builds the
 * paragraph node a rule asks for when it asks (`toParagraph`): sentence nodes with their positions, holding their word
 * nodes (each with one text node). Whitespace, punctuation and symbol nodes are left out: rules
 * count words and sentences and read words' text, nothing else.
 *
 * Layout of the numbers, from `base` in `data` (an array of their own, or a document's arena):
 * sentence count, then per sentence: start and end offset in the whole text, word count, and the
 * words' start and end in the line.
 */
export class LineParse implements WordSource {
  readonly lineIndex: number
  private readonly start: number
  private readonly end: number

  constructor(
    readonly data: Int32Array,
    line: Line,
    /** Where the line's numbers start in `data`. */
    readonly base = 0
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
    for (let sentence = 0; sentence < total; sentence++) {
      const count = data[at + 2]
      if (count > 0) sentences++
      words += count
      at += 3 + 2 * count
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
      for (let item = 0; item < count; item++, at += 2) word(text.slice(data[at], data[at + 1]))
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
    let at = this.base + 1
    for (let sentence = 0; sentence < total; sentence++) {
      spans.push([data[at], data[at + 1]])
      at += 3 + 2 * data[at + 2]
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
      for (let word = 0; word < count; word++, at += 2) {
        words.push({type: 'WordNode', children: [{type: 'TextNode', value: text.slice(data[at], data[at + 1])}]})
      }
      const node: Sentence = {type: 'SentenceNode', children: words}
      node.position = {start: {line: this.lineIndex + 1, column: 1, offset: start}, end: {line: this.lineIndex + 1, column: 1, offset: end}}
      children.push(node)
    }
    return {type: 'ParagraphNode', children, position: this.position, data: {line: this.lineIndex}} as Paragraph
  }

  /** The line's numbers alone, in an array of their own. */
  numbers(): Int32Array {
    const data = this.data
    let at = this.base + 1
    for (let sentence = data[this.base]; sentence > 0; sentence--) at += 3 + 2 * data[at + 2]
    return data.slice(this.base, at)
  }
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
    return arena.has(index) ? new LineParse(arena.data(index), this.lines[index], arena.start(index)) : undefined
  }
}
