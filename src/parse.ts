/**
 * The parser plugin: text → lines (blocks) with exact offsets → one NLCST paragraph per non-blank
 * line, parsed with parse-english (what retext-english reads with) for English and parse-latin for
 * every other language (`text/block-parsers.ts`).
 *
 * Each block is parsed on its own: parse-latin slows down badly on multi-megabyte single inputs,
 * and a line is the unit every rule works on. Blank lines and line endings become `WhiteSpaceNode`s,
 * so the tree's text is exactly the input's.
 *
 * The cleaner's own pipeline (`compact`) keeps no tree: each line's sentences and words are read
 * as offsets by `text/segment.ts`, which splits them as the same parsers do.
 */

import type {Paragraph, Root, RootContent, Sentence, Word} from 'nlcst'
import type {Point} from 'unist'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'
import {languageSample, toLanguage, type Language} from './language.js'
import {detectLanguage} from './text/franc.js'
import {splitLines, type Line, type LineEnding} from './text/lines.js'
import {blockParser, withPositions} from './text/block-parsers.js'
import {segmentLine} from './text/segment.js'

declare module 'vfile' {
  interface DataMap {
    /** The document's lines, as split by the parser. */
    lines: Line[]
    /** The line ending used for the output. */
    eol: LineEnding
    /** The document's language. */
    language: Language
    /** The text franc read (empty when the language was given). */
    languageSample: string
    /** The paragraph node of each line (undefined for blank lines). */
    paragraphs: Array<Paragraph | undefined>
    /** With `compact`: what rules read of each line's parse (undefined for blank lines). */
    lineParses: Array<LineParse | undefined>
  }
}

export interface ParseOptions {
  /** ISO 639-1 or 639-3 code, or `auto` (default) to detect it with franc. */
  lang?: string
  /** Keep lines' parses as `LineParse`s (`file.data.lineParses`), not as a tree. */
  compact?: boolean
  /** With `compact`: how a line is read (default `parseLineCompact`, the fast segmenter). */
  lineParser?: LineParser
}

/** Reads one line of a document in a language into a `LineParse`. */
export type LineParser = (line: Line, language: Language) => LineParse

/** Which retext parser a language is read with. */
export function parserFamily(language: Language): 'english' | 'latin' {
  return language.iso6393 === 'eng' ? 'english' : 'latin'
}

function whiteSpace(value: string, start: number, end: number, lines: Line[], file: VFile): RootContent {
  return {
    type: 'WhiteSpaceNode',
    value,
    position: {start: pointAt(start, lines, file), end: pointAt(end, lines, file)}
  }
}

function pointAt(offset: number, lines: Line[], file: VFile): Point {
  // Called only at line boundaries, so a short search from the end is enough.
  const text = String(file.value)
  let low = 0
  let high = lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (lines[middle].start <= offset) low = middle
    else high = middle - 1
  }
  const line = lines[low]
  if (!line) return {line: 1, column: 1, offset}
  if (offset > line.end && offset <= text.length) {
    // Inside a line ending: report it as the end of that line.
    return {line: low + 1, column: line.end - line.start + 1, offset}
  }
  return {line: low + 1, column: offset - line.start + 1, offset}
}

/** Parse one line (block) into a paragraph whose positions point into the whole text. */
export function parseLine(line: Line, language: Language): Paragraph {
  const root = blockParser(parserFamily(language))(line.text)
  const paragraph: Paragraph = {
    type: 'ParagraphNode',
    children: root.children.flatMap((child) =>
      child.type === 'ParagraphNode' ? child.children : child.type === 'WhiteSpaceNode' ? [child] : []
    ),
    data: {line: line.index}
  } as Paragraph
  withPositions(paragraph, line.index + 1, line.start)
  return paragraph
}

/** A line's parse read as words by sentence. */
export interface WordSource {
  /** Call `word` with each word's text, and `sentence` with each sentence's word count after its words. */
  eachWord(text: string, word: (value: string) => void, sentence: (words: number) => void): void
}

