/**
 * `decruft learn`: write the boilerplate lines and section headers that repeat across a site's
 * documents as a rule pack.
 */

import path from 'node:path'
import {Command} from 'commander'
import {DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_JSONL_INCLUDE, expandInputs} from '../batch/inputs.js'
import {jsonlSources} from '../batch/run-jsonl.js'
import {byteLines} from '../io/byte-lines.js'
import {writeAtomic} from '../io/write.js'
import {LEARN_DEFAULTS, Learner, type LearnOptions} from '../learn/learn.js'
import {learnedPackYaml} from '../learn/pack.js'
import {learnFromFiles, recordDocument} from '../learn/sources.js'
import type {CommandIo} from './clean-command.js'
import {UsageError} from './usage-error.js'
import {addLearnThresholds, collect} from './options.js'

export interface LearnCommandOptions {
  out?: string
  jsonl?: boolean
  textField: string
  include?: string[]
  exclude?: string[]
  minDocs: number
  minShare: number
}

/** Learn from the inputs (files, folders, JSON Lines files or `-`); returns the learner and how many documents it read. */
export async function learnFromInputs(inputs: string[], options: LearnCommandOptions, io: CommandIo, learnOptions: LearnOptions): Promise<{learner: Learner; documents: number}> {
  const learner = new Learner(learnOptions)
  let documents = 0
  const {files} = await expandInputs(
    inputs.filter((input) => input !== '-'),
    {include: options.include ?? (options.jsonl ? DEFAULT_JSONL_INCLUDE : DEFAULT_INCLUDE), exclude: options.exclude ?? DEFAULT_EXCLUDE, cwd: io.cwd}
  )
  if (!options.jsonl) return {learner, documents: await learnFromFiles(learner, files)}
  for (const source of jsonlSources(inputs, files, io.stdin)) {
    for await (const line of byteLines(source.stream)) {
      const document = recordDocument(line, source.name, options.textField)
      if (!document) continue
      learner.add(document)
      documents++
    }
  }
  return {learner, documents}
}

export async function runLearn(inputs: string[], options: LearnCommandOptions, io: CommandIo): Promise<number> {
  if (inputs.length === 0) {
    if ((io.stdin as NodeJS.ReadStream).isTTY) throw new UsageError('no inputs: give files, directories, or `-` for standard input')
    inputs = ['-']
  }
  if (inputs.includes('-') && !options.jsonl) throw new UsageError('standard input is read as JSON Lines: add --jsonl')
  for (const [name, value] of [['--min-docs', options.minDocs], ['--min-share', options.minShare]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number`)
  }
  const {learner, documents} = await learnFromInputs(inputs, options, io, {minDocs: options.minDocs, minShare: options.minShare})
  const rules = learner.rules()
  const header = [
    `Learned by decruft from ${documents} documents (${inputs.join(', ')}):`,
    `lines in at least ${options.minDocs} documents and ${Math.round(options.minShare * 100)}% of their site's documents.`,
    'Review before use: remove any rule that matches content, widen phrases that should match more.'
  ].join('\n')
  const yaml = learnedPackYaml(rules, header)
  if (options.out) await writeAtomic(path.resolve(io.cwd, options.out), yaml)
  else io.stdout.write(yaml)
  io.stderr.write(`decruft: learned ${rules.length} rule${rules.length === 1 ? '' : 's'} from ${documents} documents\n`)
  return 0
}

export function learnCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const command = new Command('learn')
    .description("Learn a site's boilerplate: lines and section headers that repeat across many of its documents, written as a rule pack to review.")
    .argument('[inputs...]', 'files, directories (each folder is a site), or JSON Lines with --jsonl (each URL host is a site); - for standard input')
    .option('-o, --out <file>', 'write the pack here (default: standard output)')
    .option('--jsonl', 'read JSON Lines records')
    .option('--text-field <path>', 'with --jsonl: the dotted path of the text field', 'text')
    .option('--include <glob>', 'in directories, read files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'in directories, skip files matching this glob (repeatable)', collect)
  return addLearnThresholds(command)
    .addHelpText(
      'after',
      `
A line that reads like content (a sentence of 8 words or more, or 20 words) is learned only when it
stands in at least ${LEARN_DEFAULTS.contentShare * 100}% of its site's documents. Lines longer than ${LEARN_DEFAULTS.maxChars} characters are never learned.
A short line followed by different lines in different documents is learned as a section header.

Examples:
  decruft learn corpus/ -o rules/learned.yaml
  decruft learn --jsonl pages.jsonl --text-field inputs.fulltext -o learned.yaml --min-docs 5`
    )
    .action(async (inputs: string[], options: LearnCommandOptions) => {
      setExitCode(await runLearn(inputs, options, io))
    })
}
