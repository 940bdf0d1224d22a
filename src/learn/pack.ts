/**
 * Writing learned rules as a rule pack: YAML with one rule per learned line, scoped to its site, its
 * document count and two examples as comments, ready to review, extend and share.
 */

import type {ConfigInput} from '../config/resolve.js'
import type {LearnedRule} from './learn.js'

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

function when(rule: LearnedRule): {domain?: string[]; path?: string[]} {
  return rule.siteKind === 'domain' ? {domain: [rule.site]} : {path: [rule.site === '.' ? '**' : `${rule.site}/**`]}
}

/** The learned rules as a config object (for `clean --learn`). */
export function learnedConfig(rules: LearnedRule[]): ConfigInput {
  const names = ids(rules)
  return {
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

const quote = (value: string) => JSON.stringify(value)

/** The learned rules as a YAML pack. */
export function learnedPackYaml(rules: LearnedRule[], header: string): string {
  const names = ids(rules)
  const lines = ['# yaml-language-server: $schema=node_modules/decruft/rules/schema.json', ...header.split('\n').map((line) => `# ${line}`.trimEnd()), 'name: learned', 'rules:']
  if (rules.length === 0) lines.push('  []')
  for (const [index, rule] of rules.entries()) {
    const scope = when(rule)
    lines.push(
      `  # ${rule.documents} of ${rule.siteDocuments} documents of ${rule.label}; e.g. ${rule.examples.join(', ')}`,
      `  - id: ${names[index]}`,
      `    kind: ${rule.kind}`,
      `    category: ${rule.category}`,
      `    description: ${quote(`${rule.kind === 'section' ? 'site section header' : 'site boilerplate line'} (${rule.documents} of ${rule.siteDocuments} documents)`)}`,
      `    phrases: [${quote(rule.phrase)}]`,
      scope.domain ? `    when: {domain: [${quote(scope.domain[0])}]}` : `    when: {path: [${quote(scope.path![0])}]}`,
      `    examples: {removes: [${quote(rule.phrase)}]}`
    )
  }
  return lines.join('\n') + '\n'
}
