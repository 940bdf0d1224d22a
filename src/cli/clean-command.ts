/**
 * `decruft clean`: clean files, directories, standard input or JSON Lines, write the clean text,
 * a JSON report and a short summary.
 */

import {readFileSync} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import type {Readable, Writable} from 'node:stream'
import pMap from 'p-map'
import {Command, Option} from 'commander'
import type {Cleaner} from '../cleaner.js'
import type {ResolvedConfig} from '../config/resolve.js'
import {fingerprint} from '../config/fingerprint.js'
import {DEFAULT_THREAD_BUDGET, defaultWorkers} from '../batch/pool-size.js'
import {documentHeap, largestDocument, largestRecordLine, MIN_THREAD_BUDGET_MB, RECORD_LINE_FACTOR} from '../batch/heap-limits.js'
import {createExecutor, ThreadStartError, type Executor} from '../batch/executor.js'
import {DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_JSONL_INCLUDE, expandCommandInputs, type ExpandedInputs, type FileInput} from '../batch/inputs.js'
import {planFileOutputs, WriteClaims} from '../batch/output-plan.js'
import {runFiles} from '../batch/run-files.js'
import {runStdin} from '../batch/run-stdin.js'
import {jsonlSources, runJsonl} from '../batch/run-jsonl.js'
import {REMOVED_DETAILS, type RemovedDetail} from '../batch/work.js'
import {UrlMap, urlProblem} from '../batch/url-map.js'
import {JsonlOutput, writeChunk, type RecordSink} from '../io/jsonl-output.js'
import {writeAtomic, WriteError} from '../io/write.js'
import type {ReviewDocument as PageDocument} from '../review/index.js'
import {checkCompiles, CompileOutOfMemoryError} from '../batch/compile-check.js'
import {Progress} from '../report/progress.js'
import {ReportBuilder, reportJson} from '../report/report.js'
import {formatSummary, htmlWarning, replacedDecruftWarning} from '../report/summary.js'
import type {DocumentOptions} from '../types.js'
import {UsageError} from './usage-error.js'
import {addCleaningOptions, addLearnThresholds, learnOptionsOf, loadRunConfig, wholeNumber, withInputKind, withPreset, type CleaningOptions} from './options.js'
import {interruptOn} from './signals.js'
import {version} from './version.js'

export interface CleanCommandOptions extends CleaningOptions {
  out?: string
  inPlace?: boolean
  report?: string
  concurrency: number
  quiet?: boolean
  learn?: boolean
  learnOut?: string
  minDocs: number
  minShare: number
  /** Learn the language of single-language sites too (commander's `--no-site-languages` sets false). */
  siteLanguages?: boolean
  workers?: number
  resume?: boolean
  maxDocBytes?: number
  docTimeout?: number
  /** With --jsonl: how much of each removal an output record holds. */
  removed?: RemovedDetail
  /** Write the batch's review page (as `decruft diff --html`) to this file. */
  review?: string
  /** Hidden: write run statistics (time, peak RSS) as JSON to this file (for `npm run bench`). */
  statsJson?: string
  /** Memory of each worker thread, in MB. */
  memoryBudget?: number
  /** The URL of every document that has none of its own. */
  url?: string
  /** A file of `PATH<TAB>URL` lines: each text file's URL. */
  urlMap?: string
  /** The path of the document on standard input, for `when.path` (and `--url-map`). */
  stdinFilename?: string
}

export interface CommandIo {
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  cwd: string
}

const MB = 1024 * 1024

/**
 * The process's peak resident memory, in bytes. On Linux it is read from `/proc/self/status`
 * (`VmHWM`, this program's own peak): `process.resourceUsage().maxRSS` keeps the peak of the
 * process that started it (a parent of 800 MB made a fresh `node -e` report 767 MB), so a benchmark
 * that holds large outputs would be charged for them.
 */
function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1]) * 1024
  } catch {
    // Not Linux: the operating system's own figure.
  }
  return process.resourceUsage().maxRSS * 1024
}

/** Below this many bytes of input (when known), the default is one thread. */
const SMALL_INPUT_BYTES = 512 * 1024

