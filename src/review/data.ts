/**
 * The review page's embedded data: a compact model of a batch. Each original text is stored once;
 * removals are offsets into it with indexes into shared tables (rules, categories, reasons, feature
 * rows), so neither the removed text nor the clean text is stored again.
 */

import {CATEGORIES, type Category, type Removal} from '../types.js'

export interface ReviewDocument {
  /** Path relative to its input root (or `file:line` for JSON Lines). */
  path: string
  lang: string
  title: string | null
  /** The ORIGINAL text: removal offsets point into it. */
  text: string
  removed: Removal[]
  /**
   * A JSON Lines record: its number in the file (1-based) and its `id` or `url`, shown in the list
   * instead of the path, which is the same file for every record.
   */
  record?: {number: number; id?: string; url?: string}
}

export interface ReviewRuleInfo {
  id: string
  category: Category
  kind: string
  description: string
}

export interface ReviewInput {
  documents: ReviewDocument[]
  /** Rules by id; removals by a rule not listed here (e.g. `heuristic/...`) fall back to their reason. */
  rules: ReviewRuleInfo[]
  /** decruft's version, shown in the page header. */
  version: string
  /** The page title; default `decruft review`. */
  title?: string
}

/** One rule of the shared table: id, kind, description (empty when unknown), category index. */
export type ModelRule = [id: string, kind: string, description: string, category: number]

/**
 * Removals of one document, flat, {@link REMOVAL_STRIDE} numbers each: start and end (offsets into
 * the text), rule index, category index, reason index, feature row index + 1 (0: none).
 */
export type ModelRemovals = number[]

/** The title as offsets into the text when it is a slice of it, else as a string. */
export type ModelTitle = null | string | [start: number, end: number]

/** `label`: a JSON Lines record's number and id or URL (`record 12 · id 4711`), absent for files. */
export type ModelDocument = [path: string, lang: number, title: ModelTitle, text: string, removals: ModelRemovals, label?: string]

/** A classifier decision's features, flat: feature key index, value, key index, value, … */
export type ModelFeatures = Array<number | string | boolean>

export interface ReviewModel {
  format: 1
  title: string
  version: string
  categories: string[]
  rules: ModelRule[]
  langs: string[]
  reasons: string[]
  featureKeys: string[]
  features: ModelFeatures[]
  documents: ModelDocument[]
}

export const REMOVAL_STRIDE = 6

/** Interns strings (or any key) into a table, giving each its index. */
class Table<T> {
  readonly items: T[] = []
  private readonly index = new Map<string, number>()

  add(key: string, item: T): number {
    let position = this.index.get(key)
    if (position === undefined) {
      position = this.items.length
      this.items.push(item)
      this.index.set(key, position)
    }
    return position
  }

  get(key: string): number | undefined {
    return this.index.get(key)
  }
}

/** The kind of a rule that is not in the rules table, read off its id (`heuristic/edge` → `heuristic`). */
function kindOfUnknown(id: string): string {
  const prefix = id.split('/')[0]
  return prefix === 'heuristic' || prefix === 'sentences' ? prefix : ''
}

function checkRemoval(document: ReviewDocument, removal: Removal): void {
  const {start, end} = removal
  const where = `decruft review: ${document.path}: removal by ${removal.rule} at ${start}–${end}`
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > document.text.length) {
    throw new RangeError(`${where} is outside the text (length ${document.text.length})`)
  }
  if (typeof removal.text === 'string' && document.text.slice(start, end) !== removal.text) {
    throw new Error(`${where} does not match the text: pass the original text, not the clean one`)
  }
}

/** Build the compact model of a batch (documents keep their input order). */
export function buildReviewModel(input: ReviewInput): ReviewModel {
  const categories = new Table<string>()
  for (const category of CATEGORIES) categories.add(category, category)
  const known = new Map(input.rules.map((rule) => [rule.id, rule]))
  const rules = new Table<ModelRule>()
  const langs = new Table<string>()
  const reasons = new Table<string>()
  const featureKeys = new Table<string>()
  const features = new Table<ModelFeatures>()

  const ruleIndex = (removal: Removal): number => {
    const existing = rules.get(removal.rule)
    if (existing !== undefined) return existing
    const info = known.get(removal.rule)
    const row: ModelRule = info
      ? [info.id, info.kind, info.description, categories.add(info.category, info.category)]
      : [removal.rule, kindOfUnknown(removal.rule), '', categories.add(removal.category, removal.category)]
    return rules.add(removal.rule, row)
  }

  const featureIndex = (removal: Removal): number => {
    if (!removal.features) return 0
    const row: ModelFeatures = []
    for (const [key, value] of Object.entries(removal.features)) row.push(featureKeys.add(key, key), value)
    return features.add(JSON.stringify(row), row) + 1
  }

  const documents = input.documents.map((document): ModelDocument => {
    const removed = [...document.removed].sort((a, b) => a.start - b.start || a.end - b.end)
    const flat: ModelRemovals = []
    for (const removal of removed) {
      checkRemoval(document, removal)
      flat.push(
        removal.start,
        removal.end,
        ruleIndex(removal),
        categories.add(removal.category, removal.category),
        reasons.add(removal.reason, removal.reason),
        featureIndex(removal)
      )
    }
    const row: ModelDocument = [document.path, langs.add(document.lang, document.lang), titleOf(document), document.text, flat]
    if (document.record) row.push(recordLabel(document.record))
    return row
  })

  return {
    format: 1,
    title: input.title ?? 'decruft review',
    version: input.version,
    categories: categories.items,
    rules: rules.items,
    langs: langs.items,
    reasons: reasons.items,
    featureKeys: featureKeys.items,
    features: features.items,
    documents
  }
}

/** `record 12 · id 4711`, `record 12 · https://…`, or `record 12`. */
export function recordLabel(record: NonNullable<ReviewDocument['record']>): string {
  const what = record.id !== undefined && record.id !== '' ? `id ${record.id}` : record.url
  return `record ${record.number}${what ? ` · ${what}` : ''}`
}

function titleOf(document: ReviewDocument): ModelTitle {
  const {title, text} = document
  if (title === null || title === '') return null
  const start = text.indexOf(title)
  return start >= 0 ? [start, start + title.length] : title
}

/**
 * The model as JSON that is safe inside `<script type="application/json">`: every `<` is escaped, so
 * no text can close the element or open a comment.
 */
export function embedJson(model: ReviewModel): string {
  return JSON.stringify(model).replace(/</g, '\\u003c')
}

/** The rules table from a cleaner's compiled rules (`createCleaner().rules`). */
export function reviewRulesOf(rules: ReadonlyArray<{rule: {id: string; category: Category; kind: string; description: string}}>): ReviewRuleInfo[] {
  return rules.map(({rule}) => ({id: rule.id, category: rule.category, kind: rule.kind, description: rule.description}))
}
