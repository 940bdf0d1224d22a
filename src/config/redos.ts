/**
 * Catastrophic backtracking (ReDoS) in rule patterns, checked with recheck.
 *
 * recheck says whether a pattern is safe, vulnerable (exponential or polynomial backtracking, with an
 * attack string) or unknown (it ran out of time, or does not support the pattern). decruft never tries
 * a pattern on a line longer than the rule's `maxChars` (defaults 120–240 characters), except an
 * `inline` rule without `maxChars`, which sees whole lines of any length. So:
 *
 * - exponential backtracking is always a problem: a few dozen characters are enough;
 * - polynomial backtracking is a problem when a line within the rule's limit, made of the attack's
 *   repeated part, could cost more than ten million backtracking steps (`STEP_BUDGET`: some
 *   milliseconds for one line), and always for a rule without a limit; `strict` makes every
 *   vulnerable pattern a problem;
 * - unknown is a warning (or a problem with `strict`): there is no evidence either way.
 *
 * recheck takes 0.1–2 s for a pattern with bounded repeats (`.{0,60}`), so results are kept in memory
 * and in a small cache file (`$DECRUFT_CACHE_DIR`, else `$XDG_CACHE_HOME/decruft` or
 * `~/.cache/decruft`; set `DECRUFT_CACHE_DIR` to an empty value to turn the file off). The verdicts
 * of the built-in patterns are stored in `rules/redos-verdicts.json` (see `redos-verdicts.ts`: the
 * build checks any pattern that has none, and fails on one open to catastrophic backtracking), and
 * are used for any config that has the same pattern. When a config is compiled only patterns that are
 * not in the built-in packs are checked.
 */

import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Diagnostics} from 'recheck'
import {defaultMaxChars} from '../engine/rule.js'
import type {RuleDefinition} from '../types.js'
import {builtinPackFile, builtinPackNames, rulesDirectory} from './builtin.js'
import {readYaml} from './read.js'
import type {ResolvedRule} from './resolve.js'

/** The flags every pattern is compiled with. */
export const PATTERN_FLAGS = 'iu'
/** How long recheck may take for one pattern, in milliseconds. */
export const DEFAULT_TIMEOUT = 5000
/** Polynomial backtracking that stays under this many steps on the longest line a rule sees is accepted. */
export const STEP_BUDGET = 10_000_000

/** What recheck found for one pattern, in a form that can be cached as JSON. */
export interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown'
  /** `linear`, `constant`, `safe`, `polynomial` or `exponential`. */
  complexity?: string
  /** For polynomial backtracking: the degree. */
  degree?: number
  /** recheck's attack string as an expression, e.g. `'a'.repeat(31) + '\x00'`. */
  attack?: string
  /** Length of the attack's fixed parts (prefixes and suffix) and of its repeated part. */
  fixedLength?: number
  pumpLength?: number
  /** The parts of the pattern that backtrack. */
  hotspots?: string[]
  /** Why the result is unknown (`timeout`, or recheck's message). */
  error?: string
  /** For unknown results: the time limit it had. */
  timeout?: number
}

export interface Risk {
  severity: 'error' | 'warning'
  message: string
}

export interface CheckOptions {
  /** Milliseconds recheck may take for one pattern (default 5000). */
  timeout?: number
}

type CheckSync = (source: string, flags: string, params?: {timeout?: number | null}) => Diagnostics

let checkSyncFunction: CheckSync | undefined
let version: string | undefined
const memory = new Map<string, Verdict>()
let diskLoaded = false

/** recheck is big (it loads in about 0.1 s): it is required the first time a pattern is checked. */
function recheck(): CheckSync {
  if (!checkSyncFunction) {
    const require = createRequire(import.meta.url)
    checkSyncFunction = (require('recheck') as {checkSync: CheckSync}).checkSync
  }
  return checkSyncFunction
}

/** recheck's version: cached results are only used with the version that made them. */
function recheckVersion(): string {
  version ??= (createRequire(import.meta.url)('recheck/package.json') as {version: string}).version
  return version
}

function cacheFile(): string | undefined {
  const configured = process.env.DECRUFT_CACHE_DIR
  if (configured !== undefined) return configured === '' ? undefined : path.join(configured, 'redos.json')
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache')
  return path.join(base, 'decruft', 'redos.json')
}

interface CacheContent {
  recheck: string
  entries: Record<string, Verdict>
}

