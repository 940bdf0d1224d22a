/**
 * The library entry points: `createCleaner(config)` compiles a config's rules once and cleans any
 * number of documents with them; `clean(text, options)` is the one-off form.
 *
 * Each document goes through one unified pipeline: parse (lines → NLCST) → rules (claims, spans,
 * messages) → stringify (the kept text).
 */

import {unified} from 'unified'
import {VFile} from 'vfile'
import {loadConfig, resolveConfig, resolvePack, type ConfigInput, type ResolvedConfig} from './config/resolve.js'
import {compileRules} from './engine/compile.js'
import {decruftRules, type ScopedRule} from './engine/plugin.js'
import {decruftParse} from './parse.js'
import {compileSiteLanguages} from './site-language.js'
import {decruftStringify} from './serialize.js'
import {resolveHeuristics} from './classifier/presets.js'
import {createHeuristicRule, DEFAULT_KEEP_ABOVE, thresholdOf, type BlockObserver, type TrainedClassifier} from './kinds/heuristic.js'
import {loadClassifierModel} from './classifier/model-file.js'
import {ConfigError} from './config/error.js'
import {ModelError} from './model/gbdt.js'
import {createSentenceRule} from './kinds/sentences.js'
import type {CleanResult, DocumentOptions, TitleMode} from './types.js'

export interface Cleaner {
  /** Clean one document. */
  clean(text: string, options?: DocumentOptions): CleanResult
  /** Clean one document and return its vfile too (messages, data). */
  cleanFile(text: string, options?: DocumentOptions): {result: CleanResult; file: VFile}
  /** The compiled rules, in config order. */
  readonly rules: readonly ScopedRule[]
  readonly config: ResolvedConfig
}

function isResolved(config: ResolvedConfig | ConfigInput): config is ResolvedConfig {
  return Array.isArray((config as ResolvedConfig).files) && (config as ResolvedConfig).settings !== undefined && (config as ResolvedConfig).heuristics !== undefined
}

export interface CleanerOptions {
  /**
   * Record a vfile message for every removal (`CleanResult.messages`; default true). Batches that
   * only write the text and the removals switch them off.
   */
  messages?: boolean
  /** Told what the block classifier made of each document it judged (training reads the blocks here). */
  observeBlocks?: BlockObserver
  /**
   * Without a config: use the nearest `decruft.config.yaml` (or `.yml`) upwards from this folder
   * (`true`: the working directory), as the command line does, else `recommended`. Off by default:
   * without a config the library uses `recommended` and reads no file it was not asked to.
   */
  findConfig?: boolean | string
}

/** The config of a cleaner made without one: `recommended`, or with `findConfig` the nearest config file. */
function defaultConfig(findConfig: boolean | string | undefined): ResolvedConfig {
  if (findConfig === undefined || findConfig === false) return resolvePack('recommended')
  return loadConfig({cwd: findConfig === true ? process.cwd() : findConfig})
}

/**
 * Compile a config (resolved with `loadConfig`, or given as an object in the config file's shape;
 * by default the built-in `recommended` pack, as for `clean`, or with `options.findConfig` the
 * nearest `decruft.config.yaml`) into a reusable cleaner.
 */
export function createCleaner(config?: ResolvedConfig | ConfigInput, options: CleanerOptions = {}): Cleaner {
  const {resolved, rules, title} = compileConfig(config, options)
  const siteLanguage = compileSiteLanguages(resolved.siteLanguages ?? [])
  const processor = unified().use(decruftParse, {lang: resolved.settings.lang, compact: true, siteLanguage}).use(decruftRules, {rules, title, inputKind: resolved.settings.inputKind, lang: resolved.settings.lang, messages: options.messages ?? true}).use(decruftStringify)

  const cleanFile = (text: string, options: DocumentOptions = {}) => {
    const file = new VFile({value: text, path: options.path})
    file.data.decruftOptions = options
    const tree = processor.parse(file)
    processor.runSync(tree, file)
    const output = processor.stringify(tree, file)
    const result: CleanResult = {
      text: output,
      title: file.data.title ?? null,
      lang: file.data.language?.code ?? 'und',
      removed: file.data.removed ?? [],
      messages: file.messages
    }
    return {result, file}
  }

  return {
    rules,
    config: resolved,
    cleanFile,
    clean: (text, options) => cleanFile(text, options).result
  }
}

