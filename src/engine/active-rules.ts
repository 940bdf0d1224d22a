/**
 * Which of a config's rules apply to a document (its `when`: language, path, domain, URL), found
 * without testing every rule for every document.
 *
 * A config that `learn` wrote holds thousands of rules, each for one site (`when: {domain: [...]}`)
 * or one folder (`when: {path: ['site/**']}`). Testing each rule's scope against each document cost
 * time in proportion to the number of rules, on every document with a new URL. Here the rules are
 * indexed once per config:
 * - rules with no `when`, or a `when` of languages only, are decided once per language;
 * - rules with a domain are listed under each of their domains, and a document looks up its host
 *   and each parent domain of it (`www.example.com`, `example.com`, `com`): the only names
 *   `isSiteOf` can accept;
 * - rules whose path patterns all start with a plain folder name (`gazette/**`) are listed under
 *   that name, and a document looks up each folder and file name of its path: a trailing part the
 *   pattern matches starts with one of them;
 * - any other rule (a URL glob, a path pattern starting with a wildcard) is tested every time.
 * Only the rules found so are tested with their full scope, so the answer is the same as testing
 * every rule. Documents to which the same rules apply share one answer object, so what rule kinds
 * build per set of active rules (the sentences kind's rule lists) is built once per set, not once
 * per document.
 */

import type {Language} from '../language.js'
import {ruleKinds} from '../kinds/index.js'
import {domainName, domainsOf, hostOf, trailingParts, type DocumentScope} from '../scope.js'
import {indexOf, type MatcherIndex} from './matcher.js'
import type {ScopedRule} from './plugin.js'
import type {CompiledRule} from './rule.js'

/** The rules that apply to a document, in the order they run. */
export interface ActiveRules {
  rules: CompiledRule[]
  set: Set<CompiledRule>
  /** The position in `rules` of the first rule past phase 1 (the line rules), or their number. */
  late: number
  /**
   * Per rule of `rules`: where its matcher sits in the prefilter's index when its kind acts only on
   * the lines its matcher matches (`actsOnMatchedLines`), else undefined.
   */
  indexed: Array<{index: MatcherIndex; slot: number} | undefined>
}

/** How many distinct sets of active rules a config keeps (beyond those of a language alone). */
const KEPT_SETS = 1024

/** A folder or file name as a path pattern's first part: no wildcard, brace, class or escape. */
const plainName = /^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u

interface ScopeIndex {
  /** The enabled rules in the order they run (phase, then config order). */
  sorted: ScopedRule[]
  /** Positions in `sorted` of the rules decided by the language alone. */
  byLanguage: number[]
  byDomain: Map<string, number[]>
  byFolder: Map<string, number[]>
  /** Positions of the rules tested for every document. */
  tested: number[]
  /** Per language: the positions of the language-decided rules that apply. */
  languages: Map<string, number[]>
  /** Answers by language and the other rules that apply (most recently used last). */
  answers: Map<string, ActiveRules>
  /** The last document's scope and its answer. */
  last?: {language: Language; url: string | undefined; path: string | undefined; answer: ActiveRules}
}

const indexes = new WeakMap<readonly ScopedRule[], ScopeIndex>()

function push(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key)
  if (list) {
    if (list[list.length - 1] !== position) list.push(position)
  } else map.set(key, [position])
}

/** A domain as `isSiteOf` compares it, or undefined when no host name could be it. */
function domainKey(domain: string): string | undefined {
  const key = domainName(domain)
  return key === '' ? undefined : key
}

function buildIndex(rules: readonly ScopedRule[]): ScopeIndex {
  const sorted = rules
    .filter(({rule}) => rule.definition.enabled !== false)
    .sort((a, b) => ruleKinds[a.rule.kind].meta.phase - ruleKinds[b.rule.kind].meta.phase)
  const index: ScopeIndex = {sorted, byLanguage: [], byDomain: new Map(), byFolder: new Map(), tested: [], languages: new Map(), answers: new Map()}
  sorted.forEach(({rule}, position) => {
    const when = rule.definition.when
    const domains = when?.domain?.length ? when.domain.map(domainKey) : undefined
    const paths = when?.path?.length ? when.path.map((pattern) => pattern.split('/')[0]) : undefined
    if (domains && domains.every((key) => key !== undefined)) {
      for (const key of domains) push(index.byDomain, key!, position)
    } else if (!domains && paths && paths.every((name) => plainName.test(name))) {
      for (const name of paths) push(index.byFolder, name, position)
    } else if (domains || paths || when?.url?.length) index.tested.push(position)
    else index.byLanguage.push(position)
  })
  return index
}

/** The first names of the trailing parts `when.path` patterns are matched against: each folder and file name of the path. */
function namesOf(documentPath: string): string[] {
  return trailingParts(documentPath).map((part) => part.split('/', 1)[0])
}

function answerOf(index: ScopeIndex, positions: readonly number[]): ActiveRules {
  const rules = positions.map((position) => index.sorted[position].rule)
  const late = rules.findIndex((rule) => ruleKinds[rule.kind].meta.phase > 1)
  const indexed = rules.map((rule) => (rule.matcher && ruleKinds[rule.kind].meta.actsOnMatchedLines ? indexOf(rule.matcher) : undefined))
  return {rules, set: new Set(rules), late: late === -1 ? rules.length : late, indexed}
}

/** Merge two ascending lists of positions. */
function merge(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++])
    else out.push(b[j++])
  }
  return out
}

/** The rules of `rules` that apply to a document of `scope`, in the order they run. */
export function activeRulesOf(rules: readonly ScopedRule[], scope: DocumentScope): ActiveRules {
  let index = indexes.get(rules)
  if (!index) indexes.set(rules, (index = buildIndex(rules)))
  // Every pass over a document asks again: the last question's answer is kept.
  const last = index.last
  if (last && last.language === scope.language && last.url === scope.url && last.path === scope.path) return last.answer
  const answer = findActiveRules(index, scope)
  index.last = {language: scope.language, url: scope.url, path: scope.path, answer}
  return answer
}

function findActiveRules(index: ScopeIndex, scope: DocumentScope): ActiveRules {
  const language: Language = scope.language
  const languageKey = `${language.iso6393}:${language.code}`
  let base = index.languages.get(languageKey)
  if (!base) {
    const sorted = index.sorted
    base = index.byLanguage.filter((position) => sorted[position].applies({language}))
    index.languages.set(languageKey, base)
  }

  // The other rules that may apply: those listed under the document's domains or folder names, and
  // those tested every time. Each is tested with its whole scope.
  const candidates = new Set<number>(index.tested)
  const host = index.byDomain.size > 0 ? hostOf(scope.url) : undefined
  if (host !== undefined) for (const name of domainsOf(host)) for (const position of index.byDomain.get(name) ?? []) candidates.add(position)
  if (scope.path !== undefined && index.byFolder.size > 0) for (const name of namesOf(scope.path)) for (const position of index.byFolder.get(name) ?? []) candidates.add(position)
  const extra = [...candidates].filter((position) => index.sorted[position].applies(scope)).sort((a, b) => a - b)

  const key = extra.length === 0 ? languageKey : `${languageKey}:${extra.join(',')}`
  let answer = index.answers.get(key)
  if (answer) {
    // Most recently used last: the first one is the one to forget.
    index.answers.delete(key)
  } else {
    answer = answerOf(index, extra.length === 0 ? base : merge(base, extra))
    if (index.answers.size >= KEPT_SETS) index.answers.delete(index.answers.keys().next().value!)
  }
  index.answers.set(key, answer)
  return answer
}
