/**
 * Leave-one-source-out validation: for each source in turn, a cleaner is made from the other
 * sources' records (the training folds) and scored on the held-out source, for every input kind it
 * has, next to the raw input and the two baselines (the C4 line filter and jusText). A document is
 * catastrophic for a cleaner when the output keeps under half of the gold that its input had.
 */

import pMap from 'p-map'
import type {Cleaner} from '../cleaner.js'
import {createExecutor, type Executor} from '../batch/executor.js'
import {DEFAULT_THREAD_BUDGET} from '../batch/pool-size.js'
import {c4Filter} from './baselines/c4.js'
import {justextFilter} from './baselines/justext.js'
import {isWholePage, type CorpusRecord} from './corpus.js'
import type {DocumentOptions} from '../types.js'
import {scoredText} from './evaluate.js'
import {averageScores, countSnippets, keepsUnderHalf, scoreDocument, snippetScore, type DocumentScore, type SnippetCounts} from './metrics.js'

/**
 * Makes the cleaner for one fold from the training sources' records. The trained classifier plugs in
 * here; the default ignores its records. With more than one worker thread, the threads compile the
 * cleaner's `config`, so a factory's cleaner must be described by its config (as `createCleaner`'s are).
 */
export type FoldCleanerFactory = (training: CorpusRecord[], fold: {heldOut: string}) => Promise<Cleaner> | Cleaner

/** The factory of a fixed cleaner (the config's): the same for every fold, so each document is cleaned once. */
export function fixedCleanerFactory(cleaner: Cleaner): FoldCleanerFactory {
  return () => cleaner
}

export const CLEANERS = ['raw', 'c4', 'justext', 'decruft'] as const
export type CleanerName = (typeof CLEANERS)[number]

export interface CellScore {
  precision: number
  recall: number
  f1: number
  /** Documents whose output keeps under half of the gold its input had. */
  catastrophic: number
}

/** One held-out source and input kind. */
export interface CvCell {
  source: string
  kind: string
  metric: 'shingles' | 'snippets'
  docs: number
  scores: Record<CleanerName, CellScore>
}

export interface CvOptions {
  factory: FoldCleanerFactory
  /** Worker threads for decruft's cleaning (1: in this thread, with the factory's cleaner itself). */
  workers: number
  onFold?: (progress: {heldOut: string; documents: number; seconds: number}) => void
  /**
   * Tell the cleaner what each input is (`inputKind`): `extractor` for an extractor's output, `page`
   * for a whole page's text (`isWholePage`), as a user who knows their texts would. By default the
   * config's `settings.inputKind` holds for every input.
   */
  knownKinds?: boolean
}

type Outputs = Record<CleanerName, string>

/** Per document: the shingle scores of every cleaner, or their snippet counts. */
type DocumentOutcome = {metric: 'shingles'; scores: Record<CleanerName, DocumentScore>} | {metric: 'snippets'; counts: Record<CleanerName, SnippetCounts>}

function mapCleaners<T>(make: (name: CleanerName) => T): Record<CleanerName, T> {
  return Object.fromEntries(CLEANERS.map((name) => [name, make(name)])) as Record<CleanerName, T>
}

export function scoreOutputs(record: CorpusRecord, outputs: Outputs): DocumentOutcome {
  if (record.gold !== undefined) {
    const gold = record.gold
    return {metric: 'shingles', scores: mapCleaners((name) => scoreDocument(outputs[name], gold))}
  }
  return {metric: 'snippets', counts: mapCleaners((name) => countSnippets(outputs[name], record.with ?? [], record.without ?? []))}
}

/** Whether `name`'s output keeps under half of the gold (shingle recall, or `with` snippets) that the raw input had. */
export function isCatastrophic(outcome: DocumentOutcome, name: CleanerName): boolean {
  if (outcome.metric === 'shingles') return keepsUnderHalf(outcome.scores[name].recall ?? 0, outcome.scores.raw.recall ?? 0)
  return keepsUnderHalf(outcome.counts[name].tp, outcome.counts.raw.tp)
}

export function aggregate(source: string, kind: string, outcomes: readonly DocumentOutcome[]): CvCell {
  const metric = outcomes[0]?.metric ?? 'shingles'
  const scores = mapCleaners((name): CellScore => {
    const catastrophic = outcomes.filter((outcome) => isCatastrophic(outcome, name)).length
    const score =
      metric === 'shingles'
        ? averageScores(outcomes.map((outcome) => (outcome.metric === 'shingles' ? outcome.scores[name] : {precision: undefined, recall: undefined, f1: 0})))
        : snippetScore(outcomes.map((outcome) => (outcome.metric === 'snippets' ? outcome.counts[name] : {tp: 0, fp: 0, fn: 0, tn: 0})))
    return {precision: score.precision, recall: score.recall, f1: score.f1, catastrophic}
  })
  return {source, kind, metric, docs: outcomes.length, scores}
}

