/**
 * Every rule of every built-in pack documents examples of text it removes and text it keeps; this
 * test runs each rule alone on its own examples, so the docs and the behaviour cannot drift apart.
 */

import {describe, expect, it} from 'vitest'
import {builtinPackNames, createCleaner, resolvePack, type RuleDefinition} from '../src/index.js'

const TITLE = 'Leaders meet for talks in the far east of the country'
const BODY = [
  'The two leaders met on Wednesday at the space centre, where they toured the launch pads before sitting down for talks that lasted more than two hours.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements that may have been reached during the visit.'
]

/** The document an example is tested in: the example itself for title rules, else after a short article. */
function documentFor(rule: RuleDefinition, example: string): string {
  if (rule.kind === 'duplicate' && (rule.target ?? 'title') === 'title') return example
  return [TITLE, ...BODY, example].join('\n\n')
}

function removalsBy(rule: RuleDefinition, example: string) {
  const cleaner = createCleaner({extends: [], rules: [{...rule, when: undefined, enabled: true}]})
  const text = documentFor(rule, example)
  const result = cleaner.clean(text, {lang: rule.when?.lang?.[0]})
  const exampleStart = text.lastIndexOf(example)
  return result.removed.filter((removal) => removal.rule === rule.id && removal.end > exampleStart)
}

const packs = builtinPackNames().filter((name) => name !== 'recommended')

describe.each(packs)('pack %s', (pack) => {
  const rules = resolvePack(pack).rules.map((resolved) => resolved.definition)

  it('has rules, each with examples of what it removes and keeps', () => {
    expect(rules.length).toBeGreaterThan(0)
    for (const rule of rules) {
      expect(rule.examples?.removes?.length ?? 0, `${rule.id} removes`).toBeGreaterThan(0)
      expect(rule.examples?.keeps?.length ?? 0, `${rule.id} keeps`).toBeGreaterThan(0)
    }
  })

  for (const rule of rules) {
    for (const example of rule.examples?.removes ?? []) {
      it(`${rule.id} removes ${JSON.stringify(example.slice(0, 50))}`, () => {
        expect(removalsBy(rule, example).length).toBeGreaterThan(0)
      })
    }
    for (const example of rule.examples?.keeps ?? []) {
      it(`${rule.id} keeps ${JSON.stringify(example.slice(0, 50))}`, () => {
        expect(removalsBy(rule, example)).toEqual([])
      })
    }
  }
})
