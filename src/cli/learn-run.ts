/**
 * What `decruft learn` does, loaded when it runs (learn-command.ts defines its options).
 *
 * `decruft learn`: write the boilerplate lines and section headers that repeat across a site's
 * documents as a rule pack.
 */

import path from 'node:path'
import {expandCommandInputs, type ExpandedInputs} from '../batch/inputs.js'
import {WriteClaims} from '../batch/output-plan.js'
import {jsonlSources} from '../batch/run-jsonl.js'
import {errorMessage} from '../batch/run-files.js'
import {byteLines} from '../io/byte-lines.js'
import {writeAtomic} from '../io/write.js'
import {Learner, type LearnOptions} from '../learn/learn.js'
import {learnedPackYaml} from '../learn/pack.js'
import {learnFromFiles, recordDocument} from '../learn/sources.js'
import {describeError, type ErrorEntry} from '../report/report.js'
import type {CommandIo} from './clean-command.js'
import {UsageError} from './usage-error.js'
import {learnOptionsOf} from './options.js'

export interface LearnCommandOptions {
  out?: string
  jsonl?: boolean
  textField: string
  include?: string[]
  exclude?: string[]
  followSymlinks?: boolean
  minDocs: number
  minShare: number
  /** Learn the language of single-language sites too (commander's `--no-site-languages` sets false). */
  siteLanguages?: boolean
}

/** What learning from the inputs read. */
export interface LearnedInputs {
  learner: Learner
  /** Documents learned from. */
  documents: number
  /** Files and records that could not be read. */
  problems: ErrorEntry[]
  /** JSON Lines records without a URL (`url`, or an `id` that is one): no site to learn them for. */
  unsited: number
}

/** Learn from the inputs (files, folders, JSON Lines files or `-`), expanded here unless `expanded` has them. */
export async function learnFromInputs(inputs: string[], options: LearnCommandOptions, io: CommandIo, learnOptions: LearnOptions, expanded?: ExpandedInputs): Promise<LearnedInputs> {
  const learner = new Learner(learnOptions)
  const {files, errors} = expanded ?? (await expandCommandInputs(inputs, options, io.cwd))
  const problems: ErrorEntry[] = [...errors]
  if (!options.jsonl) {
    const read = await learnFromFiles(learner, files)
    return {learner, documents: read.documents, problems: [...problems, ...read.problems], unsited: 0}
  }
  let documents = 0
  let unsited = 0
  for (const source of jsonlSources(inputs, files, io.stdin)) {
    try {
      for await (const line of byteLines(source.stream)) {
        const outcome = recordDocument(line, source.name, options.textField)
        if (!outcome) continue
        if ('problem' in outcome) problems.push({path: source.name, line: line.number, message: outcome.problem})
        else if ('unsited' in outcome) unsited++
        else {
          learner.add(outcome.document)
          documents++
        }
      }
    } catch (error) {
      problems.push({path: source.name, ...errorMessage(error)})
    }
  }
  return {learner, documents, problems, unsited}
}

/** "2 rules", or "2 rules and the languages of 3 sites". */
export function learnedSummary(rules: number, languages: number): string {
  const ruleCount = `${rules} rule${rules === 1 ? '' : 's'}`
  if (languages === 0) return ruleCount
  return `${ruleCount} and the language${languages === 1 ? '' : 's'} of ${languages} site${languages === 1 ? '' : 's'}`
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
  const expanded = await expandCommandInputs(inputs, options, io.cwd)
  await WriteClaims.forInputs(expanded.files, io.cwd).claimOption('--out', options.out)
  const {learner, documents, problems, unsited} = await learnFromInputs(inputs, options, io, learnOptionsOf(options), expanded)
  for (const problem of problems) io.stderr.write(`decruft: ${describeError(problem)}; not learned from\n`)
  if (unsited > 0) io.stderr.write(`decruft: ${unsited} record${unsited === 1 ? '' : 's'} without a URL (\`url\`, or an \`id\` that is one): no site to learn ${unsited === 1 ? 'it' : 'them'} for\n`)
  const rules = learner.rules()
  const languages = learner.languages()
  const header = [
    `Learned by decruft from ${documents} documents (${inputs.join(', ')}):`,
    `lines in at least ${options.minDocs} documents and ${Math.round(options.minShare * 100)}% of their site's documents.`,
    'Review before use: remove any rule that matches content, widen phrases that should match more.'
  ].join('\n')
  const yaml = learnedPackYaml(rules, header, languages)
  if (options.out) await writeAtomic(path.resolve(io.cwd, options.out), yaml)
  else io.stdout.write(yaml)
  io.stderr.write(`decruft: learned ${learnedSummary(rules.length, languages.length)} from ${documents} documents\n`)
  // As with clean: the rest is learned from, and the exit code says that something could not be read.
  return problems.length > 0 ? 1 : 0
}