function readCache(file: string): CacheContent | undefined {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as CacheContent
    return content && content.recheck === recheckVersion() && typeof content.entries === 'object' ? content : undefined
  } catch {
    return undefined
  }
}

function loadDisk(): void {
  if (diskLoaded) return
  diskLoaded = true
  const file = cacheFile()
  const content = file ? readCache(file) : undefined
  for (const [key, verdict] of Object.entries(content?.entries ?? {})) if (!memory.has(key)) memory.set(key, verdict)
}

/** Add one verdict to the cache file (best effort: a read-only or missing home is no error). */
function saveDisk(key: string, verdict: Verdict): void {
  const file = cacheFile()
  if (!file) return
  try {
    const content = readCache(file) ?? {recheck: recheckVersion(), entries: {}}
    content.entries[key] = verdict
    mkdirSync(path.dirname(file), {recursive: true})
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(content))
    renameSync(temporary, file)
  } catch {
    // The cache only saves time.
  }
}

function hotspotsOf(source: string, diagnostics: Extract<Diagnostics, {status: 'vulnerable'}>): string[] {
  const out: string[] = []
  for (const spot of diagnostics.hotspot) {
    if (spot.temperature !== 'heat') continue
    const text = source.slice(spot.start, spot.end)
    const last = out[out.length - 1]
    if (text && text !== last) out.push(text)
  }
  return [...new Set(out)].slice(0, 3)
}

function verdictOf(source: string, diagnostics: Diagnostics, timeout: number): Verdict {
  switch (diagnostics.status) {
    case 'safe':
      return {status: 'safe', complexity: diagnostics.complexity.type}
    case 'vulnerable': {
      const {attack, complexity} = diagnostics
      return {
        status: 'vulnerable',
        complexity: complexity.type,
        degree: complexity.type === 'polynomial' ? complexity.degree : undefined,
        attack: attack.pattern,
        fixedLength: attack.pumps.reduce((sum, pump) => sum + pump.prefix.length, 0) + attack.suffix.length,
        pumpLength: Math.max(1, attack.pumps.reduce((sum, pump) => sum + pump.pump.length, 0)),
        hotspots: hotspotsOf(source, diagnostics)
      }
    }
    default: {
      const error = diagnostics.error
      return {status: 'unknown', error: error.kind === 'timeout' || error.kind === 'cancel' ? error.kind : `${error.kind}: ${error.message}`, timeout}
    }
  }
}

function keyOf(source: string, flags: string): string {
  return `${flags}/${source}`
}

/** The key of a pattern in `rules/redos-verdicts.json`: the start of the SHA-256 of its flags and source. */
export function patternHash(source: string): string {
  return createHash('sha256').update(keyOf(source, PATTERN_FLAGS)).digest('hex').slice(0, 16)
}

/** A verdict stored in `rules/redos-verdicts.json`, with its pattern. */
export interface StoredVerdict extends Verdict {
  pattern: string
}

/** The content of `rules/redos-verdicts.json`. */
export interface VerdictFile {
  about?: string
  /** The recheck version that made the verdicts. */
  recheck: string
  flags: string
  verdicts: Record<string, StoredVerdict>
}

/** `rules/redos-verdicts.json`. */
export const verdictFile = new URL('redos-verdicts.json', rulesDirectory)

let stored: Map<string, StoredVerdict> | undefined

/** The stored verdicts of the built-in patterns, by hash (none when the file is missing or unreadable). */
export function storedVerdicts(): Map<string, StoredVerdict> {
  if (stored) return stored
  stored = new Map()
  try {
    const content = JSON.parse(readFileSync(verdictFile, 'utf8')) as VerdictFile
    if (content.flags === PATTERN_FLAGS) for (const [hash, verdict] of Object.entries(content.verdicts ?? {})) stored.set(hash, verdict)
  } catch {
    // No stored verdicts: patterns are checked as they come.
  }
  return stored
}

/** A pattern's stored verdict (without its pattern), or undefined. */
export function storedVerdict(source: string): Verdict | undefined {
  const entry = storedVerdicts().get(patternHash(source))
  if (!entry || entry.pattern !== source) return undefined
  const {pattern: _pattern, ...verdict} = entry
  return verdict
}

/** Forget the stored verdicts read so far (after the file was rewritten). */
export function forgetStoredVerdicts(): void {
  stored = undefined
}

