/**
 * The shape of a rule kind module (after ESLint's rule modules: `meta` plus `create`) and of a
 * compiled rule.
 */

import type {Category, RuleDefinition, RuleKindName, RuleSource} from '../types.js'
import type {DocumentContext} from './document.js'
import type {LineMatch, LineMatcher} from './matcher.js'

/** What a rule does to one document. `detect` runs for every rule before any `apply`. */
export interface RuleRunner {
  detect?(document: DocumentContext): void
  apply(document: DocumentContext): void
}

export interface RuleKindMeta {
  name: RuleKindName
  description: string
  /** Kinds run in increasing phase order; within a phase, in config order. */
  phase: number
  /** The definition fields this kind reads, besides the common ones. */
  options: readonly string[]
  /** Whether the kind needs `phrases` or `patterns`. */
  needsMatcher: boolean
  /**
   * Whether the kind tests lines with the rule's matcher and acts only on the lines it matches
   * (claims them, or marks a header, a tail's start, a credit line). Such rules share the prefilter
   * index, and one whose matcher the prefilter rules out on every line of a document is not run on
   * it. (`inline` needs phrases or patterns but cuts with an expression of its own.)
   */
  actsOnMatchedLines: boolean
}

export interface RuleKind {
  meta: RuleKindMeta
  create(rule: CompiledRule): RuleRunner
}

export interface CompiledRule {
  id: string
  kind: RuleKindName
  category: Category
  description: string
  definition: RuleDefinition
  source: RuleSource
  /** Matches one line; absent for kinds that need no phrases (e.g. `duplicate`). */
  matcher: LineMatcher | undefined
  runner: RuleRunner
  /** The longest line (in characters, trimmed) the matcher is tried on: `definition.maxChars`, else the kind's default. */
  maxChars: number
}

/**
 * Test a rule's matcher against one line of a document. Kinds call this for every line and every
 * rule, so the common answer comes first: the prefilter of the rules' matchers (computed once per
 * line) says this rule cannot match.
 */
export function matchLine(rule: CompiledRule, document: DocumentContext, index: number): LineMatch | undefined {
  const matcher = rule.matcher
  if (!matcher) return undefined
  if (!document.mayMatch(index, matcher)) return undefined
  if (document.chars(index) > rule.maxChars) return undefined
  return matcher.test(document.matchSource(index))
}

/** How long a line (trimmed) a kind's matcher is tried on when the rule sets no `maxChars`. Boilerplate lines are short; long lines are body text and are never matched unless a rule says so. */
export function defaultMaxChars(kind: RuleKindName): number {
  switch (kind) {
    case 'credit':
      return 120
    case 'section':
    case 'tail':
      return 160
    default:
      return 240
  }
}
