/**
 * The batch report: a summary (documents, bytes in and out, removals by category and by rule,
 * errors) and, per document, its path, title, language and every removal with its rule, category,
 * lines, offsets and text.
 */

import type {ConfigFingerprint} from '../config/fingerprint.js'
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

/** An error as the command line prints it: `path:line: message` (`path: message` without a line). */
export function describeError(error: ErrorEntry): string {
  return `${error.path}${error.line ? `:${error.line}` : ''}: ${error.message}`
}

/**
 * A document passed through unchanged: larger than `--max-doc-bytes`, over `--doc-timeout`, or
 * more than its thread's memory could clean.
 */
export interface SkippedEntry {
  path: string
  id?: string
  reason: 'too large' | 'timeout' | 'out of memory'
  bytes: number
  /** Too large for its thread's heap by its shape: the `--memory-budget` (MB) whose threads would clean it. */
  budget?: number
  output?: string
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
  /**
   * By rule. `category` is the one the rule removed most under (ties: the first by name); a rule
   * that removed under several (the block classifier, `heuristic/…`) also has `categories`, each
   * with its count of removals, which add up to the rule's.
   */
  byRule: Record<string, RuleCount & {category: Category; categories?: Partial<Record<Category, number>>}>
  errors: number
  /** Documents passed through unchanged (`skipped` lists them). */
  skipped: number
  /** Their bytes (also counted in neither `bytesIn` nor `bytesOut`). */
  skippedBytes: number
  /** With `--resume`: documents whose output an earlier run had already written (not cleaned again). */
  resumed?: number
  /** The run was interrupted (SIGINT or SIGTERM) before it read all its inputs. */
  interrupted?: boolean
  /** Wall-clock time of the run, in milliseconds. */
  elapsedMs?: number
  /**
   * With `--jsonl`: records that already had a `decruft` field, which the output replaced (how many,
   * and the first one's `file:line`).
   */
  replacedDecruft?: {records: number; first: string}
  /**
   * Documents that look like HTML (a doctype or `<html>` at the start, or mostly tags), which were
   * cleaned as text: how many, and the first one's path.
   */
  html?: {documents: number; first: string}
}

/** The rules a run used (see fingerprint.ts); with `--learn`, how many rules it learned and added. */
export type ReportConfig = ConfigFingerprint & {learned?: number}

export interface Report {
  tool: 'decruft'
  /** The version of decruft that made the report. */
  version: string
  /** The config files read and the SHA-256 of the resolved rules (when the run says). */
  config?: ReportConfig
  summary: ReportSummary
  files: DocumentEntry[]
  errors: ErrorEntry[]
  skipped: SkippedEntry[]
}

/** A rule's removals under one category in one document: rule, category, removals, lines, characters. */
export type RuleTally = [string, Category, number, number, number]

/**
 * The removals of a document counted by rule and category: what the summary is made of, with or
 * without the removals themselves (much smaller to pass between threads). A rule may remove under
 * several categories (the block classifier does), so each pair is counted on its own.
 */
export function tallyOf(removed: readonly Removal[]): RuleTally[] {
  const byPair = new Map<string, RuleTally>()
  for (const removal of removed) {
    const key = removal.rule + '\0' + removal.category
    let entry = byPair.get(key)
    if (!entry) byPair.set(key, (entry = [removal.rule, removal.category, 0, 0, 0]))
    entry[2]++
    entry[3] += removal.endLine - removal.startLine + 1
    entry[4] += removal.end - removal.start
  }
  return [...byPair.values()]
}

function emptyCount(): RuleCount {
  return {removals: 0, lines: 0, chars: 0}
}

export class ReportBuilder {
  private readonly files: DocumentEntry[] = []
  private readonly errors: ErrorEntry[] = []
  private readonly skipped: SkippedEntry[] = []
  private config: ReportConfig | undefined
  /** Removals by rule, then by category. */
  private readonly byRule = new Map<string, Map<Category, RuleCount>>()
  private readonly summary: ReportSummary = {
    documents: 0,
    failed: 0,
    bytesIn: 0,
    bytesOut: 0,
    removals: 0,
    byCategory: {},
    byRule: {},
    errors: 0,
    skipped: 0,
    skippedBytes: 0
  }

  constructor(
    private readonly version: string,
    /** Keep per-document entries (off for huge batches where only the summary is wanted). */
    private readonly keepDocuments = true
  ) {}

