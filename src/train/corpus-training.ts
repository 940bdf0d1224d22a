/**
 * Training on the seven sources (`npm run train`) and per fold of leave-one-source-out validation
 * (`decruft eval --cv`): the data set is built once from every record (a block's row depends on its
 * document alone), and each fold trains on the documents of its training sources.
 */

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createCleaner, type Cleaner} from '../cleaner.js'
import {resolvePack, type ResolvedConfig} from '../config/resolve.js'
import {corpusFiles, readCorpus, type CorpusRecord} from '../eval/corpus.js'
import {describeTrainingDataset, trainingDataset, type Dataset} from './dataset.js'
import {DEFAULT_TRAIN_OPTIONS, serializeClassifier, trainClassifier, type TrainOptions} from './train.js'

/** The config training reads blocks with: the recommended pack, with the hand-set classifier. */
export function trainingConfig(): ResolvedConfig {
  const config = resolvePack('recommended')
  return {...config, classifier: {model: 'none'}}
}

export async function readSources(benchdata: string, traindata: string, log?: (message: string) => void): Promise<CorpusRecord[]> {
  const {found, missing} = corpusFiles(benchdata, traindata)
  if (found.length === 0) throw new Error(`no training data: none of ${missing.join(', ')}`)
  for (const file of missing) log?.(`missing ${file}`)
  const records: CorpusRecord[] = []
  for await (const record of readCorpus(found, (where, reason) => log?.(`skipped ${where}: ${reason}`))) records.push(record)
  return records
}

/** Train the built-in model from the two data folders; returns the model file's text. */
export async function trainFromCorpus(options: {benchdata: string; traindata: string; train?: TrainOptions; log?: (message: string) => void}): Promise<string> {
  const records = await readSources(options.benchdata, options.traindata, options.log)
  options.log?.(`building the data set from ${records.length} records`)
  const dataset = trainingDataset(records, {config: trainingConfig()})
  options.log?.(describeTrainingDataset(dataset))
  return serializeClassifier(trainClassifier(dataset, {...(options.train ?? DEFAULT_TRAIN_OPTIONS), log: options.log}))
}

/**
 * A fold cleaner factory for `decruft eval --cv`: for each fold, a classifier trained on the
 * training records' documents only (its thresholds chosen on folds of those), written to a
 * temporary file that the fold's cleaner (and its worker threads) read. The data set is built once,
 * from every record, when the first fold asks.
 */
export function trainedFoldFactory(config: ResolvedConfig, records: readonly CorpusRecord[], train: TrainOptions = DEFAULT_TRAIN_OPTIONS, log?: (message: string) => void) {
  let dataset: Dataset | undefined
  const directory = mkdtempSync(path.join(os.tmpdir(), 'decruft-cv-'))
  const factory = (training: CorpusRecord[], fold: {heldOut: string}): Cleaner => {
    if (!dataset) {
      log?.(`building the data set from ${records.length} records`)
      dataset = trainingDataset(records, {config: trainingConfig()})
    }
    const sources = new Set(training.map((record) => record.source))
    const documents = dataset.documents.filter((document) => sources.has(document.source))
    log?.(`fold ${fold.heldOut}: training on ${[...sources].join(', ')}`)
    const file = path.join(directory, `${fold.heldOut}.json`)
    writeFileSync(file, serializeClassifier(trainClassifier(dataset, {...train, log}, documents)))
    return createCleaner({...config, classifier: {...config.classifier, model: file}}, {messages: false})
  }
  return {factory, dispose: () => rmSync(directory, {recursive: true, force: true})}
}
