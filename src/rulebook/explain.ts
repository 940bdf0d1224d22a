/**
 * `decruft rules explain ID`: everything about one rule: what it removes, how it matches, where it
 * is defined, and the examples of text it removes and keeps.
 */

import {lineLimit} from '../config/redos.js'
import type {ResolvedConfig, ResolvedRule} from '../config/resolve.js'
import {INVISIBLE_LINE_RULE} from '../engine/removals.js'
import {ruleKinds} from '../kinds/index.js'
import type {Category, RuleKindName, When} from '../types.js'
import {scopeText, sourceText} from './format.js'
import {suggestIds} from './suggest.js'

/** Definition fields shown under "options" (the matching fields have their own lines). */
const MATCH_FIELDS = new Set(['phrases', 'patterns', 'match', 'maxChars'])

export interface Explanation {
  id: string
  description: string
  kind: RuleKindName
  /** What rules of this kind do. */
  kindDescription: string
  category: Category
  enabled: boolean
  when: When | null
  pack: string
  file: string | null
  line: number | null
  column: number | null
  /** How phrases match a line (`exact`, `prefix`, `contains`), when the rule has phrases. */
  match: string | null
  /** The longest line (trimmed, in characters) the rule is tried on; null when there is no limit. */
  maxChars: number | null
  /** The kind's other options that the rule sets. */
  options: Record<string, unknown>
  phrases: string[]
  patterns: string[]
  examples: {removes: string[]; keeps: string[]}
}

/** The rule with this id, or undefined. */
export function findRule(config: ResolvedConfig, id: string): ResolvedRule | undefined {
  return config.rules.find(({definition}) => definition.id === id)
}

/** Why an id is not a rule of the config, with the closest ids. */
export function unknownRuleMessage(config: ResolvedConfig, id: string): string {
  const suggestions = suggestIds(
    id,
    config.rules.map(({definition}) => definition.id)
  )
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((suggestion) => `\`${suggestion}\``).join(', ')}?` : '; `decruft rules` lists the rules'
  return `unknown rule \`${id}\`${hint}`
}

/** Removals by `heuristic/…` come from the block classifier, not from a rule. */
export function classifierNote(id: string): string | undefined {
  if (!id.startsWith('heuristic/')) return undefined
  return (
    `${id} is a decision of the block classifier, not a rule: the classifier judges the blocks the rules left by their ` +
    'features (length, stopwords, links, separators) and their neighbours. Tune it in the config\'s `heuristics` section, or with ' +
    '--preset precision|balanced|recall|off.'
  )
}

/** The removal of an invisible line is the layout's, not a rule's. */
export function layoutNote(id: string): string | undefined {
  if (id !== INVISIBLE_LINE_RULE) return undefined
  return (
    `${id} is not a rule: a line of only invisible characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, with any whitespace) ` +
    'is blank for the layout and never written, and its characters are reported under this id so that nothing leaves a ' +
    'document unreported but whitespace and line endings.'
  )
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '')
}

export function explainRule({definition, source}: ResolvedRule): Explanation {
  const kind = ruleKinds[definition.kind]
  const options: Record<string, unknown> = {}
  for (const option of kind?.meta.options ?? []) {
    const value = (definition as unknown as Record<string, unknown>)[option]
    if (!MATCH_FIELDS.has(option) && value !== undefined) options[option] = value
  }
  const limit = lineLimit(definition)
  const phrases = definition.phrases ?? []
  return {
    id: definition.id,
    description: definition.description,
    kind: definition.kind,
    kindDescription: kind ? lowerFirst(kind.meta.description) : '',
    category: definition.category,
    enabled: definition.enabled !== false,
    when: definition.when ?? null,
    pack: source.pack,
    file: source.file ?? null,
    line: source.line ?? null,
    column: source.column ?? null,
    match: phrases.length > 0 ? (definition.match ?? 'exact') : null,
    maxChars: kind?.meta.needsMatcher ? (Number.isFinite(limit) ? limit : null) : null,
    options,
    phrases,
    patterns: definition.patterns ?? [],
    examples: {removes: definition.examples?.removes ?? [], keeps: definition.examples?.keeps ?? []}
  }
}

const MATCH_WORDS: Record<string, string> = {
  exact: 'the whole line is the phrase, punctuation around it aside',
  prefix: 'the line starts with the phrase',
  contains: 'the phrase stands anywhere in the line, between word boundaries'
}

function exampleBlock(title: string, examples: string[]): string[] {
  if (examples.length === 0) return [`  ${title}: (none given)`]
  const lines = [`  ${title}:`]
  for (const [index, example] of examples.entries()) {
    const marker = `${index + 1}.`.padEnd(4)
    example.split(/\r\n|\r|\n/).forEach((line, at) => lines.push(`    ${at === 0 ? marker : '    '}${line}`.trimEnd()))
  }
  return lines
}

export function formatExplanation(explanation: Explanation, cwd: string): string {
  const source = sourceText({pack: explanation.pack, file: explanation.file ?? undefined, line: explanation.line ?? undefined}, cwd)
  const field = (name: string, value: string) => `  ${name.padEnd(10)} ${value}`
  const lines = [
    `${explanation.id}: ${explanation.description}`,
    field('kind', `${explanation.kind}${explanation.kindDescription ? ` (${explanation.kindDescription})` : ''}`),
    field('category', explanation.category),
    field('state', explanation.enabled ? 'on' : 'off (switch it on with `on: [' + explanation.id + ']`)'),
    field('scope', explanation.when ? scopeText(explanation.when) : 'all documents'),
    field('source', source === explanation.pack ? source : `${explanation.pack}, ${source}`)
  ]
  if (explanation.match) lines.push(field('match', `${explanation.match} (${MATCH_WORDS[explanation.match] ?? explanation.match})`))
  if (explanation.phrases.length > 0 || explanation.patterns.length > 0) {
    lines.push(field('lines', explanation.maxChars === null ? 'of any length' : `up to ${explanation.maxChars} characters`))
  }
  for (const [name, value] of Object.entries(explanation.options)) lines.push(field(name, typeof value === 'string' ? value : JSON.stringify(value)))
  if (explanation.phrases.length > 0) {
    lines.push(`  phrases (${explanation.phrases.length}):`)
    for (const phrase of explanation.phrases) lines.push(`    ${phrase}`)
  }
  if (explanation.patterns.length > 0) {
    const subject = explanation.kind === 'inline' ? 'the line as written' : 'the line with whitespace collapsed'
    lines.push(`  patterns (${explanation.patterns.length}, flags iu, tested on ${subject}):`)
    for (const pattern of explanation.patterns) lines.push(`    /${pattern}/`)
  }
  lines.push(...exampleBlock('removes', explanation.examples.removes), ...exampleBlock('keeps', explanation.examples.keeps))
  return lines.join('\n')
}
