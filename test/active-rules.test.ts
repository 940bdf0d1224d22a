/**
 * The rules that apply to a document: the index by language, domain and folder gives the same rules,
 * in the same order, as testing every rule's `when`, and documents with the same rules share one
 * answer.
 */

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createCleaner} from '../src/index.js'
import {activeRulesOf} from '../src/engine/active-rules.js'
import type {ScopedRule} from '../src/engine/plugin.js'
import {ruleKinds} from '../src/kinds/index.js'
import {toLanguage} from '../src/language.js'
import type {DocumentScope} from '../src/scope.js'
import type {When} from '../src/types.js'

const DOMAINS = ['example.com', 'www.example.com', '*.example.com', '.example.org', 'Gazette.example', 'news.gazette.example', 'com', 'b.co.uk']
const PATHS = ['gazette/**', 'news/gazette/**', 'Gazette/**', '**', '*.txt', 'a.txt', 'deep/**/c.txt', '{news,blog}/**', 'news']
const URLS = ['https://*.example.com/**', 'https://gazette.example/news/**', '**/amp/**']
const LANGS = ['de', 'en', 'deu', 'pl']

const whenArbitrary: fc.Arbitrary<When | undefined> = fc.option(
  fc.record(
    {
      lang: fc.subarray(LANGS, {minLength: 1, maxLength: 2}),
      domain: fc.subarray(DOMAINS, {minLength: 1, maxLength: 3}),
      path: fc.subarray(PATHS, {minLength: 1, maxLength: 2}),
      url: fc.subarray(URLS, {minLength: 1, maxLength: 2})
    },
    {requiredKeys: []}
  ),
  {nil: undefined}
)

const KINDS = ['line', 'section', 'tail'] as const

function rulesOf(whens: Array<{when: When | undefined; kind: (typeof KINDS)[number]; enabled: boolean}>): readonly ScopedRule[] {
  const rules = whens.map(({when, kind, enabled}, index) => ({
    id: `test/rule-${index}`,
    kind,
    category: 'promo' as const,
    description: `rule ${index}`,
    phrases: [`phrase number ${index}`],
    ...(when ? {when} : {}),
    ...(enabled ? {} : {enabled: false})
  }))
  return createCleaner({extends: [], rules}).rules
}

/** Every rule's `when` tested, as the engine did before the index. */
function bruteForce(rules: readonly ScopedRule[], scope: DocumentScope): string[] {
  return [...rules]
    .filter(({rule}) => rule.definition.enabled !== false)
    .sort((a, b) => ruleKinds[a.rule.kind].meta.phase - ruleKinds[b.rule.kind].meta.phase)
    .filter(({applies}) => applies(scope))
    .map(({rule}) => rule.id)
}

const HOSTS = ['example.com', 'www.example.com', 'a.b.example.com', 'EXAMPLE.org', 'sub.example.org', 'gazette.example', 'news.gazette.example', 'b.co.uk', 'example.com.', 'other.net']
const scopeArbitrary: fc.Arbitrary<DocumentScope> = fc.record(
  {
    language: fc.constantFrom('de', 'en', 'pl', 'und').map((code) => toLanguage(code)),
    url: fc.oneof(
      fc.tuple(fc.constantFrom(...HOSTS), fc.constantFrom('/', '/news/a', '/amp/x', '')).map(([host, rest]) => `https://${host}${rest}`),
      fc.constant('not a url')
    ),
    path: fc.constantFrom('gazette/a.txt', 'in/gazette/a.txt', 'Gazette/x.txt', 'news/gazette/deep/c.txt', 'a.txt', 'news', 'blog/x.md', 'C:\\data\\gazette\\a.txt', '/abs/news/x')
  },
  {requiredKeys: ['language']}
)

