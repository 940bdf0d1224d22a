/**
 * The retext parsers, as they are: retext-english (parse-english) for English and retext-latin
 * (parse-latin, through retext) for every other language. The
 * tree path (`parseLine`, `decruftParse` without `compact`) and the retext plugin read lines with
 * them; the cleaner's own pipeline reads lines with `segment.ts`, which the test suite compares
 * with these parsers.
 */

import type {Node, Point} from 'unist'
import type {Root} from 'nlcst'
import {retext} from 'retext'
import retextEnglish from 'retext-english'
import {unified} from 'unified'

type Literal = {type: string; value: string}

export type BlockParser = (value: string) => Root

const english = unified().use(retextEnglish).freeze()

const parsers: Record<'english' | 'latin', BlockParser> = {
  english: (value) => english.parse(value),
  // retext is retext-latin's parser (with its compiler, unused here).
  latin: (value) => retext.parse(value)
}

/** A line's tree, as retext-latin (`english`: retext-english) parses it. */
export function blockParser(family: 'english' | 'latin'): BlockParser {
  return parsers[family]
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