/** A config resolved as `createCleaner` resolves it, and its rules compiled for the engine. */
export interface CompiledConfig {
  resolved: ResolvedConfig
  rules: ScopedRule[]
  title: TitleMode
}

/**
 * Resolve `config` (a resolved config, a config object, or by default the nearest
 * `decruft.config.yaml`, else `recommended`) and compile its rules with the sentence rule and the
 * block classifier, as every cleaner runs them.
 */
export function compileConfig(config?: ResolvedConfig | ConfigInput, options: CleanerOptions = {}): CompiledConfig {
  const resolved = config === undefined ? defaultConfig(options.findConfig) : isResolved(config) ? config : resolveConfig(config)
  const trained = trainedClassifier(resolved)
  // The model was trained on the blocks and classes of the balanced settings: with a model, a preset
  // chooses its operating point, not the hand-set thresholds.
  const heuristics = trained ? {...resolveHeuristics({preset: 'balanced'}), enabled: resolveHeuristics(resolved.heuristics).enabled} : resolveHeuristics(resolved.heuristics)
  const compiled = compileRules(resolved.rules)
  const lineRules = compiled.filter(({rule}) => rule.kind === 'line').map(({rule}) => rule)
  const headerRules = compiled.filter(({rule}) => rule.kind === 'section' || rule.kind === 'tail').map(({rule}) => rule)
  const rules = [
    ...compiled,
    {rule: createSentenceRule(lineRules, headerRules), applies: () => true},
    {rule: createHeuristicRule(heuristics, options.observeBlocks, trained), applies: () => true}
  ]
  return {resolved, rules, title: resolved.settings.title}
}

/**
 * The classifier a config without `classifier.model` uses: the built-in model, which leads the
 * hand-set classifier held out, on whole pages and on extractor output (docs/benchmarks.md).
 * `none` leaves the hand-set classifier alone, in 0.77–0.84 of the time in the latest bench runs.
 */
export const DEFAULT_MODEL = 'built-in'

/** The model a config names (the built-in one by default), at its preset's operating point. */
function trainedClassifier(config: ResolvedConfig): TrainedClassifier | undefined {
  const source = config.classifier?.model ?? DEFAULT_MODEL
  if (source === 'none') return undefined
  let model
  try {
    model = loadClassifierModel(source)
  } catch (error) {
    // A model that cannot be used is a config error (exit 2), named by its file.
    if (error instanceof ModelError) throw new ConfigError(error.message)
    throw error
  }
  return {model, threshold: thresholdOf(model, config.heuristics.preset, config.classifier.threshold), keepAbove: config.classifier.keepAbove ?? DEFAULT_KEEP_ABOVE}
}

let defaultCleaner: Cleaner | undefined

/**
 * Clean one document. Without `options.config` the built-in `recommended` pack is used (compiled once
 * and reused), as by `createCleaner()`; pass a config to use another, or `findConfig` to use the
 * nearest `decruft.config.yaml` (compiled at each call: for many documents, use `createCleaner`).
 */
export function clean(text: string, options: DocumentOptions & {config?: ResolvedConfig | ConfigInput; findConfig?: boolean | string} = {}): CleanResult {
  const {config, findConfig, ...documentOptions} = options
  if (config) return createCleaner(config).clean(text, documentOptions)
  if (findConfig !== undefined && findConfig !== false) return createCleaner(undefined, {findConfig}).clean(text, documentOptions)
  defaultCleaner ??= createCleaner()
  return defaultCleaner.clean(text, documentOptions)
}