describe('active rules', () => {
  it('are the rules whose when holds, in the order they run, for any config and document', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({when: whenArbitrary, kind: fc.constantFrom(...KINDS), enabled: fc.boolean({})}), {minLength: 1, maxLength: 30}),
        fc.array(scopeArbitrary, {minLength: 1, maxLength: 8}),
        (whens, scopes) => {
          const rules = rulesOf(whens)
          for (const scope of scopes) expect(activeRulesOf(rules, scope).rules.map((rule) => rule.id)).toEqual(bruteForce(rules, scope))
        }
      ),
      {numRuns: 300}
    )
  })

  it('are one answer for documents to which the same rules apply, and another for another site', () => {
    const rules = rulesOf([
      {when: undefined, kind: 'line', enabled: true},
      {when: {domain: ['gazette.example']}, kind: 'line', enabled: true},
      {when: {domain: ['herald.example']}, kind: 'section', enabled: true},
      {when: {lang: ['de']}, kind: 'line', enabled: true}
    ])
    const ids = (answer: {rules: Array<{id: string}>}) => answer.rules.map((rule) => rule.id).filter((id) => id.startsWith('test/'))
    const en = toLanguage('en')
    const first = activeRulesOf(rules, {language: en, url: 'https://elsewhere.example/1'})
    const second = activeRulesOf(rules, {language: en, url: 'https://another.example/2'})
    expect(ids(first)).toEqual(['test/rule-0'])
    // Two sites with no rules of their own: the same object, so kinds build their lists once.
    expect(second).toBe(first)
    const gazette = activeRulesOf(rules, {language: en, url: 'https://www.gazette.example/a'})
    expect(ids(gazette)).toEqual(['test/rule-0', 'test/rule-1'])
    expect(activeRulesOf(rules, {language: en, url: 'https://gazette.example/b'})).toBe(gazette)
    expect(ids(activeRulesOf(rules, {language: toLanguage('de'), url: 'https://herald.example/'}))).toEqual(['test/rule-0', 'test/rule-3', 'test/rule-2'])
  })

  it('hold for a domain on its host and its subdomains only, whatever URLs came before', () => {
    // As the definition says, with every URL parsed afresh: the compiled test keeps the last URL's
    // host and the domains' names, and must not carry one document's host over to the next.
    const reference = (domains: string[], url: string): boolean => {
      let host: string
      try {
        host = new URL(url).hostname.toLowerCase()
      } catch {
        return false
      }
      return domains.some((domain) => {
        const name = domain.toLowerCase().replace(/^\*?\./, '')
        return host === name || host.endsWith(`.${name}`)
      })
    }
    const names = ['example.com', 'EXAMPLE.com', '*.example.com', '.example.com', 'ample.com', 'com', 'b.co.uk', 'co.uk', 'xample.com', '*.co.uk']
    const hosts = ['example.com', 'www.example.com', 'notexample.com', 'wwwexample.com', 'a.b.co.uk', 'b.co.uk', 'co.uk', 'EXAMPLE.COM', 'example.com.', 'xn--bcher-kva.example']
    const url = fc.oneof(
      fc.tuple(fc.constantFrom(...hosts), fc.constantFrom('/', '/news/a', '')).map(([host, rest]) => `https://${host}${rest}`),
      fc.constantFrom('not a url', 'https://', 'mailto:someone@example.com')
    )
    fc.assert(
      fc.property(fc.array(fc.subarray(names, {minLength: 1, maxLength: 3}), {minLength: 1, maxLength: 4}), fc.array(url, {minLength: 1, maxLength: 6}), (domainLists, urls) => {
        const rules = createCleaner({extends: [], rules: domainLists.map((domain, index) => ({id: `test/site-${index}`, kind: 'line' as const, category: 'promo' as const, description: 'site line', phrases: [`phrase ${index}`], when: {domain}}))}).rules
        const scoped = domainLists.map((_, index) => rules.find(({rule}) => rule.id === `test/site-${index}`)!)
        for (const at of urls) {
          scoped.forEach(({applies}, index) => expect(applies({language: toLanguage('en'), url: at}), `${domainLists[index].join(', ')} on ${at}`).toBe(reference(domainLists[index], at)))
        }
      }),
      {numRuns: 500}
    )
  })

  it('let each site of thousands of learned rules clean with its own rules only', () => {
    const sites = Array.from({length: 3000}, (_, index) => `site${index}.example`)
    const rules = sites.map((site, index) => ({
      id: `learned/site-${index}`,
      kind: 'line' as const,
      category: 'promo' as const,
      description: 'site boilerplate line',
      phrases: [`Subscribe to the ${site} letter`],
      when: {domain: [site]}
    }))
    const cleaner = createCleaner({extends: [], rules})
    const text = (site: string) =>
      `The council met on Tuesday to discuss the harbour, and members agreed that the work would begin in the spring.\n\nSubscribe to the ${site} letter\n\nSubscribe to the site7.example letter\n`
    for (const index of [0, 7, 1234, 2999]) {
      const site = sites[index]
      const result = cleaner.clean(text(site), {url: `https://www.${site}/story`})
      const expected = index === 7 ? ['learned/site-7', 'learned/site-7'] : [`learned/site-${index}`]
      expect(result.removed.map((removal) => removal.rule)).toEqual(expected)
      expect(result.text).toContain('The council met on Tuesday')
      if (index !== 7) expect(result.text).toContain('Subscribe to the site7.example letter')
    }
  })
})
