/**
 * Splitting text into lines (the blocks decruft works on), with exact offsets.
 */

export interface Line {
  /** 0-based line index. */
  index: number
  /** Offset of the first character of the line in the original text. */
  start: number
  /** Offset just after the last character of the line, before its line ending. */
  end: number
  /** The line without its line ending. */
  text: string
  /**
   * Blank for the layout: only whitespace (`isWhitespace`) or, an invisible line, whitespace and
   * the invisible format characters U+200B, U+200C, U+200D, U+2060 and U+FEFF.
   */
  blank: boolean
  /**
   * The text differs from the original line because a span was removed from it (lines of the
   * engine's view only). Every line has the field, so that all line objects share one shape: code
   * optimized for unmodified lines is not thrown away when the first modified one comes by.
   */
  modified: boolean
}

export type LineEnding = '\n' | '\r\n' | '\r'

export interface SplitText {
  lines: Line[]
  /** The document's dominant line ending (`dominantEnding`), kept for the output. */
  eol: LineEnding
}

const blankExpression = /^[\s\u200B\u200C\u200D\u2060\uFEFF]*$/u
// JavaScript's `\s` (Unicode's spaces, tabs, line breaks) but U+FEFF, which is a format character.
const whitespaceExpression = /^[^\S\uFEFF]*$/u

/** Whether a line is blank for the layout: only whitespace and invisible format characters. */
export function isBlank(text: string): boolean {
  return blankExpression.test(text)
}

/**
 * Whether a text holds only whitespace. A blank line that holds more (zero-width spaces, word
 * joiners) is not written either, but its characters are content the report has to account for.
 */
export function isWhitespace(text: string): boolean {
  return whitespaceExpression.test(text)
}

/**
 * The line ending a document uses most (LF, CRLF or CR alone); on a tie, the one of them it uses
 * first; LF when it has none. A file edited on two systems keeps the ending most of it has.
 */
function dominantEnding(counts: Record<LineEnding, number>, firstAt: Record<LineEnding, number>): LineEnding {
  let best: LineEnding = '\n'
  for (const ending of ['\r\n', '\r'] as const) {
    if (counts[ending] > counts[best] || (counts[ending] === counts[best] && firstAt[ending] < firstAt[best])) best = ending
  }
  return best
}

/**
 * Split `text` at LF, CRLF and lone CR. A final line ending does not start a new line.
 */
export function splitLines(text: string): SplitText {
  const lines: Line[] = []
  const counts: Record<LineEnding, number> = {'\n': 0, '\r\n': 0, '\r': 0}
  const firstAt: Record<LineEnding, number> = {'\n': Infinity, '\r\n': Infinity, '\r': Infinity}
  let start = 0
  let index = 0
  const length = text.length

  for (let position = 0; position < length; position++) {
    const code = text.charCodeAt(position)
    if (code !== 10 && code !== 13) continue
    const lineText = text.slice(start, position)
    lines.push({index: index++, start, end: position, text: lineText, blank: isBlank(lineText), modified: false})
    const ending: LineEnding = code === 10 ? '\n' : text.charCodeAt(position + 1) === 10 ? '\r\n' : '\r'
    if (counts[ending]++ === 0) firstAt[ending] = position
    position += ending.length - 1
    start = position + 1
  }

  if (start < length) {
    const lineText = text.slice(start)
    lines.push({index, start, end: length, text: lineText, blank: isBlank(lineText), modified: false})
  }

  return {lines, eol: dominantEnding(counts, firstAt)}
}