/** `--review FILE`: the review page of the inputs as this run cleans them. */
async function reviewPage(inputs: string[], options: CleanCommandOptions, io: CommandIo, cleaner: Cleaner, documentOptions: DocumentOptions, urls: UrlMap | undefined, signal: AbortSignal): Promise<string | undefined> {
  const [{pageDocument, reviewDocuments}, {reviewHtml, reviewRulesOf}] = await Promise.all([import('../diff/review.js'), import('../review/index.js')])
  const documents: PageDocument[] = []
  const source = reviewDocuments(inputs, {jsonl: options.jsonl, textField: options.textField, include: options.include, exclude: options.exclude, followSymlinks: options.followSymlinks, documentOptions, urls}, io, cleaner)
  for await (const entry of source) {
    if (signal.aborted) return undefined
    // Inputs that cannot be read are reported by the run itself.
    if ('kind' in entry) continue
    documents.push(pageDocument(entry))
  }
  return reviewHtml({documents, rules: reviewRulesOf(cleaner.rules), version})
}

/**
 * The files a run writes besides its outputs (review page, learned pack, report): one that cannot be
 * written is named on standard error at once and makes the exit code 1; the run goes on.
 */
class SideFiles {
  failed = false

  constructor(private readonly io: CommandIo) {}

  /** Write `data` (or its pieces) to `file` (relative to the working directory). */
  async write(file: string, data: string | Iterable<string>): Promise<void> {
    try {
      await writeAtomic(path.resolve(this.io.cwd, file), data)
    } catch (error) {
      if (!(error instanceof WriteError)) throw error
      this.failed = true
      this.io.stderr.write(`decruft: ${error.message}\n`)
    }
  }
}

/**
 * The run's config, with the command line's overrides and (`--learn`) the rules learned from the
 * inputs, compiled before any document is read: a rule that does not compile is a config error
 * before the batch's threads start, and they are handed the prefilters and automata worked out
 * compiling it. It is compiled in a thread of its own that ends once it has answered
 * (`compile-check.ts`), so this thread never keeps a cleaner; with `--review`, which cleans here,
 * it is compiled here and the cleaner returned.
 */
async function configFor(inputs: string[], options: CleanCommandOptions, io: CommandIo, plan: CleanPlan, sideFiles: SideFiles, budget: number): Promise<{config: ResolvedConfig; cleaner?: Cleaner; learned?: number}> {
  let config = withInputKind(withPreset(loadRunConfig({config: options.config, cwd: io.cwd}, io.stderr), options.preset), options.inputKind)
  let learned: number | undefined
  if (options.learn) {
    if (inputs.includes('-')) throw new UsageError('--learn reads the inputs twice: give files, not standard input')
    // Files and records that cannot be read are reported when they are cleaned, not here.
    const [{learnedSummary, learnFromInputs}, {withLearnedRules}, {learnedPackYaml}] = await Promise.all([import('./learn-run.js'), import('../learn/merge.js'), import('../learn/pack.js')])
    const {learner, documents} = await learnFromInputs(inputs, options, io, learnOptionsOf(options), plan.expanded)
    const rules = learner.rules()
    const languages = learner.languages()
    config = withLearnedRules(config, rules, languages)
    if (options.learnOut) await sideFiles.write(options.learnOut, learnedPackYaml(rules, `Learned by decruft clean --learn from ${documents} documents.`, languages))
    if (!options.quiet) io.stderr.write(`decruft: learned ${learnedSummary(rules.length, languages.length)} from ${documents} documents\n`)
    learned = rules.length
  }
  if (options.review) {
    const {createCleaner} = await import('../cleaner.js')
    return {config, cleaner: createCleaner(config, {messages: false}), learned}
  }
  try {
    await checkCompiles(config, budget)
  } catch (error) {
    if (error instanceof CompileOutOfMemoryError) throw rulesTooLarge(budget)
    throw error
  }
  return {config, learned}
}

/** The usage error for rules that do not fit in a thread's memory. */
function rulesTooLarge(budget: number): UsageError {
  return new UsageError(`the rules do not fit in a worker thread's memory (--memory-budget ${budget / MB}); give a larger --memory-budget`)
}

