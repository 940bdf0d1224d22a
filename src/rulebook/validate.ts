/**
 * `decruft rules validate FILE…`: every problem of a pack or config file, each with its file, line,
 * column and key path, rather than only the first one that stops a run:
 *
 * - YAML syntax and schema errors;
 * - `extends` entries that name no pack or file, and errors in the packs it extends;
 * - duplicate ids within the file, and rules without `kind`, `category` or `description` that
 *   override no earlier rule;
 * - `off`/`on` entries (ids or `*` globs) that match no rule known after resolving `extends`;
 * - patterns that do not compile (alone, or together as the rule's one matcher);
 * - patterns open to catastrophic backtracking (recheck; see `config/redos.ts`);
 * - patterns holding control characters, such as a `\b` that double quotes made a backspace (a
 *   warning; see `config/control.ts`);
 * - rules that do not honour their own `examples`: a `removes` example the rule leaves, or a `keeps`
 *   example it removes (see `examples.ts`).
 *
 * A file is read as `--config` reads it: without `extends` it builds on `recommended`. The built-in
 * packs are read as packs (without `extends`, nothing).
 */

import {existsSync} from 'node:fs'
import path from 'node:path'
import {builtinPackFile, builtinPackNames} from '../config/builtin.js'
import {controlCharacterWarnings} from '../config/control.js'
import {ConfigError, formatKey} from '../config/error.js'
import {readYaml, type YamlSource} from '../config/read.js'
import {assessVerdict, checkPattern, isBuiltinFile, lineLimit, showPattern} from '../config/redos.js'
import {resolveConfig} from '../config/resolve.js'
import {schemaErrors} from '../config/validate.js'
import {createMatcher, PatternError} from '../engine/matcher.js'
import {ruleKinds} from '../kinds/index.js'
import type {RuleDefinition} from '../types.js'
import {exampleCleaner, failedExamples} from './examples.js'
import {suggestIds} from './suggest.js'

export interface Problem {
  file: string
  line: number | null
  column: number | null
  /** Key path of the offending value, e.g. `rules[3].patterns[1]`. */
  path: string | null
  severity: 'error' | 'warning'
  message: string
}

export interface ValidateOptions {
  /** Every super-linear pattern is a problem, and so is a pattern recheck could not decide. */
  strict?: boolean
  /** Milliseconds recheck may take for one pattern. */
  timeout?: number
  /** Check patterns for catastrophic backtracking (default true). */
  backtracking?: boolean
  /** Run every rule's `examples` (default true). */
  examples?: boolean
}

type Entry = Partial<RuleDefinition> & Record<string, unknown>

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined
}

/** A `ConfigError` as a problem: its message without the position and key it already carries. */
export function problemFromError(error: ConfigError, file: string): Problem {
  const where = [error.file, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined).join(':')
  let message = error.message
  if (where && message.startsWith(`${where}: `)) message = message.slice(where.length + 2)
  const suffix = error.key ? ` (at \`${error.key}\`)` : ''
  if (suffix && message.endsWith(suffix)) message = message.slice(0, -suffix.length)
  return {file: error.file ?? file, line: error.line ?? null, column: error.column ?? null, path: error.key ?? null, severity: 'error', message}
}

/** The same `*` globs as `off`/`on` in a config. */
function idMatcher(pattern: string): (id: string) => boolean {
  const expression = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return (id) => expression.test(id)
}

function isPathEntry(entry: string): boolean {
  return entry.startsWith('.') || entry.startsWith('/') || entry.endsWith('.yaml') || entry.endsWith('.yml')
}

class FileCheck {
  readonly problems: Problem[] = []

  constructor(
    readonly source: YamlSource,
    readonly options: ValidateOptions
  ) {}

  at(keyPath: Array<string | number>, message: string, severity: Problem['severity'] = 'error'): void {
    const position = this.source.locate(keyPath)
    this.problems.push({file: this.source.file, line: position.line, column: position.column, path: formatKey(keyPath) || null, severity, message})
  }

