/**
 * decruft inside a retext pipeline (`retextDecruft` after retext-english or retext-latin), compared
 * with `decruft clean`'s own path: the fast segmenter and decruft's own franc, against the real
 * parsers (parse-latin and parse-english, through retext) and franc itself.
 */

import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {franc} from 'franc'
import retextEnglish from 'retext-english'
import retextLatin from 'retext-latin'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {describe, expect, it} from 'vitest'
import {builtinPackNames, createCleaner, decruftRules, decruftStringify, resolvePack, retextDecruft, type CleanResult} from '../src/index.js'
import retextDecruftDefault from '../src/retext.js'
import {languageSample} from '../src/language.js'
import {francLanguage} from '../src/text/franc.js'
import {data} from '../src/text/franc-data.js'
import {tokenTypeOf, TOKEN_NODE_TYPES} from '../src/text/tokens.js'
import {splitLines} from '../src/text/lines.js'
import {blockRows} from '../src/classifier/vector.js'

const root = fileURLToPath(new URL('..', import.meta.url))
/** The project's shared folder (seeds and benchmark data), beside the repository in CI and in a developer's checkout. */
const shared = [path.join(root, '..', 'shared'), path.join(root, '..', '..', 'shared')].find((candidate) => existsSync(path.join(candidate, 'seeds')))
const seedDirectory = shared ? path.join(shared, 'seeds') : path.join(root, 'fixtures', 'seeds')
const seeds = readdirSync(seedDirectory)
  .filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
  .map((name) => ({name, text: readFileSync(path.join(seedDirectory, name), 'utf8')}))

/** What both paths must agree on: the removals, the messages as reported, the text, title and language. */
function reading(result: Pick<CleanResult, 'removed' | 'text' | 'title' | 'lang'>, messages: VFile['messages']) {
  return {
    removed: result.removed,
    messages: messages.map((message) => ({
      reason: message.reason,
      ruleId: message.ruleId,
      source: message.source,
      place: message.place,
      actual: message.actual
    })),
    text: result.text,
    title: result.title,
    lang: result.lang
  }
}

type Parser = typeof retextEnglish | typeof retextLatin

type Options = Parameters<typeof retextDecruft>[0]

/** Pipelines by parser and options: a frozen processor compiles its config once, as a user's would. */
const pipelines = new Map<Parser, Map<Options, ReturnType<typeof pipeline>>>()
const pipeline = (parser: Parser, options: Options) => unified().use(parser).use(retextDecruft, options).use(decruftStringify).freeze()
const NO_OPTIONS: Options = {}

/** Clean `text` in a retext pipeline with `parser`, as a unified user would. */
function throughRetext(text: string, parser: Parser, options: Options = NO_OPTIONS) {
  let byOptions = pipelines.get(parser)
  if (!byOptions) pipelines.set(parser, (byOptions = new Map()))
  let processor = byOptions.get(options)
  if (!processor) byOptions.set(options, (processor = pipeline(parser, options)))
  const file = new VFile({value: text})
  const output = processor.processSync(file)
  const data = file.data.decruft!
  expect(String(output)).toBe(data.text)
  return reading(data, file.messages)
}

const recommended = createCleaner({extends: ['recommended']})

function throughClean(text: string, cleaner = recommended) {
  const result = cleaner.clean(text)
  return reading(result, result.messages)
}

/** The parser a pipeline for `text` would have: the one decruft reads its language with. */
const parserFor = (lang: string): Parser => (lang === 'en' ? retextEnglish : retextLatin)

