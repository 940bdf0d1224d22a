/**
 * What `decruft eval` does, loaded when it runs (eval-command.ts defines its options).
 *
 * `decruft eval`: score decruft's output against gold data, with the two public benchmarks' metrics
 * and attribution to rules.
 */

import path from 'node:path'
import type {InputKind} from '../types.js'
import {formatBenchTable, benchInputs, runBench} from '../eval/bench.js'
import {evaluate, type EvalReport} from '../eval/evaluate.js'
import {createCleaner, DEFAULT_MODEL, type Cleaner} from '../cleaner.js'
import {formatEvalReport} from '../eval/format.js'
import {corpusFiles, readCorpus, type CorpusRecord} from '../eval/corpus.js'
import {crossValidate, fixedCleanerFactory} from '../eval/cross-validate.js'
import {cvRows, formatCvTable, PREVIOUS_RELEASE_FILE, readPrevious, type CvReport} from '../eval/cv-table.js'
import {defaultWorkers} from '../batch/pool-size.js'
import {goldSourceRecords} from '../eval/records.js'
import {writeAtomic} from '../io/write.js'
import {describeError} from '../report/report.js'
import type {CommandIo} from './clean-command.js'
import {trainedFoldFactory} from '../train/corpus-training.js'
import {UsageError} from './usage-error.js'
import {loadRunConfig, withInputKind, withPreset, type GoldSourceOptions} from './options.js'

/** Load the config and compile it, with the command line's overrides. */
function cleanerFor(options: {config?: string; preset?: string; inputKind?: InputKind}, io: CommandIo): Cleaner {
  return createCleaner(withInputKind(withPreset(loadRunConfig({config: options.config, cwd: io.cwd}, io.stderr), options.preset), options.inputKind))
}

/** Whether a cleaner's classifier is a trained model (not the hand-set one alone). */
function usesModel(cleaner: Cleaner): boolean {
  return (cleaner.config.classifier?.model ?? DEFAULT_MODEL) !== 'none'
}

export interface EvalCommandOptions extends GoldSourceOptions {
  benchdata?: string
  cv?: boolean
  traindata?: string
  previous?: string
  workers?: number
  keepTitle?: boolean
  config?: string
  rules: number
  json?: string
  preset?: string
  /** Score with this classifier model file, and compare it with the config's classifier. */
  model?: string
  followSymlinks?: boolean
  /** What the texts are; `known` (with --cv): each input's own kind. */
  inputKind?: InputKind | 'known'
}

/**
 * `--cv`: leave-one-source-out over the seven sources of `--benchdata` and `--traindata` (by default
 * the `traindata` folder next to `--benchdata`), with the baselines and the previous release's figures.
 */
