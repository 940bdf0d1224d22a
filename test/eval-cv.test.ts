/**
 * Leave-one-source-out evaluation: the seven sources read as one corpus, the two baselines (the C4
 * line filter and jusText) on small hand-written pages, the harness with its fold cleaner factory
 * and catastrophic documents, the table's averages and previous column, and `decruft eval --cv`.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {createCleaner, type Cleaner} from '../src/index.js'
import {c4Filter} from '../src/eval/baselines/c4.js'
import {classifyParagraph, justextFilter, reviseClasses} from '../src/eval/baselines/justext.js'
import {corpusFiles, readCorpus, toCorpusRecord, type CorpusRecord} from '../src/eval/corpus.js'
import {crossValidate, type CvCell} from '../src/eval/cross-validate.js'
import {cvRows, formatCvTable, readPrevious} from '../src/eval/cv-table.js'
import {formatBenchTable} from '../src/eval/bench.js'
import {evaluate} from '../src/eval/evaluate.js'
import {formatEvalReport} from '../src/eval/format.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')

// Prose of our own, each line a paragraph of more than 200 characters with many stopwords.
const PROSE = [
  'The council met on Monday evening to discuss the budget for the coming year, and after a long debate it agreed that the new library should be built on the site of the old bus station, which has stood empty for more than ten years.',
  'Residents who came to the meeting asked whether the money could be found without raising local taxes, and the treasurer said that most of it would come from a grant that the town had won last spring after a campaign by local schools.',
  'Work on the building is expected to start in the autumn and to take about two years, during which the reading room in the town hall will stay open on weekdays so that nobody has to travel to the next town to borrow a book.'
]

describe('the C4 line filter', () => {
  it('keeps lines that end in terminal punctuation with at least five words, and drops the rest', () => {
    const page = [
      'Home',
      'Sign up for our weekly newsletter',
      'The council met on Monday to discuss the budget.',
      'Read more.',
      'It agreed to build a new library next year!',
      'Please enable JavaScript to see the comments below.',
      'By using this site you agree to our privacy policy.',
      'Residents asked whether the old hall would close?',
      '“We will keep the reading room open,” the mayor said.”'
    ].join('\n')
    expect(c4Filter(page, 'eng').split('\n')).toEqual([
      'The council met on Monday to discuss the budget.',
      'It agreed to build a new library next year!',
      'Residents asked whether the old hall would close?',
      '“We will keep the reading room open,” the mayor said.”'
    ])
  })

  it('removes citation markers from the lines it keeps', () => {
    const page = 'The hall was built in 1901[1] by the town.\nThe mayor said[citation needed] it would open in spring.\nIt has three floors and a garden[edit] at the back.'
    expect(c4Filter(page, 'eng')).toBe('The hall was built in 1901 by the town.\nThe mayor said it would open in spring.\nIt has three floors and a garden at the back.')
  })

  it('drops the whole page for a curly bracket, "lorem ipsum", or fewer than three sentences', () => {
    const article = 'The council met on Monday to discuss the budget.\nIt agreed to build a new library next year.\nResidents asked whether the old hall would close.'
    expect(c4Filter(article, 'eng')).toBe(article)
    expect(c4Filter(`${article}\nvar x = {a: 1}`, 'eng')).toBe('')
    expect(c4Filter(`Lorem ipsum dolor sit amet\n${article}`, 'eng')).toBe('')
    expect(c4Filter(article.split('\n').slice(0, 2).join('\n'), 'eng')).toBe('')
  })

  it('counts the words of Chinese, written without spaces', () => {
    const chinese = '市议会星期一开会讨论了明年的预算。\n议员们同意明年建造一座新的图书馆。\n居民们问旧的大厅是否会关闭。'
    expect(c4Filter(chinese, 'cmn')).toBe(chinese)
  })
})

describe('jusText', () => {
  const stopwords = new Set(['the', 'a', 'on', 'to', 'for', 'of', 'and', 'it', 'that', 'be', 'is', 'was', 'in', 'will', 'again', 'next', 'which'])

  it('classifies a paragraph by its length and stopword density, as the defaults say', () => {
    expect(classifyParagraph('Home', stopwords, 'en')).toBe('short')
    expect(classifyParagraph(PROSE[0].toLowerCase(), new Set(['the', 'on', 'to', 'for', 'and', 'it', 'that', 'be', 'of', 'which', 'has', 'than', 'after', 'a', 'should', 'more']), 'en')).toBe('good')
    // 81 characters, 6 stopwords of 17 words (0.35): long enough, but not over length_high.
    expect(classifyParagraph('The council will meet again next week to decide on the plans for a new library.', stopwords, 'en')).toBe('neargood')
    // 83 characters, no stopword: a list of tags.
    expect(classifyParagraph('Tags: Budget Council Library Finance Election Mayor Transport Housing Schools Parks', stopwords, 'en')).toBe('bad')
  })

  it('settles short and near-good paragraphs by their neighbours, the edges counting as bad', () => {
    expect(reviseClasses(['good', 'short', 'good'])).toEqual(['good', 'good', 'good'])
    expect(reviseClasses(['bad', 'short', 'bad'])).toEqual(['bad', 'bad', 'bad'])
    expect(reviseClasses(['good', 'short', 'bad'])).toEqual(['good', 'bad', 'bad'])
    // A near-good paragraph between the short one and the bad side makes it good.
    expect(reviseClasses(['good', 'short', 'neargood', 'bad'])).toEqual(['good', 'good', 'good', 'bad'])
    expect(reviseClasses(['short', 'good'])).toEqual(['bad', 'good'])
    expect(reviseClasses(['bad', 'neargood', 'bad'])).toEqual(['bad', 'bad', 'bad'])
    expect(reviseClasses(['bad', 'neargood', 'good'])).toEqual(['bad', 'good', 'good'])
    expect(reviseClasses(['neargood'])).toEqual(['bad'])
  })

  it('keeps the article of a page and drops its menus, with the language’s stopwords', () => {
    const page = ['Home', 'News', 'Sport', PROSE[0], 'Photo: the old bus station', PROSE[1], PROSE[2], 'Tags: Budget Council Library Finance Election Mayor Transport Housing Schools Parks', 'Contact us'].join('\n')
    expect(justextFilter(page, 'eng')).toBe([PROSE[0], 'Photo: the old bus station', PROSE[1], PROSE[2]].join('\n'))
  })

  it('without a stopword list for the language, keeps every long paragraph (language-independent mode)', () => {
    const page = ['Menu', 'Tags: Budget Council Library Finance Election Mayor Transport Housing Schools Parks Roads Water Police Fire Health Museums Theatre Music Sport Youth Elderly Planning Waste Recycling Tourism Libraries Markets Bridges', 'Footer'].join('\n')
    expect(justextFilter(page, 'xyz')).toBe(page.split('\n')[1])
    expect(justextFilter(page, 'eng')).toBe('')
  })
})

describe('the corpus', () => {
  it('reads records with gold or snippets and every input kind, skipping bad lines with file and line', async () => {
    const directory = workspace({
      'bench/scrapinghub.dev.jsonl': `${JSON.stringify({id: 'p1', url: 'https://example.org/a', lang: 'eng', gold: 'Gold text.', inputs: {fulltext: 'Menu\nGold text.', goose3: 'Gold text.', html: 3}})}\n`,
      'bench/trafilatura.dev.jsonl': `${JSON.stringify({id: 'p2', lang: 'deu', with: ['Ja'], without: ['Nein'], inputs: {fulltext: 'Ja Nein', readability: 'Ja'}})}\nnot json\n${JSON.stringify({id: 'p3', inputs: {fulltext: 'x'}})}\n`,
      'train/daniel.dev.jsonl': `${JSON.stringify({id: 'p4', source: 'daniel', lang: 'ell', gold: 'Κείμενο.', inputs: {fulltext: 'Κείμενο.', readability: 'Κείμενο.'}})}\n`
    })
    const {found, missing} = corpusFiles(path.join(directory, 'bench'), path.join(directory, 'train'))
    expect(found.map((file) => file.source)).toEqual(['scrapinghub', 'trafilatura', 'daniel'])
    expect(missing.map((file) => path.basename(file))).toEqual(['cleaneval.dev.jsonl', 'dragnet.dev.jsonl', 'l3s-gn1.dev.jsonl', 'msv-ir.dev.jsonl'])
    const skipped: string[] = []
    const records: CorpusRecord[] = []
    for await (const record of readCorpus(found, (where, reason) => skipped.push(`${path.basename(where)}: ${reason}`))) records.push(record)
    expect(records.map((record) => [record.source, record.id, Object.keys(record.inputs).join(',')])).toEqual([
      ['scrapinghub', 'p1', 'fulltext,goose3'],
      ['trafilatura', 'p2', 'fulltext,readability'],
      ['daniel', 'p4', 'fulltext,readability']
    ])
    expect(records[1]).toMatchObject({with: ['Ja'], without: ['Nein'], gold: undefined, lang: 'deu'})
    expect(skipped).toEqual(['trafilatura.dev.jsonl:2: not JSON', 'trafilatura.dev.jsonl:3: no `gold` text and no `with`/`without` snippets'])
  })

  it('names what makes a record unusable', () => {
    expect(toCorpusRecord('s', [1], 'f:1')).toBe('not a JSON object')
    expect(toCorpusRecord('s', {gold: 'x'}, 'f:1')).toBe('no `inputs` object')
    expect(toCorpusRecord('s', {gold: 'x', inputs: {fulltext: 'x'}}, 'f:7')).toMatchObject({id: 'f:7', lang: 'und'})
  })
})

describe('crossValidate', () => {
  const gold = PROSE.join('\n')
  const record = (source: string, id: string, inputs: Record<string, string>, extra: Partial<CorpusRecord> = {}): CorpusRecord => ({source, id, lang: 'eng', gold, inputs, ...extra})
  const records: CorpusRecord[] = [
    record('alpha', 'a1', {fulltext: `Home\nNews\n${gold}\nContact us`, readability: gold}),
    record('alpha', 'a2', {fulltext: gold}),
    record('beta', 'b1', {fulltext: `Menu\n${gold}`}),
    record('gamma', 'g1', {fulltext: `Menu\n${gold}`}, {gold: undefined, with: [PROSE[0], PROSE[1]], without: ['Menu']})
  ]
  const real = createCleaner({extends: ['core', 'en']})
  /** A cleaner that keeps only the first line: under half of the gold survives. */
  const firstLine: Cleaner = {...real, clean: (text, options) => ({...real.clean(text, options), text: text.split('\n')[0], title: null})}

  it('trains each fold on the other sources and tests it on the held-out one, for every input kind', async () => {
    const folds: Array<[string, string[]]> = []
    const cells = await crossValidate(records, {
      workers: 1,
      factory: (training, {heldOut}) => {
        folds.push([heldOut, [...new Set(training.map((each) => each.source))]])
        return heldOut === 'beta' ? real : firstLine
      }
    })
    expect(folds).toEqual([
      ['alpha', ['beta', 'gamma']],
      ['beta', ['alpha', 'gamma']],
      ['gamma', ['alpha', 'beta']]
    ])
    const byCell = Object.fromEntries(cells.map((cell) => [`${cell.source} ${cell.kind}`, cell]))
    expect(Object.keys(byCell)).toEqual(['alpha fulltext', 'alpha readability', 'beta fulltext', 'gamma fulltext'])
    expect(byCell['alpha fulltext'].docs).toBe(2)
    expect(byCell['alpha fulltext'].metric).toBe('shingles')
    expect(byCell['gamma fulltext'].metric).toBe('snippets')
    // The first line of a1 is "Home": nothing of the gold; of a2 one paragraph of three.
    expect(byCell['alpha fulltext'].scores.decruft.catastrophic).toBe(2)
    expect(byCell['alpha fulltext'].scores.raw.catastrophic).toBe(0)
    // "Menu" kept (a `without` snippet) and both `with` snippets lost.
    expect(byCell['gamma fulltext'].scores.decruft).toMatchObject({catastrophic: 1, precision: 0, recall: 0})
    expect(byCell['gamma fulltext'].scores.raw).toMatchObject({precision: 2 / 3, recall: 1})
    // The real cleaner keeps the article of beta's page.
    expect(byCell['beta fulltext'].scores.decruft).toMatchObject({catastrophic: 0, recall: 1})
    expect(byCell['beta fulltext'].scores.raw.precision).toBeLessThan(1)
    // jusText keeps the three paragraphs and drops the menu.
    expect(byCell['beta fulltext'].scores.justext).toMatchObject({precision: 1, recall: 1, catastrophic: 0})
  })
})