/** A paragraph node as a `WordSource`. */
export function paragraphWords(paragraph: Paragraph): WordSource {
  return {
    eachWord(_text, word, sentence) {
      for (const child of paragraph.children) {
        if (child.type !== 'SentenceNode') continue
        let count = 0
        for (const node of child.children) {
          if (node.type !== 'WordNode') continue
          count++
          word(node.children.map((part) => ('value' in part ? part.value : '')).join(''))
        }
        sentence(count)
      }
    }
  }
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
 * Layout of `data`: sentence count, then per sentence: start and end offset in the whole text,
 * word count, and the words' start and end in the line.
 */
export class LineParse implements WordSource {
  readonly lineIndex: number
  private readonly start: number
  private readonly end: number

  constructor(
    readonly data: Int32Array,
    line: Line
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
    let words = 0
    let sentences = 0
    let at = 1
    for (let sentence = 0; sentence < data[0]; sentence++) {
      const count = data[at + 2]
      if (count > 0) sentences++
      words += count
      at += 3 + 2 * count
    }
    return {words, sentences}
  }

  eachWord(text: string, word: (value: string) => void, sentence: (words: number) => void): void {
    const data = this.data
    let at = 1
    for (let index = 0; index < data[0]; index++) {
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
    let sentences = 0
    let at = 1
    for (let index = 0; index < data[0]; index++) {
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
    const spans: Array<[number, number]> = []
    let at = 1
    for (let sentence = 0; sentence < data[0]; sentence++) {
      spans.push([data[at], data[at + 1]])
      at += 3 + 2 * data[at + 2]
    }
    return spans
  }

  /** The paragraph node rules read, for the line's text. */
  toParagraph(text: string): Paragraph {
    const data = this.data
    const children: Sentence[] = []
    let at = 1
    for (let sentence = 0; sentence < data[0]; sentence++) {
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
}

/**
 * A `LineParse` from sentence nodes with positions (offsets in the whole text), as the retext
 * parsers give them: each sentence's span, and its words' spans in the line.
 */
export function lineParseOfSentences(sentences: readonly Sentence[], line: Line): LineParse {
  const numbers: number[] = [0]
  for (const sentence of sentences) {
    const words = sentence.children.filter((child) => child.type === 'WordNode')
    numbers[0]++
    numbers.push(sentence.position!.start.offset!, sentence.position!.end.offset!, words.length)
    for (const word of words) numbers.push(word.position!.start.offset! - line.start, word.position!.end.offset! - line.start)
  }
  return new LineParse(Int32Array.from(numbers), line)
}

/** `parseLine` (the retext parsers as they are), kept as a `LineParse`. */
export function parseLineWithParser(line: Line, language: Language): LineParse {
  const paragraph = parseLine(line, language)
  return lineParseOfSentences(
    paragraph.children.filter((child): child is Sentence => child.type === 'SentenceNode'),
    line
  )
}

/** `parseLine`, kept as a `LineParse`: the same sentences and words, read without building the tree. */
export function parseLineCompact(line: Line, language: Language): LineParse {
  return new LineParse(segmentLine(line.text, parserFamily(language), line.start), line)
}

/**
 * Parse `file` into a tree of per-line paragraphs. With `compact` (the cleaner's own pipeline) the
 * lines' parses are kept as `LineParse`s in `file.data.lineParses` and the tree has no children.
 */
export function parseDocument(file: VFile, options: ParseOptions = {}): Root {
  const text = String(file.value)
  const {lines, eol} = splitLines(text)
  const wanted = file.data.decruftOptions?.lang ?? options.lang
  const sample = wanted && wanted !== 'auto' ? '' : languageSample(lines.map((line) => line.text))
  const language = wanted && wanted !== 'auto' ? toLanguage(wanted) : detectLanguage(sample)
  file.data.lines = lines
  file.data.eol = eol
  file.data.language = language
  file.data.languageSample = sample
  const end = pointAt(text.length, lines, file)
  if (options.compact) {
    const read = options.lineParser ?? parseLineCompact
    file.data.lineParses = lines.map((line) => (line.blank ? undefined : read(line, language)))
    return {type: 'RootNode', children: [], position: {start: {line: 1, column: 1, offset: 0}, end}}
  }
  const paragraphs: Array<Paragraph | undefined> = []
  const children: RootContent[] = []
  let cursor = 0

  for (const line of lines) {
    if (line.blank) {
      paragraphs.push(undefined)
      continue
    }
    if (line.start > cursor) children.push(whiteSpace(text.slice(cursor, line.start), cursor, line.start, lines, file))
    const paragraph = parseLine(line, language)
    paragraphs.push(paragraph)
    children.push(paragraph)
    cursor = line.end
  }
  if (cursor < text.length) children.push(whiteSpace(text.slice(cursor), cursor, text.length, lines, file))
  file.data.paragraphs = paragraphs
  return {type: 'RootNode', children, position: {start: {line: 1, column: 1, offset: 0}, end}}
}

/** unified plugin: set the parser. */
export const decruftParse: Plugin<[ParseOptions?], string, Root> = function (options) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this as unknown as Processor<Root>
  self.parser = (_document: string, file: VFile) => parseDocument(file, options ?? {})
}
