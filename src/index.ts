/**
 * decruft: strip boilerplate from article text and report what was removed, by which rule, and why.
 */

export {clean, createCleaner, type Cleaner} from './cleaner.js'
export {loadConfig, resolveConfig, resolveConfigFile, resolvePack, findConfigFile} from './config/resolve.js'
export type {ConfigInput, ResolvedConfig, ResolvedRule, LoadConfigOptions, ConfigWarning} from './config/resolve.js'
export {ConfigError} from './config/error.js'
export {fingerprint, rulesSha256, type ConfigFingerprint} from './config/fingerprint.js'
export {builtinPackNames} from './config/builtin.js'
export {decruftParse} from './parse.js'
export {decruftStringify} from './serialize.js'
export {retextDecruft, decruftRules} from './retext.js'
export type {RetextDecruftOptions, DecruftData} from './retext.js'
export {ruleKinds} from './kinds/index.js'
export {CATEGORIES, RULE_KINDS} from './types.js'
export type {
  Category,
  CleanResult,
  DocumentOptions,
  Removal,
  RuleDefinition,
  RuleExamples,
  RuleKindName,
  RuleSource,
  TitleMode,
  When
} from './types.js'
export {reviewHtml, reviewRulesOf} from './review/index.js'
export type {ReviewDocument, ReviewInput, ReviewRuleInfo} from './review/index.js'
