/**
 * Configs: extending built-in packs and files, overriding and switching off rules, `when` scoping,
 * and errors that name the file, line, column and key.
 */

import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError, createCleaner, loadConfig, resolveConfigFile} from '../src/index.js'
import {workspace} from './workspace.js'

function configError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

const article = `Mietpreise steigen weiter

Die Mieten in den großen Städten sind im vergangenen Jahr erneut deutlich gestiegen, wie eine Auswertung zeigt.

Anzeige

Unser Partnerportal: Wohnungen finden auf wohnen.example
`

describe('config files', () => {
  it('builds on recommended when it names no extends, and adds, overrides and switches off rules', () => {
    const directory = workspace({
      // The block classifier off: the model takes the ad label by its own judgement.
      'decruft.config.yaml': `
off:
  - de/ad-label
heuristics:
  preset: 'off'
rules:
  - id: site/partner
    kind: line
    category: promo
    description: partner portal promo
    patterns: ["^unser partnerportal:"]
  - id: core/title-repeat
    similarity: 0.95
`
    })
    const config = loadConfig({cwd: directory})
    expect(config.files[0]).toBe(path.join(directory, 'decruft.config.yaml'))
    expect(config.rules.find((rule) => rule.definition.id === 'core/title-repeat')?.definition.similarity).toBe(0.95)
    const result = createCleaner(config).clean(article)
    expect(result.removed.map((removal) => removal.rule)).toEqual(['site/partner'])
    expect(result.text).toContain('Anzeige')
  })

  it('extends its own pack files relative to itself, later entries winning', () => {
    const directory = workspace({
      'packs/site.yaml': `
name: site
rules:
  - id: site/partner
    kind: line
    category: promo
    description: partner promo
    phrases: ["Unser Partnerportal"]
    match: prefix
`,
      'decruft.config.yaml': `
extends: [core, ./packs/site.yaml]
heuristics:
  preset: 'off'
rules:
  - id: site/partner
    category: ad
`
    })
    const config = loadConfig({cwd: directory})
    const result = createCleaner(config).clean(article)
    expect(result.removed.map((removal) => [removal.rule, removal.category])).toEqual([['site/partner', 'ad']])
    expect(config.rules.find((rule) => rule.definition.id === 'site/partner')?.source.pack).toBe('decruft.config')
  })

  it('finds the nearest config upwards from the working directory', () => {
    const directory = workspace({'decruft.config.yaml': 'extends: [core]\n', 'deep/er/file.txt': ''})
    expect(loadConfig({cwd: path.join(directory, 'deep/er')}).files[0]).toBe(path.join(directory, 'decruft.config.yaml'))
  })

  it('uses the recommended pack when there is no config', () => {
    const directory = workspace({})
    const config = loadConfig({cwd: directory})
    expect(config.files.map((file) => path.basename(file))).toContain('recommended.yaml')
  })
})

describe('when', () => {
  const rule = (when: object) => ({
    extends: [],
    rules: [{id: 'site/footer', kind: 'line' as const, category: 'promo' as const, description: 'site footer', phrases: ['Mehr auf example.de'], when}]
  })
  const text = 'Ein Satz über die Lage in der Stadt, der lang genug für die Spracherkennung ist, und noch ein wenig länger.\n\nMehr auf example.de\n'

  it('scopes by domain (subdomains included) from the document URL', () => {
    const cleaner = createCleaner(rule({domain: ['example.de']}))
    expect(cleaner.clean(text, {url: 'https://www.example.de/politik/1'}).removed).toHaveLength(1)
    expect(cleaner.clean(text, {url: 'https://other.de/politik/1'}).removed).toEqual([])
    expect(cleaner.clean(text).removed).toEqual([])
  })

  it('scopes by path glob and by language', () => {
    const byPath = createCleaner(rule({path: ['news/**']}))
    expect(byPath.clean(text, {path: 'news/2024/a.txt'}).removed).toHaveLength(1)
    expect(byPath.clean(text, {path: 'blog/a.txt'}).removed).toEqual([])
    const byLang = createCleaner(rule({lang: ['de']}))
    expect(byLang.clean(text).removed).toHaveLength(1)
    expect(byLang.clean(text, {lang: 'fra'}).removed).toEqual([])
  })

  it('scopes by URL glob', () => {
    const cleaner = createCleaner(rule({url: ['https://example.de/politik/**']}))
    expect(cleaner.clean(text, {url: 'https://example.de/politik/2024/x'}).removed).toHaveLength(1)
    expect(cleaner.clean(text, {url: 'https://example.de/sport/x'}).removed).toEqual([])
  })
})

