/**
 * `decruft rules`: list a config's rules, explain one, validate pack and config files, and test a
 * pack on texts.
 */

import {existsSync} from 'node:fs'
import path from 'node:path'
import {Command, Option} from 'commander'
import {createCleaner} from '../cleaner.js'
import {builtinPackFile} from '../config/builtin.js'
import {DEFAULT_TIMEOUT} from '../config/redos.js'
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
import {collect, inputKindOption, withInputKind, withPreset} from './options.js'
import {UsageError} from './usage-error.js'

interface ListOptions {
  config?: string
  kind?: string[]
  category?: string[]
  pack?: string[]
  lang?: string
  on?: boolean
  off?: boolean
  json?: boolean
}

interface ExplainOptions {
  config?: string
  json?: boolean
}

interface ValidateCommandOptions {
  json?: boolean
  strict?: boolean
  redos: boolean
  redosTimeout: number
  examples: boolean
}

interface TestOptions {
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

export function rulesCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const configure = (command: Command) =>
    command
      .exitOverride()
      .showHelpAfterError('(run with --help for usage)')
      .configureOutput({writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text)})
  const configOption = () => new Option('-c, --config <file>', 'config file (default: the nearest decruft.config.yaml, else the recommended pack)')

  const list = configure(new Command('list'))
    .description('List the rules of a config (the default): id, kind, category, on or off, scope, pack and where each is defined.')
    .addOption(configOption())
    .option('--kind <kind>', `only rules of this kind (repeatable or comma-separated: ${RULE_KINDS.join(', ')})`, collect)
    .option('--category <name>', 'only rules of this category (repeatable or comma-separated)', collect)
    .option('--pack <name>', 'only rules defined in this pack (repeatable or comma-separated)', collect)
    .option('--lang <code>', 'only rules that apply to documents in this language (rules without `when.lang` apply to all)')
    .option('--on', 'only rules that are on')
    .option('--off', 'only rules that are switched off')
    .option('--json', 'print the rules as JSON')
    .action((options: ListOptions) => setExitCode(runList(options, io)))

  const explain = configure(new Command('explain'))
    .description('Explain one rule: what it removes, its phrases and patterns, where it is defined, and examples of text it removes and keeps.')
    .argument('<id>', 'rule id, e.g. en/read-also')
    .addOption(configOption())
    .option('--json', 'print the explanation as JSON')
    .action((id: string, options: ExplainOptions) => setExitCode(runExplain(id, options, io)))

  const validate = configure(new Command('validate'))
    .description('Check pack and config files and print every problem as file:line:column: message [key].')
    .argument('<files...>', 'pack or config files (YAML), or names of built-in packs')
    .option('--json', 'print the problems as JSON')
    .option('--strict', 'also fail on any super-linear pattern and on patterns recheck could not decide')
    .option('--no-redos', 'skip the check for catastrophic backtracking (recheck)')
    .option('--redos-timeout <ms>', 'time recheck may take for one pattern', (value) => Number(value), DEFAULT_TIMEOUT)
    .option('--no-examples', "skip running each rule's examples")
    .addHelpText(
      'after',
      `
Checks: YAML syntax and the schema (rules/schema.json); \`extends\` entries; duplicate rule ids; rules without
kind, category or description that override no earlier rule; \`off\`/\`on\` ids and globs that match no rule
known after resolving \`extends\` (a file without \`extends\` builds on recommended, as with --config); patterns
that do not compile; and patterns open to catastrophic backtracking (checked with recheck): exponential
backtracking always, polynomial backtracking when a line within the rule's maxChars could cost more than ten
million steps (any line length for an inline rule without maxChars). Results are cached in
~/.cache/decruft (DECRUFT_CACHE_DIR overrides; empty turns the cache off). A pattern holding a control
character (\`"\\b"\` in double quotes is a backspace) is a warning. Last, every rule's \`examples\` are
run as tests, the rule alone on a short article ending with the example: a \`removes\` example the rule
leaves, or a \`keeps\` example it removes, is a problem naming the rule and the example.

Exit codes: 0 no problems (warnings allowed), 1 some problem, 2 usage error.`
    )
    .action((files: string[], options: ValidateCommandOptions) => setExitCode(runValidate(files, options, io)))

  const test = configure(new Command('test'))
    .description('Show what a pack removes from some texts: every removed line with its rule, and hits per rule.')
    .argument('<file>', 'the pack (or config, or a built-in pack name) to test: its extends are followed, but it does not build on recommended unless it says so')
    .requiredOption('--on <texts...>', 'text files to clean')
    .option('--lang <code>', 'assume this language instead of detecting it')
    .addOption(new Option('--title <mode>', 'how the first line is treated').choices(['auto', 'first-line', 'none']))
    .option('--url <url>', "the documents' URL, for rules scoped with when.domain or when.url")
    .addOption(new Option('--preset <name>', "also run the block classifier with this preset (default: off, only the rules run)").choices(['precision', 'balanced', 'recall', 'off']))
    .addOption(inputKindOption())
    .option('--json', 'print the removals and counts as JSON')
    .action(async (file: string, options: TestOptions) => setExitCode(await runTest(file, options, io)))

  return configure(new Command('rules'))
    .description("List, explain, validate and test rules: the config's rules, one rule in full, pack and config files, a pack on texts.")
    .addCommand(list, {isDefault: true})
    .addCommand(explain)
    .addCommand(validate)
    .addCommand(test)
    .addHelpText(
      'after',
      `
Examples:
  decruft rules                                  the rules of the config (or recommended), on and off
  decruft rules --kind section --lang de         section rules that apply to German documents
  decruft rules -c decruft.config.yaml --json    the rules as JSON
  decruft rules explain en/read-also             phrases, patterns, source and examples of one rule
  decruft rules validate decruft.config.yaml packs/*.yaml
  decruft rules test packs/site.yaml --on corpus/a.txt corpus/b.txt

Exit codes: 0 success, 1 validate found problems (or test could not read a text), 2 usage or config error.`
    )
}
