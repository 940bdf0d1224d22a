/**
 * The leave-one-source-out table: one row per held-out source and input kind, then per input kind
 * the average over sources, then the averages that the targets name (whole-page text and extractor
 * output: each source's mean over its kinds of that group, averaged over sources). A "previous"
 * column gives decruft's F1 of an earlier run (the previous release's figures, stored as JSON) so
 * that a change is read next to what it replaces without running old code.
 */

import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {isWholePage} from './corpus.js'
import {CLEANERS, type CleanerName, type CvCell} from './cross-validate.js'
import {formatShare, markdownTable} from './format.js'

/** What `--json` writes, and what a previous-release file holds (with the commit it came from). */
export interface CvReport {
  commit?: string
  note?: string
  cells: CvCell[]
  rows: CvRow[]
}

export interface CvRow {
  source: string
  kind: string
  docs: number
  f1: Record<CleanerName, number>
  /** decruft's precision and recall. */
  precision: number
  recall: number
  /** decruft's catastrophic documents. */
  catastrophic: number
  /** decruft's F1 in the previous run, when it has this row. */
  previous?: number
}

/** The previous release's figures, shipped with the repository. */
export const PREVIOUS_RELEASE_FILE = fileURLToPath(new URL('../../docs/previous-release.json', import.meta.url))

/** decruft's F1 by `source kind` from a previous `--json` report (a missing file gives none). */
export function readPrevious(file: string): Map<string, number> {
  const previous = new Map<string, number>()
  if (!existsSync(file)) return previous
  let report: Partial<CvReport>
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Partial<CvReport>
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (!Array.isArray(report.cells)) throw new Error(`${file}: no \`cells\` list (not a \`decruft eval --cv --json\` report)`)
  for (const cell of report.cells) if (typeof cell?.scores?.decruft?.f1 === 'number') previous.set(key(cell.source, cell.kind), cell.scores.decruft.f1)
  return previous
}

function key(source: string, kind: string): string {
  return `${source} ${kind}`
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

/** The mean of `pick` over `cells`; undefined when any cell lacks it. */
function meanOf(cells: readonly CvCell[], pick: (cell: CvCell) => number | undefined): number | undefined {
  const values = cells.map(pick)
  return values.some((value) => value === undefined) || values.length === 0 ? undefined : mean(values as number[])
}

function averageRow(source: string, kind: string, cells: readonly CvCell[], previous: Map<string, number>): CvRow {
  return {
    source,
    kind,
    docs: cells.reduce((sum, cell) => sum + cell.docs, 0),
    f1: Object.fromEntries(CLEANERS.map((name) => [name, mean(cells.map((cell) => cell.scores[name].f1))])) as Record<CleanerName, number>,
    precision: mean(cells.map((cell) => cell.scores.decruft.precision)),
    recall: mean(cells.map((cell) => cell.scores.decruft.recall)),
    catastrophic: cells.reduce((sum, cell) => sum + cell.scores.decruft.catastrophic, 0),
    previous: meanOf(cells, (cell) => previous.get(key(cell.source, cell.kind)))
  }
}

/**
 * A group's average over sources: each source's cells of the group folded into one (its mean), then
 * those averaged, so a source with three whole-page inputs weighs as much as one with one.
 */
function groupRow(label: string, cells: readonly CvCell[], previous: Map<string, number>): CvRow | undefined {
  const sources = [...new Set(cells.map((cell) => cell.source))]
  if (sources.length === 0) return undefined
  const perSource = sources.map((source) => averageRow(source, label, cells.filter((cell) => cell.source === source), previous))
  const row: CvRow = {
    source: 'all sources',
    kind: label,
    docs: perSource.reduce((sum, each) => sum + each.docs, 0),
    f1: Object.fromEntries(CLEANERS.map((name) => [name, mean(perSource.map((each) => each.f1[name]))])) as Record<CleanerName, number>,
    precision: mean(perSource.map((each) => each.precision)),
    recall: mean(perSource.map((each) => each.recall)),
    catastrophic: perSource.reduce((sum, each) => sum + each.catastrophic, 0)
  }
  if (perSource.every((each) => each.previous !== undefined)) row.previous = mean(perSource.map((each) => each.previous!))
  return row
}

/** The table's rows: every cell, each kind's average over the sources that have it, then the two groups. */
export function cvRows(cells: readonly CvCell[], previous: Map<string, number> = new Map()): CvRow[] {
  const rows = cells.map((cell) => averageRow(cell.source, cell.kind, [cell], previous))
  const kinds = [...new Set(cells.map((cell) => cell.kind))]
  for (const kind of kinds) {
    const ofKind = cells.filter((cell) => cell.kind === kind)
    // A kind that one source has would repeat its row.
    if (ofKind.length > 1) rows.push(averageRow('all sources', kind, ofKind, previous))
  }
  const wholePage = groupRow('whole page', cells.filter((cell) => isWholePage(cell.kind)), previous)
  const extractor = groupRow('extractor output', cells.filter((cell) => !isWholePage(cell.kind)), previous)
  for (const row of [wholePage, extractor]) if (row) rows.push(row)
  return rows
}

const f = (value: number) => value.toFixed(3)
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`

export function formatCvTable(rows: readonly CvRow[]): string {
  const header = ['held-out source', 'input', 'docs', 'raw F1', 'C4 F1', 'jusText F1', 'decruft F1', 'P', 'R', 'change', 'catastrophic', 'previous']
  const body = rows.map((row) => [
    row.source,
    row.kind,
    String(row.docs),
    f(row.f1.raw),
    f(row.f1.c4),
    f(row.f1.justext),
    f(row.f1.decruft),
    f(row.precision),
    f(row.recall),
    signed(row.f1.decruft - row.f1.raw),
    formatShare(row.catastrophic, row.docs),
    row.previous === undefined ? '' : f(row.previous)
  ])
  return markdownTable(header, body)
}
