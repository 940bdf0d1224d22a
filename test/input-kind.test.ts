/**
 * `inputKind`: telling the cleaner what a text is. `auto` judges each text; `extractor` never reads
 * a text as a whole page (no main-content region, so no `heuristic/outside-main`); `page` always
 * does. Set per document, in a config's `settings`, with `--input-kind`, and with
 * `eval --cv --input-kind known` for each corpus input's own kind.
 */

import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createCleaner, loadConfig, retextDecruft, type Cleaner, type DocumentOptions} from '../src/index.js'
import {ConfigError} from '../src/config/error.js'
import {crossValidate} from '../src/eval/cross-validate.js'
import type {CorpusRecord} from '../src/eval/corpus.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')

// A recipe's reviews as an extractor gave them (our own text): every review is content, and each
// has a title, a time stamp and a byline of its own. Read as a whole page, the first review (more
// than twice as long as the others) looks like an article and the rest like a comment thread cut
// at its time stamps. (Reviews as long as the first would be a list of items, which the model may
// keep: see test/classifier.test.ts.)
const REVIEWS = [
  'Reviews',
  'Sort by: Newest',
  'Write a review',
  'Back to the recipe',
  'Slow-Roasted Pork Shoulder',
  '11/02/2024 at 06:40pm',
  'Posted by: Marta from Dayton, OH',
  'I roasted this for a family dinner on Sunday and it was the best pork I have ever made at home. The skin turned crisp in the last half hour, and the meat pulled apart with a fork. I used a little less salt than the recipe says and it was still full of flavour. I bought a shoulder of about two kilos from the butcher at the market, scored the skin in a diamond pattern and rubbed the seeds and garlic deep into the cuts the evening before. On the day I started it in a very hot oven for half an hour, then turned it down low and left it alone for five hours, basting it only twice with the juices in the tray.',
  'Worth the wait',
  '10/28/2024 at 09:12am',
  'Posted by: Ben from Leeds',
  'It takes most of the day, but almost all of that time the oven does the work. I put the shoulder in before lunch and we ate at seven. The fennel and garlic rub is what makes it, so do not skip the toasting of the seeds before you crush them.',
  'Too dry for us',
  '10/21/2024 at 11:55pm',
  'Posted by: Anonymous',
  'Ours came out dry at the edges even though we followed the times exactly. Next time I will cover it with foil for the first three hours and add a cup of water to the tray, as another reviewer suggested, because the flavour itself was very good.',
  'A new favourite',
  '10/15/2024 at 02:03pm',
  'Posted by: Priya from Austin, TX',
  'My husband, who does not usually like pork, asked for seconds and then for the recipe. We served it with roasted apples and a green salad, and the leftovers made excellent sandwiches the next day with a spoonful of the pan juices.',
  'Easy and cheap',
  '10/09/2024 at 07:47am',
  'Posted by: Tom from Cork',
  'A shoulder costs a fraction of a loin and this method makes it taste far better. I scored the skin the night before and left it uncovered in the fridge, which dried it out nicely, and the crackling was perfect when it came out of the oven.',
  'Share',
  'Print',
  'Report'
].join('\n')

const REVIEW_TEXTS = REVIEWS.split('\n').filter((line) => line.length > 200)

// A short page: three menu lines, two paragraphs, two footer lines. Too few blocks for `auto` to
// read it as a whole page.
const SHORT_PAGE = [
  'Home',
  'News',
  'Sport',
  'The council met on Monday evening to discuss the budget for the coming year, and after a long debate it agreed that the new library should be built on the site of the old bus station, which has stood empty for more than ten years.',
  'Residents who came to the meeting asked whether the money could be found without raising local taxes, and the treasurer said that most of it would come from a grant that the town had won last spring after a campaign by local schools.',
  'Contact the newsroom',
  'Jobs at the Gazette'
].join('\n')

const rulesOf = (cleaner: Cleaner, text: string, options?: DocumentOptions) => cleaner.clean(text, options).removed.map((removal) => removal.rule)

