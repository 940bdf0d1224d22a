/**
 * Options shared by several commands.
 */

import {Option, type Command} from 'commander'
import {loadConfig, type LoadConfigOptions, type ResolvedConfig} from '../config/resolve.js'
import {displayPath} from '../rulebook/format.js'
import {INPUT_KINDS, type InputKind, type TitleMode} from '../types.js'
import {LEARN_DEFAULTS, type LearnOptions} from '../learn/options.js'
import {UsageError} from './usage-error.js'

/** Collect a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** `--min-docs`, `--min-share` and `--no-site-languages`, for `learn` and `clean --learn`. */
export function addLearnThresholds(command: Command, prefix = ''): Command {
  return command
    .option('--min-docs <n>', `${prefix}a learned line stands in at least this many documents of its site`, (value) => Number(value), LEARN_DEFAULTS.minDocs)
    .option('--min-share <share>', `${prefix}and in at least this share of its site's documents (0–1)`, (value) => Number(value), LEARN_DEFAULTS.minShare)
    .option('--no-site-languages', `${prefix}do not learn the language of sites whose documents are all in one`)
}

/** The learner's options from what `addLearnThresholds` gave a command. */
export function learnOptionsOf(options: {minDocs: number; minShare: number; siteLanguages?: boolean}): LearnOptions {
  return {minDocs: options.minDocs, minShare: options.minShare, siteLanguages: options.siteLanguages !== false}
}

/** What `addCleaningOptions` (with `--jsonl`, which each command describes itself) gives a command's options. */
export interface CleaningOptions {
  jsonl?: boolean
  textField: string
  include?: string[]
  exclude?: string[]
  followSymlinks?: boolean
  config?: string
  title?: TitleMode
  lang?: string
  preset?: string
  inputKind?: InputKind
}

/**
 * How a command that cleans reads its documents and rules, as `clean` does: `--text-field`,
 * `--include`, `--exclude`, `--follow-symlinks` (for folders), `-c/--config`, `--title`, `--lang`,
 * `--preset` and `--input-kind`.
 */
export function addCleaningOptions(command: Command, verb: string): Command {
  return command
    .option('--text-field <path>', 'with --jsonl: the dotted path of the text field, e.g. inputs.fulltext', 'text')
    .option('--include <glob>', `in directories, ${verb} files matching this glob (repeatable; default **/*.txt, with --jsonl **/*.jsonl)`, collect)
    .option('--exclude <glob>', 'in directories, skip files matching this glob (repeatable; default **/*.clean.txt and **/node_modules/**)', collect)
    .addOption(followSymlinksOption())
    .option('-c, --config <file>', 'config file (default: the nearest decruft.config.yaml, else the recommended pack)')
    .addOption(new Option('--title <mode>', 'how the first line is treated').choices(['auto', 'first-line', 'none']))
    .option('--lang <code>', 'assume this language (ISO 639-1 or 639-3) instead of detecting it; auto detects')
    .addOption(presetOption())
    .addOption(inputKindOption())
}

/** `--input-kind`: what the texts are, over the config's `settings.inputKind`. */
export function inputKindOption(): Option {
  return new Option('--input-kind <kind>', "what the texts are: an extractor's output, a whole page's text, or auto (judged per text)").choices([...INPUT_KINDS])
}

/** The config with the input kind given on the command line, if any. */
export function withInputKind(config: ResolvedConfig, inputKind: InputKind | undefined): ResolvedConfig {
  return inputKind ? {...config, settings: {...config.settings, inputKind}} : config
}

/**
 * `--follow-symlinks`: in folders, symbolic links to folders are skipped unless this is given (a link
 * named on the command line, and a link to a file, is always followed).
 */
export function followSymlinksOption(): Option {
  return new Option('--follow-symlinks', 'in directories, also follow symbolic links to directories (a link back to a directory it is in is reported, not followed)')
}

/** `--preset`: the block classifier's preset, over the config's `heuristics`. */
export function presetOption(): Option {
  return new Option('--preset <name>', "the block classifier's preset, over the config's `heuristics` section").choices(['precision', 'balanced', 'recall', 'off'])
}

/** The config with the preset given on the command line, if any. */
export function withPreset(config: ResolvedConfig, preset: string | undefined): ResolvedConfig {
  return preset ? {...config, heuristics: {preset: preset as 'precision' | 'balanced' | 'recall' | 'off'}} : config
}

/** A whole number ≥ `min` from the command line (none when not given), or a usage error naming the option. */
export function wholeNumber(value: number, option: string, min: number): number
export function wholeNumber(value: number | undefined, option: string, min: number): number | undefined
export function wholeNumber(value: number | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${option} must be a whole number ≥ ${min}`)
  return value
}

/** What `addGoldSourceOptions` gives a command. */
export interface GoldSourceOptions {
  gold?: string
  jsonl?: string
  textField: string
  goldField: string
  withField: string
  withoutField: string
}

/** `--gold DIR` or `--jsonl FILE` and the record fields: where `eval` and `train` read records with gold. */
export function addGoldSourceOptions(command: Command): Command {
  return command
    .option('--gold <dir>', 'pairs x.txt (input) and x.clean.txt (gold) in this folder')
    .option('--jsonl <file>', 'JSON Lines records with a text field and a gold text or with/without snippet lists')
    .option('--text-field <path>', 'with --jsonl: the input text field', 'text')
    .option('--gold-field <path>', 'with --jsonl: the gold clean text field (shingle metric)', 'gold')
    .option('--with-field <path>', 'with --jsonl: snippets that must be kept (snippet metric)', 'with')
    .option('--without-field <path>', 'with --jsonl: snippets that must be removed (snippet metric)', 'without')
}

/**
 * The run's config, its warnings written to `stderr` first, one a line in the form of a vfile
 * message: `file:line:column: warning: message [key]` (the file relative to `cwd`).
 */
export function loadRunConfig(options: LoadConfigOptions & {cwd: string}, stderr: NodeJS.WritableStream): ResolvedConfig {
  const config = loadConfig(options)
  for (const warning of config.warnings ?? []) {
    stderr.write(`${displayPath(warning.file, options.cwd)}:${warning.line}:${warning.column}: warning: ${warning.message} [${warning.key}]\n`)
  }
  return config
}
