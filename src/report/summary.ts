/**
 * The short human summary written to standard error after a batch.
 */

import type {Report} from './report.js'

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`
}

/** A plain table: the first column left-aligned, the others right-aligned, indented by two spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)))
  const line = (row: string[]) =>
    '  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

/** A few lines: totals, then removals by category, then the most active rules. */
export function formatSummary(report: Report, options: {topRules?: number} = {}): string {
  const {summary} = report
  const saved = summary.bytesIn > 0 ? ((summary.bytesIn - summary.bytesOut) / summary.bytesIn) * 100 : 0
  const lines = [
    `decruft: ${summary.documents} document${summary.documents === 1 ? '' : 's'} cleaned, ${summary.failed} failed; ` +
      `${formatBytes(summary.bytesIn)} in, ${formatBytes(summary.bytesOut)} out (${saved.toFixed(1)}% removed); ` +
      `${summary.removals} removal${summary.removals === 1 ? '' : 's'}`
  ]
  const categories = Object.entries(summary.byCategory).sort((a, b) => b[1].removals - a[1].removals)
  if (categories.length > 0) {
    lines.push(
      table(
        ['category', 'removals', 'lines', 'chars'],
        categories.map(([name, count]) => [name, String(count.removals), String(count.lines), String(count.chars)])
      )
    )
    const rules = Object.entries(summary.byRule)
      .sort((a, b) => b[1].removals - a[1].removals || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.topRules ?? 10)
    lines.push(table(['rule', 'removals', 'lines', 'chars'], rules.map(([name, count]) => [name, String(count.removals), String(count.lines), String(count.chars)])))
  }
  for (const error of report.errors.slice(0, 20)) {
    lines.push(`  error: ${error.path}${error.line ? `:${error.line}` : ''}: ${error.message}`)
  }
  if (report.errors.length > 20) lines.push(`  … and ${report.errors.length - 20} more errors (see the report)`)
  return lines.join('\n')
}