  /** The rules known before this file's own: those of the packs it extends (undefined when they cannot be read). */
  parents(data: Record<string, unknown>): Map<string, Entry> | undefined {
    const written = data.extends === undefined ? undefined : strings(data.extends)
    if (data.extends !== undefined && !written) return undefined
    let ok = true
    for (const [index, entry] of (written ?? []).entries()) {
      if (isPathEntry(entry)) {
        if (!existsSync(path.resolve(path.dirname(this.source.file), entry))) {
          this.at(['extends', index], `\`extends\` names a file that does not exist: \`${entry}\``)
          ok = false
        }
      } else if (!builtinPackFile(entry)) {
        const close = suggestIds(entry, builtinPackNames(), 3)
        this.at(['extends', index], `unknown pack \`${entry}\`; ${close.length > 0 ? `did you mean ${close.map((name) => `\`${name}\``).join(', ')}?` : `built-in packs are: ${builtinPackNames().join(', ')}`}`)
        ok = false
      }
    }
    if (!ok) return undefined
    const parents = written ?? (isBuiltinFile(this.source.file) ? [] : ['recommended'])
    try {
      const resolved = resolveConfig({extends: parents}, this.source.file)
      return new Map(resolved.rules.map(({definition}) => [definition.id, definition as Entry]))
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      this.problems.push(problemFromError(error, this.source.file))
      return undefined
    }
  }

  patterns(index: number, entry: Entry, merged: Entry, earlier: Entry | undefined): void {
    const own = strings(entry.patterns) ?? []
    const compiled: Array<{pattern: string; at: Array<string | number>; number: number}> = []
    for (const [number, pattern] of own.entries()) {
      try {
        new RegExp(pattern, 'iu')
        compiled.push({pattern, at: ['rules', index, 'patterns', number], number})
      } catch (error) {
        this.at(['rules', index, 'patterns', number], `rule \`${entry.id}\`: pattern ${number + 1} does not compile: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    const kind = typeof merged.kind === 'string' ? ruleKinds[merged.kind as RuleDefinition['kind']] : undefined
    const all = strings(merged.patterns) ?? []
    const compiles = (pattern: string) => {
      try {
        new RegExp(pattern, 'iu')
        return true
      } catch {
        return false
      }
    }
    // Each pattern compiles on its own (or was reported): does the rule's one matcher compile?
    if (kind?.meta.needsMatcher && own.length > 0 && all.every(compiles)) {
      try {
        createMatcher({phrases: strings(merged.phrases), patterns: strings(merged.patterns), match: merged.match})
      } catch (error) {
        if (!(error instanceof PatternError)) throw error
        this.at(['rules', index, 'patterns'], `rule \`${entry.id}\`: the patterns do not compile together as one matcher: ${error.message}`)
      }
    }
    if (this.options.backtracking === false || (kind && !kind.meta.needsMatcher)) return

    const limit = lineLimit({kind: merged.kind as RuleDefinition['kind'], maxChars: merged.maxChars})
    // Patterns from an earlier definition are checked again when this entry lets them see longer lines.
    if (own.length === 0 && earlier && limit > lineLimit({kind: earlier.kind as RuleDefinition['kind'], maxChars: earlier.maxChars})) {
      for (const [number, pattern] of (strings(earlier.patterns) ?? []).entries()) compiled.push({pattern, at: ['rules', index], number})
    }
    for (const {pattern, at, number} of compiled) {
      const risk = assessVerdict(checkPattern(pattern, {timeout: this.options.timeout}), limit, {strict: this.options.strict})
      if (risk) this.at(at, `rule \`${entry.id}\`: pattern ${number + 1} ${showPattern(pattern)} ${risk.message}`, risk.severity)
    }
  }

  /**
   * The rule's examples, run as tests. Only a rule that is whole (kind, category, description) and
   * whose own entry drew no error is run: a rule that does not compile was reported already.
   */
  examples(index: number, entry: Entry, merged: Entry, scope: Entry['when']): void {
    if (this.options.examples === false) return
    if (!merged.examples || typeof merged.kind !== 'string' || merged.category === undefined || merged.description === undefined) return
    const rulePath = formatKey(['rules', index])
    if (this.problems.some((problem) => problem.severity === 'error' && problem.path !== null && (problem.path === rulePath || problem.path.startsWith(`${rulePath}.`) || problem.path.startsWith(`${rulePath}[`)))) return
    const definition = {...merged, when: merged.when ?? scope} as RuleDefinition
    let failed
    try {
      failed = failedExamples(definition, exampleCleaner(definition))
    } catch (error) {
      if (error instanceof ConfigError) return
      throw error
    }
    const own = isObject(entry.examples) ? entry.examples : {}
    for (const {kind, index: number, example, removed} of failed) {
      const written = Array.isArray(own[kind]) && (own[kind] as unknown[])[number] === example
      const shown = JSON.stringify(example.length > 60 ? `${example.slice(0, 59)}…` : example)
      const message =
        kind === 'removes'
          ? `rule \`${entry.id}\`: example ${kind}[${number}] ${shown} is not removed by the rule`
          : `rule \`${entry.id}\`: example ${kind}[${number}] ${shown} is removed by the rule (${removed.map((text) => JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)).join(', ')})`
      this.at(written ? ['rules', index, 'examples', kind, number] : ['rules', index], message)
    }
  }