describe('catastrophic documents in decruft eval', () => {
  const cleaner = createCleaner({extends: ['core', 'en']})
  // The last paragraph is a sentence that the `en` pack removes as a newsletter promo.
  const promo = 'Sign up for our newsletter'

  it('counts documents whose cleaned text keeps under half of the gold the input had', async () => {
    const records = [
      {id: 'kept', text: `${PROSE.join('\n')}\n`, gold: PROSE.join('\n')},
      // The gold is the promo line itself: cleaning takes all of it.
      {id: 'lost', text: `${promo}\n`, gold: promo}
    ]
    const report = await evaluate(records, cleaner, {dropTitle: false})
    expect(report.worst.map((document) => document.id)).toContain('lost')
    expect(report.catastrophic).toBe(1)
    expect(formatEvalReport(report)).toContain('catastrophic documents (cleaned text keeps under half of the gold the input had): 1 (50.0%)')
    const table = formatBenchTable([{input: {corpus: 'test', file: 'x.jsonl', field: 'inputs.fulltext', dropTitle: false}, report}])
    expect(table.split('\n')[0]).toMatch(/\| catastrophic \|$/)
    expect(table.split('\n')[2]).toMatch(/\| 1 \(50\.0%\) +\|$/)
  })

  it('counts a snippet record whose cleaning lost half of the `with` snippets the input had', async () => {
    const records = [{id: 's', text: `${PROSE[0]}\n${promo}\n`, with: [promo, 'not in the input'], without: []}]
    const report = await evaluate(records, cleaner, {dropTitle: false})
    expect(report.snippets!.raw.tp).toBe(1)
    expect(report.snippets!.cleaned.tp).toBe(0)
    expect(report.catastrophic).toBe(1)
  })
})

