/**
 * The stored ReDoS verdicts of the built-in patterns (`rules/redos-verdicts.json`), and the list of
 * patterns recheck cannot decide that are accepted all the same, each with its reason
 * (`rules/redos-exceptions.json`).
 *
 * recheck takes about half a second a pattern, several minutes for the six hundred built-in ones, so
 * each pattern is checked once and its verdict stored under the hash of its flags and source. The
 * build (`scripts/precompile-packs.mjs`) checks every built-in pattern that has no stored verdict
 * (a new or changed pattern), stores it, and fails when a pattern is open to catastrophic
 * backtracking within its rule's line limit, or undecided and not listed as an exception.
 * `npm run verdicts` checks every pattern again (after an upgrade of recheck). Stored verdicts also
 * make the answer the same on every run: recheck fuzzes some patterns for a limited time, and has
 * given the same pattern a 3rd-degree polynomial verdict in one run and a 4th-degree one in another.
 * The tests
 * check that every built-in pattern has a stored verdict that passes, and check a fixed sample again
 * with recheck, which must agree with the stored verdicts.
 */

import {readFileSync, writeFileSync} from 'node:fs'
import {rulesDirectory} from './builtin.js'
import {assessVerdict, builtinPatternUses, forgetStoredVerdicts, freshVerdict, PATTERN_FLAGS, patternHash, recheckVersionInUse, showPattern, verdictFile, type BuiltinPatternUse, type StoredVerdict, type Verdict, type VerdictFile} from './redos.js'

/** How long recheck may take for one built-in pattern when its verdict is made, in milliseconds. */
export const STORE_TIMEOUT = 60_000

/** A pattern recheck cannot decide, accepted with a reason. */
export interface VerdictException {
  pattern: string
  rules: string[]
  reason: string
}

/** `rules/redos-exceptions.json`. */
export const exceptionFile = new URL('redos-exceptions.json', rulesDirectory)

/** The listed exceptions (`{"about": …, "exceptions": [{pattern, rules, reason}]}`); none when the file is missing. */
export function readExceptions(): VerdictException[] {
  let text: string
  try {
    text = readFileSync(exceptionFile, 'utf8')
  } catch {
    return []
  }
  return (JSON.parse(text) as {exceptions?: VerdictException[]}).exceptions ?? []
}

function readVerdictFile(): VerdictFile {
  try {
    const content = JSON.parse(readFileSync(verdictFile, 'utf8')) as VerdictFile
    if (content.flags === PATTERN_FLAGS && typeof content.verdicts === 'object') return content
  } catch {
    // Made anew below.
  }
  return {recheck: recheckVersionInUse(), flags: PATTERN_FLAGS, verdicts: {}}
}

const ABOUT = 'ReDoS verdicts of the built-in patterns, made by recheck, keyed by the SHA-256 of flags/pattern (16 hex digits). Written by the build for new patterns; `npm run verdicts` remakes them all. See docs/testing.md.'

/** The verdict file's text: one verdict a line, in hash order, so that a changed pattern is a small diff. */
export function serializeVerdicts(content: VerdictFile): string {
  const hashes = Object.keys(content.verdicts).sort()
  const lines = hashes.map((hash, index) => `    ${JSON.stringify(hash)}: ${JSON.stringify(content.verdicts[hash])}${index < hashes.length - 1 ? ',' : ''}`)
  return `{\n  "about": ${JSON.stringify(ABOUT)},\n  "recheck": ${JSON.stringify(content.recheck)},\n  "flags": ${JSON.stringify(content.flags)},\n  "verdicts": {\n${lines.join('\n')}\n  }\n}\n`
}

export interface UpdateResult {
  /** Patterns checked with recheck now. */
  checked: Array<{pattern: string; verdict: Verdict; milliseconds: number}>
  /** Stored verdicts dropped because no built-in pattern has them any more. */
  dropped: number
  /** Whether the file was written. */
  written: boolean
  /** The recheck version of the file, when it is not the one installed (and `all` was not asked for). */
  otherRecheck?: string
}

/**
 * Store the verdict of every built-in pattern that has none (all of them with `all`), drop those of
 * patterns no longer used, and write the file when anything changed. Throws when recheck itself
 * fails (no usable backend).
 */
export function updateVerdicts(options: {all?: boolean; timeout?: number; progress?: (done: number, total: number) => void} = {}): UpdateResult {
  const content = readVerdictFile()
  const version = recheckVersionInUse()
  const patterns = [...new Set(builtinPatternUses().map((use) => use.pattern))]
  const wanted = new Map(patterns.map((pattern) => [patternHash(pattern), pattern]))
  const verdicts: Record<string, StoredVerdict> = {}
  const todo: Array<[string, string]> = []
  for (const [hash, pattern] of wanted) {
    const entry = content.verdicts[hash]
    if (!options.all && entry && entry.pattern === pattern) verdicts[hash] = entry
    else todo.push([hash, pattern])
  }
  const checked: UpdateResult['checked'] = []
  for (const [hash, pattern] of todo) {
    const started = Date.now()
    const verdict = freshVerdict(pattern, {timeout: options.timeout ?? STORE_TIMEOUT})
    if (verdict.failed) throw new Error(`recheck failed on ${showPattern(pattern)}: ${verdict.error}`)
    verdicts[hash] = {pattern, ...verdict}
    checked.push({pattern, verdict, milliseconds: Date.now() - started})
    options.progress?.(checked.length, todo.length)
  }
  const dropped = Object.keys(content.verdicts).filter((hash) => !wanted.has(hash)).length
  const otherRecheck = content.recheck !== version && !options.all && todo.length < wanted.size ? content.recheck : undefined
  const next: VerdictFile = {recheck: options.all || Object.keys(content.verdicts).length === 0 ? version : content.recheck, flags: PATTERN_FLAGS, verdicts}
  const text = serializeVerdicts(next)
  let before = ''
  try {
    before = readFileSync(verdictFile, 'utf8')
  } catch {
    // No file yet.
  }
  const written = text !== before
  if (written) {
    writeFileSync(verdictFile, text)
    forgetStoredVerdicts()
  }
  return {checked, dropped, written, ...(otherRecheck ? {otherRecheck} : {})}
}

