/**
 * The library API: `clean`, `createCleaner`, and the vfile messages each removal records.
 */

import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {clean, createCleaner, decruftParse, decruftRules, decruftStringify} from '../src/index.js'

const seed = readFileSync(new URL('../fixtures/seeds/004_36d443cab702394d.txt', import.meta.url), 'utf8')

describe('clean', () => {
  it('returns text, title, language, removals and messages', () => {
    const result = clean(seed)
    expect(result.title).toBe('Russland gibt zu, in „sensiblen“ Bereichen Beziehungen zu Nordkorea aufzubauen')
    expect(result.lang).toBe('de')
    expect(result.messages.map(String)).toEqual([
      '20:1-20:28: promo: site promotion footer (pattern /^lesen sie mehr (?:mit|auf|bei|von) [\\p{L}\\d.-]{…/)',
      '24:1-24:11: noise: source marker (pattern /^(?:source|src|sursa|quelle|fonte|fuente|bron)[-…/)',
      '26:1-26:14: comments: comment prompt (phrase “Leave a Reply”)'
    ])
    const [first] = result.messages
    expect(first.ruleId).toBe('de/promo-footer')
    expect(first.source).toBe('decruft')
    expect(first.actual).toBe('Lesen Sie mehr mit Euractiv')
    expect((first as unknown as {category: string}).category).toBe('promo')
  })

  it('makes its messages without walking the stack, and leaves the stack limit as it found it', () => {
    const before = Error.stackTraceLimit
    try {
      Error.stackTraceLimit = 7
      const result = clean(seed)
      expect(result.messages).toHaveLength(3)
      expect(result.messages.every((message) => message.stack === '')).toBe(true)
      expect(Error.stackTraceLimit).toBe(7)
      expect(new Error('after').stack?.split('\n').length).toBeGreaterThan(1)
    } finally {
      Error.stackTraceLimit = before
    }
  })

  it('honours a fixed language and title mode per document', () => {
    const result = clean('Kurz\n\nEin Satz, der lang genug ist, um als Absatz gelesen zu werden.\n', {lang: 'fr', title: 'none'})
    expect(result.lang).toBe('fr')
    expect(result.title).toBeNull()
  })

  it('takes a headline run straight into its article as the title, but not a lede, a label or a shouted link', () => {
    const body =
      'The Steelers spent Monday trying to distance themselves from the fight that led to suspensions for two players, and the coach said the team would not appeal the league’s decision.'
    expect(clean(`Browns player on his teammate’s role in the fight: He asked for it\n${body}\n`).title).toBe(
      'Browns player on his teammate’s role in the fight: He asked for it'
    )
    for (const first of ['Staff Reports', 'CLICK FOR FULL STATE SWIM RESULTS', 'Tested by: John Doe RRP: 49.95 Euro More info: example.com', 'The council met. It voted.']) {
      expect(clean(`${first}\n${body}\n`).title).toBeNull()
    }
  })
})

describe('createCleaner', () => {
  it('compiles the rules once and reuses them', () => {
    const cleaner = createCleaner({extends: ['core', 'de']})
    // The config's rules, then the engine's own: sentence edges of long lines, and the block classifier.
    expect(cleaner.rules.length).toBe(cleaner.config.rules.length + 2)
    expect(cleaner.rules.slice(-2).map(({rule}) => rule.kind)).toEqual(['sentences', 'heuristic'])
    expect(cleaner.rules.slice(0, -2).every(({rule}) => rule.id.startsWith('core/') || rule.id.startsWith('de/'))).toBe(true)
    // The config's own rules act; what the block classifier adds (the "Leave a Reply" heading of the
    // comment form, which the recommended pack's English rules take, scores near its threshold)
    // moves with the model.
    expect(cleaner.clean(seed).removed.map((removal) => removal.rule).filter((rule) => !rule.startsWith('heuristic/'))).toEqual(['de/promo-footer', 'core/source-marker'])
    expect(cleaner.clean('Anzeige\n\nText.\n').text).toBe('Text.\n')
  })

  it('exports the unified plugins', () => {
    expect(typeof decruftParse).toBe('function')
    expect(typeof decruftRules).toBe('function')
    expect(typeof decruftStringify).toBe('function')
  })
})
