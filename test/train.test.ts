/**
 * The trained classifier's parts on text written here: labels aligned to gold, the rows of block
 * features, training a model with `decruft train`, and cleaning with it.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {createCleaner} from '../src/cleaner.js'
import fc from 'fast-check'
import {characterCounts} from '../src/classifier/features.js'
import {blockRows, blockText, FEATURE_NAMES, type Classified} from '../src/classifier/vector.js'
import type {DocumentContext} from '../src/engine/document.js'
import {goldIndex, goldLabel, snippetLabel} from '../src/train/labels.js'
import {buildDataset, trainingDataset} from '../src/train/dataset.js'
import {trainingConfig} from '../src/train/corpus-training.js'
import {articlePartsPage} from './article-parts.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
const seeds = path.join(root, 'fixtures', 'seeds')

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd, encoding: 'utf8', input: ''})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

const gold = [
  'The harbour board met on Tuesday to decide the future of the old grain pier.',
  'Engineers told the board that the timber piles had rotted below the waterline and could not be saved.',
  'Repairs'
].join('\n')

describe('labels from gold', () => {
  const index = goldIndex(gold)

  it('calls a block content when most of its shingles are in the gold', () => {
    const label = goldLabel('Engineers told the board that the timber piles had rotted below the waterline.', index)
    expect(label.label).toBe(1)
    expect(label.share).toBeGreaterThan(0.5)
  })

  it('calls a block boilerplate when few of its shingles are', () => {
    const label = goldLabel('Subscribe to our newsletter for the latest harbour news every morning', index)
    expect(label.label).toBe(0)
    expect(label.share).toBe(0)
  })

  it('calls a short block content only when its words stand in the gold as a run', () => {
    expect(goldLabel('Repairs', index).label).toBe(1)
    expect(goldLabel('grain pier', index).label).toBe(1)
    expect(goldLabel('Sign in', index).label).toBe(0)
  })

  it('weighs long blocks more than short ones', () => {
    expect(goldLabel('Engineers told the board that the timber piles had rotted below the waterline.', index).weight).toBeGreaterThan(goldLabel('Repairs', index).weight)
  })

  it('labels from snippets where a block meets one, and gives the rest no weight', () => {
    expect(snippetLabel('The pier  will close in May.', ['pier will close'], [])).toMatchObject({label: 1})
    expect(snippetLabel('Read more', [], ['Read more about the harbour'])).toMatchObject({label: 0, weight: 0})
    expect(snippetLabel('Read more about the harbour board', [], ['Read more about the harbour'])).toMatchObject({label: 0})
    expect(snippetLabel('Weather for the coast', ['pier will close'], ['Read more'])).toMatchObject({weight: 0})
  })
})

describe('rows of block features', () => {
  const text = ['Home | News | Sport | Weather', '', gold.split('\n')[0], '', gold.split('\n')[1], '', 'Share this article'].join('\n')
  let seen: {document: DocumentContext; classified: Classified} | undefined
  createCleaner({extends: ['core']}, {observeBlocks: (document, classified) => (seen ??= {document, classified})}).clean(text, {title: 'none'})

  it('gives every block one row of every feature', () => {
    const rows = blockRows(seen!.document, seen!.classified)
    expect(seen!.classified.blocks.length).toBeGreaterThan(1)
    expect(rows.length).toBe(seen!.classified.blocks.length * FEATURE_NAMES.length)
  })

  it('reads a menu as separators and prose as terminal, and leaves neighbours past the edge missing', () => {
    const rows = blockRows(seen!.document, seen!.classified)
    const width = FEATURE_NAMES.length
    const column = (name: string) => FEATURE_NAMES.indexOf(name)
    const blocks = seen!.classified.blocks
    const menu = blocks.findIndex((block) => seen!.document.lines[block.first].text.startsWith('Home'))
    const prose = blocks.findIndex((block) => seen!.document.lines[block.first].text.startsWith('Engineers'))
    expect(rows[menu * width + column('separators')]).toBe(3)
    expect(rows[prose * width + column('terminal')]).toBe(1)
    expect(Number.isNaN(rows[0 * width + column('prev1.logLength')])).toBe(true)
    expect(rows[1 * width + column('prev1.logLength')]).toBe(rows[0 * width + column('logLength')])
    // At the other edge too, every column of a neighbour that is not there.
    const last = blocks.length - 1
    for (const name of FEATURE_NAMES.filter((name) => name.startsWith('next'))) expect(Number.isNaN(rows[last * width + column(name)]), name).toBe(true)
    for (const name of FEATURE_NAMES.filter((name) => name.startsWith('next2.'))) expect(Number.isNaN(rows[(last - 1) * width + column(name)]), name).toBe(true)
    expect(rows[(last - 1) * width + column('next1.logLength')]).toBe(rows[last * width + column('logLength')])
  })
})

/**
 * Hard-wrapped paragraphs (so blocks of several lines) whose lines carry `decorations`: whitespace
 * the block's text trims, a list mark, a colon at the end.
 */
