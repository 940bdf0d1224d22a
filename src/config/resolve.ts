/**
 * Resolving a config: following `extends` (built-in pack names and relative paths), merging rules
 * by id (later definitions win, field by field), applying `off`/`on`, pack-level `when` and
 * `settings`. The result is a flat, ordered list of rule definitions with where each came from.
 */

import {existsSync} from 'node:fs'
import path from 'node:path'
import type {InputKind, RuleDefinition, RuleSource, TitleMode, When} from '../types.js'
import {builtinPackFile, builtinPackNames} from './builtin.js'
import {controlCharacterWarnings} from './control.js'
import {ConfigError, formatKey} from './error.js'
import {parseYaml, readYaml, type YamlSource} from './read.js'
import {assertValid} from './validate.js'
import type {HeuristicsConfig} from '../classifier/presets.js'
import type {SiteLanguage} from '../site-language.js'

/** A pack or config as written (the shape of `rules/schema.json`). */
export interface ConfigInput {
  name?: string
  description?: string
  extends?: string[]
  when?: When
  settings?: {title?: TitleMode; lang?: string; inputKind?: InputKind}
  heuristics?: HeuristicsConfig
  classifier?: ClassifierConfig
  off?: string[]
  on?: string[]
  rules?: Array<Partial<RuleDefinition> & {id: string}>
  siteLanguages?: SiteLanguage[]
}

/**
 * The trained block classifier: `model` is `built-in`, `none` (the hand-set classifier alone) or a
 * model file (relative to the config that names it); `threshold` overrides the preset's operating point;
 * the hand-set classifier's removals stand unless the model gives a block a content probability of
 * `keepAbove` or more (0: the model's own removals alone).
 */
export interface ClassifierConfig {
  model?: string
  threshold?: number
  keepAbove?: number
}

export interface ResolvedRule {
  definition: RuleDefinition
  source: RuleSource
}

export interface ResolvedConfig {
  rules: ResolvedRule[]
  settings: {title: TitleMode; lang: string; inputKind: InputKind}
  /** The classifier's preset and overrides, merged over every file (later wins). */
  heuristics: HeuristicsConfig
  /** The trained classifier (a model file's path is absolute here). */
  classifier: ClassifierConfig
  /** Sites and their languages, in the order read (a later entry wins). */
  siteLanguages: SiteLanguage[]
  /** Every file read, in order: the config and the packs it extends. */
  files: string[]
  /** What a run should warn about (patterns holding control characters); absent when there is nothing. */
  warnings?: ConfigWarning[]
}

/** A warning about a config or pack file, with where it stands. */
export interface ConfigWarning {
  file: string
  line: number
  column: number
  /** Key path, e.g. `rules[3].patterns[0]`. */
  key: string
  message: string
}

/** The config file names looked for, in order. */
export const CONFIG_NAMES = ['decruft.config.yaml', 'decruft.config.yml']

interface State {
  rules: Map<string, ResolvedRule>
  settings: {title: TitleMode; lang: string; inputKind: InputKind}
  heuristics: HeuristicsConfig
  classifier: ClassifierConfig
  siteLanguages: SiteLanguage[]
  files: string[]
  stack: string[]
  warnings: ConfigWarning[]
}

function idMatcher(pattern: string): (id: string) => boolean {
  if (!pattern.includes('*')) return (id) => id === pattern
  const expression = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return (id) => expression.test(id)
}

function mergeWhen(outer: When | undefined, inner: When | undefined): When | undefined {
  if (!outer) return inner
  if (!inner) return outer
  return {...outer, ...inner}
}

function resolveExtends(entry: string, from: YamlSource): string {
  if (entry.startsWith('.') || entry.startsWith('/') || entry.endsWith('.yaml') || entry.endsWith('.yml')) {
    return path.resolve(path.dirname(from.file), entry)
  }
  const builtin = builtinPackFile(entry)
  if (!builtin) {
    throw new ConfigError(`unknown pack \`${entry}\`; built-in packs are: ${builtinPackNames().join(', ')}`, {
      file: from.file,
      ...from.locate(['extends', ((from.data as ConfigInput).extends ?? []).indexOf(entry)]),
      key: 'extends'
    })
  }
  return builtin
}

function packName(source: YamlSource, input: ConfigInput): string {
  return input.name ?? path.basename(source.file).replace(/\.ya?ml$/, '')
}