export interface Audit {
  uses: BuiltinPatternUse[]
  /** Uses whose pattern has no stored verdict. */
  missing: BuiltinPatternUse[]
  /** Patterns open to catastrophic backtracking within their rule's line limit. */
  problems: string[]
  /** Undecided patterns that are not listed in `rules/redos-exceptions.json`. */
  undecided: string[]
  /** Undecided patterns that are listed, with the reason. */
  excepted: string[]
  /** Listed exceptions that are not (or no longer) an undecided built-in pattern, or have no reason. */
  staleExceptions: string[]
}

/** Assess every use of a built-in pattern by its stored verdict and the rule's line limit. */
export function auditVerdicts(verdicts: Map<string, StoredVerdict> | Record<string, StoredVerdict>, options: {exceptions?: VerdictException[]; uses?: BuiltinPatternUse[]} = {}): Audit {
  const byHash = verdicts instanceof Map ? verdicts : new Map(Object.entries(verdicts))
  const uses = options.uses ?? builtinPatternUses()
  const exceptions = options.exceptions ?? readExceptions()
  const listed = new Map(exceptions.map((exception) => [exception.pattern, exception]))
  const audit: Audit = {uses, missing: [], problems: [], undecided: [], excepted: [], staleExceptions: []}
  const undecidedPatterns = new Set<string>()
  for (const use of uses) {
    const entry = byHash.get(patternHash(use.pattern))
    const where = `${use.id} pattern ${use.index + 1} ${showPattern(use.pattern)}`
    if (!entry || entry.pattern !== use.pattern) {
      audit.missing.push(use)
      continue
    }
    const risk = assessVerdict(entry, use.limit)
    if (risk?.severity === 'error') audit.problems.push(`${where} ${risk.message}`)
    else if (risk) {
      undecidedPatterns.add(use.pattern)
      const exception = listed.get(use.pattern)
      if (exception && exception.reason.trim() !== '') audit.excepted.push(`${where}: ${exception.reason}`)
      else audit.undecided.push(`${where} ${risk.message}`)
    }
  }
  for (const exception of exceptions) {
    if (!undecidedPatterns.has(exception.pattern)) audit.staleExceptions.push(`${showPattern(exception.pattern)} (${exception.rules.join(', ')}) is listed but is not an undecided built-in pattern`)
    else if (typeof exception.reason !== 'string' || exception.reason.trim() === '') audit.staleExceptions.push(`${showPattern(exception.pattern)} is listed without a reason`)
  }
  return audit
}

/** The stored verdicts, read from the file as it is now. */
export function readStoredVerdicts(): Record<string, StoredVerdict> {
  return readVerdictFile().verdicts
}

/**
 * What the build and `npm run verdicts` do: store the missing verdicts, then audit them all. Writes
 * what it does to `log` and problems to `fail`; returns whether every built-in pattern passes.
 */
export function storeAndAuditVerdicts(options: {all?: boolean; log: (line: string) => void; fail: (line: string) => void}): boolean {
  const {log, fail} = options
  const update = updateVerdicts({
    all: options.all,
    progress: (done, total) => {
      if (done === 1 || done % 50 === 0 || done === total) log(`redos: checked ${done} of ${total} patterns with recheck`)
    }
  })
  const audit = auditVerdicts(readStoredVerdicts())
  const patterns = new Set(audit.uses.map((use) => use.pattern)).size
  for (const {pattern, verdict, milliseconds} of update.checked) if (update.checked.length <= 20) log(`redos: ${showPattern(pattern)}: ${verdict.status}${verdict.complexity ? ` (${verdict.complexity})` : ''}${verdict.error ? ` (${verdict.error})` : ''}, ${milliseconds} ms`)
  if (update.written) log(`redos: stored ${update.checked.length} new verdicts${update.dropped ? `, dropped ${update.dropped} unused` : ''} in rules/redos-verdicts.json: commit it`)
  if (update.otherRecheck) log(`redos: the stored verdicts were made by recheck ${update.otherRecheck}, not ${recheckVersionInUse()}: \`npm run verdicts\` remakes them`)
  for (const line of audit.excepted) log(`redos: undecided, listed as an exception: ${line}`)
  const failures = [...audit.problems, ...audit.undecided.map((line) => `${line}: list it in rules/redos-exceptions.json with a reason, or simplify it`), ...audit.staleExceptions]
  for (const line of failures) fail(`redos: ${line}`)
  if (failures.length === 0) log(`redos: ${patterns} built-in patterns, every one with a stored verdict that passes`)
  return failures.length === 0
}
