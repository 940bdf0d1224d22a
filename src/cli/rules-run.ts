/**
 * What `decruft rules` does, loaded when it runs (rules-command.ts defines its options).
 *
 * `decruft rules`: list a config's rules, explain one, validate pack and config files, and test a
 * pack on texts.
 */

import {existsSync} from 'node:fs'
import path from 'node:path'
import {createCleaner} from '../cleaner.js'
import {builtinPackFile} from '../config/builtin.js'
import {loadConfig} from '../config/resolve.js'
import {errorMessage} from '../batch/run-files.js'
import {readRegularFile} from '../io/regular-file.js'
import {decodeUtf8} from '../io/utf8.js'
import {classifierNote, explainRule, findRule, formatExplanation, layoutNote, unknownRuleMessage} from '../rulebook/explain.js'
import {displayPath} from '../rulebook/format.js'
import {collectHits, formatHits, resolveAlone} from '../rulebook/hits.js'
import {formatRuleCount, formatRuleTable, listRules, ruleEntry} from '../rulebook/list.js'
import {formatProblem, validateFile, type Problem} from '../rulebook/validate.js'
import {CATEGORIES, RULE_KINDS, type DocumentOptions, type InputKind, type TitleMode} from '../types.js'
import type {CommandIo} from './clean-command.js'
import {withInputKind, withPreset} from './options.js'
import {UsageError} from './usage-error.js'

export interface ListOptions {
  config?: string
  kind?: string[]
  category?: string[]
  pack?: string[]
  lang?: string
  on?: boolean
  off?: boolean
  json?: boolean
}

export interface ExplainOptions {
  config?: string
  json?: boolean
}

export interface ValidateCommandOptions {
  json?: boolean
  strict?: boolean
  redos: boolean
  redosTimeout: number
  examples: boolean
}

export interface TestOptions {
  on: string[]
  lang?: string
  title?: TitleMode
  url?: string
  preset?: string
  inputKind?: InputKind
  json?: boolean
}

/** A comma list or a repeated option, each value one of `allowed`. */
function choices(values: string[] | undefined, allowed: readonly string[], option: string): string[] | undefined {
  if (!values) return undefined
  const out = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  for (const value of out) {
    if (!allowed.includes(value)) throw new UsageError(`${option} ${value}: expected one of ${allowed.join(', ')}`)
  }
  return out
}

/** A file, or the name of a built-in pack (`en`, `core`) when no such file exists. */
function packFile(name: string, cwd: string): string {
  const file = path.resolve(cwd, name)
  return existsSync(file) ? file : (builtinPackFile(name) ?? file)
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}

export function runList(options: ListOptions, io: CommandIo): number {
  if (options.on && options.off) throw new UsageError('--on and --off cannot be used together')
  const config = loadConfig({config: options.config, cwd: io.cwd})
  const rules = listRules(config, {
    kinds: choices(options.kind, RULE_KINDS, '--kind'),
    categories: choices(options.category, CATEGORIES, '--category'),
    packs: options.pack?.flatMap((value) => value.split(',')),
    lang: options.lang,
    enabled: options.on ? true : options.off ? false : undefined
  })
  if (options.json) {
    io.stdout.write(json(rules.map(ruleEntry)))
    return 0
  }
  if (rules.length > 0) io.stdout.write(formatRuleTable(rules, io.cwd) + '\n')
  io.stdout.write(`${formatRuleCount(rules, config.rules.length)}${rules.length === 0 ? ' match the filters' : ''}\n`)
  return 0
}

export function runExplain(id: string, options: ExplainOptions, io: CommandIo): number {
  const config = loadConfig({config: options.config, cwd: io.cwd})
  const rule = findRule(config, id)
  if (!rule) {
    const classifier = classifierNote(id)
    const note = classifier ?? layoutNote(id)
    if (!note) throw new UsageError(unknownRuleMessage(config, id))
    io.stdout.write(options.json ? json({id, classifier: classifier !== undefined, description: note}) : note + '\n')
    return 0
  }
  const explanation = explainRule(rule)
  io.stdout.write(options.json ? json(explanation) : formatExplanation(explanation, io.cwd) + '\n')
  return 0
}

export function runValidate(files: string[], options: ValidateCommandOptions, io: CommandIo): number {
  if (!Number.isFinite(options.redosTimeout) || options.redosTimeout <= 0) throw new UsageError('--redos-timeout must be a number of milliseconds > 0')
  const results: Array<{file: string; problems: Problem[]}> = files.map((name) => {
    const file = packFile(name, io.cwd)
    return {file, problems: validateFile(file, {strict: options.strict, timeout: options.redosTimeout, backtracking: options.redos, examples: options.examples})}
  })
  const all = results.flatMap((result) => result.problems)
  const errors = all.filter((problem) => problem.severity === 'error').length
  const warnings = all.length - errors
  if (options.json) {
    io.stdout.write(json({files: results, errors, warnings}))
  } else {
    for (const problem of all) io.stdout.write(formatProblem(problem, io.cwd) + '\n')
    const failed = results.filter((result) => result.problems.some((problem) => problem.severity === 'error')).length
    const count = `${files.length} file${files.length === 1 ? '' : 's'}`
    const summary =
      all.length === 0
        ? `${count} checked, no problems`
        : `${errors} problem${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in ${count}${errors > 0 ? ` (${failed} with problems)` : ''}`
    io.stdout.write(`decruft: ${summary}\n`)
  }
  return errors > 0 ? 1 : 0
}

export async function runTest(file: string, options: TestOptions, io: CommandIo): Promise<number> {
  const pack = packFile(file, io.cwd)
  const config = withInputKind(withPreset(resolveAlone(pack), options.preset ?? 'off'), options.inputKind)
  const cleaner = createCleaner(config)
  const texts: Array<{path: string; text: string}> = []
  const errors: Array<{path: string; message: string}> = []
  for (const name of options.on) {
    const display = displayPath(path.resolve(io.cwd, name), io.cwd)
    try {
      texts.push({path: display, text: decodeUtf8(await readRegularFile(path.resolve(io.cwd, name)))})
    } catch (error) {
      const {message, line} = errorMessage(error)
      errors.push({path: line ? `${display}:${line}` : display, message})
    }
  }
  const documentOptions: DocumentOptions = {}
  if (options.lang) documentOptions.lang = options.lang
  if (options.title) documentOptions.title = options.title
  if (options.url) documentOptions.url = options.url
  const report = collectHits(pack, cleaner, texts, documentOptions, errors)
  if (options.json) io.stdout.write(json({...report, file: report.file}))
  else io.stdout.write(formatHits(report, (name) => displayPath(path.resolve(io.cwd, name), io.cwd)) + '\n')
  return errors.length > 0 ? 1 : 0
}
