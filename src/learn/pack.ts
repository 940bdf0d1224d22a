/**
 * Writing learned rules as a rule pack: YAML with one rule per learned line, scoped to its site, its
 * document count and two examples as comments, ready to review, extend and share.
 */

import {yaml} from '../config/read.js'
import type {ConfigInput} from '../config/resolve.js'
import type {LearnedLanguage, LearnedRule} from './learn.js'

/** An id part: lower-case ASCII words joined by `-`, at most 40 characters, cut between words. */
function slug(value: string): string {
  const full = value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (full.length <= 40) return full || 'line'
  const cut = full.slice(0, 41)
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : 40)
}

function ids(rules: LearnedRule[]): string[] {
  const used = new Map<string, number>()
  return rules.map((rule) => {
    const base = `learned/${slug(rule.label)}/${slug(rule.phrase)}`
    const count = (used.get(base) ?? 0) + 1
    used.set(base, count)
    return count === 1 ? base : `${base}-${count}`
  })
}

function when(rule: {site: string; siteKind: 'domain' | 'path'}): {domain?: string[]; path?: string[]} {
  return rule.siteKind === 'domain' ? {domain: [rule.site]} : {path: [rule.site === '.' ? '**' : `${rule.site}/**`]}
}

/** The learned rules and site languages as a config object (for `clean --learn`). */
export function learnedConfig(rules: LearnedRule[], languages: LearnedLanguage[] = []): ConfigInput {
  const names = ids(rules)
  return {
    ...(languages.length > 0 ? {siteLanguages: languages.map((language) => ({lang: language.lang, when: when(language)}))} : {}),
    rules: rules.map((rule, index) => ({
      id: names[index],
      kind: rule.kind,
      category: rule.category,
      description: `${rule.kind === 'section' ? 'site section header' : 'site boilerplate line'} (${rule.documents} of ${rule.siteDocuments} documents)`,
      phrases: [rule.phrase],
      when: when(rule)
    }))
  }
}

/** Double-quoted scalars (a phrase may hold `:` or `#`), lists and maps on one line ("flow" style). */
function tune(node: unknown, flow: boolean): void {
  const {isCollection, isScalar, visit} = yaml()
  visit(node as Parameters<typeof visit>[0], {
    Scalar(key, scalar) {
      // Keys stay plain: `when: {domain: [...]}`.
      if (key !== 'key' && typeof scalar.value === 'string') scalar.type = 'QUOTE_DOUBLE'
    }
  })
  if (flow && isCollection(node)) node.flow = true
  if (isScalar(node) && typeof node.value === 'string') node.type = 'QUOTE_DOUBLE'
}

/**
 * The learned rules (and site languages) as a YAML pack, built with the yaml package's document API
 * (so every value is quoted as YAML needs): the header and each entry's evidence as comments.
 */
export function learnedPackYaml(rules: LearnedRule[], header: string, languages: LearnedLanguage[] = []): string {
  const {Document, isMap, isSeq} = yaml()
  const names = ids(rules)
  const document = new Document(languages.length > 0 ? {name: 'learned', siteLanguages: [] as unknown[], rules: [] as unknown[]} : {name: 'learned', rules: [] as unknown[]})
  if (languages.length > 0) {
    const sites = document.get('siteLanguages', true)
    if (!isSeq(sites)) throw new Error('learned pack: no site languages list')
    for (const language of languages) {
      const item = document.createNode({lang: language.lang, when: when(language)})
      if (!isMap(item)) throw new Error('learned pack: a site language is not a map')
      tune(item, true)
      item.commentBefore = ` ${language.documents} of ${language.siteDocuments} documents of ${language.label} read as \`${language.lang}\``
      sites.items.push(item)
    }
  }
  document.commentBefore = [' yaml-language-server: $schema=node_modules/decruft/rules/schema.json', ...header.split('\n').map((line) => ` ${line}`.trimEnd())].join('\n')
  const list = document.get('rules', true)
  if (!isSeq(list)) throw new Error('learned pack: no rules list')
  if (rules.length === 0) list.flow = true
  for (const [index, rule] of rules.entries()) {
    const description = `${rule.kind === 'section' ? 'site section header' : 'site boilerplate line'} (${rule.documents} of ${rule.siteDocuments} documents)`
    const item = document.createNode({id: names[index], kind: rule.kind, category: rule.category, description, phrases: [rule.phrase], when: when(rule), examples: {removes: [rule.phrase]}})
    if (!isMap(item)) throw new Error('learned pack: a rule is not a map')
    tune(item.get('description', true), false)
    tune(item.get('phrases', true), true)
    tune(item.get('when', true), true)
    tune(item.get('examples', true), true)
    item.commentBefore = ` ${rule.documents} of ${rule.siteDocuments} documents of ${rule.label}; e.g. ${rule.examples.join(', ')}`
    list.items.push(item)
  }
  return document.toString({lineWidth: 0, flowCollectionPadding: false})
}
