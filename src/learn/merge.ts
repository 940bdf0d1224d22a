/**
 * Adding learned rules to a resolved config.
 */

import type {ResolvedConfig} from '../config/resolve.js'
import type {RuleDefinition} from '../types.js'
import type {LearnedRule} from './learn.js'
import {learnedConfig} from './pack.js'

export function withLearnedRules(config: ResolvedConfig, learned: LearnedRule[]): ResolvedConfig {
  const rules = (learnedConfig(learned).rules ?? []).map((definition) => ({
    definition: definition as RuleDefinition,
    source: {pack: 'learned'}
  }))
  return {...config, rules: [...config.rules, ...rules]}
}
