/**
 * Site languages: the check that a document reads as its site's language, the look-up of a
 * document's site, what the cleaner makes of them, and what `learn` finds.
 */

import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {createCleaner, resolveConfigFile} from '../src/index.js'
import {ConfigError} from '../src/config/error.js'
import {languageSample, toLanguage} from '../src/language.js'
import {Learner} from '../src/learn/learn.js'
import {learnedPackYaml} from '../src/learn/pack.js'
import {compileSiteLanguages, sampleFits, type SiteLanguage} from '../src/site-language.js'
import {detectLanguage} from '../src/text/franc.js'

const german = [
  'Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Fluss im nächsten Jahr gebaut wird.',
  'Der Bürgermeister sagte, es sei ein wichtiger Tag für alle, die in der Region wohnen und jeden Tag über den Fluss fahren müssen.',
  'Die Arbeiten sollen im Frühjahr beginnen und werden nach Angaben der Stadt etwa zwei Jahre dauern.'
].join('\n')

const english = [
  'The city council said on Monday that the new bridge over the river will be built next year.',
  'The mayor said it was an important day for everyone who lives in the region and has to cross the river every day.',
  'Work is expected to begin in the spring and will take about two years, according to the city.'
].join('\n')

const spanish = [
  'El ayuntamiento anunció el lunes que el nuevo puente sobre el río se construirá el próximo año.',
  'El alcalde dijo que era un día importante para todos los que viven en la región y cruzan el río cada día para ir a trabajar.',
  'Las obras empezarán en primavera y durarán unos dos años, según la ciudad, si el tiempo lo permite y los costes no siguen subiendo.'
].join('\n')

// franc reads this Malay text as `zlm`, a code without a stopword list (or a rule scoped to `ms`).
const malay = [
  'Kerajaan negeri mengumumkan bahawa jambatan baharu merentasi sungai itu akan mula dibina pada tahun hadapan. Menteri Besar berkata projek tersebut amat penting kepada penduduk yang perlu menyeberangi sungai setiap hari untuk ke tempat kerja.',
  'Menurut jabatan kerja raya, pembinaan itu dijangka mengambil masa kira-kira dua tahun dan kosnya akan ditanggung sepenuhnya oleh kerajaan negeri. Penduduk berharap kesesakan lalu lintas di pusat bandar akan berkurangan selepas jambatan itu siap.'
].join('\n')

function fits(text: string, code: string): boolean {
  return sampleFits(languageSample(text.split('\n')), toLanguage(code))
}

describe('sampleFits', () => {
  it('takes a text in its own language and no other', () => {
    expect(fits(german, 'de')).toBe(true)
    expect(fits(german, 'en')).toBe(false)
    expect(fits(german, 'nl')).toBe(false)
    expect(fits(english, 'en')).toBe(true)
    expect(fits(english, 'de')).toBe(false)
    expect(fits(spanish, 'es')).toBe(true)
  })

  it('does not take a Spanish text as English, though the English list holds many of its words', () => {
    expect(fits(spanish, 'en')).toBe(false)
    expect(fits(spanish, 'fr')).toBe(false)
  })

  it('needs twenty words, and a language with a stopword list', () => {
    expect(fits('Die Stadt hat am Montag beschlossen, dass die Brücke gebaut wird.', 'de')).toBe(false)
    expect(fits(german, 'und')).toBe(false)
    expect(fits(german, 'qqq')).toBe(false)
  })
})

