/**
 * The parser plugin: text → lines (blocks) with exact offsets → one NLCST paragraph per non-blank
 * line, parsed with retext-english for English and retext-latin for every other language.
 *
 * Each block is parsed on its own: parse-latin slows down badly on multi-megabyte single inputs,
 * and a line is the unit every rule works on. Blank lines and line endings become `WhiteSpaceNode`s,
 * so the tree's text is exactly the input's.
 */

import type {Paragraph, Root, RootContent} from 'nlcst'
import type {Node, Point} from 'unist'
import {unified, type Plugin, type Processor} from 'unified'
import retextEnglish from 'retext-english'
import retextLatin from 'retext-latin'
import type {VFile} from 'vfile'
import {detectSampleLanguage, languageSample, toLanguage, type Language} from './language.js'
import {splitLines, type Line} from './text/lines.js'

declare module 'vfile' {
  interface DataMap {
    /** The document's lines, as split by the parser. */
    lines: Line[]
    /** The line ending used for the output. */
    eol: '\n' | '\r\n'
    /** The document's language. */
    language: Language
    /** The text franc read (empty when the language was given). */
    languageSample: string
    /** The paragraph node of each line (undefined for blank lines). */
    paragraphs: Array<Paragraph | undefined>
  }
}

export interface ParseOptions {
  /** ISO 639-1 or 639-3 code, or `auto` (default) to detect it with franc. */
  lang?: string
}

type BlockParser = (value: string) => Root

/** Which retext parser a language is read with. */
export function parserFamily(language: Language): 'english' | 'latin' {
  return language.iso6393 === 'eng' ? 'english' : 'latin'
}

let englishParser: BlockParser | undefined
let latinParser: BlockParser | undefined

function blockParser(language: Language): BlockParser {
  if (parserFamily(language) === 'english') {
    if (!englishParser) {
      const processor = unified().use(retextEnglish) as unknown as Processor<Root>
      englishParser = (value) => processor.parse(value)
    }
    return englishParser
  }
  if (!latinParser) {
    const processor = unified().use(retextLatin) as unknown as Processor<Root>
    latinParser = (value) => processor.parse(value)
  }
  return latinParser
}

function shift(node: Node, line: number, offset: number): void {
  const position = node.position
  if (position) {
    movePoint(position.start, line, offset)
    movePoint(position.end, line, offset)
  }
  const children = (node as Node & {children?: Node[]}).children
  if (children) for (const child of children) shift(child, line, offset)
}

function movePoint(point: Point, line: number, offset: number): void {
  point.line = line
  if (point.offset !== undefined) point.offset += offset
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
  const root = blockParser(language)(line.text)
  const paragraph: Paragraph = {
    type: 'ParagraphNode',
    children: root.children.flatMap((child) =>
      child.type === 'ParagraphNode' ? child.children : child.type === 'WhiteSpaceNode' ? [child] : []
    ),
    position: {
      start: {line: line.index + 1, column: 1, offset: line.start},
      end: {line: line.index + 1, column: line.end - line.start + 1, offset: line.end}
    },
    data: {line: line.index}
  } as Paragraph
  for (const child of paragraph.children) shift(child, line.index + 1, line.start)
  return paragraph
}

/** Parse `file` into a tree of per-line paragraphs. */
export function parseDocument(file: VFile, options: ParseOptions = {}): Root {
  const text = String(file.value)
  const {lines, eol} = splitLines(text)
  const wanted = file.data.decruftOptions?.lang ?? options.lang
  const sample = wanted && wanted !== 'auto' ? '' : languageSample(lines.map((line) => line.text))
  const language = wanted && wanted !== 'auto' ? toLanguage(wanted) : detectSampleLanguage(sample)
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

  file.data.lines = lines
  file.data.eol = eol
  file.data.language = language
  file.data.languageSample = sample
  file.data.paragraphs = paragraphs
  return {type: 'RootNode', children, position: {start: {line: 1, column: 1, offset: 0}, end: pointAt(text.length, lines, file)}}
}

/** unified plugin: set the parser. */
export const decruftParse: Plugin<[ParseOptions?], string, Root> = function (options) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this as unknown as Processor<Root>
  self.parser = (_document: string, file: VFile) => parseDocument(file, options ?? {})
}