/** Run `clean`; resolves to the exit code. */
export async function runClean(inputs: string[], options: CleanCommandOptions, io: CommandIo): Promise<number> {
  const started = Date.now()
  if (inputs.length === 0) {
    // Piped input with no arguments: read standard input.
    if ((io.stdin as NodeJS.ReadStream).isTTY) throw new UsageError('no inputs: give files, directories, or `-` for standard input')
    inputs = ['-']
  }
  if (options.inPlace && options.out) throw new UsageError('--in-place and --out cannot be used together')
  if (options.inPlace && inputs.includes('-')) throw new UsageError('--in-place cannot be used with standard input')
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('`-` (standard input) can be given once')
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1')
  const budget = (wholeNumber(options.memoryBudget, '--memory-budget', MIN_THREAD_BUDGET_MB) ?? DEFAULT_THREAD_BUDGET / MB) * MB
  const workers = wholeNumber(options.workers, '--workers', 1) ?? defaultWorkers(undefined, budget)
  // The limits that decide whether a document is cleaned, the same for any number of threads: by
  // default the heap a thread's budget leaves a document, against what its shape takes (and no file
  // larger than any shape could fit is read); with --max-doc-bytes, its size alone.
  const givenMaxDocBytes = wholeNumber(options.maxDocBytes, '--max-doc-bytes', 0)
  const maxDocBytes = givenMaxDocBytes ?? largestDocument(budget)
  const docHeap = givenMaxDocBytes === undefined ? documentHeap(budget) : undefined
  const maxLineBytes = givenMaxDocBytes === undefined ? largestRecordLine(budget) : RECORD_LINE_FACTOR * givenMaxDocBytes
  const docTimeout = wholeNumber(options.docTimeout, '--doc-timeout', 1)
  if (options.resume && !options.out) throw new UsageError('--resume needs --out (a folder, or with --jsonl a file)')
  if (options.jsonl && /^decruft(?:\.|$)/.test(options.textField ?? '')) {
    throw new UsageError(`--text-field ${options.textField}: each output record's \`decruft\` field is decruft's own, which would replace the clean text (rename the field first)`)
  }
  if (options.removed && !options.jsonl) throw new UsageError('--removed applies to --jsonl records (a text output has no record; use --report for the removals)')
  if (options.report === '-' && !options.out && !options.inPlace) {
    throw new UsageError('--report - writes the report to standard output, where the clean text goes: give --out (or --in-place), or --report FILE')
  }
  if (options.url !== undefined) {
    const problem = urlProblem(options.url)
    if (problem) throw new UsageError(`--url ${options.url}: ${problem}`)
  }
  if (options.stdinFilename !== undefined) {
    if (!inputs.includes('-')) throw new UsageError('--stdin-filename names the document on standard input: give `-` (or pipe the input)')
    if (options.jsonl) throw new UsageError("--stdin-filename applies to a text document on standard input; with --jsonl each record's `path` field scopes it")
  }
  if (options.urlMap !== undefined && options.jsonl) throw new UsageError("--url-map applies to text files; with --jsonl each record's `url` field gives its URL (--url gives one to records without)")
  const urls = options.urlMap === undefined ? undefined : UrlMap.read(options.urlMap, io.cwd)
  if (options.review && inputs.includes('-')) throw new UsageError('--review reads the inputs twice: give files, not standard input (or use `decruft diff --html`)')
  const plan = await planClean(inputs, options, io)
  const sideFiles = new SideFiles(io)

  // Per-document entries only when a report is written: without one, memory stays flat.
  const report = new ReportBuilder(version, options.report !== undefined)
  const interrupt = new AbortController()
  let executor: Executor | undefined
  // From here on a signal ends the run (the documents are cleaned on other threads, so this one
  // always hears it); a second one exits at once.
  const stopListening = interruptOn(() => {
    interrupt.abort()
    executor?.cancelAll()
    // A read of standard input may wait for a writer that says nothing: it would keep the process.
    if (inputs.includes('-')) (io.stdin as Partial<Readable>).destroy?.()
  })
  // The handlers stay until the command returns: a signal after the cleaning (while the summary
  // and the report are written) must not end the process by its default action, mid-write.
  try {
    let interrupted: boolean
    try {
      let compiled: {config: ResolvedConfig; cleaner?: Cleaner; learned?: number} | undefined = await configFor(inputs, options, io, plan, sideFiles, budget)
      const {config} = compiled
      report.setConfig({...fingerprint(config, io.cwd), ...(compiled.learned === undefined ? {} : {learned: compiled.learned})})
      const documentOptions: DocumentOptions = {}
      if (options.title) documentOptions.title = options.title
      if (options.lang) documentOptions.lang = options.lang
      if (options.url !== undefined) documentOptions.url = options.url
      const executorFor = async (size: {documents?: number; bytes?: number}): Promise<Executor> => {
        // A small input (one document, a few hundred kB) gets one thread unless --workers says
        // otherwise: each more would compile the rules for little to clean.
        const small = options.workers === undefined && ((size.documents !== undefined && size.documents <= 1) || (size.bytes !== undefined && size.bytes < SMALL_INPUT_BYTES))
        const threads = Math.min(workers, Math.max(1, size.documents ?? workers))
        const created = createExecutor({config, workers: small ? 1 : threads, budget, timeout: docTimeout})
        executor = created
        if (interrupt.signal.aborted) created.cancelAll()
        try {
          await created.started()
        } catch (error) {
          if (error instanceof ThreadStartError && error.outOfMemory) throw rulesTooLarge(budget)
          throw error
        }
        return created
      }
      const run: CleanRun = {options, io, executorFor, report, documentOptions, urls, maxDocBytes, docHeap, maxLineBytes, signal: interrupt.signal}
      // The review page is built from the originals before they are cleaned (so --in-place is fine), with the same rules.
      if (options.review && compiled.cleaner && !interrupt.signal.aborted) {
        const page = await reviewPage(inputs, options, io, compiled.cleaner, documentOptions, urls, interrupt.signal)
        if (page !== undefined) await sideFiles.write(options.review, page)
      }
      // The threads compile their own: the copy --review made goes.
      compiled = undefined
      if (interrupt.signal.aborted) interrupted = true
      else interrupted = options.jsonl ? await cleanJsonl(inputs, plan, run) : await cleanText(inputs, plan, run)
    } finally {
      await (executor as Executor | undefined)?.close()
    }

    if (interrupted) report.interrupt()
    report.setElapsed(Date.now() - started)
    const built = report.build()
    for (const warning of [replacedDecruftWarning(built.summary), htmlWarning(built.summary)]) if (warning) io.stderr.write(warning + '\n')
    const unused = interrupted ? [] : (urls?.unused(io.cwd) ?? [])
    if (unused.length > 0) {
      io.stderr.write(`decruft: warning: ${unused.length} path${unused.length === 1 ? '' : 's'} of --url-map ${options.urlMap} named no input of this run (first: ${unused[0]})\n`)
    }
    if (!options.quiet) io.stderr.write(formatSummary(built) + '\n')
    if (options.report === '-') {
      for (const piece of reportJson(built)) await writeChunk(io.stdout as unknown as Writable, piece)
    } else if (options.report) await sideFiles.write(options.report, reportJson(built))
    if (options.statsJson) {
      const usage = process.resourceUsage()
      const threads = (executor as Executor | undefined)?.concurrency ?? 1
      const stats = {elapsedMs: Date.now() - started, maxRssBytes: peakRssBytes(), userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, workers: threads, documents: built.summary.documents, bytesIn: built.summary.bytesIn}
      await sideFiles.write(options.statsJson, JSON.stringify(stats) + '\n')
    }
    if (interrupted) return 130
    return report.failed > 0 || sideFiles.failed ? 1 : 0
  } finally {
    stopListening()
  }
}