function decoratedWrappedText(decorations: Array<{lead: string; mark: string; colon: string; trail: string}>, seed: number): string {
  const words = ['harbour', 'Board', 'timber,', 'piles', '"rotted"', 'Élise', 'said', 'ŻÓŁW', 'the', '𝐀lpha', 'works', 'in', 'May;', 'pier', 'repairs', 'cost', '(more)', 'than', 'planned', 'Ödön']
  const lines = decorations.map(({lead, mark, colon, trail}, line) => {
    let body = ''
    for (let at = seed + line * 7; body.length < 60; at += 3) body += (body ? ' ' : '') + words[at % words.length]
    return `${lead}${mark}${body}${colon}${trail}`
  })
  // Paragraphs of eight lines, a blank line between two.
  return lines.map((line, index) => (index > 0 && index % 8 === 0 ? `\n${line}` : line)).join('\n')
}

describe('the text-shape features of a row', () => {
  it("are those of the block's text (its lines trimmed and joined), for blocks of one line and of several", () => {
    const width = FEATURE_NAMES.length
    const column = (name: string) => FEATURE_NAMES.indexOf(name)
    const decoration = fc.record({
      lead: fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000 '),
      mark: fc.constantFrom('', '• ', '- ', '» ', '# '),
      colon: fc.constantFrom('', '', ':', '：', ' :'),
      trail: fc.constantFrom('', ' ', '\u00a0', '\t ')
    })
    fc.assert(
      fc.property(fc.array(decoration, {minLength: 24, maxLength: 24}), fc.nat(1000), (decorations, seed) => {
        let several = 0
        const observe = (document: DocumentContext, classified: Classified) => {
          const rows = blockRows(document, classified)
          classified.blocks.forEach((block, index) => {
            const text = blockText(document, block)
            const {letters, upper, punctuation} = characterCounts(text)
            const row = (name: string) => rows[index * width + column(name)]
            expect(row('endsWithColon'), text).toBe(/[:：]$/u.test(text) ? 1 : 0)
            expect(row('startsWithMark'), text).toBe(/^[-–—•·*►▸›»>|/+#]/u.test(text) ? 1 : 0)
            expect(row('punctuationShare'), text).toBe(Math.fround(punctuation / text.length))
            expect(row('upperShare'), text).toBe(Math.fround(letters > 0 ? upper / letters : 0))
            expect(row('meanWordLength'), text).toBe(Math.fround(block.features.words > 0 ? letters / block.features.words : 0))
            if (block.last > block.first) several++
          })
        }
        createCleaner({extends: ['core']}, {messages: false, observeBlocks: observe}).clean(decoratedWrappedText(decorations, seed), {title: 'none'})
        expect(several).toBeGreaterThan(0)
      }),
      {numRuns: 40}
    )
  })
})

describe('the training data set', () => {
  it('holds the rows the classifier reads when it cleans, before its own removals', () => {
    // A whole page: the hand-set classifier removes its menus and footer after reading the blocks.
    const page = articlePartsPage(3)
    const config = trainingConfig()
    const dataset = buildDataset([{source: 'test', id: 'page', lang: 'eng', gold: page.parts.join('\n'), inputs: {fulltext: page.text}}], {config})
    let read: Float32Array | undefined
    const result = createCleaner(config, {messages: false, observeBlocks: (document, classified) => (read ??= blockRows(document, classified))}).clean(page.text)
    expect(result.removed.some((removal) => removal.rule.startsWith('heuristic/'))).toBe(true)
    expect(dataset.rows * FEATURE_NAMES.length).toBe(read!.length)
    expect([...dataset.values.subarray(0, read!.length)]).toEqual([...read!])
    // The share of claimed lines is the rules' alone: none of the classifier's removals yet.
    const share = dataset.values[FEATURE_NAMES.indexOf('claimedShare')]
    const nonBlank = page.text.split('\n').filter((line) => line.trim() !== '').length
    const byRules = result.removed.filter((removal) => !removal.rule.startsWith('heuristic/')).reduce((lines, removal) => lines + removal.endLine - removal.startLine + 1, 0)
    expect(share).toBeCloseTo(byRules / nonBlank, 6)
  })
})

describe('the two readings of every text', () => {
  it('read each text again blind to its stopwords, after the texts as they are, with the same labels', () => {
    const page = articlePartsPage(3)
    const records = [
      {source: 'test', id: 'page', lang: 'eng', gold: page.parts.join('\n'), inputs: {fulltext: page.text}},
      {source: 'test', id: 'short', lang: 'eng', gold, inputs: {text: `Home | News\n\n${gold}\n\nShare this`}}
    ]
    const config = trainingConfig()
    const read = buildDataset(records, {config})
    const both = trainingDataset(records, {config})
    const width = FEATURE_NAMES.length
    expect(both.rows).toBe(2 * read.rows)
    expect(both.documents.map((document) => [document.id, document.blind, document.start])).toEqual([
      ...read.documents.map((document) => [document.id, false, document.start]),
      ...read.documents.map((document) => [document.id, true, document.start + read.rows])
    ])
    // The texts as they are come first, unchanged; the blind copy has the same blocks and labels.
    expect([...both.values.subarray(0, read.rows * width)]).toEqual([...read.values])
    expect([...both.labels.subarray(read.rows)]).toEqual([...read.labels])
    // Blind, no block has a stopword share; read as it is, the English page's blocks have them.
    const stopwords = FEATURE_NAMES.indexOf('stopwords')
    const column = (from: number) => Array.from({length: read.rows}, (_, row) => both.values[(from + row) * width + stopwords])
    expect(column(0).some((value) => !Number.isNaN(value))).toBe(true)
    expect(column(read.rows).every((value) => Number.isNaN(value))).toBe(true)
  })
})

describe('decruft train', () => {
  it('learns from the texts as --input-kind says they are', () => {
    // The data set reads the blocks as the config's input kind makes the classifier see them.
    const names = readdirSync(seeds).filter((file) => file.endsWith('.clean.txt')).map((file) => file.slice(0, -'.clean.txt'.length))
    const seedRecords = names.map((name) => ({source: 'seeds', id: name, lang: 'und', gold: readFileSync(path.join(seeds, `${name}.clean.txt`), 'utf8'), inputs: {text: readFileSync(path.join(seeds, `${name}.txt`), 'utf8')}}))
    const pageColumn = (inputKind: 'page' | 'extractor') => {
      const base = trainingConfig()
      const dataset = buildDataset(seedRecords, {config: {...base, settings: {...base.settings, inputKind}}})
      const at = FEATURE_NAMES.indexOf('page')
      return Array.from({length: dataset.rows}, (_, row) => dataset.values[row * FEATURE_NAMES.length + at])
    }
    expect(new Set(pageColumn('page'))).toEqual(new Set([1]))
    expect(new Set(pageColumn('extractor'))).toEqual(new Set([0]))
    // And the command line takes the option (and refuses a kind it does not know).
    const directory = workspace()
    const result = run(['train', '--gold', seeds, '-o', path.join(directory, 'page.json'), '--trees', '6', '--folds', '2', '--input-kind', 'page', '-q'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(run(['train', '--gold', seeds, '-o', path.join(directory, 'x.json'), '--input-kind', 'html', '-q']).code).toBe(2)
  })

  it('trains on gold pairs, the same bytes twice, and a config cleans with the model', () => {
    const directory = workspace()
    const first = run(['train', '--gold', seeds, '-o', path.join(directory, 'a.json'), '--trees', '12', '--folds', '2', '-q'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const second = run(['train', '--gold', seeds, '-o', path.join(directory, 'b.json'), '--trees', '12', '--folds', '2', '-q'])
    expect(second.code).toBe(0)
    const model = readFileSync(path.join(directory, 'a.json'), 'utf8')
    expect(readFileSync(path.join(directory, 'b.json'), 'utf8')).toBe(model)
    const parsed = JSON.parse(model) as {format: string; features: string[]; trees: {trees: unknown[]}; trainedOn: {documents: number}}
    expect(parsed.format).toBe('decruft-classifier')
    expect(parsed.features).toEqual(FEATURE_NAMES)
    expect(parsed.trees.trees).toHaveLength(12)
    expect(parsed.trainedOn.documents).toBe(5)

    writeFileSync(path.join(directory, 'decruft.config.yaml'), 'classifier:\n  model: ./a.json\n')
    const cleaned = run(['clean', path.join(seeds, '003_356e37914bdd2a92.txt'), '--report', path.join(directory, 'report.json')], directory)
    expect(cleaned.code).toBe(0)
    const input = readFileSync(path.join(seeds, '003_356e37914bdd2a92.txt'), 'utf8').split('\n')
    for (const line of cleaned.stdout.trimEnd().split('\n')) expect(input).toContain(line)
    const report = JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8')) as {files: Array<{removed: Array<{rule: string; features?: Record<string, unknown>}>}>}
    for (const removal of report.files[0].removed.filter((entry) => entry.rule === 'heuristic/block')) {
      expect(removal.features).toHaveProperty('score')
      expect(removal.features).toHaveProperty('strongest')
    }
  })

  it('refuses a model file that is not one, naming it (exit 2)', () => {
    const directory = workspace({'bad.json': '{"format": "something else"}', 'decruft.config.yaml': 'classifier:\n  model: ./bad.json\n', 'a.txt': 'Some text here.\n'})
    const result = run(['clean', 'a.txt'], directory)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('bad.json')
    expect(result.stderr).toContain('not a decruft model')
  })

  it('needs gold to train on', () => {
    const directory = workspace({'a.txt': 'No gold here.\n'})
    const result = run(['train', '--gold', directory, '-o', path.join(directory, 'm.json')])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('0 records with gold')
  })
})

describe('decisions of a trained model', () => {
  // A one-tree model written by hand: a block with two or more menu separators is boilerplate.
  const separators = FEATURE_NAMES.indexOf('separators')
  const model = {
    format: 'decruft-classifier',
    version: 1,
    features: FEATURE_NAMES,
    trees: {
      format: 'decruft-gbdt',
      version: 1,
      features: FEATURE_NAMES,
      bias: 0,
      trees: [{feature: [separators, -1, -1], threshold: [1.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], missingLeft: [1, 0, 0], value: [0, 4, -6]}]
    },
    transitions: {start: [Math.log(0.5), Math.log(0.5)], next: [[Math.log(0.5), Math.log(0.5)], [Math.log(0.5), Math.log(0.5)]]},
    prior: 0.5,
    operatingPoints: {precision: 0.6, balanced: 0.5, recall: 0.4},
    guard: {proseChars: 600, strongEvidence: 0.1},
    trainedOn: {sources: ['hand'], rows: 0, documents: 0}
  }
  const text = ['Home | News | Sport | Weather', '', gold.split('\n')[0], '', gold.split('\n')[1], '', 'Share | Print | Email'].join('\n')

  it('removes the blocks it scores as boilerplate, with their score and strongest features', () => {
    const directory = workspace({'model.json': JSON.stringify(model)})
    const cleaner = createCleaner({extends: ['core'], classifier: {model: path.join(directory, 'model.json')}})
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.text).toBe(`${gold.split('\n')[0]}\n\n${gold.split('\n')[1]}\n`)
    const removed = result.removed.filter((removal) => removal.rule === 'heuristic/block')
    expect(removed.map((removal) => removal.text)).toEqual(['Home | News | Sport | Weather', 'Share | Print | Email'])
    for (const removal of removed) {
      expect(removal.features?.score).toBeLessThan(0.5)
      expect(removal.features?.strongest).toMatch(/^separators -6/)
      expect(removal.reason).toContain('strongest: separators')
    }
  })

  it('keeps what it scores above the operating point, and a config threshold moves it', () => {
    const directory = workspace({'model.json': JSON.stringify(model)})
    const keepAll = createCleaner({extends: ['core'], classifier: {model: path.join(directory, 'model.json'), threshold: 0}})
    expect(keepAll.clean(text, {title: 'none'}).removed.filter((removal) => removal.rule === 'heuristic/block')).toEqual([])
  })
})
