/**
 * Every rule of every built-in pack documents examples of text it removes and text it keeps; this
 * test runs each rule alone on its own examples (as `decruft rules validate` does, through
 * src/rulebook/examples.ts), so the docs and the behaviour cannot drift apart.
 */

import {describe, expect, it} from 'vitest'
import {builtinPackNames, resolvePack} from '../src/index.js'
import {exampleCleaner, exampleRemovals} from '../src/rulebook/examples.js'

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
    let cleaner: ReturnType<typeof exampleCleaner> | undefined
    const cleanerFor = () => (cleaner ??= exampleCleaner(rule))
    for (const example of rule.examples?.removes ?? []) {
      it(`${rule.id} removes ${JSON.stringify(example.slice(0, 50))}`, () => {
        expect(exampleRemovals(rule, example, cleanerFor()).length).toBeGreaterThan(0)
      })
    }
    for (const example of rule.examples?.keeps ?? []) {
      it(`${rule.id} keeps ${JSON.stringify(example.slice(0, 50))}`, () => {
        expect(exampleRemovals(rule, example, cleanerFor())).toEqual([])
      })
    }
  }
})
