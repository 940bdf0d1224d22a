/**
 * The benchmark table: every input kind of the two public benchmarks' development files, scored raw
 * and after cleaning.
 */

import {existsSync} from 'node:fs'
import path from 'node:path'
import type {Cleaner} from '../cleaner.js'
import {evaluate, type EvalReport} from './evaluate.js'
import {formatShare, markdownTable} from './format.js'
import {jsonlRecords} from './records.js'

export interface BenchInput {
  corpus: string
  file: string
  field: string
  /**
   * Whether a title the cleaner detects is left out of the score. ScrapingHub's gold is the article
   * body without its headline, so its held-out evaluation drops it; trafilatura's snippets are
   * checked against the output as it is, headline included.
   */
  dropTitle: boolean
}

export const SCRAPINGHUB_INPUTS = [
  'fulltext',
  'html-text',
  'inscriptis',
  'beautifulsoup',
  'readability_js',
  'trafilatura',
  'goose3',
  'justext',
  'boilerpipe',
  'newspaper',
  'go_domdistiller',
  'dom_smoothie'
]

export const TRAFILATURA_INPUTS = ['fulltext', 'readability']

/** The inputs of the benchmark files found in `directory`. */
export function benchInputs(directory: string): BenchInput[] {
  const inputs: BenchInput[] = []
  const scrapinghub = path.join(directory, 'scrapinghub.dev.jsonl')
  const trafilatura = path.join(directory, 'trafilatura.dev.jsonl')
  if (existsSync(scrapinghub)) for (const field of SCRAPINGHUB_INPUTS) inputs.push({corpus: 'scrapinghub.dev', file: scrapinghub, field: `inputs.${field}`, dropTitle: true})
  if (existsSync(trafilatura)) for (const field of TRAFILATURA_INPUTS) inputs.push({corpus: 'trafilatura.dev', file: trafilatura, field: `inputs.${field}`, dropTitle: false})
  return inputs
}

export interface BenchRow {
  input: BenchInput
  report: EvalReport
}

export async function runBench(inputs: BenchInput[], cleaner: Cleaner, onRow?: (row: BenchRow) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const input of inputs) {
    const report = await evaluate(jsonlRecords(input.file, {textField: input.field}), cleaner, {dropTitle: input.dropTitle})
    const row = {input, report}
    rows.push(row)
    onRow?.(row)
  }
  return rows
}

function f(value: number): string {
  return value.toFixed(3)
}

/** One line per input: the metric, documents, raw and cleaned F1, the change, precision, recall and catastrophic documents. */
export function formatBenchTable(rows: BenchRow[]): string {
  const header = ['corpus', 'input', 'metric', 'docs', 'raw F1', 'decruft F1', 'change', 'P', 'R', 'catastrophic']
  const body = rows.map(({input, report}) => {
    const score = report.shingles ?? report.snippets
    const metric = report.shingles ? 'shingles' : 'snippets'
    if (!score) return [input.corpus, input.field.replace(/^inputs\./, ''), metric, String(report.documents), '', '', '', '', '', '']
    const delta = score.cleaned.f1 - score.raw.f1
    return [
      input.corpus,
      input.field.replace(/^inputs\./, ''),
      metric,
      String(report.documents),
      f(score.raw.f1),
      f(score.cleaned.f1),
      `${delta >= 0 ? '+' : ''}${delta.toFixed(3)}`,
      f(score.cleaned.precision),
      f(score.cleaned.recall),
      formatShare(report.catastrophic, report.documents)
    ]
  })
  return markdownTable(header, body)
}
