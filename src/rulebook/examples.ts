/**
 * A rule's `examples` as tests: each `removes` example must be removed by the rule, each `keeps`
 * example must not be. The rule runs alone (its `when` dropped, switched on), on a short article
 * that ends with the example; a title rule (`duplicate` with target `title`) runs on the example
 * alone, since its first line is the title. Used by `decruft rules validate` and by the test of the
 * built-in packs, so both judge an example the same way.
 */

import {createCleaner, type Cleaner} from '../cleaner.js'
import type {Removal, RuleDefinition} from '../types.js'

const TITLE = 'Leaders meet for talks in the far east of the country'
const BODY = [
  'The two leaders met on Wednesday at the space centre, where they toured the launch pads before sitting down for talks that lasted more than two hours.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements that may have been reached during the visit.'
]

export type ExampleKind = 'removes' | 'keeps'

/** One example that the rule does not honour. */
export interface FailedExample {
  kind: ExampleKind
  /** Its index in `examples.removes` or `examples.keeps`. */
  index: number
  example: string
  /** What the rule removed of a `keeps` example (empty for a `removes` example it left). */
  removed: string[]
}

/** The document an example is tested in: the example itself for title rules, else after a short article. */
export function exampleDocument(rule: Pick<RuleDefinition, 'kind' | 'target'>, example: string): string {
  if (rule.kind === 'duplicate' && (rule.target ?? 'title') === 'title') return example
  return [TITLE, ...BODY, example].join('\n\n')
}

/** The rule alone, on and unscoped, compiled (throws a `ConfigError` when it does not compile). */
export function exampleCleaner(rule: RuleDefinition): Cleaner {
  return createCleaner({extends: [], rules: [{...rule, when: undefined, enabled: true}]}, {messages: false})
}

/** What `rule` removes of `example` (removals by the rule that reach into the example). */
export function exampleRemovals(rule: RuleDefinition, example: string, cleaner: Cleaner = exampleCleaner(rule)): Removal[] {
  const text = exampleDocument(rule, example)
  const result = cleaner.clean(text, {lang: rule.when?.lang?.[0]})
  const exampleStart = text.lastIndexOf(example)
  return result.removed.filter((removal) => removal.rule === rule.id && removal.end > exampleStart)
}

/** The examples `rule` does not honour, `removes` first, each in the order written. */
export function failedExamples(rule: RuleDefinition, cleaner: Cleaner = exampleCleaner(rule)): FailedExample[] {
  const failed: FailedExample[] = []
  for (const [index, example] of (rule.examples?.removes ?? []).entries()) {
    if (exampleRemovals(rule, example, cleaner).length === 0) failed.push({kind: 'removes', index, example, removed: []})
  }
  for (const [index, example] of (rule.examples?.keeps ?? []).entries()) {
    const removals = exampleRemovals(rule, example, cleaner)
    if (removals.length > 0) failed.push({kind: 'keeps', index, example, removed: removals.map((removal) => removal.text)})
  }
  return failed
}
