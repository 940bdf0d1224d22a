/**
 * The two public benchmarks' metrics.
 *
 * Shingles (ScrapingHub article-extraction-benchmark): words are maximal runs of Unicode letters,
 * digits and underscores (Python's `\w`); shingles are runs of 4 consecutive words, counted as a
 * multiset (a text of fewer than 4 words is one shingle of all its words). Per document TP, FP and
 * FN are normalised to sum to 1, precision is averaged over documents with TP+FP > 0, recall over
 * documents with TP+FN > 0, and F1 is taken from the two means.
 *
 * Snippets (trafilatura's evaluation): whitespace runs collapse to one space in the output and the
 * snippets; each `with` snippet found is a TP (else FN), each `without` snippet found is an FP (else
 * TN); counts are summed over the corpus.
 */

const wordExpression = /[\p{L}\p{N}_]+/gu

export function words(text: string): string[] {
  return text.match(wordExpression) ?? []
}

/** 4-word shingles as a multiset. */
export function shingles(text: string, size = 4): Map<string, number> {
  const tokens = words(text)
  const counts = new Map<string, number>()
  if (tokens.length === 0) return counts
  if (tokens.length < size) {
    counts.set(tokens.join(' '), 1)
    return counts
  }
  for (let index = 0; index + size <= tokens.length; index++) {
    const key = tokens.slice(index, index + size).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

export interface ShingleCounts {
  tp: number
  fp: number
  fn: number
}

export function compareShingles(output: Map<string, number>, gold: Map<string, number>): ShingleCounts {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [key, count] of output) {
    const wanted = gold.get(key) ?? 0
    tp += Math.min(count, wanted)
    fp += Math.max(0, count - wanted)
  }
  for (const [key, wanted] of gold) fn += Math.max(0, wanted - (output.get(key) ?? 0))
  return {tp, fp, fn}
}

export interface DocumentScore {
  /** Precision, undefined when the output is empty. */
  precision: number | undefined
  /** Recall, undefined when the gold is empty. */
  recall: number | undefined
  f1: number
}

export function scoreDocument(output: string, gold: string): DocumentScore {
  const {tp, fp, fn} = compareShingles(shingles(output), shingles(gold))
  const total = tp + fp + fn
  if (total === 0) return {precision: 1, recall: 1, f1: 1}
  const precision = tp + fp > 0 ? tp / (tp + fp) : undefined
  const recall = tp + fn > 0 ? tp / (tp + fn) : undefined
  const p = precision ?? 0
  const r = recall ?? 0
  return {precision, recall, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0}
}

export interface CorpusScore {
  documents: number
  precision: number
  recall: number
  f1: number
}

export function averageScores(scores: readonly DocumentScore[]): CorpusScore {
  const precisions = scores.map((score) => score.precision).filter((value): value is number => value !== undefined)
  const recalls = scores.map((score) => score.recall).filter((value): value is number => value !== undefined)
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length)
  const precision = mean(precisions)
  const recall = mean(recalls)
  return {documents: scores.length, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0}
}

/**
 * A catastrophic document: the output keeps under half of the gold that its input had (`kept` and
 * `available` are shingle recalls, or counts of `with` snippets found). An input with no gold at all
 * cannot lose any.
 */
export function keepsUnderHalf(kept: number, available: number): boolean {
  return kept < 0.5 * available
}

/** Whitespace runs to one space, trimmed. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

export interface SnippetCounts {
  tp: number
  fp: number
  fn: number
  tn: number
}

export function countSnippets(output: string, withSnippets: readonly string[], withoutSnippets: readonly string[]): SnippetCounts {
  const haystack = normalizeSpace(output)
  const counts = {tp: 0, fp: 0, fn: 0, tn: 0}
  for (const snippet of withSnippets) {
    if (haystack.includes(normalizeSpace(snippet))) counts.tp++
    else counts.fn++
  }
  for (const snippet of withoutSnippets) {
    if (haystack.includes(normalizeSpace(snippet))) counts.fp++
    else counts.tn++
  }
  return counts
}

export interface SnippetScore extends SnippetCounts {
  documents: number
  precision: number
  recall: number
  accuracy: number
  f1: number
}

export function snippetScore(all: readonly SnippetCounts[]): SnippetScore {
  const sum = {tp: 0, fp: 0, fn: 0, tn: 0}
  for (const counts of all) {
    sum.tp += counts.tp
    sum.fp += counts.fp
    sum.fn += counts.fn
    sum.tn += counts.tn
  }
  const precision = sum.tp + sum.fp > 0 ? sum.tp / (sum.tp + sum.fp) : 0
  const recall = sum.tp + sum.fn > 0 ? sum.tp / (sum.tp + sum.fn) : 0
  const total = sum.tp + sum.fp + sum.fn + sum.tn
  return {
    ...sum,
    documents: all.length,
    precision,
    recall,
    accuracy: total > 0 ? (sum.tp + sum.tn) / total : 0,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  }
}
