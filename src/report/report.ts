/**
 * The batch report: a summary (documents, bytes in and out, removals by category and by rule,
 * errors) and, per document, its path, title, language and every removal with its rule, category,
 * lines, offsets and text.
 */

import type {Category, Removal} from '../types.js'

export interface DocumentEntry {
  /** Path relative to its input root; for JSON Lines, `file:line`. */
  path: string
  /** The record's `id` field, in JSON Lines mode, when it has one. */
  id?: string
  output?: string
  title: string | null
  lang: string
  bytesIn: number
  bytesOut: number
  removed: Removal[]
}

export interface ErrorEntry {
  path: string
  line?: number
  message: string
}

export interface RuleCount {
  removals: number
  lines: number
  chars: number
}

export interface ReportSummary {
  documents: number
  failed: number
  bytesIn: number
  bytesOut: number
  removals: number
  byCategory: Partial<Record<Category, RuleCount>>
  byRule: Record<string, RuleCount & {category: Category}>
  errors: number
}

export interface Report {
  tool: 'decruft'
  version: string
  summary: ReportSummary
  files: DocumentEntry[]
  errors: ErrorEntry[]
}

function add(count: RuleCount, removal: Removal): void {
  count.removals++
  count.lines += removal.endLine - removal.startLine + 1
  count.chars += removal.end - removal.start
}

export class ReportBuilder {
  private readonly files: DocumentEntry[] = []
  private readonly errors: ErrorEntry[] = []
  private readonly summary: ReportSummary = {
    documents: 0,
    failed: 0,
    bytesIn: 0,
    bytesOut: 0,
    removals: 0,
    byCategory: {},
    byRule: {},
    errors: 0
  }

  constructor(
    private readonly version: string,
    /** Keep per-document entries (off for huge batches where only the summary is wanted). */
    private readonly keepDocuments = true
  ) {}

  addDocument(entry: DocumentEntry): void {
    const summary = this.summary
    summary.documents++
    summary.bytesIn += entry.bytesIn
    summary.bytesOut += entry.bytesOut
    for (const removal of entry.removed) {
      summary.removals++
      add((summary.byCategory[removal.category] ??= {removals: 0, lines: 0, chars: 0}), removal)
      add((summary.byRule[removal.rule] ??= {category: removal.category, removals: 0, lines: 0, chars: 0}), removal)
    }
    if (this.keepDocuments) this.files.push(entry)
  }

  addError(error: ErrorEntry): void {
    this.summary.failed++
    this.summary.errors++
    this.errors.push(error)
  }

  get failed(): number {
    return this.summary.failed
  }

  /** The report; documents sorted by path so the output does not depend on completion order. */
  build(): Report {
    const files = [...this.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return {tool: 'decruft', version: this.version, summary: structuredClone(this.summary), files, errors: [...this.errors]}
  }
}
