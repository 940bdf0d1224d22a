/**
 * Scoring block decisions without cleaning again: a document's output is its kept title and the
 * blocks the decisions keep, one per line (the lines the phrase rules claimed are gone already, as
 * they are in the cleaner's output). Used to choose operating points on training folds and to
 * compare models quickly; `decruft eval` measures the real output.
 */

import {averageScores, compareShingles, countSnippets, keepsUnderHalf, shingles, snippetScore, type DocumentScore, type SnippetCounts} from '../eval/metrics.js'
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

/** A group of documents ready to be scored many times (gold shingles and raw figures computed once). */
export interface PreparedGroup {
  documents: DatasetDocument[]
  gold: Array<Map<string, number> | undefined>
  /** Recall of the raw input (shingles), or its `with` snippets found (snippets). */
  raw: number[]
}

export function prepareGroup(documents: DatasetDocument[]): PreparedGroup {
  const gold = documents.map((document) => (document.gold.gold === undefined ? undefined : shingles(document.gold.gold)))
  const raw = documents.map((document, index) => {
    const goldShingles = gold[index]
    if (goldShingles) {
      const {tp, fn} = compareShingles(shingles(document.input), goldShingles)
      return tp + fn > 0 ? tp / (tp + fn) : 0
    }
    return countSnippets(document.input, document.gold.with ?? [], document.gold.without ?? []).tp
  })
  return {documents, gold, raw}
}

/** Score a prepared group's outputs under `keep`: the benchmark metrics, and the catastrophic documents. */
export function scorePrepared(group: PreparedGroup, keep: (row: number) => boolean): GroupScore {
  const shingleScores: DocumentScore[] = []
  const snippets: SnippetCounts[] = []
  let catastrophic = 0
  group.documents.forEach((document, index) => {
    const output = simulatedOutput(document, keep, dropsTitle(document.gold))
    const goldShingles = group.gold[index]
    if (goldShingles) {
      const {tp, fp, fn} = compareShingles(shingles(output), goldShingles)
      const total = tp + fp + fn
      const precision = tp + fp > 0 ? tp / (tp + fp) : undefined
      const recall = tp + fn > 0 ? tp / (tp + fn) : undefined
      const p = precision ?? 0
      const r = recall ?? 0
      shingleScores.push(total === 0 ? {precision: 1, recall: 1, f1: 1} : {precision, recall, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0})
      if (group.raw[index] > 0 && keepsUnderHalf(recall ?? 0, group.raw[index])) catastrophic++
    } else {
      const counts = countSnippets(output, document.gold.with ?? [], document.gold.without ?? [])
      snippets.push(counts)
      if (group.raw[index] > 0 && keepsUnderHalf(counts.tp, group.raw[index])) catastrophic++
    }
  })
  if (shingleScores.length > 0) {
    const average = averageScores(shingleScores)
    return {documents: group.documents.length, f1: average.f1, precision: average.precision, recall: average.recall, catastrophic}
  }
  const score = snippetScore(snippets)
  return {documents: group.documents.length, f1: score.f1, precision: score.precision, recall: score.recall, catastrophic}
}