/** A verdict already known (in memory, stored for the built-in patterns, or in the cache file), without running recheck. */
export function knownVerdict(source: string, options: CheckOptions = {}): Verdict | undefined {
  loadDisk()
  // The stored verdict first: recheck's answer for a pattern can vary from run to run (see
  // redos-verdicts.ts), and a built-in pattern gets the same one everywhere.
  const verdict = storedVerdict(source) ?? memory.get(keyOf(source, PATTERN_FLAGS))
  if (!verdict) return undefined
  // A time-out is retried with a longer time limit.
  if (verdict.status === 'unknown' && (verdict.timeout ?? 0) < (options.timeout ?? DEFAULT_TIMEOUT)) return undefined
  return verdict
}

/** Run recheck on one pattern (compiled with the `iu` flags), ignoring every stored or cached verdict. */
export function freshVerdict(source: string, options: CheckOptions = {}): Verdict & {failed?: true} {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT
  try {
    return verdictOf(source, recheck()(source, PATTERN_FLAGS, {timeout}), timeout)
  } catch (error) {
    // recheck itself failed (no usable backend).
    return {status: 'unknown', error: error instanceof Error ? error.message : String(error), timeout, failed: true}
  }
}

/** recheck's version: stored verdicts say which one made them. */
export function recheckVersionInUse(): string {
  return recheckVersion()
}

/** Check one pattern (compiled with the `iu` flags) with recheck; results are cached. */
export function checkPattern(source: string, options: CheckOptions = {}): Verdict {
  const known = knownVerdict(source, options)
  if (known) return known
  const verdict = freshVerdict(source, options)
  // A failure of recheck itself is said, and not remembered.
  if (verdict.failed) return {status: verdict.status, error: verdict.error, timeout: verdict.timeout}
  const key = keyOf(source, PATTERN_FLAGS)
  memory.set(key, verdict)
  saveDisk(key, verdict)
  return verdict
}

/** The longest line (in characters) a rule's patterns are tried on: its `maxChars`; unlimited for `inline` without one. */
export function lineLimit(definition: Pick<RuleDefinition, 'kind' | 'maxChars'>): number {
  if (definition.maxChars !== undefined) return definition.maxChars
  return definition.kind === 'inline' ? Number.POSITIVE_INFINITY : defaultMaxChars(definition.kind)
}

/** Backtracking steps a line of `limit` characters made of the attack's repeated part could cost. */
export function estimatedSteps(verdict: Verdict, limit: number): number {
  if (verdict.status !== 'vulnerable') return 0
  if (!Number.isFinite(limit)) return Number.POSITIVE_INFINITY
  const repeats = Math.max(1, Math.floor((limit - (verdict.fixedLength ?? 0)) / (verdict.pumpLength ?? 1)))
  if (verdict.complexity === 'exponential') return 2 ** Math.min(repeats, 1024)
  return repeats ** (verdict.degree ?? 2)
}

function ordinal(degree: number): string {
  const tens = degree % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : degree % 10 === 1 ? 'st' : degree % 10 === 2 ? 'nd' : degree % 10 === 3 ? 'rd' : 'th'
  return `${degree}${suffix}`
}