describe('inputKind', () => {
  const cleaner = createCleaner({extends: ['recommended']}, {messages: false})

  it('auto reads the reviews as a page and loses most of them; extractor keeps every review', () => {
    const auto = cleaner.clean(REVIEWS)
    const keptByAuto = REVIEW_TEXTS.filter((review) => auto.text.includes(review))
    expect(keptByAuto.length).toBeLessThan(REVIEW_TEXTS.length / 2)
    expect(auto.removed.some((removal) => removal.rule === 'heuristic/outside-main' && removal.features?.page === true)).toBe(true)

    const extractor = cleaner.clean(REVIEWS, {inputKind: 'extractor'})
    for (const review of REVIEW_TEXTS) expect(extractor.text).toContain(review)
    for (const removal of extractor.removed) expect(removal.rule).not.toBe('heuristic/outside-main')
    // The rules still act: the tool lines at the end go.
    expect(extractor.removed.map((removal) => removal.text)).toEqual(expect.arrayContaining(['Share', 'Print']))
  })

  it('page looks for the main content in a text auto reads as extractor output', () => {
    expect(rulesOf(cleaner, SHORT_PAGE)).not.toContain('heuristic/outside-main')
    const page = cleaner.clean(SHORT_PAGE, {inputKind: 'page'})
    // The region takes the menu and the footer; the trained classifier takes some of them as blocks
    // of its own (which ones moves with the model), and the main content's two paragraphs stay.
    expect(page.removed.some((removal) => removal.rule === 'heuristic/outside-main')).toBe(true)
    expect(page.removed.filter((removal) => removal.rule.startsWith('heuristic/')).map((removal) => removal.text)).toEqual(['News', 'Sport', 'Contact the newsroom', 'Jobs at the Gazette'])
    const handSet = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}, {messages: false}).clean(SHORT_PAGE, {inputKind: 'page'})
    expect(handSet.removed.filter((removal) => removal.rule === 'heuristic/outside-main').map((removal) => removal.text)).toEqual(['News', 'Sport', 'Contact the newsroom', 'Jobs at the Gazette'])
    expect(page.text).toContain('The council met on Monday evening')
    expect(page.text).toContain('Residents who came to the meeting')
  })

  it('holds for the trained classifier too: extractor output is never a page', () => {
    const model = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}, {messages: false})
    expect(rulesOf(model, REVIEWS)).toContain('heuristic/outside-main')
    const result = model.clean(REVIEWS, {inputKind: 'extractor'})
    for (const review of REVIEW_TEXTS) expect(result.text).toContain(review)
    for (const removal of result.removed) expect(removal.features?.page).not.toBe(true)
  })

  it('comes from the config, and a document option overrides it', () => {
    const configured = createCleaner({extends: ['recommended'], settings: {inputKind: 'extractor'}}, {messages: false})
    expect(configured.config.settings.inputKind).toBe('extractor')
    expect(rulesOf(configured, REVIEWS)).not.toContain('heuristic/outside-main')
    expect(rulesOf(configured, REVIEWS, {inputKind: 'auto'})).toContain('heuristic/outside-main')
    expect(createCleaner({extends: ['recommended']}).config.settings.inputKind).toBe('auto')
  })

  it('is an option of the retext plugin, with the same outcome as the cleaner', () => {
    const read = (inputKind?: 'extractor') => {
      const file = new VFile(REVIEWS)
      const processor = unified().use(retextEnglish).use(retextDecruft, inputKind ? {inputKind} : {})
      processor.runSync(processor.parse(file), file)
      return file.data.decruft!.text
    }
    expect(read('extractor')).toBe(cleaner.clean(REVIEWS, {inputKind: 'extractor'}).text)
    expect(read()).toBe(cleaner.clean(REVIEWS).text)
    expect(read('extractor')).not.toBe(read())
  })

  it('a config with an unknown kind is an error naming the file and key', () => {
    const dir = workspace({'decruft.config.yaml': 'extends: [recommended]\nsettings:\n  inputKind: html\n'})
    const file = path.join(dir, 'decruft.config.yaml')
    expect(() => loadConfig({config: file})).toThrow(ConfigError)
    expect(() => loadConfig({config: file})).toThrow(/inputKind/)
  })
})

