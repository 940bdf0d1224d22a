/**
 * The one table printer of the command line: the run summary, `decruft rules`, `decruft diff --stat`
 * and the evaluation tables all go through `formatTable`. Columns are as wide as their widest cell
 * (in UTF-16 code units, as `padEnd` counts), separated by two spaces after a two-space indent, or
 * as a Markdown table whose columns line up.
 */

export type Align = 'left' | 'right'

export interface TableOptions {
  /** Each column's alignment (default: the first left, the others right). */
  align?: (column: number) => Align
  /** `plain` (default): indented, two spaces between columns. `markdown`: `| a | b |` with a rule under the header. */
  style?: 'plain' | 'markdown'
  /** Drop the spaces a left-aligned last column leaves at the end of its lines (plain style). */
  trimEnd?: boolean
}

const firstLeft = (column: number): Align => (column === 0 ? 'left' : 'right')

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)))
  if (options.style === 'markdown') {
    const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
    return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n')
  }
  const align = options.align ?? firstLeft
  const line = (row: readonly string[]) => {
    const text = '  ' + row.map((cell, column) => (align(column) === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ')
    return options.trimEnd ? text.trimEnd() : text
  }
  return [line(header), ...rows.map(line)].join('\n')
}