describe('retextDecruft', () => {
  it('cleans a seed as decruft clean does, after retext-english and after retext-latin', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(5)
    for (const {name, text} of seeds) {
      const expected = throughClean(text)
      expect(expected.removed.length, name).toBeGreaterThan(0)
      expect(throughRetext(text, retextEnglish), name).toEqual(expected)
      expect(throughRetext(text, retextLatin), name).toEqual(expected)
    }
  })

  it('takes its config as a path, an object, packs by name, or nothing (recommended)', () => {
    const text = seeds[0].text
    const expected = throughClean(text)
    expect(throughRetext(text, retextLatin)).toEqual(expected)
    expect(throughRetext(text, retextLatin, {config: path.join(root, 'rules', 'recommended.yaml')})).toEqual(expected)
    expect(throughRetext(text, retextLatin, {config: {extends: ['recommended']}})).toEqual(expected)
    // Only the language-independent core: fewer removals than recommended, the same as decruft clean with it.
    const core = throughClean(text, createCleaner(resolvePack('core')))
    expect(throughRetext(text, retextLatin, {config: resolvePack('core')})).toEqual(core)
    expect(throughRetext(text, retextLatin, {config: {extends: ['core'], rules: []}}).removed).toEqual(createCleaner({extends: ['core']}).clean(text).removed)
    expect(retextDecruftDefault).toBe(retextDecruft)
  })

  it('reports through vfile-reporter, with rule ids and source', () => {
    const {text} = seeds[0]
    const file = new VFile({value: text, path: 'article.txt'})
    const processor = unified().use(retextLatin).use(retextDecruft)
    processor.runSync(processor.parse(file), file)
    const report = reporter(file, {color: false})
    expect(file.messages.length).toBeGreaterThan(0)
    for (const message of file.messages) {
      expect(message.source).toBe('decruft')
      expect(report).toContain(message.ruleId)
    }
    expect(report).toContain('article.txt')
  })

  it('makes decruftRules and decruftStringify work after retext-english, with or without options', () => {
    const {text} = seeds[2]
    const expected = throughClean(text)
    const bare = new VFile({value: text})
    const output = unified().use(retextEnglish).use(decruftRules).use(decruftStringify).processSync(bare)
    expect(String(output)).toBe(expected.text)
    expect(reading(bare.data.decruft!, bare.messages)).toEqual(expected)
    const compiled = new VFile({value: text})
    const result = unified().use(retextEnglish).use(decruftRules, {rules: [...recommended.rules]}).use(decruftStringify).processSync(compiled)
    expect(String(result)).toBe(expected.text)
    expect(compiled.data.removed).toEqual(expected.removed)
    expect(compiled.messages.map(String)).toEqual(recommended.clean(text).messages.map(String))
  })

  it('cleans as decruft clean does when plugins extend the parser', () => {
    const {text} = seeds[3]
    const extended = () => (tree: unknown) => tree
    const processor = unified()
      .use(function () {
        this.data('nlcstSentenceExtensions', [extended() as never])
      })
      .use(retextLatin)
      .use(retextDecruft)
    const file = new VFile({value: text})
    processor.runSync(processor.parse(file), file)
    expect(reading(file.data.decruft!, file.messages)).toEqual(throughClean(text))
  })

  it('leaves the parser’s tree as it was', () => {
    const text = seeds[1].text
    const processor = unified().use(retextEnglish).use(retextDecruft)
    const tree = processor.parse(text)
    const before = JSON.stringify(tree)
    processor.runSync(tree, new VFile({value: text}))
    expect(JSON.stringify(tree)).toBe(before)
  })
})

