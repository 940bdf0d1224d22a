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

import type {Paragraph, Root, RootContent, Sentence} from 'nlcst'
import type {Point} from 'unist'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'
import {languageSample, toLanguage, type Language} from './language.js'
import {detectLanguage} from './text/franc.js'
import {sampleFits, type SiteLanguageOf} from './site-language.js'
import {splitLines, type Line, type LineEnding} from './text/lines.js'
import {blockParser, withPositions} from './text/block-parsers.js'
import {segmentLine, segmentLineInto} from './text/segment.js'
import {LineParse, LineParses, packLine, type WordSource} from './line-parse.js'
import {ParseArena} from './text/parse-arena.js'

export {LineParse, LineParses, type WordSource} from './line-parse.js'

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
    /** With `compact`: what rules read of each line's parse, by line index (none for blank lines). */
    lineParses: LineParses
  }
}

export interface ParseOptions {
  /** ISO 639-1 or 639-3 code, or `auto` (default) to detect it with franc. */
  lang?: string
  /** Keep lines' parses as `LineParse`s (`file.data.lineParses`), not as a tree. */
  compact?: boolean
  /** With `compact`: how a line is read (default `parseLineCompact`, the fast segmenter). */
  lineParser?: LineParser
  /**
   * With `lang` auto: the language of the document's site (a config's `siteLanguages`), used instead
   * of detecting one when the document's sample reads as it (`sampleFits`).
   */
  siteLanguage?: SiteLanguageOf
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
 * The numbers a line's parse takes, per character of text, about (measured on the benchmark's
 * texts: 0.11 for extractor output, 0.16 for whole pages, laid out `COMPACT`): the size of an
 * arena's first chunk.
 */
const NUMBERS_PER_CHAR = 0.15

/** Every non-blank line of `lines` read with `read` (by default the fast segmenter), in one arena. */
export function parseArena(text: string, lines: readonly Line[], language: Language, read?: LineParser): ParseArena {
  const arena = new ParseArena(lines.length, text.length * NUMBERS_PER_CHAR)
  const family = parserFamily(language)
  for (const line of lines) {
    if (line.blank) continue
    if (!read) {
      segmentLineInto(arena, line.index, line.text, family, line.start)
      continue
    }
    const numbers = read(line, language).numbers()
    const packed = packLine(numbers, numbers.length, line.start, line.text.length)
    arena.add(line.index, numbers, packed >>> 2, packed & 3)
  }
  return arena
}

/**
 * Parse `file` into a tree of per-line paragraphs. With `compact` (the cleaner's own pipeline) the
 * lines' parses are kept as `LineParse`s in `file.data.lineParses` and the tree has no children.
 */
export function parseDocument(file: VFile, options: ParseOptions = {}): Root {
  const text = String(file.value)
  const {lines, eol} = splitLines(text)
  const wanted = file.data.decruftOptions?.lang ?? options.lang
  // An empty code, like `auto`, asks for detection.
  const given = wanted !== undefined && wanted !== '' && wanted !== 'auto'
  const sample = given ? '' : languageSample(lines.map((line) => line.text))
  let language: Language
  if (given) language = toLanguage(wanted)
  else {
    const site = options.siteLanguage?.(file.data.decruftOptions ?? {})
    language = site && sampleFits(sample, site) ? site : detectLanguage(sample)
  }
  file.data.lines = lines
  file.data.eol = eol
  file.data.language = language
  file.data.languageSample = sample
  const end = pointAt(text.length, lines, file)
  if (options.compact) {
    file.data.lineParses = new LineParses(parseArena(text, lines, language, options.lineParser), lines)
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