  /**
   * A cleaned document. Its removals are counted from `entry.removed`, or, when a batch passes only
   * their counts between threads, from `tally` (rule, category, removals, lines, characters).
   */
  addDocument(entry: DocumentEntry, tally?: readonly RuleTally[]): void {
    const summary = this.summary
    summary.documents++
    summary.bytesIn += entry.bytesIn
    summary.bytesOut += entry.bytesOut
    // One way to count, whether the removals came along or only their tally: the summary on
    // standard error and the report's cannot differ.
    for (const tallied of [tallyOf(entry.removed), tally ?? []]) {
      for (const [rule, category, removals, lines, chars] of tallied) {
        summary.removals += removals
        const byRule = (this.byRule.get(rule) ?? this.byRule.set(rule, new Map()).get(rule))!
        for (const count of [(summary.byCategory[category] ??= emptyCount()), byRule.get(category) ?? byRule.set(category, emptyCount()).get(category)!]) {
          count.removals += removals
          count.lines += lines
          count.chars += chars
        }
      }
    }
    if (this.keepDocuments) this.files.push(entry)
  }

  /** Whether per-document entries are kept (then batches pass every removal). */
  get keepsDocuments(): boolean {
    return this.keepDocuments
  }

  addError(error: ErrorEntry): void {
    this.summary.failed++
    this.summary.errors++
    this.errors.push(error)
  }

  addSkipped(entry: SkippedEntry): void {
    this.summary.skipped++
    this.summary.skippedBytes += entry.bytes
    this.skipped.push(entry)
  }

  /** Documents an earlier run already wrote (`--resume`). */
  addResumed(count = 1): void {
    this.summary.resumed = (this.summary.resumed ?? 0) + count
  }

  /** A record whose own `decruft` field the output replaced (given in input order). */
  addReplacedDecruft(path: string): void {
    const replaced = (this.summary.replacedDecruft ??= {records: 0, first: path})
    replaced.records++
  }

  /** The rules the run used. */
  setConfig(config: ReportConfig): void {
    this.config = config
  }

  /** A document that looks like HTML (given in input order). */
  addHtml(path: string): void {
    const html = (this.summary.html ??= {documents: 0, first: path})
    html.documents++
  }

  /** Mark the run as interrupted. */
  interrupt(): void {
    this.summary.interrupted = true
  }

  /** Record the run's wall-clock time. */
  setElapsed(milliseconds: number): void {
    this.summary.elapsedMs = Math.round(milliseconds)
  }

  get failed(): number {
    return this.summary.failed
  }

  /** The running totals (for progress; `byRule` is filled in by `build`). */
  get totals(): Readonly<ReportSummary> {
    return this.summary
  }

  /** The summary's `byRule`, rules in the order they first removed something. */
  private rulesSummary(): ReportSummary['byRule'] {
    const byRule: ReportSummary['byRule'] = {}
    for (const [rule, categories] of this.byRule) {
      const entries = [...categories].sort((a, b) => b[1].removals - a[1].removals || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      const total = emptyCount()
      for (const [, count] of entries) {
        total.removals += count.removals
        total.lines += count.lines
        total.chars += count.chars
      }
      byRule[rule] = {category: entries[0][0], ...total}
      if (entries.length > 1) byRule[rule].categories = Object.fromEntries(entries.map(([category, count]) => [category, count.removals]))
    }
    return byRule
  }

  /** The report; documents sorted by path so the output does not depend on completion order. */
  build(): Report {
    const files = [...this.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return {tool: 'decruft', version: this.version, ...(this.config ? {config: this.config} : {}), summary: {...structuredClone(this.summary), byRule: this.rulesSummary()}, files, errors: [...this.errors], skipped: [...this.skipped]}
  }
}

/** `JSON.stringify(value, null, 2)` as it reads `depth` levels down a value so indented. */
function indented(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null'
  // JSON escapes every LF in a string: each one in the text starts a line.
  return text.replace(/\n/g, '\n' + '  '.repeat(depth))
}

/**
 * The report as JSON (two-space indents, a final LF), in pieces: exactly the text of
 * `JSON.stringify(report, null, 2) + '\n'`, never held whole. A batch's report holds every removal
 * of every document (64 MB of JSON for 2,000 news pages): one string of it, and its UTF-8 bytes,
 * came to some 200 MB at the end of a run.
 */
export function* reportJson(report: Report): Generator<string> {
  let first = true
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue
    yield `${first ? '{' : ','}\n  ${JSON.stringify(key)}: `
    first = false
    if (!Array.isArray(value) || value.length === 0) {
      yield indented(value, 1)
      continue
    }
    for (let index = 0; index < value.length; index++) yield `${index === 0 ? '[' : ','}\n    ${indented(value[index], 2)}`
    yield '\n  ]'
  }
  yield first ? '{}\n' : '\n}\n'
}
