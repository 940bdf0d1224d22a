/**
 * Adding learned rules to a resolved config.
 */

import type {ResolvedConfig} from '../config/resolve.js'
import type {RuleDefinition} from '../types.js'
import type {LearnedLanguage, LearnedRule} from './learn.js'
import {learnedConfig} from './pack.js'

/** `config` with the learned rules after its own, and the learned site languages after its own (so they win). */
export function withLearnedRules(config: ResolvedConfig, learned: LearnedRule[], languages: LearnedLanguage[] = []): ResolvedConfig {
  const rules = (learnedConfig(learned).rules ?? []).map((definition) => ({
    definition: definition as RuleDefinition,
    source: {pack: 'learned'}
  }))
  const siteLanguages = learnedConfig([], languages).siteLanguages ?? []
  return {...config, rules: [...config.rules, ...rules], siteLanguages: [...(config.siteLanguages ?? []), ...siteLanguages]}
}