async function runCrossValidation(options: EvalCommandOptions, io: CommandIo): Promise<number> {
  if (options.gold || options.jsonl || !options.benchdata) throw new UsageError('--cv reads --benchdata DIR (and --traindata DIR), not --gold or --jsonl')
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) throw new UsageError('--workers must be a whole number ≥ 1')
  const benchdata = path.resolve(io.cwd, options.benchdata)
  const traindata = path.resolve(io.cwd, options.traindata ?? path.join(options.benchdata, '..', 'traindata'))
  let previous: Map<string, number>
  try {
    previous = readPrevious(options.previous ? path.resolve(io.cwd, options.previous) : PREVIOUS_RELEASE_FILE)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const knownKinds = options.inputKind === 'known'
  const cleaner = cleanerFor({...options, inputKind: options.inputKind === 'known' ? undefined : options.inputKind}, io)
  const {found, missing} = corpusFiles(benchdata, traindata)
  for (const file of missing) io.stderr.write(`decruft: not found, left out: ${file}\n`)
  const started = Date.now()
  const records: CorpusRecord[] = []
  for await (const record of readCorpus(found, (where, reason) => io.stderr.write(`decruft: skipped ${where}: ${reason}\n`))) records.push(record)
  const sources = new Set(records.map((record) => record.source))
  if (sources.size < 2) throw new UsageError(`leave-one-source-out needs at least two sources; found ${sources.size} in ${options.benchdata} and ${options.traindata ?? 'the traindata folder next to it'}`)
  io.stderr.write(`read ${records.length} records of ${sources.size} sources in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  // With a trained classifier, each fold trains its own on the six other sources; the hand-set
  // classifier (`classifier: {model: none}`) is the same for every fold.
  const trained = usesModel(cleaner) ? trainedFoldFactory(cleaner.config, records, undefined, (message) => io.stderr.write(`  ${message}\n`)) : undefined
  const cells = await crossValidate(records, {
    factory: trained?.factory ?? fixedCleanerFactory(cleaner),
    workers: options.workers ?? defaultWorkers(),
    knownKinds,
    onFold: ({heldOut, documents, seconds}) => io.stderr.write(`  held out ${heldOut}: ${documents} documents, ${seconds.toFixed(1)} s\n`)
  })
  trained?.dispose()
  const rows = cvRows(cells, previous)
  io.stdout.write(formatCvTable(rows) + '\n')
  const report: CvReport = {cells, rows}
  if (options.json) await writeAtomic(path.resolve(io.cwd, options.json), JSON.stringify(report, null, 2) + '\n')
  return 0
}

export async function runEval(options: EvalCommandOptions, io: CommandIo): Promise<number> {
  if (options.cv) {
    if (options.model) throw new UsageError('--cv trains a model per fold: --model goes with --gold or --jsonl')
    return runCrossValidation(options, io)
  }
  if (options.traindata || options.previous || options.workers !== undefined) throw new UsageError('--traindata, --previous and --workers go with --cv')
  if (options.inputKind === 'known') throw new UsageError('--input-kind known goes with --cv (each input of the corpora has its kind); else name the kind: auto, page or extractor')
  const modes = [options.gold, options.jsonl, options.benchdata].filter((value) => value !== undefined)
  if (modes.length !== 1) throw new UsageError('give one of --gold DIR, --jsonl FILE or --benchdata DIR')
  if (options.model && options.benchdata) throw new UsageError('--model compares models on --gold DIR or --jsonl FILE (for --benchdata, name the model in a config)')
  const cleaner = cleanerFor({...options, inputKind: options.inputKind}, io)

  if (options.benchdata) {
    const inputs = benchInputs(path.resolve(io.cwd, options.benchdata))
    if (inputs.length === 0) throw new UsageError(`no scrapinghub.dev.jsonl or trafilatura.dev.jsonl in ${options.benchdata}`)
    const rows = await runBench(inputs, cleaner, (row) => io.stderr.write(`  ${row.input.corpus} ${row.input.field}: done\n`))
    io.stdout.write(formatBenchTable(rows) + '\n')
    if (options.json) await writeAtomic(path.resolve(io.cwd, options.json), JSON.stringify(rows, null, 2) + '\n')
    return 0
  }

  // The inputs, checked as every command checks them, and the --json file checked against them.
  const {records, problems} = await goldSourceRecords(options, io.cwd, {option: '--json', value: options.json})
  const dropTitle = options.gold ? false : !options.keepTitle
  const modelCleaner = options.model ? createCleaner({...cleaner.config, classifier: {...cleaner.config.classifier, model: path.resolve(io.cwd, options.model)}}, {messages: false}) : undefined
  const report = await evaluate(records(), modelCleaner ?? cleaner, {dropTitle})
  for (const problem of problems) io.stderr.write(`decruft: ${describeError(problem)}; not scored\n`)
  if (report.documents === 0) {
    if (problems.length > 0) return 1
    throw new UsageError('no records to evaluate')
  }
  io.stdout.write(formatEvalReport(report, {rules: options.rules}) + '\n')
  if (modelCleaner) {
    // The same records with the config's own classifier, for comparison.
    const base = await evaluate(records(), cleaner, {dropTitle})
    io.stdout.write(formatModelComparison(options.model!, modelName(cleaner), report, base) + '\n')
  }
  if (options.json) await writeAtomic(path.resolve(io.cwd, options.json), JSON.stringify(report, null, 2) + '\n')
  // As with clean: what could be read is scored, and the exit code says that something could not be.
  return problems.length > 0 ? 1 : 0
}

/** What the config's classifier is, in words. */
function modelName(cleaner: Cleaner): string {
  const model = cleaner.config.classifier?.model ?? DEFAULT_MODEL
  return model === 'none' ? 'the hand-set classifier' : model === 'built-in' ? 'the built-in model' : path.basename(model)
}

/** One line per metric: the model against the config's classifier. */
function formatModelComparison(model: string, base: string, withModel: EvalReport, withBase: EvalReport): string {
  const lines = [`${model} against ${base}:`]
  const f1 = (value: number) => value.toFixed(3)
  if (withModel.shingles && withBase.shingles) {
    const change = withModel.shingles.cleaned.f1 - withBase.shingles.cleaned.f1
    lines.push(`  shingles F1 ${f1(withBase.shingles.cleaned.f1)} → ${f1(withModel.shingles.cleaned.f1)} (${change >= 0 ? '+' : ''}${change.toFixed(3)})`)
  }
  if (withModel.snippets && withBase.snippets) {
    const change = withModel.snippets.cleaned.f1 - withBase.snippets.cleaned.f1
    lines.push(`  snippets F1 ${f1(withBase.snippets.cleaned.f1)} → ${f1(withModel.snippets.cleaned.f1)} (${change >= 0 ? '+' : ''}${change.toFixed(3)})`)
  }
  lines.push(`  catastrophic documents ${withBase.catastrophic} → ${withModel.catastrophic}`)
  return lines.join('\n')
}
