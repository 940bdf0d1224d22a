/**
 * The evaluation metrics and attribution, on small texts whose scores can be worked out by hand.
 */

import {describe, expect, it} from 'vitest'
import {createCleaner} from '../src/index.js'
import {averageScores, countSnippets, scoreDocument, shingles, snippetScore, words} from '../src/eval/metrics.js'
import {evaluate, scoredText} from '../src/eval/evaluate.js'

describe('words and shingles', () => {
  it('reads Unicode words, not ASCII \\w', () => {
    expect(words('Preşedintele rus, Владимир Путин: 75. Jahrestag_x')).toEqual(['Preşedintele', 'rus', 'Владимир', 'Путин', '75', 'Jahrestag_x'])
  })

  it('counts 4-word shingles as a multiset, and a short text as one shingle', () => {
    expect([...shingles('a b c d a b c d')]).toEqual([['a b c d', 2], ['b c d a', 1], ['c d a b', 1], ['d a b c', 1]])
    expect([...shingles('only three words')]).toEqual([['only three words', 1]])
    expect(shingles('').size).toBe(0)
  })
})

describe('shingle scores', () => {
  const gold = 'one two three four five six seven eight'

  it('scores an exact match 1 and a superset by its extra shingles', () => {
    expect(scoreDocument(gold, gold)).toEqual({precision: 1, recall: 1, f1: 1})
    // 5 gold shingles, and the output adds 4 more around "menu": precision 5/9.
    const score = scoreDocument(`menu ${gold} footer words here`, gold)
    expect(score.recall).toBe(1)
    expect(score.precision).toBeCloseTo(5 / 9)
  })

  it('leaves an empty output out of the precision mean, but not out of recall', () => {
    const empty = scoreDocument('', gold)
    expect(empty.precision).toBeUndefined()
    expect(empty.recall).toBe(0)
    const average = averageScores([empty, scoreDocument(gold, gold)])
    expect(average.precision).toBe(1)
    expect(average.recall).toBe(0.5)
    expect(average.f1).toBeCloseTo(2 / 3)
  })
})

describe('snippet scores', () => {
  it('matches snippets with whitespace collapsed and sums over the corpus', () => {
    const page = countSnippets('Body text\n  with   spaces.\nRead more', ['Body text with spaces.'], ['Read more', 'Cookie notice'])
    expect(page).toEqual({tp: 1, fp: 1, fn: 0, tn: 1})
    const score = snippetScore([page, {tp: 0, fp: 0, fn: 1, tn: 2}])
    // TP 1, FP 1, FN 1, TN 3.
    expect([score.precision, score.recall, score.accuracy]).toEqual([0.5, 0.5, 4 / 6])
  })
})

describe('evaluate', () => {
  const cleaner = createCleaner({extends: ['core', 'en'], heuristics: {preset: 'off'}})
  const gold = 'The council met on Monday to discuss the budget for the coming year and the new library.'

  it('scores raw and cleaned text and attributes removed gold to the rule that removed it', async () => {
    const records = [
      {id: 'a', text: `Share this article\n\n${gold}\n\nSubscribe now\n`, gold},
      // "Home" is a navigation label, but here it is the gold text's last word on a line of its own.
      {id: 'b', text: `${gold.replace(' library.', '')}\nHome\n`, gold: `${gold.replace(' library.', '')}\nHome`}
    ]
    const report = await evaluate(records, cleaner, {dropTitle: false})
    expect(report.documents).toBe(2)
    expect(report.shingles!.cleaned.precision).toBe(1)
    expect(report.shingles!.raw.precision).toBeLessThan(1)
    const navigation = report.rules.find((rule) => rule.rule === 'en/navigation')!
    expect(navigation.goldRemoved).toBeGreaterThan(0)
    expect(report.rules[0].rule).toBe('en/navigation')
    expect(report.worst.map((document) => [document.id, document.rules[0]?.rule])).toEqual([['b', 'en/navigation']])
  })

  it('drops a detected title before scoring, as the benchmarks do', () => {
    expect(scoredText('A headline\n\nBody.\n', 'A headline', true)).toBe('\nBody.\n')
    expect(scoredText('A headline\n\nBody.\n', 'A headline', false)).toBe('A headline\n\nBody.\n')
    expect(scoredText('Body first.\n', null, true)).toBe('Body first.\n')
  })

  it('attributes touched snippets for snippet records', async () => {
    const report = await evaluate([{id: 'p', text: `${gold}\n\nSubscribe now\n`, with: [gold], without: ['Subscribe now']}], cleaner)
    expect(report.snippets!.raw.fp).toBe(1)
    expect(report.snippets!.cleaned.fp).toBe(0)
    expect(report.rules.find((rule) => rule.rule === 'en/subscribe')).toMatchObject({goldRemoved: 0, boilerplateRemoved: 1})
  })
})

describe('benchmark inputs', () => {
  it('scores a detected title only where the benchmark gold has headlines', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const path = await import('node:path')
    const {benchInputs} = await import('../src/eval/bench.js')
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-bench-'))
    writeFileSync(path.join(directory, 'scrapinghub.dev.jsonl'), '')
    writeFileSync(path.join(directory, 'trafilatura.dev.jsonl'), '')
    const inputs = benchInputs(directory)
    const scrapinghub = inputs.filter((input) => input.corpus === 'scrapinghub.dev')
    const trafilatura = inputs.filter((input) => input.corpus === 'trafilatura.dev')
    expect(scrapinghub.map((input) => input.field)).toContain('inputs.readability_js')
    expect(scrapinghub.every((input) => input.dropTitle)).toBe(true)
    expect(trafilatura.map((input) => input.field)).toEqual(['inputs.fulltext', 'inputs.readability'])
    expect(trafilatura.some((input) => input.dropTitle)).toBe(false)
  })
})
