/**
 * Scoring block decisions without cleaning again: a document's output is its kept title and the
 * blocks the decisions keep, one per line (the lines the phrase rules claimed are gone already, as
 * they are in the cleaner's output). Used to choose operating points on training folds and to
 * compare models quickly; `decruft eval` measures the real output.
 */

import {averageScores, countSnippets, scoreDocument, snippetScore, type DocumentScore, type SnippetCounts} from '../eval/metrics.js'
import type {CorpusRecord} from '../eval/corpus.js'
import type {DatasetDocument} from './dataset.js'

/** What a document's gold is, for scoring. */
export type Gold = Pick<CorpusRecord, 'gold' | 'with' | 'without' | 'source'>

/** The output of a document whose blocks are kept where `keep(row)` says so. */
export function simulatedOutput(document: DatasetDocument, keep: (row: number) => boolean, dropTitle: boolean): string {
  const lines: string[] = []
  if (document.title !== null && !dropTitle) lines.push(document.title)
  for (let block = 0; block < document.count; block++) if (keep(document.start + block)) lines.push(document.texts[block])
  return lines.join('\n')
}

/** Whether a source's gold leaves out the headline (all but trafilatura's snippets). */
export function dropsTitle(gold: Gold): boolean {
  return gold.gold !== undefined
}

export interface GroupScore {
  documents: number
  f1: number
  precision: number
  recall: number
  /** Documents whose output keeps under half of the gold the input had. */
  catastrophic: number
}

/** Score a set of documents' outputs against their gold (shingles or snippets). */
export function scoreOutputs(items: ReadonlyArray<{output: string; input: string; gold: Gold}>): GroupScore {
  const shingleScores: DocumentScore[] = []
  const snippets: SnippetCounts[] = []
  let catastrophic = 0
  for (const {output, input, gold} of items) {
    if (gold.gold !== undefined) {
      const score = scoreDocument(output, gold.gold)
      const raw = scoreDocument(input, gold.gold)
      shingleScores.push(score)
      if ((raw.recall ?? 0) > 0 && (score.recall ?? 0) < 0.5 * (raw.recall ?? 0)) catastrophic++
    } else {
      const counts = countSnippets(output, gold.with ?? [], gold.without ?? [])
      const raw = countSnippets(input, gold.with ?? [], gold.without ?? [])
      snippets.push(counts)
      if (raw.tp > 0 && counts.tp < 0.5 * raw.tp) catastrophic++
    }
  }
  if (shingleScores.length > 0) {
    const average = averageScores(shingleScores)
    return {documents: items.length, f1: average.f1, precision: average.precision, recall: average.recall, catastrophic}
  }
  const score = snippetScore(snippets)
  return {documents: items.length, f1: score.f1, precision: score.precision, recall: score.recall, catastrophic}
}
