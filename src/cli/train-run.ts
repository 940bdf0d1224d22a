/**
 * What `decruft train` does, loaded when it runs (train-command.ts defines its options).
 *
 * `decruft train`: train a block classifier on your own gold (`x.txt` / `x.clean.txt` pairs, or JSON
 * Lines records with a gold text or `with`/`without` snippets) and write a model file that a config
 * uses (`classifier: {model: ./model.json}`) and `decruft eval --model` compares with the built-in one.
 */

import path from 'node:path'
import type {CorpusRecord} from '../eval/corpus.js'
import type {EvalRecord} from '../eval/evaluate.js'
import {goldSourceRecords} from '../eval/records.js'
import {describeError} from '../report/report.js'
import {writeAtomic} from '../io/write.js'
import {describeTrainingDataset, trainingDataset} from '../train/dataset.js'
import {DEFAULT_TRAIN_OPTIONS, serializeClassifier, trainClassifier} from '../train/train.js'
import type {CommandIo} from './clean-command.js'
import {UsageError} from './usage-error.js'
import type {InputKind} from '../types.js'
import {loadRunConfig, wholeNumber, withInputKind, type GoldSourceOptions} from './options.js'

export interface TrainCommandOptions extends GoldSourceOptions {
  out: string
  config?: string
  trees: number
  depth: number
  folds: number
  seed: number
  /** What the texts are; the model learns from the classifier's view of them as such. */
  inputKind?: InputKind
  quiet?: boolean
}

/** An evaluation record as a training record of one input. */
function asCorpusRecord(record: EvalRecord, source: string): CorpusRecord {
  return {source, id: record.id, url: record.url, lang: 'und', gold: record.gold, with: record.with, without: record.without, inputs: {text: record.text}}
}

export async function runTrain(options: TrainCommandOptions, io: CommandIo): Promise<number> {
  if ((options.gold === undefined) === (options.jsonl === undefined)) throw new UsageError('give one of --gold DIR or --jsonl FILE')
  const trees = wholeNumber(options.trees, '--trees', 1)
  const maxDepth = wholeNumber(options.depth, '--depth', 1)
  const folds = wholeNumber(options.folds, '--folds', 2)
  const seed = wholeNumber(options.seed, '--seed', 0)
  const source = path.basename(options.gold ?? options.jsonl!)
  // Inputs are read as every command reads them, and the model file may not overwrite one.
  const {records: input, problems} = await goldSourceRecords(options, io.cwd, {option: '--out', value: options.out})
  const records: CorpusRecord[] = []
  for await (const record of input()) if (record.gold !== undefined || record.with !== undefined || record.without !== undefined) records.push(asCorpusRecord(record, source))
  for (const problem of problems) io.stderr.write(`decruft: ${describeError(problem)}; not used\n`)
  if (records.length < folds) throw new UsageError(`${records.length} record${records.length === 1 ? '' : 's'} with gold: training needs at least ${folds} (one per fold)`)
  const log = options.quiet ? undefined : (message: string) => io.stderr.write(`decruft train: ${message}\n`)
  // Blocks are read with the config's rules and the hand-set classifier, as the model will see them.
  const config = {...withInputKind(loadRunConfig({config: options.config, cwd: io.cwd}, io.stderr), options.inputKind), classifier: {model: 'none'}}
  const dataset = trainingDataset(records, {config})
  log?.(describeTrainingDataset(dataset))
  const model = trainClassifier(dataset, {...DEFAULT_TRAIN_OPTIONS, trees: {...DEFAULT_TRAIN_OPTIONS.trees, trees, maxDepth, seed}, foldTrees: Math.max(1, Math.round(trees / 2)), folds, log})
  const out = path.resolve(io.cwd, options.out)
  await writeAtomic(out, serializeClassifier(model))
  log?.(`wrote ${options.out}: operating points precision ${model.operatingPoints.precision}, balanced ${model.operatingPoints.balanced}, recall ${model.operatingPoints.recall}`)
  return problems.length > 0 ? 1 : 0
}