/** What a `clean` run reads, and where it writes each text file's output. */
interface CleanPlan {
  expanded: ExpandedInputs
  /** For text files: each one's output, or why it has none (`planFileOutputs`); none for standard output. */
  outputs: Map<FileInput, string | Error>
}

/**
 * The run's inputs and outputs, checked before anything is read or written: no output, and no file
 * an option names (`--report`, `--review`, `--learn-out`), may overwrite an input or another output.
 */
async function planClean(inputs: string[], options: CleanCommandOptions, io: CommandIo): Promise<CleanPlan> {
  if (options.jsonl && options.inPlace) throw new UsageError('--in-place is not supported with --jsonl; write to --out FILE')
  const stdin = inputs.includes('-')
  if (stdin && !options.jsonl && inputs.length > 1) throw new UsageError('`-` (standard input) cannot be mixed with files unless --jsonl is given')
  const expanded = await expandCommandInputs(inputs, options, io.cwd)
  refuseEmptyFolders(expanded, options)
  const claims = WriteClaims.forInputs(expanded.files, io.cwd)
  let outputs = new Map<FileInput, string | Error>()
  if (options.jsonl) {
    if (options.out !== undefined) await claims.claimJsonlOutput(options.out)
  } else if (stdin) {
    await claims.claimOption('--out', options.out)
  } else {
    const {files, errors} = expanded
    const single = inputs.length === 1 && files.length === 1 && files[0].display === inputs[0]
    // Nothing to clean but errors to report: the run reports them.
    if (!options.out && !options.inPlace && !single && !(files.length === 0 && errors.length > 0)) {
      throw new UsageError('several documents need --out DIR (or --in-place); only a single file is written to standard output')
    }
    outputs = await planFileOutputs(expanded, {...options, singleFile: single}, claims)
  }
  const named: Array<[string, string | undefined]> = [['--report', options.report === '-' ? undefined : options.report], ['--review', options.review], ['--learn-out', options.learnOut], ['--stats-json', options.statsJson]]
  for (const [option, value] of named) await claims.claimOption(option, value)
  return {expanded, outputs}
}