interface Job {
  record: CorpusRecord
  kind: string
  /** The document options the input is cleaned with. */
  options: DocumentOptions
}

const encoder = new TextEncoder()

/**
 * Where a fold's documents are cleaned: worker threads (which compile the cleaner's config), or with
 * `workers: 1` the factory's cleaner itself in this thread (an evaluation is not interrupted
 * mid-document as a clean run is, and a cleaner need not then be described by its config).
 */
type Cleaning = {kind: 'pool'; executor: Executor} | {kind: 'here'; cleaner: Cleaner}

async function cleanWith(cleaning: Cleaning, job: Job): Promise<string> {
  if (cleaning.kind === 'here') {
    const result = cleaning.cleaner.clean(job.record.inputs[job.kind], job.options)
    return scoredText(result.text, result.title, job.record.gold !== undefined)
  }
  const executor = cleaning.executor
  const bytes = encoder.encode(job.record.inputs[job.kind])
  const result = await executor.run({kind: 'text', bytes, options: job.options, details: false}, [bytes.buffer as ArrayBuffer])
  if (result.status !== 'cleaned') throw new Error(`${job.record.source} ${job.record.id} ${job.kind}: ${result.status === 'error' ? result.message : 'not cleaned'}`)
  // The gold texts have no headline: a title decruft detects is dropped before scoring, as `decruft eval` does.
  return scoredText(typeof result.output === 'string' ? result.output : Buffer.from(result.output).toString('utf8'), result.title, job.record.gold !== undefined)
}

/**
 * The options a record's input is cleaned with: its URL, and with `knownKinds` what the input is.
 * Only the text is scored, so the removals are not explained (as the batch's threads do anyway).
 */
function optionsOf(record: CorpusRecord, kind: string, knownKinds: boolean | undefined): DocumentOptions {
  return knownKinds ? {url: record.url, inputKind: isWholePage(kind) ? 'page' : 'extractor', explain: false} : {url: record.url, explain: false}
}

/** The held-out figures of every source and input kind, sources in the order of the records. */
export async function crossValidate(records: readonly CorpusRecord[], options: CvOptions): Promise<CvCell[]> {
  const sources = [...new Set(records.map((record) => record.source))]
  // One pool at a time: kept while the factory returns the same cleaner (the default), else replaced.
  let current: {cleaner: Cleaner; cleaning: Cleaning} | undefined
  const cells: CvCell[] = []
  try {
    for (const heldOut of sources) {
      const started = Date.now()
      const testing = records.filter((record) => record.source === heldOut)
      const cleaner = await options.factory(
        records.filter((record) => record.source !== heldOut),
        {heldOut}
      )
      if (current?.cleaner !== cleaner) {
        if (current?.cleaning.kind === 'pool') await current.cleaning.executor.close()
        current = {cleaner, cleaning: options.workers === 1 ? {kind: 'here', cleaner} : {kind: 'pool', executor: createExecutor({config: cleaner.config, workers: options.workers, budget: DEFAULT_THREAD_BUDGET})}}
      }
      const kinds = [...new Set(testing.flatMap((record) => Object.keys(record.inputs)))]
      const jobs: Job[] = kinds.flatMap((kind) => testing.filter((record) => kind in record.inputs).map((record) => ({record, kind, options: optionsOf(record, kind, options.knownKinds)})))
      const run = current.cleaning
      const outcomes = await pMap(
        jobs,
        async (job) => {
          const cleaning = cleanWith(run, job)
          const text = job.record.inputs[job.kind]
          // The baselines run here while a worker thread cleans.
          const c4 = c4Filter(text, job.record.lang)
          const justext = justextFilter(text, job.record.lang)
          return scoreOutputs(job.record, {raw: text, c4, justext, decruft: await cleaning})
        },
        {concurrency: run.kind === 'pool' ? Math.max(2, run.executor.concurrency * 4) : 1}
      )
      for (const kind of kinds) cells.push(aggregate(heldOut, kind, outcomes.filter((_, index) => jobs[index].kind === kind)))
      options.onFold?.({heldOut, documents: testing.length, seconds: (Date.now() - started) / 1000})
    }
  } finally {
    if (current?.cleaning.kind === 'pool') await current.cleaning.executor.close()
  }
  return cells
}
