/**
 * The human form of an evaluation: scores, the rules that removed gold content, and the documents
 * that lost most.
 */

import {table} from '../report/summary.js'
import {formatTable} from '../text/table.js'
import type {EvalReport} from './evaluate.js'

const f = (value: number) => value.toFixed(3)

/** `n (x.x%)` of `total`. */
export function formatShare(count: number, total: number): string {
  return `${count} (${((100 * count) / Math.max(1, total)).toFixed(1)}%)`
}

/** A Markdown table, its columns padded to line up (the benchmark tables, pasted into the docs as they are). */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  return formatTable(header, rows, {style: 'markdown'})
}

export function formatEvalReport(report: EvalReport, options: {rules?: number} = {}): string {
  const out: string[] = [`${report.documents} documents`]
  if (report.shingles) {
    const {raw, cleaned} = report.shingles
    out.push('shingles (4-word, per-document averages):')
    out.push(table(['', 'precision', 'recall', 'F1'], [
      ['raw', f(raw.precision), f(raw.recall), f(raw.f1)],
      ['decruft', f(cleaned.precision), f(cleaned.recall), f(cleaned.f1)]
    ]))
  }
  if (report.snippets) {
    const {raw, cleaned} = report.snippets
    out.push('snippets (summed over the corpus):')
    out.push(table(['', 'precision', 'recall', 'accuracy', 'F1', 'TP', 'FP', 'FN', 'TN'], [
      ['raw', f(raw.precision), f(raw.recall), f(raw.accuracy), f(raw.f1), String(raw.tp), String(raw.fp), String(raw.fn), String(raw.tn)],
      ['decruft', f(cleaned.precision), f(cleaned.recall), f(cleaned.accuracy), f(cleaned.f1), String(cleaned.tp), String(cleaned.fp), String(cleaned.fn), String(cleaned.tn)]
    ]))
  }
  if (report.shingles || report.snippets) out.push(`catastrophic documents (cleaned text keeps under half of the gold the input had): ${formatShare(report.catastrophic, report.documents)}`)
  const unit = report.shingles ? 'gold shingles' : 'with-snippets'
  const rules = report.rules.slice(0, options.rules ?? 15)
  if (rules.length > 0) {
    out.push(`rules, most gold removed first (${unit} removed / boilerplate removed):`)
    out.push(table(['rule', 'removals', 'gold', 'boilerplate', 'precision'], rules.map((rule) => {
      const total = rule.goldRemoved + rule.boilerplateRemoved
      return [rule.rule, String(rule.removals), String(rule.goldRemoved), String(rule.boilerplateRemoved), total > 0 ? f(rule.boilerplateRemoved / total) : '-']
    })))
  }
  if (report.worst.length > 0) {
    out.push('documents that lost most gold, with the rules that removed it:')
    for (const document of report.worst) {
      const rules = document.rules.map((rule) => `${rule.rule} (${rule.goldRemoved})`).join(', ') || '(no rule: title or layout)'
      const scores = document.metric === 'shingles' ? `F1 ${f(document.raw)} → ${f(document.cleaned)}` : `with-snippets ${document.raw} → ${document.cleaned}`
      out.push(`  ${document.id.slice(0, 80)}: ${scores}; ${rules}`)
    }
  }
  return out.join('\n')
}
