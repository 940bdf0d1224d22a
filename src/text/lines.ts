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
  /** Whitespace-only (including non-breaking and zero-width spaces). */
  blank: boolean
  /**
   * The text differs from the original line because a span was removed from it (lines of the
   * engine's view only). Every line has the field, so that all line objects share one shape: code
   * optimized for unmodified lines is not thrown away when the first modified one comes by.
   */
  modified: boolean
}

export interface SplitText {
  lines: Line[]
  /** The line ending used most, kept for the output. */
  eol: '\n' | '\r\n'
}

const blankExpression = /^[\s\u200B\u200C\u200D\u2060\uFEFF]*$/u

/** Whether a line holds only whitespace. */
export function isBlank(text: string): boolean {
  return blankExpression.test(text)
}

/**
 * Split `text` at LF, CRLF and lone CR. A final line ending does not start a new line.
 */
export function splitLines(text: string): SplitText {
  const lines: Line[] = []
  let crlf = 0
  let lf = 0
  let start = 0
  let index = 0
  const length = text.length

  for (let position = 0; position < length; position++) {
    const code = text.charCodeAt(position)
    if (code !== 10 && code !== 13) continue
    const lineText = text.slice(start, position)
    lines.push({index: index++, start, end: position, text: lineText, blank: isBlank(lineText), modified: false})
    if (code === 13 && text.charCodeAt(position + 1) === 10) {
      crlf++
      position++
    } else if (code === 10) {
      lf++
    }
    start = position + 1
  }

  if (start < length) {
    const lineText = text.slice(start)
    lines.push({index, start, end: length, text: lineText, blank: isBlank(lineText), modified: false})
  }

  return {lines, eol: crlf > lf ? '\r\n' : '\n'}
}
