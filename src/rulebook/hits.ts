/**
 * `decruft rules test FILE --on TEXT…`: what a cleaner built from FILE alone removes from each text,
 * line by line and grouped by rule.
 *
 * Rules interact (a section header claims the teasers after it, a tail takes everything below it, a
 * line claimed once keeps that claim), so the honest answer to "which lines does each rule hit" is
 * the removals of a real cleaner. FILE is read as a pack: its `extends` are followed, but a file
 * without `extends` does not build on `recommended`, and the block classifier is off unless a preset
 * is asked for.
 */

import path from 'node:path'
import type {Cleaner} from '../cleaner.js'
import {resolveConfig, type ResolvedConfig} from '../config/resolve.js'
import type {Category, DocumentOptions, Removal} from '../types.js'
import {textTable, truncate} from './format.js'

/** FILE resolved on its own (as a pack that may extend others). */
export function resolveAlone(file: string): ResolvedConfig {
  const absolute = path.resolve(file)
  // A config that only extends FILE, beside it: FILE keeps its own positions in messages.
  return resolveConfig({extends: [`./${path.basename(absolute)}`]}, path.join(path.dirname(absolute), '.decruft-rules-test.yaml'))
}

export interface HitLine {
  line: number
  rule: string
  category: Category
  text: string
}

export interface TextHits {
  path: string
  lang: string
  removals: Removal[]
  /** One entry per removed non-blank line (a span removal: the span). */
  lines: HitLine[]
}

export interface RuleHits {
  id: string
  category: Category
  /** Defined (last) in FILE itself, rather than in a pack it extends. */
  own: boolean
  /** The pack it comes from (`classifier` for the block classifier's decisions). */
  pack: string
  enabled: boolean
  removals: number
  lines: number
  texts: number
}

export interface HitsReport {
  file: string
  texts: TextHits[]
  rules: RuleHits[]
  errors: Array<{path: string; message: string}>
}

/** Split a removal into its non-blank lines, numbered. */
export function removalLines(removal: Removal): HitLine[] {
  return removal.text
    .split(/\r\n|\r|\n/)
    .map((text, offset) => ({line: removal.startLine + offset, rule: removal.rule, category: removal.category, text}))
    .filter(({text}) => text.trim() !== '')
}

/** Clean each text with the cleaner and count the removals per rule. */
export function collectHits(
  file: string,
  cleaner: Cleaner,
  texts: ReadonlyArray<{path: string; text: string}>,
  options: DocumentOptions = {},
  errors: HitsReport['errors'] = []
): HitsReport {
  const absolute = path.resolve(file)
  const results: TextHits[] = []
  const counts = new Map<string, RuleHits>()
  const order = new Map<string, number>()
  const packs = new Map<string, string>()
  for (const [index, {definition, source}] of cleaner.config.rules.entries()) {
    order.set(definition.id, index)
    packs.set(definition.id, source.pack)
    if (source.file === absolute) {
      counts.set(definition.id, {id: definition.id, category: definition.category, own: true, pack: source.pack, enabled: definition.enabled !== false, removals: 0, lines: 0, texts: 0})
    }
  }
  for (const {path: name, text} of texts) {
    const result = cleaner.clean(text, {...options, path: options.path ?? name})
    const lines = result.removed.flatMap(removalLines)
    results.push({path: name, lang: result.lang, removals: result.removed, lines})
    const seen = new Set<string>()
    for (const removal of result.removed) {
      let count = counts.get(removal.rule)
      if (!count) {
        const pack = packs.get(removal.rule) ?? (removal.rule.startsWith('heuristic/') ? 'classifier' : '-')
        count = {id: removal.rule, category: removal.category, own: false, pack, enabled: true, removals: 0, lines: 0, texts: 0}
        counts.set(removal.rule, count)
      }
      count.removals++
      count.lines += removalLines(removal).length
      if (!seen.has(removal.rule)) count.texts++
      seen.add(removal.rule)
    }
  }
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER
  const rules = [...counts.values()].sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : 1))
  return {file: absolute, texts: results, rules, errors}
}

const TEXT_CHARS = 80

export function formatHits(report: HitsReport, display: (file: string) => string): string {
  const out: string[] = []
  for (const text of report.texts) {
    const lineCount = text.lines.length
    if (text.removals.length === 0) {
      out.push(`${display(text.path)} (${text.lang}): no removals`, '')
      continue
    }
    out.push(`${display(text.path)} (${text.lang}): ${text.removals.length} removal${text.removals.length === 1 ? '' : 's'}, ${lineCount} line${lineCount === 1 ? '' : 's'}`)
    out.push(
      textTable(
        ['line', 'rule', 'category', 'text'],
        text.lines.map((hit) => [String(hit.line), hit.rule, hit.category, truncate(hit.text.trim(), TEXT_CHARS)]),
        [0]
      ),
      ''
    )
  }
  for (const error of report.errors) out.push(`error: ${display(error.path)}: ${error.message}`)
  if (report.errors.length > 0) out.push('')
  out.push(`hits by rule (every rule of ${display(report.file)}, and the other rules that removed something):`)
  out.push(
    textTable(
      ['rule', 'category', 'pack', 'removals', 'lines', 'texts'],
      report.rules.map((rule) => [rule.id, rule.category, rule.pack, rule.enabled ? String(rule.removals) : 'off', String(rule.lines), String(rule.texts)]),
      [3, 4, 5]
    )
  )
  const silent = report.rules.filter((rule) => rule.own && rule.enabled && rule.removals === 0).length
  if (silent > 0) out.push(`${silent} rule${silent === 1 ? '' : 's'} of the file removed nothing from these texts.`)
  return out.join('\n')
}
