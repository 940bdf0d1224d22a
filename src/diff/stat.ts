/**
 * `decruft diff --stat`: per document, how many lines removals touch, what share of the characters
 * they take and which rules took most; then a total line.
 *
 *       document                                 lines  chars  rules
 *       fixtures/seeds/001_96e824223378ec4b.txt      7   3.1%  en/ad-label ×5, it/latest-news ×1, it/related ×1
 *       fixtures/seeds/002_7118c5d12a141062.txt      1   2.6%  de/read-also-inline ×1
 *       total (2 documents, 2 with removals)         8   2.9%  en/ad-label ×5, de/read-also-inline ×1, …
 */

import {formatTable} from '../text/table.js'
import type {Removal} from '../types.js'
import type {ReviewDocument} from './review.js'

export interface DocumentStat {
  path: string
  /** Distinct lines that a removal touches (whole lines and lines with a removed span). */
  lines: number
  /** Characters inside removals (overlaps counted once). */
  chars: number
  /** Characters of the original text. */
  length: number
  /** Removals per rule id. */
  rules: Map<string, number>
}

export function documentStat(document: ReviewDocument, removals: readonly Removal[]): DocumentStat {
  const lines = new Set<number>()
  const rules = new Map<string, number>()
  for (const removal of removals) {
    for (let line = removal.startLine; line <= removal.endLine; line++) lines.add(line)
    rules.set(removal.rule, (rules.get(removal.rule) ?? 0) + 1)
  }
  let chars = 0
  let reached = 0
  for (const {start, end} of [...removals].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, reached)
    if (end > from) chars += end - from
    reached = Math.max(reached, end)
  }
  return {path: document.path, lines: lines.size, chars, length: document.text.length, rules}
}

/** A share as a percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return `${whole > 0 ? ((part / whole) * 100).toFixed(1) : '0.0'}%`
}

/** The most frequent rules first (ties by id): `de/read-also ×3, core/credit ×1`, then `+N more`. */
export function topRules(rules: ReadonlyMap<string, number>, limit: number): string {
  const sorted = [...rules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const shown = sorted.slice(0, limit).map(([rule, count]) => `${rule} ×${count}`)
  if (sorted.length > limit) shown.push(`+${sorted.length - limit} more`)
  return shown.join(', ')
}

/**
 * The stat table: one row per document in `stats` (documents with shown removals), then the total
 * over all `documents` documents read (`totalLength` characters).
 */
export function formatStat(stats: readonly DocumentStat[], totals: {documents: number; length: number}, options: {topRules?: number} = {}): string {
  const rules = new Map<string, number>()
  let lines = 0
  let chars = 0
  for (const stat of stats) {
    lines += stat.lines
    chars += stat.chars
    for (const [rule, count] of stat.rules) rules.set(rule, (rules.get(rule) ?? 0) + count)
  }
  const limit = options.topRules ?? 3
  const rows = stats.map((stat) => [stat.path, String(stat.lines), percent(stat.chars, stat.length)])
  const ruleCells = stats.map((stat) => topRules(stat.rules, limit))
  const label = `total (${totals.documents} document${totals.documents === 1 ? '' : 's'}, ${stats.length} with removals)`
  rows.push([label, String(lines), percent(chars, totals.length)])
  ruleCells.push(topRules(rules, limit + 2))
  const cells = rows.map((row, index) => [...row, ruleCells[index]])
  return formatTable(['document', 'lines', 'chars', 'rules'], cells, {align: (column) => (column === 0 || column === 3 ? 'left' : 'right'), trimEnd: true}) + '\n'
}