describe('compileSiteLanguages', () => {
  const list: SiteLanguage[] = [
    {lang: 'de', when: {domain: ['zeitung.example']}},
    {lang: 'fr', when: {domain: ['*.fr.zeitung.example']}},
    {lang: 'it', when: {path: ['archiv/**']}},
    {lang: 'en', when: {url: ['https://zeitung.example/en/**']}}
  ]
  const siteOf = compileSiteLanguages(list)

  it('finds a document by its host, a parent domain, its path or its URL; a later entry wins', () => {
    expect(siteOf).toBeDefined()
    const code = (options: {url?: string; path?: string}) => siteOf?.(options)?.code
    expect(code({url: 'https://zeitung.example/a'})).toBe('de')
    expect(code({url: 'https://www.zeitung.example/a'})).toBe('de')
    expect(code({url: 'https://fr.zeitung.example/a'})).toBe('fr')
    expect(code({url: 'https://news.fr.zeitung.example/a'})).toBe('fr')
    expect(code({url: 'https://zeitung.example/en/story'})).toBe('en')
    expect(code({url: 'https://zeitung.example/a', path: 'archiv/1.txt'})).toBe('it')
    expect(code({url: 'https://other.example/a'})).toBeUndefined()
    expect(code({})).toBeUndefined()
  })

  it('lets a later domain entry win over an earlier path entry, and is absent without entries', () => {
    const later = compileSiteLanguages([...list, {lang: 'pl', when: {domain: ['zeitung.example']}}])
    expect(later?.({url: 'https://zeitung.example/a', path: 'archiv/1.txt'})?.code).toBe('pl')
    expect(later?.({url: 'https://zeitung.example/en/story'})?.code).toBe('pl')
    expect(compileSiteLanguages([])).toBeUndefined()
  })
})

describe('the cleaner with site languages', () => {
  const config = {extends: ['recommended'], siteLanguages: [{lang: 'ms', when: {domain: ['berita.example']}}, {lang: 'de', when: {domain: ['zeitung.example']}}]}
  const withSites = createCleaner(config, {messages: false})
  const plain = createCleaner({extends: ['recommended']}, {messages: false})

  it('gives a document that reads as its site language that language instead of franc’s guess', () => {
    expect(detectLanguage(languageSample(malay.split('\n'))).code).toBe('zlm')
    expect(plain.clean(malay, {url: 'https://berita.example/a'}).lang).toBe('zlm')
    const result = withSites.clean(malay, {url: 'https://berita.example/a'})
    expect(result.lang).toBe('ms')
    expect(result.text).toBe(plain.clean(malay, {url: 'https://berita.example/a', lang: 'ms'}).text)
  })

  it('detects the language of a document that does not read as its site language', () => {
    expect(withSites.clean(english, {url: 'https://zeitung.example/en'}).lang).toBe('en')
    expect(withSites.clean(spanish, {url: 'https://zeitung.example/es'}).lang).toBe('es')
  })

  it('changes nothing where the site language is the one franc finds', () => {
    for (const text of [german, `${german}\n\nMehr zum Thema\nWeitere Artikel`]) {
      const a = withSites.clean(text, {url: 'https://www.zeitung.example/1'})
      const b = plain.clean(text, {url: 'https://www.zeitung.example/1'})
      expect(a.lang).toBe('de')
      expect(a).toEqual(b)
    }
  })

  it('leaves a language given by `lang` alone', () => {
    expect(withSites.clean(malay, {url: 'https://berita.example/a', lang: 'id'}).lang).toBe('id')
    // An empty code asks for detection, as `auto` does.
    expect(withSites.clean(malay, {url: 'https://berita.example/a', lang: ''}).lang).toBe('ms')
    expect(plain.clean(malay, {url: 'https://berita.example/a', lang: ''}).lang).toBe('zlm')
  })
})