function steps(count: number): string {
  if (!Number.isFinite(count) || count >= 1e15) return 'astronomically many'
  if (count >= 1e12) return `about ${Math.round(count / 1e12)} trillion`
  if (count >= 1e9) return `about ${Math.round(count / 1e9)} billion`
  if (count >= 1e6) return `about ${Math.round(count / 1e6)} million`
  return `about ${Math.round(count).toLocaleString('en-US')}`
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

function evidence(verdict: Verdict): string {
  const parts: string[] = []
  if (verdict.hotspots && verdict.hotspots.length > 0) parts.push(`hot spot${verdict.hotspots.length === 1 ? '' : 's'} ${verdict.hotspots.map((spot) => `\`${clip(spot, 40)}\``).join(', ')}`)
  if (verdict.attack) parts.push(`attack string ${clip(verdict.attack, 120)}`)
  return parts.length > 0 ? `; ${parts.join('; ')}` : ''
}

/** What kind of backtracking, in words: `exponential`, `2nd degree polynomial`. */
export function complexityText(verdict: Verdict): string {
  if (verdict.complexity === 'polynomial') return `${ordinal(verdict.degree ?? 2)} degree polynomial`
  return verdict.complexity ?? verdict.status
}

/**
 * Whether a verdict is a problem for a rule whose lines are at most `limit` characters long. The
 * message starts after "pattern N " (e.g. "is open to catastrophic backtracking …").
 */
export function assessVerdict(verdict: Verdict, limit: number, options: {strict?: boolean} = {}): Risk | undefined {
  if (verdict.status === 'safe') return undefined
  if (verdict.status === 'unknown') {
    return {severity: options.strict ? 'error' : 'warning', message: `could not be checked for catastrophic backtracking (${verdict.error ?? 'unknown'}${verdict.error === 'timeout' && verdict.timeout ? ` after ${verdict.timeout} ms` : ''})`}
  }
  if (verdict.complexity === 'exponential') {
    return {severity: 'error', message: `is open to catastrophic backtracking (exponential: each repeat doubles the time)${evidence(verdict)}`}
  }
  const cost = estimatedSteps(verdict, limit)
  if (!Number.isFinite(limit)) {
    return {severity: 'error', message: `is open to ${complexityText(verdict)} backtracking and is tried on lines of any length (an inline rule without maxChars)${evidence(verdict)}`}
  }
  if (cost > STEP_BUDGET) {
    return {severity: 'error', message: `is open to ${complexityText(verdict)} backtracking: a line of ${limit} characters (the rule's maxChars) could take ${steps(cost)} steps${evidence(verdict)}`}
  }
  if (options.strict) {
    return {severity: 'error', message: `is open to ${complexityText(verdict)} backtracking (${steps(cost)} steps at most on a line of ${limit} characters)${evidence(verdict)}`}
  }
  return undefined
}

/** A pattern as messages show it. */
export function showPattern(pattern: string): string {
  return `/${clip(pattern, 80)}/`
}

/** One use of a pattern in a built-in pack: the rule, the pattern's place in it, and the rule's line limit. */
export interface BuiltinPatternUse {
  pack: string
  id: string
  index: number
  pattern: string
  limit: number
}

let builtinUses: BuiltinPatternUse[] | undefined

/** Every pattern of every built-in pack, in pack and rule order. */
export function builtinPatternUses(): BuiltinPatternUse[] {
  if (builtinUses) return builtinUses
  builtinUses = []
  for (const pack of builtinPackNames()) {
    const file = builtinPackFile(pack)
    if (!file) continue
    const rules = ((readYaml(file).data as {rules?: Array<Partial<RuleDefinition>>} | null)?.rules ?? [])
    for (const rule of rules) {
      if (!rule.kind || !Array.isArray(rule.patterns)) continue
      const limit = lineLimit({kind: rule.kind, maxChars: rule.maxChars})
      rule.patterns.forEach((pattern, index) => builtinUses!.push({pack, id: rule.id ?? '?', index, pattern, limit}))
    }
  }
  return builtinUses
}

let builtinLimits: Map<string, number> | undefined

/** Every pattern of the built-in packs, with the longest line limit it is used with there. */
function builtinPatternLimits(): Map<string, number> {
  if (builtinLimits) return builtinLimits
  builtinLimits = new Map()
  for (const {pattern, limit} of builtinPatternUses()) builtinLimits.set(pattern, Math.max(limit, builtinLimits.get(pattern) ?? 0))
  return builtinLimits
}

const builtinDirectory = fileURLToPath(rulesDirectory)

/** Whether a file is one of the built-in packs. */
export function isBuiltinFile(file: string | undefined): boolean {
  return file !== undefined && path.resolve(file).startsWith(builtinDirectory)
}

/**
 * The first pattern of a rule that is open to catastrophic backtracking, for refusing a config when it
 * is compiled. Rules of the built-in packs, and built-in patterns used within their built-in line
 * limit, are not checked here (the test suite checks them); unknown results are accepted.
 */
export function backtrackingProblem(resolved: ResolvedRule, options: CheckOptions = {}): {index: number; message: string} | undefined {
  const {definition, source} = resolved
  const patterns = definition.patterns ?? []
  if (patterns.length === 0 || isBuiltinFile(source.file)) return undefined
  const limit = lineLimit(definition)
  for (const [index, pattern] of patterns.entries()) {
    let verdict = knownVerdict(pattern, options)
    if (!verdict) {
      const builtin = builtinPatternLimits().get(pattern)
      if (builtin !== undefined && limit <= builtin) continue
      verdict = checkPattern(pattern, options)
    }
    const risk = assessVerdict(verdict, limit)
    if (risk?.severity === 'error') return {index, message: `pattern ${index + 1} ${showPattern(pattern)} ${risk.message}`}
  }
  return undefined
}