describe('the --cv table', () => {
  const score = (f1: number) => ({precision: f1, recall: f1, f1, catastrophic: 0})
  const cell = (source: string, kind: string, decruft: number, docs = 10, catastrophic = 0): CvCell => ({
    source,
    kind,
    metric: 'shingles',
    docs,
    scores: {raw: score(0.5), c4: score(0.6), justext: score(0.7), decruft: {...score(decruft), catastrophic}}
  })
  const cells = [cell('s1', 'fulltext', 0.8), cell('s1', 'html-text', 0.6, 10, 1), cell('s1', 'readability', 0.95), cell('s2', 'fulltext', 0.9, 20, 2), cell('s2', 'readability', 0.93)]

  it('averages each kind over sources, and the whole-page group per source first', () => {
    const rows = cvRows(cells, new Map([['s1 fulltext', 0.7], ['s2 fulltext', 0.8], ['s1 html-text', 0.6], ['s1 readability', 0.9]]))
    const find = (source: string, kind: string) => rows.find((row) => row.source === source && row.kind === kind)!
    expect(find('all sources', 'fulltext')).toMatchObject({docs: 30, catastrophic: 2})
    expect(find('all sources', 'fulltext').f1.decruft).toBeCloseTo(0.85)
    expect(find('all sources', 'fulltext').previous).toBeCloseTo(0.75)
    // s1's whole page is (0.8 + 0.6) / 2 = 0.7; with s2's 0.9 the average over sources is 0.8, not 0.767.
    expect(find('all sources', 'whole page').f1.decruft).toBeCloseTo(0.8)
    expect(find('all sources', 'whole page').previous).toBeCloseTo((0.65 + 0.8) / 2)
    expect(find('all sources', 'whole page')).toMatchObject({docs: 40, catastrophic: 3})
    expect(find('all sources', 'extractor output').f1.decruft).toBeCloseTo(0.94)
    // s2 readability has no previous figure, so its average has none.
    expect(find('all sources', 'readability').previous).toBeUndefined()
    // html-text is one source's: no average row that would repeat it.
    expect(rows.filter((row) => row.kind === 'html-text')).toHaveLength(1)
    const table = formatCvTable(rows)
    expect(table.split('\n')[0]).toMatch(/^\| held-out source \| input +\| docs \| raw F1 \| C4 F1 \| jusText F1 \| decruft F1 \| P +\| R +\| change \| catastrophic \| previous \|$/)
    expect(table).toMatch(/\| s1 +\| html-text +\| 10 +\| 0\.500 +\| 0\.600 +\| 0\.700 +\| 0\.600 +\| 0\.600 \| 0\.600 \| \+0\.100 \| 1 \(10\.0%\) +\| 0\.600 +\|/)
  })

  it('reads the previous column from an earlier --json report, and names a file that is not one', () => {
    const directory = workspace({'old.json': JSON.stringify({commit: 'abc', cells: [cell('s1', 'fulltext', 0.75)], rows: []}), 'bad.json': '{"rows": []}', 'broken.json': '{'})
    expect([...readPrevious(path.join(directory, 'old.json'))]).toEqual([['s1 fulltext', 0.75]])
    expect(readPrevious(path.join(directory, 'missing.json')).size).toBe(0)
    expect(() => readPrevious(path.join(directory, 'bad.json'))).toThrow(/bad\.json: no `cells` list/)
    expect(() => readPrevious(path.join(directory, 'broken.json'))).toThrow(/broken\.json: not JSON/)
  })
})

