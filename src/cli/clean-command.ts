/**
 * `decruft clean`: clean files, directories, standard input or JSON Lines, write the clean text,
 * a JSON report and a short summary.
 */

import {createWriteStream} from 'node:fs'
import {rename, rm, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {Command, Option} from 'commander'
import {createCleaner, type Cleaner} from '../cleaner.js'
import {loadConfig} from '../config/resolve.js'
import {DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_JSONL_INCLUDE, expandInputs} from '../batch/inputs.js'
import {errorMessage, runFiles} from '../batch/run-files.js'
import {jsonlSources, runJsonl} from '../batch/run-jsonl.js'
import {decodeUtf8} from '../io/utf8.js'
import {writeAtomic} from '../io/write.js'
import {ReportBuilder} from '../report/report.js'
import {formatSummary} from '../report/summary.js'
import type {DocumentOptions, TitleMode} from '../types.js'
import {UsageError} from './usage-error.js'
import {learnFromInputs} from './learn-command.js'
import {withLearnedRules} from '../learn/merge.js'
import {learnedPackYaml} from '../learn/pack.js'
import {addLearnThresholds, collect, presetOption, withPreset} from './options.js'
import {version} from './version.js'

export interface CleanCommandOptions {
  out?: string
  inPlace?: boolean
  report?: string
  jsonl?: boolean
  textField: string
  include?: string[]
  exclude?: string[]
  config?: string
  title?: TitleMode
  lang?: string
  concurrency: number
  quiet?: boolean
  learn?: boolean
  learnOut?: string
  preset?: string
  minDocs: number
  minShare: number
}

export interface CommandIo {
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  cwd: string
}

/** Load the config and compile it, with the command line's overrides. */
export function cleanerFor(options: {config?: string; preset?: string}, io: CommandIo): Cleaner {
  return createCleaner(withPreset(loadConfig({config: options.config, cwd: io.cwd}), options.preset))
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

/** Run `clean`; resolves to the exit code. */
export async function runClean(inputs: string[], options: CleanCommandOptions, io: CommandIo): Promise<number> {
  if (inputs.length === 0) {
    // Piped input with no arguments: read standard input.
    if ((io.stdin as NodeJS.ReadStream).isTTY) throw new UsageError('no inputs: give files, directories, or `-` for standard input')
    inputs = ['-']
  }
  if (options.inPlace && options.out) throw new UsageError('--in-place and --out cannot be used together')
  if (options.inPlace && inputs.includes('-')) throw new UsageError('--in-place cannot be used with standard input')
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('`-` (standard input) can be given once')
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1')

  let config = withPreset(loadConfig({config: options.config, cwd: io.cwd}), options.preset)
  if (options.learn) {
    if (inputs.includes('-')) throw new UsageError('--learn reads the inputs twice: give files, not standard input')
    const {learner, documents} = await learnFromInputs(inputs, options, io, {minDocs: options.minDocs, minShare: options.minShare})
    const learned = learner.rules()
    config = withLearnedRules(config, learned)
    if (options.learnOut) await writeAtomic(path.resolve(io.cwd, options.learnOut), learnedPackYaml(learned, `Learned by decruft clean --learn from ${documents} documents.`))
    if (!options.quiet) io.stderr.write(`decruft: learned ${learned.length} rule${learned.length === 1 ? '' : 's'} from ${documents} documents\n`)
  }
  const cleaner = createCleaner(config)
  const documentOptions: DocumentOptions = {}
  if (options.title) documentOptions.title = options.title
  if (options.lang) documentOptions.lang = options.lang
  const report = new ReportBuilder(version)

  const run: CleanRun = {options, io, cleaner, report, documentOptions}
  if (options.jsonl) await cleanJsonl(inputs, run)
  else await cleanText(inputs, run)

  const built = report.build()
  if (options.report) await writeAtomic(path.resolve(io.cwd, options.report), JSON.stringify(built, null, 2) + '\n')
  if (!options.quiet) io.stderr.write(formatSummary(built) + '\n')
  return report.failed > 0 ? 1 : 0
}

/** What one `clean` run works with. */
interface CleanRun {
  options: CleanCommandOptions
  io: CommandIo
  cleaner: Cleaner
  report: ReportBuilder
  documentOptions: DocumentOptions
}

async function cleanText(inputs: string[], {options, io, cleaner, report, documentOptions}: CleanRun): Promise<void> {
  if (inputs.length === 1 && inputs[0] === '-') {
    const bytes = await readAll(io.stdin)
    try {
      const text = decodeUtf8(bytes)
      const result = cleaner.clean(text, documentOptions)
      if (options.out) await writeAtomic(path.resolve(io.cwd, options.out), result.text)
      else io.stdout.write(result.text)
      report.addDocument({path: '<stdin>', output: options.out, title: result.title, lang: result.lang, bytesIn: bytes.length, bytesOut: Buffer.byteLength(result.text), removed: result.removed})
    } catch (error) {
      report.addError({path: '<stdin>', ...errorMessage(error)})
    }
    return
  }
  if (inputs.includes('-')) throw new UsageError('`-` (standard input) cannot be mixed with files unless --jsonl is given')

  const {files, errors} = await expandInputs(inputs, {
    include: options.include ?? DEFAULT_INCLUDE,
    exclude: options.exclude ?? DEFAULT_EXCLUDE,
    cwd: io.cwd
  })
  for (const error of errors) report.addError(error)
  const single = inputs.length === 1 && files.length === 1 && files[0].display === inputs[0]
  if (!options.out && !options.inPlace && !single) {
    if (files.length === 0 && errors.length > 0) return
    throw new UsageError('several documents need --out DIR (or --in-place); only a single file is written to standard output')
  }
  await runFiles(files, {
    cleaner,
    report,
    outDir: options.out ? path.resolve(io.cwd, options.out) : undefined,
    inPlace: options.inPlace,
    stdout: io.stdout as unknown as import('node:stream').Writable,
    concurrency: options.concurrency,
    documentOptions
  })
}

async function cleanJsonl(inputs: string[], {options, io, cleaner, report, documentOptions}: CleanRun): Promise<void> {
  const named = inputs.filter((input) => input !== '-')
  const {files, errors} = await expandInputs(named, {
    include: options.include ?? DEFAULT_JSONL_INCLUDE,
    exclude: options.exclude ?? DEFAULT_EXCLUDE,
    cwd: io.cwd
  })
  for (const error of errors) report.addError(error)

  const output = options.out ? path.resolve(io.cwd, options.out) : undefined
  if (output && files.some((file) => file.absolute === output)) throw new UsageError(`--out ${options.out} is also an input`)
  if (options.inPlace) throw new UsageError('--in-place is not supported with --jsonl; write to --out FILE')

  const sources = jsonlSources(inputs, files, io.stdin)

  if (!output) {
    await runJsonl(sources, {cleaner, report, out: io.stdout as unknown as import('node:stream').Writable, textField: options.textField, documentOptions})
    return
  }
  await mkdir(path.dirname(output), {recursive: true})
  const temporary = `${output}.decruft-tmp-${process.pid}`
  const stream = createWriteStream(temporary)
  try {
    await runJsonl(sources, {cleaner, report, out: stream, textField: options.textField, documentOptions})
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
    await rename(temporary, output)
  } catch (error) {
    stream.destroy()
    await rm(temporary, {force: true})
    throw error
  }
}

export function cleanCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const command = new Command('clean')
    .description('Strip boilerplate from text files, directories, standard input or JSON Lines, and report what was removed.')
    .argument('[inputs...]', 'files, directories (searched recursively), or - for standard input (the default when input is piped)')
    .option('-o, --out <path>', 'output directory (mirrors input paths); with --jsonl or standard input, the output file')
    .option('--in-place', 'overwrite the input files with their clean text (atomically)')
    .option('--report <file>', 'write a JSON report of every removal to this file')
    .option('--jsonl', 'read JSON Lines and write JSON Lines: the text field is replaced and a `decruft` field added')
    .option('--text-field <path>', 'with --jsonl: the dotted path of the text field, e.g. inputs.fulltext', 'text')
    .option('--include <glob>', 'in directories, clean files matching this glob (repeatable; default **/*.txt, with --jsonl **/*.jsonl)', collect)
    .option('--exclude <glob>', 'in directories, skip files matching this glob (repeatable; default **/*.clean.txt and **/node_modules/**)', collect)
    .option('-c, --config <file>', 'config file (default: the nearest decruft.config.yaml, else the recommended pack)')
    .addOption(new Option('--title <mode>', 'how the first line is treated').choices(['auto', 'first-line', 'none']))
    .option('--lang <code>', 'assume this language (ISO 639-1 or 639-3) instead of detecting it; auto detects')
    .addOption(presetOption())
    .option('--concurrency <n>', 'files processed at once', (value) => Number(value), 8)
    .option('-q, --quiet', 'do not print the summary')
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
  cat page.txt | decruft clean -

Exit codes: 0 all inputs cleaned, 1 some input failed (see the summary and report), 2 usage or config error.`
    )
    .action(async (inputs: string[], options: CleanCommandOptions) => {
      setExitCode(await runClean(inputs, options, io))
    })
}

