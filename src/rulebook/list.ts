/**
 * `decruft rules`: the rules of a config, in config order, with their kind, category, scope, source
 * and whether they are on; filtered by kind, category, pack, language or state.
 */

import type {ResolvedConfig, ResolvedRule} from '../config/resolve.js'
import {languageMatches, toLanguage} from '../language.js'
import type {Category, RuleKindName, When} from '../types.js'
import {scopeText, sourceText, textTable} from './format.js'

export interface ListFilters {
  kinds?: string[]
  categories?: string[]
  packs?: string[]
  /** Only rules that apply to documents in this language (rules without `when.lang` apply to all). */
  lang?: string
  /** Only rules that are on (`true`) or off (`false`). */
  enabled?: boolean
}

/** One rule as `decruft rules --json` gives it. */
export interface RuleEntry {
  id: string
  kind: RuleKindName
  category: Category
  description: string
  enabled: boolean
  when: When | null
  pack: string
  file: string | null
  line: number | null
  column: number | null
  phrases: number
  patterns: number
}

export function ruleEntry({definition, source}: ResolvedRule): RuleEntry {
  return {
    id: definition.id,
    kind: definition.kind,
    category: definition.category,
    description: definition.description,
    enabled: definition.enabled !== false,
    when: definition.when ?? null,
    pack: source.pack,
    file: source.file ?? null,
    line: source.line ?? null,
    column: source.column ?? null,
    phrases: definition.phrases?.length ?? 0,
    patterns: definition.patterns?.length ?? 0
  }
}

/** The config's rules that pass the filters, in config order. */
export function listRules(config: ResolvedConfig, filters: ListFilters = {}): ResolvedRule[] {
  const language = filters.lang ? toLanguage(filters.lang) : undefined
  return config.rules.filter(({definition, source}) => {
    if (filters.kinds?.length && !filters.kinds.includes(definition.kind)) return false
    if (filters.categories?.length && !filters.categories.includes(definition.category)) return false
    if (filters.packs?.length && !filters.packs.includes(source.pack)) return false
    if (filters.enabled !== undefined && (definition.enabled !== false) !== filters.enabled) return false
    const langs = definition.when?.lang
    if (language && langs && langs.length > 0 && !languageMatches(language, langs)) return false
    return true
  })
}

/** The plain table: id, kind, category, state, scope, pack, source, description. */
export function formatRuleTable(rules: readonly ResolvedRule[], cwd: string): string {
  const rows = rules.map(({definition, source}) => [
    definition.id,
    definition.kind,
    definition.category,
    definition.enabled === false ? 'off' : 'on',
    scopeText(definition.when),
    source.pack,
    sourceText(source, cwd),
    definition.description
  ])
  return textTable(['id', 'kind', 'category', 'state', 'scope', 'pack', 'source', 'description'], rows)
}

/** `284 rules (282 on, 2 off) from 16 packs`. */
export function formatRuleCount(rules: readonly ResolvedRule[], total: number): string {
  const off = rules.filter(({definition}) => definition.enabled === false).length
  const packs = new Set(rules.map(({source}) => source.pack)).size
  const shown = rules.length === total ? `${total} rules` : `${rules.length} of ${total} rules`
  return `${shown} (${rules.length - off} on, ${off} off) from ${packs} pack${packs === 1 ? '' : 's'}`
}