/**
 * A folder input in which no file matches the include globs (and that had nothing unreadable in
 * it) is a usage error naming the folder and the globs, as ESLint's "No files matching": cleaning
 * nothing and saying "0 documents" would hide a wrong folder or a wrong `--include`.
 */
function refuseEmptyFolders(expanded: ExpandedInputs, options: CleanCommandOptions): void {
  for (const folder of expanded.folders) {
    if (expanded.files.some((file) => file.input === folder.input)) continue
    if (expanded.errors.some((error) => error.path === folder.input || error.path.startsWith(path.join(folder.input, path.sep)) || error.path.startsWith(folder.input + '/'))) continue
    const include = options.include ?? (options.jsonl ? DEFAULT_JSONL_INCLUDE : DEFAULT_INCLUDE)
    const exclude = options.exclude ?? DEFAULT_EXCLUDE
    const globs = `--include ${include.join(' ')}${exclude.length > 0 ? `, --exclude ${exclude.join(' ')}` : ''}`
    throw new UsageError(`no files in the folder ${folder.input} match the globs (${globs})${options.include ? '' : '; give --include to take others'}`)
  }
}

/** What one `clean` run works with. */
interface CleanRun {
  options: CleanCommandOptions
  io: CommandIo
  /** The executor for an input of this size (created once), once its threads have started. */
  executorFor(size: {documents?: number; bytes?: number}): Promise<Executor>
  report: ReportBuilder
  documentOptions: DocumentOptions
  /** `--url-map`: text files' URLs. */
  urls?: UrlMap
  /** Larger documents are passed through (`--max-doc-bytes`, or what a thread's memory may hold). */
  maxDocBytes: number
  /** The heap a thread has for a document (without `--max-doc-bytes`): one whose shape takes more is passed through. */
  docHeap?: number
  /** JSON Lines lines longer than this are passed through as they are read. */
  maxLineBytes: number
  signal: AbortSignal
}

/** The progress display of a run (none with --quiet). */
function progressFor(run: CleanRun, total: number | undefined): Progress | undefined {
  if (run.options.quiet) return undefined
  const progress = new Progress({stream: run.io.stderr, total})
  progress.start()
  return progress
}