  run(): Problem[] {
    const {source} = this
    for (const error of schemaErrors(source)) this.problems.push(problemFromError(error, source.file))
    const data = isObject(source.data) ? source.data : {}
    const entries = Array.isArray(data.rules) ? data.rules : []
    for (const warning of controlCharacterWarnings(data.rules)) this.at(warning.path, warning.message, 'warning')
    const known = this.parents(data)
    const parentsKnown = known !== undefined
    const effective = new Map<string, Entry>(known ?? [])

    const firstIndex = new Map<string, number>()
    for (const [index, entry] of entries.entries()) {
      if (!isObject(entry) || typeof entry.id !== 'string') continue
      const id = entry.id
      const first = firstIndex.get(id)
      if (first === undefined) firstIndex.set(id, index)
      else this.at(['rules', index, 'id'], `duplicate rule id \`${id}\` (first defined at line ${source.locate(['rules', first]).line})`)

      const earlier = effective.get(id)
      const replaces = !earlier || (entry.kind !== undefined && entry.kind !== earlier.kind)
      const merged: Entry = replaces ? {...(entry as Entry)} : {...earlier, ...(entry as Entry)}
      effective.set(id, merged)
      if (parentsKnown && replaces) {
        for (const key of ['kind', 'category', 'description'] as const) {
          if (merged[key] === undefined) this.at(['rules', index], `rule \`${id}\` has no \`${key}\` (and overrides no earlier rule)`)
        }
        const kind = typeof merged.kind === 'string' ? ruleKinds[merged.kind as RuleDefinition['kind']] : undefined
        if (kind?.meta.needsMatcher && !strings(merged.phrases)?.length && !strings(merged.patterns)?.length) {
          this.at(['rules', index], `rule \`${id}\`: a \`${merged.kind}\` rule needs \`phrases\` or \`patterns\``)
        }
      }
      this.patterns(index, entry as Entry, merged, replaces ? undefined : earlier)
      this.examples(index, entry as Entry, merged, isObject(data.when) ? (data.when as Entry['when']) : undefined)
    }

    if (parentsKnown) {
      const ids = [...effective.keys()]
      for (const list of ['off', 'on'] as const) {
        for (const [index, pattern] of (strings(data[list]) ?? []).entries()) {
          const matches = idMatcher(pattern)
          if (ids.some(matches)) continue
          const close = suggestIds(pattern, ids, 3)
          this.at([list, index], `\`${list}\` names no known rule: \`${pattern}\`${close.length > 0 ? `; did you mean ${close.map((id) => `\`${id}\``).join(', ')}?` : ''}`)
        }
      }
    }
    return this.problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) : a.file < b.file ? -1 : 1))
  }
}

/** Every problem of one pack or config file (an empty list when it is fine). */
export function validateFile(file: string, options: ValidateOptions = {}): Problem[] {
  const absolute = path.resolve(file)
  let source: YamlSource
  try {
    source = readYaml(absolute)
  } catch (error) {
    if (error instanceof ConfigError) return [problemFromError(error, absolute)]
    throw error
  }
  return new FileCheck(source, options).run()
}

/** `file:line:column: message [path]`, the file relative to `cwd` when it lies below it. */
export function formatProblem(problem: Problem, cwd: string): string {
  const relative = path.relative(cwd, problem.file)
  const file = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : problem.file
  const where = [file, problem.line, problem.line === null ? null : problem.column].filter((part) => part !== null).join(':')
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}${problem.path ? ` [${problem.path}]` : ''}`
}