describe('config errors', () => {
  it('names the file, line, column and offending key for a schema error', () => {
    const directory = workspace({
      'decruft.config.yaml': `extends: [core]
rules:
  - id: site/a
    kind: line
    category: promo
    description: a
    phrases: [x]
  - id: site/b
    kind: lines
    category: promo
    description: b
    phrases: [y]
`
    })
    const error = configError(() => loadConfig({cwd: directory}))
    expect(error.file).toBe(path.join(directory, 'decruft.config.yaml'))
    expect([error.line, error.column]).toEqual([9, 11])
    expect(error.key).toBe('rules[1].kind')
    expect(error.message).toContain('must be one of')
  })

  it('points at an unknown key', () => {
    const directory = workspace({'c.yaml': 'extends: [core]\nrulez: []\n'})
    const error = configError(() => resolveConfigFile(path.join(directory, 'c.yaml')))
    expect([error.line, error.column, error.key]).toEqual([2, 1, 'rulez'])
    expect(error.message).toContain('unknown key `rulez`')
  })

  it('reports YAML syntax errors with their position', () => {
    const directory = workspace({'c.yaml': 'rules:\n  - id: a\n    kind: [line\n'})
    const error = configError(() => resolveConfigFile(path.join(directory, 'c.yaml')))
    expect(error.line).toBeGreaterThanOrEqual(3)
    expect(error.message).toContain('invalid YAML')
  })

  it('refuses a pattern that does not compile, naming the rule', () => {
    const directory = workspace({'c.yaml': 'extends: []\nrules:\n  - id: site/bad\n    kind: line\n    category: ad\n    description: bad\n    patterns: ["(unclosed"]\n'})
    const error = configError(() => createCleaner(resolveConfigFile(path.join(directory, 'c.yaml'))))
    expect(error.message).toContain('rule `site/bad`')
    expect(error.line).toBe(3)
    expect(error.key).toBe('patterns[0]')
  })

  it('refuses unknown packs, unknown ids in off, incomplete rules and extends cycles', () => {
    const directory = workspace({
      'a.yaml': 'extends: [nosuchpack]\n',
      'b.yaml': 'extends: [core]\noff: [core/nope]\n',
      'c.yaml': 'extends: []\nrules:\n  - id: site/x\n    kind: line\n',
      'd.yaml': 'extends: [./e.yaml]\n',
      'e.yaml': 'extends: [./d.yaml]\n'
    })
    expect(configError(() => resolveConfigFile(path.join(directory, 'a.yaml'))).message).toContain('unknown pack `nosuchpack`')
    const off = configError(() => resolveConfigFile(path.join(directory, 'b.yaml')))
    expect([off.line, off.key]).toEqual([2, 'off[0]'])
    expect(configError(() => resolveConfigFile(path.join(directory, 'c.yaml'))).message).toContain('has no `category`')
    expect(configError(() => resolveConfigFile(path.join(directory, 'd.yaml'))).message).toContain('cycle')
  })

  it('switches off rules by glob', () => {
    const directory = workspace({'c.yaml': 'extends: [recommended]\noff: ["en/*"]\n'})
    const config = resolveConfigFile(path.join(directory, 'c.yaml'))
    const enRules = config.rules.filter((rule) => rule.definition.id.startsWith('en/'))
    expect(enRules.length).toBeGreaterThan(5)
    expect(enRules.every((rule) => rule.definition.enabled === false)).toBe(true)
    expect(createCleaner(config).clean('Some text here.\n\nShare this article\n').removed).toEqual([])
  })
})