describe('learned site languages', () => {
  const doc = (text: string, index: number) => `Artikel ${index}\n\n${text}\n\nMehr aus der Zeitung`

  it('are learned for a site whose first documents all read as one language', () => {
    const learner = new Learner()
    for (let index = 1; index <= 4; index++) learner.add({site: 'zeitung.example', siteKind: 'domain', name: `z${index}`, text: doc(german, index)})
    // Two German and two English documents: no one language.
    for (let index = 1; index <= 4; index++) learner.add({site: 'mixed.example', siteKind: 'domain', name: `m${index}`, text: doc(index % 2 ? german : english, index)})
    // Too few documents.
    for (let index = 1; index <= 2; index++) learner.add({site: 'small.example', siteKind: 'domain', name: `s${index}`, text: doc(german, index)})
    // Too short to read: no votes.
    for (let index = 1; index <= 4; index++) learner.add({site: 'short.example', siteKind: 'domain', name: `k${index}`, text: `Kurz ${index}\nMehr aus der Zeitung`})
    expect(learner.languages()).toEqual([{site: 'zeitung.example', label: 'zeitung.example', siteKind: 'domain', lang: 'de', documents: 4, siteDocuments: 4}])
    // Asked not to, a learner reads no languages (and learns its rules all the same).
    const without = new Learner({siteLanguages: false})
    for (let index = 1; index <= 4; index++) without.add({site: 'zeitung.example', siteKind: 'domain', name: `z${index}`, text: doc(german, index)})
    expect(without.languages()).toEqual([])
    expect(without.rules().map((rule) => rule.phrase)).toContain('Mehr aus der Zeitung')
  })

  it('read only the first ten documents that read clearly, in input order', () => {
    const learner = new Learner()
    for (let index = 1; index <= 10; index++) learner.add({site: 'zeitung.example', siteKind: 'domain', name: `z${index}`, text: doc(german, index)})
    learner.add({site: 'zeitung.example', siteKind: 'domain', name: 'z11', text: doc(english, 11)})
    expect(learner.languages().map((language) => [language.lang, language.documents, language.siteDocuments])).toEqual([['de', 10, 11]])
  })

  it('are written to the pack, which resolves and validates as a config', () => {
    const learner = new Learner()
    for (let index = 1; index <= 3; index++) learner.add({site: 'zeitung.example', siteKind: 'domain', name: `z${index}`, text: doc(german, index)})
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-site-language-'))
    const file = path.join(directory, 'learned.yaml')
    writeFileSync(file, learnedPackYaml(learner.rules(), 'a test', learner.languages()))
    const resolved = resolveConfigFile(file)
    expect(resolved.siteLanguages).toEqual([{lang: 'de', when: {domain: ['zeitung.example']}}])
    expect(createCleaner(resolved).clean(doc(german, 9), {url: 'https://zeitung.example/9'}).lang).toBe('de')
  })

  it('are checked by the schema, with the file and line of a bad entry', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-site-language-bad-'))
    const cases = ['siteLanguages:\n  - lang: de\n', 'siteLanguages:\n  - {lang: de, when: {lang: [de]}}\n', 'siteLanguages:\n  - {lang: auto, when: {domain: [a.example]}}\n', 'siteLanguages:\n  - {lang: de, when: {}}\n']
    for (const [index, text] of cases.entries()) {
      const file = path.join(directory, `bad${index}.yaml`)
      writeFileSync(file, `extends: [core]\n${text}`)
      let caught: unknown
      try {
        resolveConfigFile(file)
      } catch (error) {
        caught = error
      }
      expect(caught, text).toBeInstanceOf(ConfigError)
      expect(String((caught as Error).message), text).toContain('siteLanguages')
      expect((caught as ConfigError).line, text).toBe(3)
    }
  })
})

describe('decruft clean with site languages', () => {
  it('gives worker threads the config’s site languages: the same output from one thread and two', () => {
    const bin = fileURLToPath(new URL('../bin/decruft.js', import.meta.url))
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-site-language-cli-'))
    const records = Array.from({length: 6}, (_, index) => JSON.stringify({url: `https://berita.example/${index}`, text: `${malay}\n\nBerita ${index}`}))
    records.push(JSON.stringify({url: 'https://berita.example/en', text: english}))
    writeFileSync(path.join(directory, 'in.jsonl'), records.join('\n') + '\n')
    writeFileSync(path.join(directory, 'decruft.config.yaml'), 'siteLanguages:\n  - {lang: ms, when: {domain: [berita.example]}}\n')
    const outputs = ['1', '2'].map((workers) => {
      const run = spawnSync(process.execPath, [bin, 'clean', '--jsonl', 'in.jsonl', '-o', `out${workers}.jsonl`, '--workers', workers, '-q'], {cwd: directory, encoding: 'utf8'})
      expect(run.status, run.stderr).toBe(0)
      return readFileSync(path.join(directory, `out${workers}.jsonl`), 'utf8')
    })
    expect(outputs[1]).toBe(outputs[0])
    const languages = outputs[0].trim().split('\n').map((line) => (JSON.parse(line) as {decruft: {lang: string}}).decruft.lang)
    expect(languages).toEqual(['ms', 'ms', 'ms', 'ms', 'ms', 'ms', 'en'])
  })
})
