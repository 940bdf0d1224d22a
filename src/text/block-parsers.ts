/**
 * The NLCST parsers decruft reads each line with: parse-latin's and parse-english's own classes
 * with two changes that leave the trees' shape exactly as theirs (the test suite compares them on
 * every line of the benchmark data):
 *
 * - `tokenize` classifies each UTF-16 code unit once (white space, punctuation, word or symbol, as
 *   parse-latin's own `tokenize` classifies it, remembered in a table) instead of testing three
 *   regular expressions on every character;
 * - nodes carry no positions, and the `patchPosition` transform is left out. parse-latin shares one
 *   point object between a node and its first or last child, so moving a line's points into the whole
 *   text moved some of them several times; `withPositions` gives every node its own points instead;
 * - the transform that breaks a sentence at a blank line (white space holding two line breaks) runs
 *   only when some white space in a sentence holds a line break. It splits the value of every white
 *   space node to count its lines, which made it a sixth of all the memory a document's cleaning
 *   allocated, and a line of text never holds a line break.
 */

import type {Node, Point} from 'unist'
import type {Root} from 'nlcst'
import {ParseLatin} from 'parse-latin'
import {ParseEnglish} from 'parse-english'

type Literal = {type: string; value: string}
type TokenType = 'WhiteSpaceNode' | 'PunctuationNode' | 'WordNode' | 'SymbolNode'

const TYPES: readonly TokenType[] = ['WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode']
/** The token types `eachToken` gives: 1 + the type's index in `TYPES`. */
export const WHITE_SPACE = 1
export const PUNCTUATION = 2
export const WORD = 3
export const SYMBOL = 4

/** Token type (1 + its index in `TYPES`) per code unit, filled as code units are met. */
const unitTypes = new Uint8Array(65536)
const reference = new ParseLatin()

/** The token type of code unit `code`, learnt from parse-latin's tokenizer the first time it is met. */
function learnType(code: number): number {
  const token = reference.tokenize(String.fromCharCode(code))[0]
  return (unitTypes[code] = TYPES.indexOf(token.type as TokenType) + 1)
}

function token(type: number, value: string) {
  return type === WORD ? {type: 'WordNode', children: [{type: 'TextNode', value}]} : {type: TYPES[type - 1], value}
}

/**
 * parse-latin's tokenizer, as offsets: runs of word characters and of white space are one token
 * each, a run of one punctuation or symbol character repeated is one token, surrogates continue
 * their token. `each(context, type, start, end)` gets each token's type (1 white space, 2
 * punctuation, 3 word, 4 symbol), start and end; `context` is handed through, so a caller in a hot
 * loop needs no closure.
 */
export function eachToken<C>(value: string, context: C, each: (context: C, type: number, start: number, end: number) => void): void {
  let from = 0
  let previousType = 0
  let previous = -1
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    const type = unitTypes[code] || learnType(code)
    if (from < index && !(previousType === type && (type === WORD || type === WHITE_SPACE || code === previous || (code >= 0xd800 && code <= 0xdfff)))) {
      each(context, previousType, from, index)
      from = index
    }
    previousType = type
    previous = code
  }
  if (from < value.length) each(context, previousType, from, value.length)
}

/** parse-latin's `tokenize`: the tokens of `eachToken` as NLCST nodes. */
function tokenize(value: string | null | undefined) {
  const children: Array<ReturnType<typeof token>> = []
  if (value) eachToken(value, children, (list, type, start, end) => list.push(token(type, value.slice(start, end))))
  return children
}

const latin = ParseLatin.prototype
/** `patchPosition`: the one transform every level runs. */
const positionPatches = new Set<unknown>(
  latin.tokenizeSentencePlugins.filter((plugin) => latin.tokenizeParagraphPlugins.includes(plugin as never) && latin.tokenizeRootPlugins.includes(plugin as never))
)
const withoutPositions = <T extends unknown[]>(plugins: T): T => plugins.filter((plugin) => !positionPatches.has(plugin)) as T

type ParagraphPlugin = ParseLatin['tokenizeParagraphPlugins'][number]
type Parent = Parameters<ParagraphPlugin>[0]

/**
 * parse-latin's paragraph transform that breaks a sentence at white space holding two line breaks:
 * found by what it does to a sentence with a blank line inside (no other transform splits it).
 */
const breakImplicitSentences = latin.tokenizeParagraphPlugins.find((plugin) => {
  const probe = {
    type: 'ParagraphNode',
    children: [{type: 'SentenceNode', children: [token(WORD, 'a'), {type: 'WhiteSpaceNode', value: '\n\n'}, token(WORD, 'b')]}]
  } as unknown as Parent
  plugin(probe)
  return probe.children.length === 3
})

/** Whether white space inside one of a paragraph's sentences holds a line break. */
function hasLineBreakInSentence(paragraph: Parent): boolean {
  for (const sentence of paragraph.children) {
    if (sentence.type !== 'SentenceNode') continue
    for (const child of sentence.children) {
      if (child.type === 'WhiteSpaceNode' && (child.value.includes('\n') || child.value.includes('\r'))) return true
    }
  }
  return false
}

/** `breakImplicitSentences`, run only where it can break a sentence. */
const guardedBreak: ParagraphPlugin = (paragraph) => {
  if (breakImplicitSentences && hasLineBreakInSentence(paragraph)) breakImplicitSentences(paragraph)
}

function fast(Base: typeof ParseLatin): typeof ParseLatin {
  const Parser = class extends Base {}
  const prototype = Parser.prototype
  prototype.tokenize = tokenize as unknown as ParseLatin['tokenize']
  prototype.tokenizeSentencePlugins = withoutPositions(Base.prototype.tokenizeSentencePlugins)
  prototype.tokenizeParagraphPlugins = withoutPositions(Base.prototype.tokenizeParagraphPlugins).map((plugin) =>
    plugin === breakImplicitSentences ? guardedBreak : plugin
  )
  prototype.tokenizeRootPlugins = withoutPositions(Base.prototype.tokenizeRootPlugins)
  return Parser
}

const FastLatin = fast(ParseLatin)
const FastEnglish = fast(ParseEnglish as typeof ParseLatin)

export type BlockParser = (value: string) => Root

let latinParser: BlockParser | undefined
let englishParser: BlockParser | undefined

function parseWith(parser: ParseLatin): BlockParser {
  return (value) => parser.parse(value)
}

/** A line's tree, without positions, as retext-latin (`english`: retext-english) shapes it. */
export function blockParser(family: 'english' | 'latin'): BlockParser {
  if (family === 'english') return (englishParser ??= parseWith(new FastEnglish()))
  return (latinParser ??= parseWith(new FastLatin()))
}

/**
 * Give every node of a line's tree its own position, `offset` being where the line starts in the
 * whole text and `line` its 1-based number (a line holds no line break, so columns are offsets in it
 * plus one). Returns the length of text under `node`.
 */
export function withPositions(node: Node, line: number, offset: number, at = 0): number {
  const start = at
  if ('value' in node && typeof (node as Literal).value === 'string') at += (node as Literal).value.length
  else {
    const children = (node as Node & {children?: Node[]}).children
    if (children) for (const child of children) at = withPositions(child, line, offset, at)
  }
  node.position = {start: point(line, offset, start), end: point(line, offset, at)}
  return at
}

function point(line: number, offset: number, at: number): Point {
  return {line, column: at + 1, offset: offset + at}
}