function applySource(state: State, source: YamlSource, isUserConfig: boolean): void {
  if (state.stack.includes(source.file)) {
    throw new ConfigError(`\`extends\` cycle: ${[...state.stack, source.file].map((file) => path.basename(file)).join(' → ')}`, {file: source.file})
  }
  assertValid(source)
  state.stack.push(source.file)
  state.files.push(source.file)
  const input = (source.data ?? {}) as ConfigInput
  const name = packName(source, input)
  for (const warning of controlCharacterWarnings(input.rules)) {
    state.warnings.push({file: source.file, ...source.locate(warning.path), key: formatKey(warning.path), message: warning.message})
  }

  const parents = input.extends ?? (isUserConfig ? ['recommended'] : [])
  for (const entry of parents) applySource(state, readYaml(resolveExtends(entry, source)), false)

  for (const [index, rule] of (input.rules ?? []).entries()) {
    const position = source.locate(['rules', index])
    const location: RuleSource = {pack: name, file: source.file, line: position.line, column: position.column}
    const existing = state.rules.get(rule.id)
    if (existing && (rule.kind === undefined || rule.kind === existing.definition.kind)) {
      const definition = {...existing.definition, ...rule} as RuleDefinition
      if (rule.when) definition.when = mergeWhen(input.when, rule.when)
      state.rules.set(rule.id, {definition, source: location})
    } else {
      const definition = {...rule, when: mergeWhen(input.when, rule.when)} as RuleDefinition
      if (!definition.when) delete definition.when
      state.rules.set(rule.id, {definition, source: location})
    }
  }

  for (const [list, enabled] of [
    ['off', false],
    ['on', true]
  ] as const) {
    for (const [index, pattern] of (input[list] ?? []).entries()) {
      const matches = idMatcher(pattern)
      let hits = 0
      for (const resolved of state.rules.values()) {
        if (!matches(resolved.definition.id)) continue
        resolved.definition = {...resolved.definition, enabled}
        hits++
      }
      if (hits === 0) {
        throw new ConfigError(`\`${list}\` names no known rule: \`${pattern}\``, {file: source.file, ...source.locate([list, index]), key: `${list}[${index}]`})
      }
    }
  }

  if (input.settings?.title) state.settings.title = input.settings.title
  if (input.settings?.lang) state.settings.lang = input.settings.lang
  if (input.settings?.inputKind) state.settings.inputKind = input.settings.inputKind
  if (input.heuristics) {
    // A new preset starts from that preset: earlier overrides are dropped.
    state.heuristics = input.heuristics.preset ? {...input.heuristics} : {...state.heuristics, ...input.heuristics}
  }
  if (input.classifier) {
    const {model, threshold, keepAbove} = input.classifier
    if (model !== undefined) state.classifier.model = model === 'built-in' || model === 'none' ? model : path.resolve(path.dirname(source.file), model)
    if (threshold !== undefined) state.classifier.threshold = threshold
    if (keepAbove !== undefined) state.classifier.keepAbove = keepAbove
  }
  for (const entry of input.siteLanguages ?? []) state.siteLanguages.push({lang: entry.lang, when: {...entry.when}})
  state.stack.pop()
}

function checkComplete(state: State): void {
  for (const {definition, source} of state.rules.values()) {
    for (const key of ['kind', 'category', 'description'] as const) {
      if (definition[key] === undefined) {
        throw new ConfigError(`rule \`${definition.id}\` has no \`${key}\` (and overrides no earlier rule)`, {
          file: source.file,
          line: source.line,
          column: source.column,
          key
        })
      }
    }
  }
}

function resolveSource(source: YamlSource, isUserConfig: boolean): ResolvedConfig {
  const state: State = {rules: new Map(), settings: {title: 'auto', lang: 'auto', inputKind: 'auto'}, heuristics: {}, classifier: {}, siteLanguages: [], files: [], stack: [], warnings: []}
  applySource(state, source, isUserConfig)
  checkComplete(state)
  const resolved: ResolvedConfig = {rules: [...state.rules.values()], settings: state.settings, heuristics: state.heuristics, classifier: state.classifier, siteLanguages: state.siteLanguages, files: state.files}
  if (state.warnings.length > 0) resolved.warnings = state.warnings
  return resolved
}

/** Resolve a config given as an object (`file` is used for relative `extends` and messages). */
export function resolveConfig(input: ConfigInput, file = path.resolve('decruft.config.yaml')): ResolvedConfig {
  const source = parseYaml(JSON.stringify(input), file)
  return resolveSource(source, true)
}

/** Resolve a config file (a user config: without `extends` it builds on `recommended`). */
export function resolveConfigFile(file: string): ResolvedConfig {
  return resolveSource(readYaml(path.resolve(file)), true)
}

/** Resolve a built-in pack by name, on its own. */
export function resolvePack(name: string): ResolvedConfig {
  const file = builtinPackFile(name)
  if (!file) throw new ConfigError(`unknown pack \`${name}\`; built-in packs are: ${builtinPackNames().join(', ')}`)
  return resolveSource(readYaml(file), false)
}

/** The nearest `decruft.config.yaml` from `cwd` upwards, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let directory = path.resolve(cwd)
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(directory, name)
      if (existsSync(candidate)) return candidate
    }
    const parent = path.dirname(directory)
    if (parent === directory) return undefined
    directory = parent
  }
}

export interface LoadConfigOptions {
  /** A config file; when absent, the nearest `decruft.config.yaml` from `cwd`, else `recommended`. */
  config?: string
  cwd?: string
}

/** Load the config a run uses. */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const file = options.config ? path.resolve(options.cwd ?? '.', options.config) : findConfigFile(options.cwd ?? process.cwd())
  if (file) return resolveConfigFile(file)
  return resolvePack('recommended')
}