/** The files' total size on disk (for the progress bar's share and ETA). */
async function totalSize(files: readonly FileInput[]): Promise<number> {
  const sizes = await pMap(files, async (file) => (await stat(file.absolute).catch(() => undefined))?.size ?? 0, {concurrency: 16})
  return sizes.reduce((sum, size) => sum + size, 0)
}

async function cleanText(inputs: string[], plan: CleanPlan, run: CleanRun): Promise<boolean> {
  const {options, io, report, documentOptions} = run
  if (options.resume && (options.inPlace || !options.out)) throw new UsageError('--resume needs --out DIR')
  if (inputs.length === 1 && inputs[0] === '-') {
    const executor = await run.executorFor({documents: 1})
    const out = options.out ? {file: path.resolve(io.cwd, options.out), name: options.out} : undefined
    const stdinOptions = {...documentOptions}
    if (options.stdinFilename !== undefined) {
      stdinOptions.path = path.resolve(io.cwd, options.stdinFilename)
      const url = run.urls?.urlOf(stdinOptions.path)
      if (url !== undefined) stdinOptions.url = url
    }
    return runStdin(io.stdin as AsyncIterable<Buffer>, {executor, report, out, stdout: io.stdout as unknown as Writable, documentOptions: stdinOptions, maxDocBytes: run.maxDocBytes, docHeap: run.docHeap, signal: run.signal})
  }
  const {files, errors} = plan.expanded
  for (const error of errors) report.addError(error)
  if (files.length === 0) return false
  const bytes = await totalSize(files)
  const executor = await run.executorFor({documents: files.length, bytes})
  const progress = progressFor(run, bytes)
  try {
    const {interrupted} = await runFiles(files, {
      executor,
      report,
      outputs: plan.outputs,
      inPlace: options.inPlace,
      stdout: io.stdout as unknown as Writable,
      concurrency: options.concurrency,
      documentOptions,
      urls: run.urls,
      maxDocBytes: run.maxDocBytes,
      docHeap: run.docHeap,
      resume: options.resume,
      progress,
      signal: run.signal
    })
    return interrupted
  } finally {
    progress?.stop()
  }
}

async function cleanJsonl(inputs: string[], plan: CleanPlan, run: CleanRun): Promise<boolean> {
  const {options, io, report, documentOptions} = run
  const {files, errors} = plan.expanded
  for (const error of errors) report.addError(error)

  const output = options.out ? path.resolve(io.cwd, options.out) : undefined

  const bytes = inputs.includes('-') ? undefined : await totalSize(files)
  const executor = await run.executorFor({bytes})
  const progress = progressFor(run, bytes)
  const sources = jsonlSources(inputs, files, io.stdin, progress ? (bytes) => progress.addRead(bytes) : undefined)
  const runOptions = {executor, report, textField: options.textField, documentOptions, maxDocBytes: run.maxDocBytes, docHeap: run.docHeap, maxLineBytes: run.maxLineBytes, removed: options.removed, progress, signal: run.signal}

  try {
    if (!output) {
      const stdout = io.stdout as unknown as Writable
      const sink: RecordSink = {write: (chunk) => writeChunk(stdout, chunk)}
      return (await runJsonl(sources, {...runOptions, out: sink})).interrupted
    }
    const out = await JsonlOutput.open(output, {resume: options.resume})
    let result
    try {
      result = await runJsonl(sources, {...runOptions, out, skipRecords: out.resumed})
    } catch (error) {
      // A write that failed (a full disk): the partial file keeps every whole record, for --resume.
      await out.abandon()
      throw error
    }
    progress?.stop()
    const partial = path.relative(io.cwd, out.partial) || out.partial
    if (result.interrupted) {
      await out.suspend()
      if (!options.quiet) io.stderr.write(`decruft: interrupted; the records written so far are in ${partial} (run again with --resume to continue)\n`)
    } else if (result.cutShort) {
      // Not renamed: an output without the rest of that input's records must not pass for complete.
      await out.suspend()
      io.stderr.write(`decruft: an input could not be read to its end; the records written so far are in ${partial}, not renamed to ${options.out} (run again with --resume once the input is whole)\n`)
    } else await out.finish()
    return result.interrupted
  } finally {
    progress?.stop()
  }
}