describe('decruft eval --cv', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
  })

  const run = (args: string[], cwd: string) => {
    const result = spawnSync(process.execPath, [bin, ...args], {cwd, encoding: 'utf8'})
    return {code: result.status, stdout: result.stdout, stderr: result.stderr}
  }
  const gold = PROSE.join('\n')
  const line = (value: object) => `${JSON.stringify(value)}\n`

  it('prints one table over the sources it finds, with the previous column, and writes --json', () => {
    const directory = workspace({
      'data/benchdata/scrapinghub.dev.jsonl': line({id: 's1', lang: 'eng', gold, inputs: {fulltext: `Home\nNews\n${gold}\nContact us`, goose3: gold}}),
      'data/benchdata/trafilatura.dev.jsonl': line({id: 't1', lang: 'eng', with: [PROSE[1]], without: ['Contact us'], inputs: {fulltext: `${gold}\nContact us`}}),
      'data/traindata/cleaneval.dev.jsonl': line({id: 'c1', lang: 'eng', gold, inputs: {fulltext: `Menu\n${gold}`, readability: gold}}) + 'oops\n',
      'previous.json': JSON.stringify({cells: [{source: 'cleaneval', kind: 'fulltext', scores: {decruft: {f1: 0.123}}}]})
    })
    const result = run(['eval', '--cv', '--benchdata', 'data/benchdata', '--workers', '1', '--previous', 'previous.json', '--json', 'cv.json'], directory)
    expect(result.stderr).toContain(`skipped ${path.join(directory, 'data', 'traindata', 'cleaneval.dev.jsonl')}:2: not JSON`)
    expect(result.stderr).toContain(`not found, left out: ${path.join(directory, 'data', 'traindata', 'dragnet.dev.jsonl')}`)
    expect(result.stderr).toMatch(/held out cleaneval: 1 documents/)
    expect(result.code).toBe(0)
    const rows = result.stdout.trim().split('\n').slice(2)
    expect(rows.map((row) => row.split('|').slice(1, 3).map((cell) => cell.trim()).join(' '))).toEqual([
      'scrapinghub fulltext',
      'scrapinghub goose3',
      'trafilatura fulltext',
      'cleaneval fulltext',
      'cleaneval readability',
      'all sources fulltext',
      'all sources whole page',
      'all sources extractor output'
    ])
    expect(rows[3]).toMatch(/\| 0\.123 +\|$/)
    const report = JSON.parse(readFileSync(path.join(directory, 'cv.json'), 'utf8')) as {cells: CvCell[]}
    expect(report.cells.map((each) => `${each.source} ${each.kind} ${each.docs}`)).toEqual(['scrapinghub fulltext 1', 'scrapinghub goose3 1', 'trafilatura fulltext 1', 'cleaneval fulltext 1', 'cleaneval readability 1'])
  })

  it('refuses --cv options without --cv', () => {
    const directory = workspace({'bench/scrapinghub.dev.jsonl': line({id: 's1', gold, inputs: {fulltext: gold}})})
    const without = run(['eval', '--benchdata', 'bench', '--traindata', 'train'], directory)
    expect(without.code).toBe(2)
    expect(without.stderr).toContain('--traindata, --previous and --workers go with --cv')
  })

  it('refuses a previous file that is not a report, and a single source', () => {
    const directory = workspace({'bench/scrapinghub.dev.jsonl': line({id: 's1', gold, inputs: {fulltext: gold}}), 'previous.json': '[]'})
    const previous = run(['eval', '--cv', '--benchdata', 'bench', '--previous', 'previous.json'], directory)
    expect(previous.code).toBe(2)
    expect(previous.stderr).toMatch(/previous\.json: no `cells` list/)
    writeFileSync(path.join(directory, 'previous.json'), '{"cells": []}')
    const oneSource = run(['eval', '--cv', '--benchdata', 'bench', '--previous', 'previous.json'], directory)
    expect(oneSource.code).toBe(2)
    expect(oneSource.stderr).toMatch(/at least two sources; found 1/)
  })
})
