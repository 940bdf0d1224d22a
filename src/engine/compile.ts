/**
 * Compiling resolved rule definitions: each gets its matcher, its kind's runner and its compiled
 * `when`. Problems (a pattern that does not compile, a kind without phrases) are config errors that
 * name the rule's file and line.
 */

import {ConfigError} from '../config/error.js'
import {backtrackingProblem} from '../config/redos.js'
import type {ResolvedRule} from '../config/resolve.js'
import {ruleKinds} from '../kinds/index.js'
import {compileWhen} from '../scope.js'
import {createMatcher, MatcherIndex, PatternError} from './matcher.js'
import {defaultMaxChars, type CompiledRule} from './rule.js'
import type {ScopedRule} from './plugin.js'

function fail(resolved: ResolvedRule, problem: string, key?: string): never {
  const {source, definition} = resolved
  throw new ConfigError(`rule \`${definition.id}\`: ${problem}`, {file: source.file, line: source.line, column: source.column, key})
}

/** Compile one rule. */
export function compileRule(resolved: ResolvedRule): CompiledRule {
  const {definition, source} = resolved
  const kind = ruleKinds[definition.kind]
  if (!kind) fail(resolved, `unknown kind \`${String(definition.kind)}\``, 'kind')
  const hasPhrases = (definition.phrases?.length ?? 0) > 0 || (definition.patterns?.length ?? 0) > 0
  if (kind.meta.needsMatcher && !hasPhrases) fail(resolved, `a \`${definition.kind}\` rule needs \`phrases\` or \`patterns\``)

  const rule: CompiledRule = {
    id: definition.id,
    kind: definition.kind,
    category: definition.category,
    description: definition.description,
    definition,
    source,
    matcher: undefined,
    runner: {apply() {}},
    maxChars: definition.maxChars ?? defaultMaxChars(definition.kind)
  }
  try {
    if (kind.meta.needsMatcher) rule.matcher = createMatcher(definition)
    rule.runner = kind.create(rule)
  } catch (error) {
    if (error instanceof PatternError) fail(resolved, `${error.message}: /${error.pattern}/`, `patterns[${error.index}]`)
    throw error
  }
  const backtracking = kind.meta.needsMatcher ? backtrackingProblem(resolved) : undefined
  if (backtracking) fail(resolved, backtracking.message, `patterns[${backtracking.index}]`)
  return rule
}

/**
 * Compile every rule of a config, with its scope. Their matchers share one prefilter
 * (`MatcherIndex`), so a line is scanned once for what any rule could match.
 *
 * Only kinds that test lines with their matcher (`actsOnMatchedLines`) join it: an `inline` rule
 * cuts spans with an expression of its own and never tests its matcher (which checks the rule's
 * phrases and patterns), and its unlimited length would keep the index from passing over lines
 * longer than every other rule is tried on.
 */
export function compileRules(rules: readonly ResolvedRule[]): ScopedRule[] {
  const compiled = rules.map((resolved) => ({rule: compileRule(resolved), applies: compileWhen(resolved.definition.when)}))
  const tested = compiled.filter(({rule}) => rule.matcher && ruleKinds[rule.kind].meta.actsOnMatchedLines)
  new MatcherIndex(tested.map(({rule}) => ({matcher: rule.matcher!, maxChars: rule.maxChars})))
  return compiled
}
