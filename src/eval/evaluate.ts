/**
 * Scoring a cleaner against gold data, with attribution: for every rule, how much gold content it
 * removed (false removals) and how much boilerplate; and the documents where cleaning hurt most,
 * with the rules that hurt them.
 */

import type {Cleaner} from '../cleaner.js'
import type {Removal} from '../types.js'
import {
  averageScores,
  countSnippets,
  keepsUnderHalf,
  normalizeSpace,
  scoreDocument,
  shingles,
  snippetScore,
  words,
  type CorpusScore,
  type DocumentScore,
  type SnippetCounts,
  type SnippetScore
} from './metrics.js'

export interface EvalRecord {
  id: string
  text: string
  /** Gold clean text (shingle metric). */
  gold?: string
  /** Snippets that must be kept / removed (snippet metric). */
  with?: string[]
  without?: string[]
  url?: string
  path?: string
}

export interface EvalOptions {
  /** Drop a detected title from the output before scoring (the gold has no headline). */
  dropTitle?: boolean
  /** How many worst documents to list. */
  worst?: number
}

export interface RuleAttribution {
  rule: string
  category: string
  removals: number
  /** Gold content removed: shingles of the gold, or `with` snippets touched. */
  goldRemoved: number
  /** Boilerplate removed: shingles not in the gold, or `without` snippets touched. */
  boilerplateRemoved: number
}

/** A document where cleaning lost gold content. */
export interface WorstDocument {
  id: string
  metric: 'shingles' | 'snippets'
  /** Gold lost by cleaning: the drop in recall (shingles) or the `with` snippets lost (snippets). */
  lost: number
  /** F1 before and after cleaning (shingles), or `with` snippets found before and after (snippets). */
  raw: number
  cleaned: number
  rules: Array<{rule: string; goldRemoved: number}>
}

export interface EvalReport {
  shingles?: {raw: CorpusScore; cleaned: CorpusScore}
  snippets?: {raw: SnippetScore; cleaned: SnippetScore}
  rules: RuleAttribution[]
  worst: WorstDocument[]
  documents: number
  /** Documents whose cleaned text keeps under half of the gold the input had (shingle recall, or `with` snippets). */
  catastrophic: number
}

/** The output as scored: without the title line when the cleaner kept one and `dropTitle` is set. */
export function scoredText(text: string, title: string | null, dropTitle: boolean): string {
  if (!dropTitle || title === null) return text
  const newline = text.indexOf('\n')
  const first = newline === -1 ? text : text.slice(0, newline)
  if (first.replace(/\r$/, '') !== title) return text
  return newline === -1 ? '' : text.slice(newline + 1)
}

const CONTEXT_WORDS = 3

/**
 * The shingles a removal took out of the text: those with at least one of its words, read in the
 * input with three words of context on each side (a one-word line still breaks four shingles).
 */
function removalShingles(input: string, removal: Removal): Map<string, number> {
  const before = words(input.slice(Math.max(0, removal.start - 200), removal.start)).slice(-CONTEXT_WORDS)
  const inside = words(removal.text)
  const after = words(input.slice(removal.end, removal.end + 200)).slice(0, CONTEXT_WORDS)
  const tokens = [...before, ...inside, ...after]
  const counts = new Map<string, number>()
  if (inside.length === 0) return counts
  if (tokens.length < 4) {
    counts.set(tokens.join(' '), 1)
    return counts
  }
  const first = before.length
  const last = before.length + inside.length - 1
  for (let index = 0; index + 4 <= tokens.length; index++) {
    if (index + 3 < first || index > last) continue
    const key = tokens.slice(index, index + 4).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Gold shingles each removal took that the output lacks, and the rest. */
function shingleAttribution(input: string, removed: Removal[], gold: string, output: string): Array<{gold: number; other: number}> {
  const budget = shingles(gold)
  for (const [key, count] of shingles(output)) {
    const available = budget.get(key)
    if (available !== undefined) budget.set(key, Math.max(0, available - count))
  }
  return removed.map((removal) => {
    let inGold = 0
    let other = 0
    for (const [key, count] of removalShingles(input, removal)) {
      const available = budget.get(key) ?? 0
      const taken = Math.min(available, count)
      inGold += taken
      other += count - taken
      if (taken > 0) budget.set(key, available - taken)
    }
    return {gold: inGold, other}
  })
}

/** Where each snippet stands in the original text, as offset ranges (whitespace-insensitive). */
function snippetRanges(text: string, snippets: readonly string[]): Array<[number, number]> {
  const normalized: string[] = []
  const offsets: number[] = []
  let previousSpace = true
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (/\s/u.test(char)) {
      if (!previousSpace) {
        normalized.push(' ')
        offsets.push(index)
      }
      previousSpace = true
    } else {
      normalized.push(char)
      offsets.push(index)
      previousSpace = false
    }
  }
  const haystack = normalized.join('')
  const ranges: Array<[number, number]> = []
  for (const snippet of snippets) {
    const needle = normalizeSpace(snippet)
    if (!needle) continue
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      ranges.push([offsets[at], offsets[at + needle.length - 1] + 1])
    }
  }
  return ranges
}