describe('--input-kind', () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], {cwd, encoding: 'utf8'})

  it('clean --input-kind extractor keeps every review; the default does not', () => {
    const dir = workspace({'reviews.txt': REVIEWS + '\n'})
    const auto = run(['clean', 'reviews.txt'], dir)
    expect(auto.status).toBe(0)
    expect(REVIEW_TEXTS.filter((review) => auto.stdout.includes(review)).length).toBeLessThan(REVIEW_TEXTS.length / 2)
    const extractor = run(['clean', 'reviews.txt', '--input-kind', 'extractor'], dir)
    expect(extractor.status).toBe(0)
    for (const review of REVIEW_TEXTS) expect(extractor.stdout).toContain(review)
    const wrong = run(['clean', 'reviews.txt', '--input-kind', 'html'], dir)
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toMatch(/--input-kind/)
  })

  it('reaches the worker threads of a JSON Lines run', () => {
    const records = Array.from({length: 6}, (_, id) => JSON.stringify({id, text: REVIEWS})).join('\n') + '\n'
    const dir = workspace({'reviews.jsonl': records})
    const result = run(['clean', '--jsonl', 'reviews.jsonl', '-o', 'out.jsonl', '--workers', '2', '--input-kind', 'extractor', '-q'], dir)
    expect(result.status).toBe(0)
    const out = readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as {text: string; decruft: {removed: Array<{rule: string}>}})
    expect(out).toHaveLength(6)
    // Read as extractor output in every thread: no main-content region, every review kept.
    const inProcess = createCleaner({extends: ['recommended']}, {messages: false}).clean(REVIEWS, {inputKind: 'extractor'})
    for (const record of out) {
      expect(record.decruft.removed.map((removal) => removal.rule)).toEqual(inProcess.removed.map((removal) => removal.rule))
      expect(record.decruft.removed.map((removal) => removal.rule)).not.toContain('heuristic/outside-main')
      for (const review of REVIEW_TEXTS) expect(record.text).toContain(review)
    }
  })

  it('eval --input-kind known needs --cv', () => {
    const dir = workspace({'pages.jsonl': JSON.stringify({text: REVIEWS, gold: REVIEW_TEXTS.join('\n')}) + '\n'})
    const known = run(['eval', '--jsonl', 'pages.jsonl', '--input-kind', 'known'], dir)
    expect(known.status).toBe(2)
    expect(known.stderr).toContain('--input-kind known goes with --cv')
    const extractor = run(['eval', '--jsonl', 'pages.jsonl', '--input-kind', 'extractor'], dir)
    expect(extractor.status).toBe(0)
    const auto = run(['eval', '--jsonl', 'pages.jsonl'], dir)
    const recall = (stdout: string) => Number(/decruft\s+\S+\s+(\S+)/.exec(stdout)?.[1])
    // Every review kept (the gold's shingles across two reviews are the ones missed), against under half.
    expect(recall(extractor.stdout)).toBeGreaterThan(0.9)
    expect(recall(auto.stdout)).toBeLessThan(0.5)
  })
})

describe('crossValidate with known kinds', () => {
  const gold = REVIEW_TEXTS.join('\n')
  const records: CorpusRecord[] = [
    {source: 'alpha', id: 'a1', lang: 'eng', gold, url: 'https://example.org/a1', inputs: {fulltext: REVIEWS, readability: REVIEWS}},
    {source: 'beta', id: 'b1', lang: 'eng', gold, inputs: {'html-text': REVIEWS, trafilatura: REVIEWS}}
  ]
  const real = createCleaner({extends: ['recommended']}, {messages: false})

  const optionsSeen = async (knownKinds: boolean) => {
    const seen: Array<DocumentOptions | undefined> = []
    const recording: Cleaner = {
      ...real,
      clean: (text, options) => {
        seen.push(options)
        return real.clean(text, options)
      }
    }
    const cells = await crossValidate(records, {workers: 1, knownKinds, factory: () => recording})
    return {seen, cells}
  }

  it('tells the cleaner each input kind: whole pages are pages, the rest extractor output', async () => {
    const {seen, cells} = await optionsSeen(true)
    // Only the text is scored: the removals need no explanations.
    expect(seen).toEqual([
      {url: 'https://example.org/a1', inputKind: 'page', explain: false},
      {url: 'https://example.org/a1', inputKind: 'extractor', explain: false},
      {url: undefined, inputKind: 'page', explain: false},
      {url: undefined, inputKind: 'extractor', explain: false}
    ])
    const byCell = Object.fromEntries(cells.map((cell) => [`${cell.source} ${cell.kind}`, cell.scores.decruft]))
    // Every review kept: only the gold's shingles across two reviews are missed.
    for (const cell of [byCell['alpha readability'], byCell['beta trafilatura']]) {
      expect(cell.catastrophic).toBe(0)
      expect(cell.recall).toBeGreaterThan(0.9)
    }
    expect(byCell['alpha fulltext'].catastrophic).toBe(1)
  })

  it('leaves the kind to the config by default', async () => {
    const {seen, cells} = await optionsSeen(false)
    for (const options of seen) expect(options).not.toHaveProperty('inputKind')
    for (const cell of cells) expect(cell.scores.decruft.catastrophic).toBe(1)
  })
})