describe('built-in packs saved by the build', () => {
  it('read as their YAML does: the same data and positions, and the YAML again once it changes', async () => {
    const dist = new URL('../dist/config/', import.meta.url)
    const {builtinPackNames, builtinPackFile} = await import(new URL('builtin.js', dist).href)
    const {parseYaml, readYaml} = await import(new URL('read.js', dist).href)
    const {precompiledSource} = await import(new URL('precompiled.js', dist).href)
    const {readFileSync} = await import('node:fs')
    for (const name of builtinPackNames() as string[]) {
      const file = builtinPackFile(name) as string
      const text = readFileSync(file, 'utf8')
      const parsed = parseYaml(text, file)
      const saved = precompiledSource(file, text, () => parsed)
      expect(saved, name).toBeDefined()
      expect(readYaml(file).data).toEqual(parsed.data)
      const rules = (parsed.data as {rules?: unknown[]}).rules ?? []
      for (let index = 0; index < rules.length; index++) {
        expect(saved.locate(['rules', index])).toEqual(parsed.locate(['rules', index]))
        expect(saved.locate(['rules', index, 'id'], 'kind')).toEqual(parsed.locate(['rules', index, 'id'], 'kind'))
      }
      expect(precompiledSource(file, `${text}\n# edited\n`, () => parsed)).toBeUndefined()
    }
  })

  it('carry the prefilter of every rule pattern, as the code of this build works it out', async () => {
    const dist = new URL('../dist/', import.meta.url)
    const {builtinPackNames} = await import(new URL('config/builtin.js', dist).href)
    const {anchoredPrefixes, requiredLiterals, prefilterFingerprint} = await import(new URL('engine/literals.js', dist).href)
    const {readFileSync} = await import('node:fs')
    let count = 0
    for (const name of builtinPackNames() as string[]) {
      const saved = JSON.parse(readFileSync(new URL(`packs/${name}.json`, dist), 'utf8'))
      expect(saved.prefilters.fingerprint, name).toBe(prefilterFingerprint())
      const patterns = ((saved.data.rules ?? []) as Array<{patterns?: string[]}>).flatMap((rule) => rule.patterns ?? [])
      expect(Object.keys(saved.prefilters.patterns).sort(), name).toEqual([...new Set(patterns)].sort())
      for (const pattern of patterns) {
        const prefixes = anchoredPrefixes(pattern)
        expect(saved.prefilters.patterns[pattern], pattern).toEqual({prefixes, literals: prefixes ? null : requiredLiterals(pattern)})
        count++
      }
    }
    expect(count).toBeGreaterThan(500)
  })
})

describe('remembered prefilters', () => {
  it('are taken only from the same version of the code that works them out', async () => {
    const {patternPrefilter, prefilterFingerprint, rememberPrefilters} = await import('../src/engine/literals.js')
    const pattern = '^remembered (?:one|two)\\b'
    const worked = {prefixes: ['remembered one', 'remembered two'], literals: null}
    rememberPrefilters({patterns: {[pattern]: {prefixes: ['from another version'], literals: null}}, fingerprint: 'another version'})
    rememberPrefilters({patterns: {[pattern]: {prefixes: ['from no version'], literals: null}}, fingerprint: ''})
    expect(patternPrefilter(pattern)).toEqual(worked)
    // Once known, a pattern keeps its prefilter; one not yet worked out takes the saved one.
    const other = '^saved (?:one|two)\\b'
    rememberPrefilters({patterns: {[other]: {prefixes: ['saved'], literals: null}, [pattern]: {prefixes: ['r'], literals: null}}, fingerprint: prefilterFingerprint()})
    expect(patternPrefilter(other)).toEqual({prefixes: ['saved'], literals: null})
    expect(patternPrefilter(pattern)).toEqual(worked)
  })
})