describe('the fast path and the retext pipeline', () => {
  it('give every UTF-16 code unit the token class retext-latin’s parser gives it', () => {
    const parser = unified().use(retextLatin)
    const leaf = (node: {type: string; children?: unknown[]}): {type: string} => (node.children ? leaf(node.children[0] as never) : node)
    for (let code = 0; code < 0x10000; code++) {
      const found = leaf(parser.parse(String.fromCharCode(code)) as never).type
      const type = found === 'TextNode' ? 'WordNode' : found
      if (TOKEN_NODE_TYPES[tokenTypeOf(code)] !== type) expect(TOKEN_NODE_TYPES[tokenTypeOf(code)], `U+${code.toString(16)}`).toBe(type)
    }
  })

  it('remove the same on every rule example of every pack, in the example’s own pack', () => {
    let count = 0
    for (const name of builtinPackNames()) {
      const pack = resolvePack(name)
      const cleaner = createCleaner(pack)
      const options = {config: pack}
      for (const {definition} of pack.rules) {
        for (const example of [...(definition.examples?.removes ?? []), ...(definition.examples?.keeps ?? [])]) {
          const expected = throughClean(example, cleaner)
          expect(throughRetext(example, parserFor(expected.lang), options), `${name}: ${example}`).toEqual(expected)
          count++
        }
      }
    }
    expect(count).toBeGreaterThan(500)
  }, 300_000)

  /** A deterministic sample of the benchmark inputs: every `STEP`th non-empty text, in file and key order. */
  const benchTexts = (): string[] => {
    // Without the benchmark data (a clone on its own), the shipped seed inputs stand in.
    if (!shared || !existsSync(path.join(shared, 'benchdata'))) {
      const fixtures = path.join(root, 'fixtures', 'seeds')
      return readdirSync(fixtures).filter((name) => name.endsWith('.txt') && !name.endsWith('.clean.txt')).sort().map((name) => readFileSync(path.join(fixtures, name), 'utf8'))
    }
    const directory = path.join(shared, 'benchdata')
    const texts: string[] = []
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(path.join(directory, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue
        const record = JSON.parse(line) as {inputs: Record<string, string>}
        for (const value of Object.values(record.inputs)) if (value.trim() !== '') texts.push(value)
      }
    }
    const step = Math.max(1, Math.floor(texts.length / BENCH_SAMPLE))
    return texts.filter((_, index) => index % step === 0).slice(0, BENCH_SAMPLE)
  }
  const BENCH_SAMPLE = 200

  it(
    `remove the same on ${BENCH_SAMPLE} benchmark texts (the seeds where the benchmark data is absent)`,
    () => {
      const texts = benchTexts()
      expect(texts.length).toBe(shared && existsSync(path.join(shared, 'benchdata')) ? BENCH_SAMPLE : 5)
      for (const [index, text] of texts.entries()) {
        const expected = throughClean(text)
        expect(throughRetext(text, parserFor(expected.lang)), `text ${index}: ${text.slice(0, 80)}`).toEqual(expected)
      }
    },
    600_000
  )

  it('read the same words as the fast path where parse-latin joins a full stop to the word before a paragraph break', () => {
    // parse-latin reads "an." before "von" (lower case) as one word, also across the blank line; a
    // line read alone ends its sentence there. The stopword share of the paragraph, and so the
    // classifier's block rows, must not depend on the path.
    const text =
      'Apple kippt Pläne für die iCloud\n\n' +
      'Medienberichten zufolge hat Apple seine Pläne aufgegeben, Backup-Daten in der iCloud so zu verschlüsseln, dass selbst Apple sie nicht mehr lesen könnte. Kaum bekannt: Konkurrent Google bietet für sein Android-Backup längst Ende-zu-Ende-Verschlüsselung an.\n\n' +
      'von Miriam Ruhenstroth\nVeröffentlicht am 23.01.2020\n\n' +
      'Wer ein Smartphone besitzt, sichert seine Daten oft in der Cloud, und die Anbieter werben damit, dass diese Daten dort sicher sind.\n'
    const rows = (run: (observe: Parameters<typeof blockRows> extends [infer D, infer C, ...unknown[]] ? (document: D, classified: C) => void : never) => void) => {
      const found: number[][] = []
      run((document, classified) => found.push([...blockRows(document, classified)]))
      return found
    }
    const fast = rows((observe) => createCleaner({extends: ['recommended']}, {observeBlocks: observe}).clean(text))
    const tree = rows((observe) => unified().use(retextLatin).use(retextDecruft, {observeBlocks: observe}).use(decruftStringify).processSync(new VFile({value: text})))
    expect(fast.length).toBeGreaterThan(0)
    expect(tree).toEqual(fast)
  })

  it('detect the language franc detects, on the seeds, the rule examples and the benchmark sample', () => {
    const samples: string[] = []
    const add = (text: string) => {
      const lines = splitLines(text).lines.map((line) => line.text)
      samples.push(languageSample(lines), text.slice(0, 2048), text.slice(0, 40))
    }
    for (const {text} of seeds) add(text)
    for (const name of builtinPackNames()) {
      for (const {definition} of resolvePack(name).rules) for (const example of [...(definition.examples?.removes ?? []), ...(definition.examples?.keeps ?? [])]) add(example)
    }
    for (const text of benchTexts()) add(text)
    // And a text of each model's own most common trigrams, for every language decruft's franc knows.
    for (const languages of Object.values(data)) for (const model of Object.values(languages)) samples.push(model.split('|').filter((trigram) => !trigram.includes(' ')).slice(0, 60).join(' '))
    let differ = 0
    for (const sample of samples) if (francLanguage(sample) !== franc(sample, {minLength: 10})) differ++
    expect(differ).toBe(0)
    expect(samples.length).toBeGreaterThan(1500)
  }, 120_000)
})