export function cleanCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const command = addCleaningOptions(
    new Command('clean')
      .description('Strip boilerplate from text files, directories, standard input or JSON Lines, and report what was removed.')
      .argument('[inputs...]', 'files, directories (searched recursively), or - for standard input (the default when input is piped)')
      .option('-o, --out <path>', 'output directory (mirrors input paths); with --jsonl or standard input, the output file; with one input file, the output file when PATH is an existing file or does not exist and has an extension (clean.txt)')
      .option('--in-place', 'overwrite the input files with their clean text (atomically)')
      .option('--report <file>', 'write a JSON report of every removal to this file (- for standard output, when the clean text goes to --out or --in-place)')
      .option('--review <file>', 'also write a self-contained HTML review page of the batch (as decruft diff --html); reads the inputs a second time')
      .option('--jsonl', 'read JSON Lines and write JSON Lines: the text field is replaced and a `decruft` field added'),
    'clean'
  )
    .addOption(
      new Option('--removed <detail>', "with --jsonl: what each record's decruft.removed holds: every field of each removal (full, the default), its rule, category, lines and offsets (brief), or no such field (none)").choices(REMOVED_DETAILS)
    )
    .option('--concurrency <n>', 'files read and written at once', (value) => Number(value), 8)
    .option('--workers <n>', 'threads that clean documents (default: the number of cores, within a container\'s CPU quota and memory limit)', (value) => Number(value))
    .option('--resume', 'continue an interrupted run: skip inputs whose output exists (--out DIR), or the records already in --out FILE (--jsonl)')
    .option('--max-doc-bytes <n>', `pass documents larger than this (bytes) through unchanged, reported as skipped (default: those a thread's --memory-budget cannot clean, judged by their size and shape: the longest line, the number of lines; never more than ${largestDocument(DEFAULT_THREAD_BUDGET)} bytes for ${DEFAULT_THREAD_BUDGET / MB} MB)`, (value) => Number(value))
    .option('--memory-budget <mb>', `memory of each worker thread in MB (default ${DEFAULT_THREAD_BUDGET / MB}): its heap limit, and from it the default --max-doc-bytes and --workers`, (value) => Number(value))
    .option('--doc-timeout <ms>', 'pass a document that takes longer than this through unchanged, reported as skipped (its thread is replaced)', (value) => Number(value))
    .option('--url <url>', 'the URL of every document that has none of its own (files, standard input, records without `url`), for when.domain and when.url rules')
    .option('--url-map <file>', 'text files\' URLs: lines PATH<TAB>URL, each path relative to the map file\'s folder (over --url)')
    .option('--stdin-filename <path>', 'the path of the document on standard input, for when.path rules (and --url-map)')
    .addOption(new Option('--stats-json <file>', 'write run statistics (time, peak memory) as JSON').hideHelp())
    .option('-q, --quiet', 'do not print the progress or the summary')
    .option('--learn', "first learn each site's repeated boilerplate from the inputs (as `decruft learn`), then clean with those rules too")
    .option('--learn-out <file>', 'with --learn: also write the learned pack to this file')
  return addLearnThresholds(command, 'with --learn: ')
    .addHelpText(
      'after',
      `
Examples:
  decruft clean article.txt                       clean one file to standard output
  decruft clean corpus/ -o clean/ --report r.json  clean a folder, mirror it under clean/
  decruft clean --jsonl pages.jsonl -o out.jsonl --text-field inputs.fulltext
  decruft clean --jsonl big.jsonl.gz -o clean.jsonl.gz --workers 4 --resume
  cat page.txt | decruft clean -

Exit codes: 0 all inputs cleaned, 1 some input or output failed (see the summary and report), 2 usage or config error,
130 interrupted, 141 standard output closed by its reader (as with | head).`
    )
    .action(async (inputs: string[], options: CleanCommandOptions) => {
      setExitCode(await runClean(inputs, options, io))
    })
}