function touches(removal: Removal, ranges: Array<[number, number]>): number {
  let count = 0
  for (const [start, end] of ranges) if (removal.start < end && removal.end > start) count++
  return count
}

export async function evaluate(records: AsyncIterable<EvalRecord> | Iterable<EvalRecord>, cleaner: Cleaner, options: EvalOptions = {}): Promise<EvalReport> {
  const dropTitle = options.dropTitle ?? true
  const rawScores: DocumentScore[] = []
  const cleanScores: DocumentScore[] = []
  const rawSnippets: SnippetCounts[] = []
  const cleanSnippets: SnippetCounts[] = []
  const rules = new Map<string, RuleAttribution>()
  const documents: WorstDocument[] = []
  let count = 0
  let catastrophic = 0

  for await (const record of records) {
    count++
    // Scoring reads each removal's rule and text, not why it went: no explanations to work out.
    const result = cleaner.clean(record.text, {url: record.url, path: record.path, explain: false})
    const output = scoredText(result.text, result.title, dropTitle)
    const perRule = new Map<string, number>()
    const attribute = (removal: Removal, gold: number, other: number) => {
      const entry = rules.get(removal.rule) ?? {rule: removal.rule, category: removal.category, removals: 0, goldRemoved: 0, boilerplateRemoved: 0}
      entry.removals++
      entry.goldRemoved += gold
      entry.boilerplateRemoved += other
      rules.set(removal.rule, entry)
      if (gold > 0) perRule.set(removal.rule, (perRule.get(removal.rule) ?? 0) + gold)
    }
    const topRules = () =>
      [...perRule]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([rule, goldRemoved]) => ({rule, goldRemoved}))

    if (typeof record.gold === 'string') {
      const raw = scoreDocument(record.text, record.gold)
      const cleaned = scoreDocument(output, record.gold)
      rawScores.push(raw)
      cleanScores.push(cleaned)
      shingleAttribution(record.text, result.removed, record.gold, output).forEach((split, index) => attribute(result.removed[index], split.gold, split.other))
      if (keepsUnderHalf(cleaned.recall ?? 0, raw.recall ?? 0)) catastrophic++
      documents.push({id: record.id, metric: 'shingles', lost: (raw.recall ?? 0) - (cleaned.recall ?? 0), raw: raw.f1, cleaned: cleaned.f1, rules: topRules()})
    } else if (record.with || record.without) {
      const withSnippets = record.with ?? []
      const withoutSnippets = record.without ?? []
      const raw = countSnippets(record.text, withSnippets, withoutSnippets)
      const cleaned = countSnippets(output, withSnippets, withoutSnippets)
      rawSnippets.push(raw)
      cleanSnippets.push(cleaned)
      const keep = snippetRanges(record.text, withSnippets)
      const drop = snippetRanges(record.text, withoutSnippets)
      for (const removal of result.removed) attribute(removal, touches(removal, keep), touches(removal, drop))
      if (keepsUnderHalf(cleaned.tp, raw.tp)) catastrophic++
      documents.push({id: record.id, metric: 'snippets', lost: raw.tp - cleaned.tp, raw: raw.tp, cleaned: cleaned.tp, rules: topRules()})
    }
  }

  const worst = documents
    .filter((document) => document.lost > 0)
    .sort((a, b) => b.lost - a.lost || a.cleaned - b.cleaned)
    .slice(0, options.worst ?? 10)

  return {
    documents: count,
    catastrophic,
    shingles: rawScores.length > 0 ? {raw: averageScores(rawScores), cleaned: averageScores(cleanScores)} : undefined,
    snippets: rawSnippets.length > 0 ? {raw: snippetScore(rawSnippets), cleaned: snippetScore(cleanSnippets)} : undefined,
    rules: [...rules.values()].sort((a, b) => b.goldRemoved - a.goldRemoved || b.removals - a.removals),
    worst
  }
}
