/**
 * The short human summary written to standard error after a batch.
 */

import {formatTable} from '../text/table.js'
import {describeError, type Report} from './report.js'

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`
}

/** A plain table: the first column left-aligned, the others right-aligned, indented by two spaces. */
export function table(header: string[], rows: string[][]): string {
  return formatTable(header, rows)
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** Seconds with one decimal, or minutes and seconds past a minute. */
export function formatDuration(milliseconds: number): string {
  const seconds = milliseconds / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}

/**
 * The warning for records whose own `decruft` field was replaced, or undefined. Written even with
 * `--quiet`: those fields are not in the output.
 */
export function replacedDecruftWarning(summary: Report['summary']): string | undefined {
  const replaced = summary.replacedDecruft
  if (!replaced) return undefined
  return `decruft: warning: ${plural(replaced.records, 'record')} already had a \`decruft\` field, replaced in the output by decruft's own (first: ${replaced.first})`
}

/**
 * The warning for documents that look like HTML, or undefined. Written even with `--quiet`: their
 * output is not what a cleaner of HTML would give.
 */
export function htmlWarning(summary: Report['summary']): string | undefined {
  const html = summary.html
  if (!html) return undefined
  return `decruft: warning: ${html.documents === 1 ? '1 document looks' : `${html.documents} documents look`} like HTML (first: ${html.first}); HTML is not supported yet: cleaned as plain text, tags and all`
}

/**
 * A few lines: totals (documents, bytes in and out, the share removed, removals, and with the run's
 * time its speed), what was skipped or resumed, then removals by category, the most active rules
 * and the errors.
 */
export function formatSummary(report: Report, options: {topRules?: number} = {}): string {
  const {summary} = report
  const saved = summary.bytesIn > 0 ? ((summary.bytesIn - summary.bytesOut) / summary.bytesIn) * 100 : 0
  const skipped = summary.skipped ?? 0
  let head =
    `decruft: ${plural(summary.documents, 'document')} cleaned, ${skipped > 0 ? `${skipped} skipped, ` : ''}${summary.failed} failed; ` +
    `${formatBytes(summary.bytesIn)} in, ${formatBytes(summary.bytesOut)} out (${saved.toFixed(1)}% removed); ` +
    `${plural(summary.removals, 'removal')}`
  if (summary.elapsedMs !== undefined) {
    const seconds = Math.max(summary.elapsedMs, 1) / 1000
    const bytes = summary.bytesIn + (summary.skippedBytes ?? 0)
    head += `; ${formatDuration(summary.elapsedMs)} (${(bytes / 1_000_000 / seconds).toFixed(2)} MB/s, ${((summary.documents + skipped) / seconds).toFixed(1)} documents/s)`
  }
  const lines = [head]
  if (summary.interrupted) lines.push('  interrupted: the inputs were not all read; run again with --resume to continue')
  if (summary.resumed) lines.push(`  resumed: ${plural(summary.resumed, 'document')} already written by an earlier run`)
  if (skipped > 0) {
    const reasons = new Map<string, number>()
    for (const entry of report.skipped ?? []) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1)
    const listed = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')
    lines.push(`  skipped (passed through unchanged, ${formatBytes(summary.skippedBytes ?? 0)}): ${listed}`)
    for (const entry of (report.skipped ?? []).slice(0, 5)) lines.push(`    ${entry.path}: ${entry.reason} (${formatBytes(entry.bytes)}${entry.budget === undefined ? '' : `; needs --memory-budget ${entry.budget}`})`)
    if ((report.skipped ?? []).length > 5) lines.push(`    … and ${(report.skipped ?? []).length - 5} more (see the report)`)
  }
  const categories = Object.entries(summary.byCategory).sort((a, b) => b[1].removals - a[1].removals)
  if (categories.length > 0) {
    lines.push(
      table(
        ['category', 'removals', 'lines', 'chars'],
        categories.map(([name, count]) => [name, String(count.removals), String(count.lines), String(count.chars)])
      )
    )
    const all = Object.entries(summary.byRule).sort((a, b) => b[1].removals - a[1].removals || (a[0] < b[0] ? -1 : 1))
    const rules = all.slice(0, options.topRules ?? 10)
    lines.push(table(['rule', 'removals', 'lines', 'chars'], rules.map(([name, count]) => [name, String(count.removals), String(count.lines), String(count.chars)])))
    // The table is cut to the most active rules: say how many were left out, and where they are.
    if (all.length > rules.length) lines.push(`  … and ${plural(all.length - rules.length, 'more rule')} (see the report, or decruft rules)`)
  }
  for (const error of report.errors.slice(0, 20)) {
    lines.push(`  error: ${describeError(error)}`)
  }
  if (report.errors.length > 20) lines.push(`  … and ${report.errors.length - 20} more errors (see the report)`)
  return lines.join('\n')
}
