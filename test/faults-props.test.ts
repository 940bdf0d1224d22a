/**
 * Issue 19, item 13: what cleaning keeps, exactly.
 * - The output is the input less its reported removals, laid out as documented (`expectedOutput`):
 *   checked on generated texts, the seeds, every rule example, and the benchmark inputs when they
 *   are there (`DECRUFT_BENCHDATA`, default `../shared/benchdata` beside the repository).
 * - Every character that does not reach the output is in a removal, or is whitespace of a blank
 *   line or a line ending: a line of zero-width characters is reported, not dropped in silence.
 * - The output's line endings are the document's dominant one (LF, CRLF or CR).
 * - A JSON Lines record that already has a `decruft` field is replaced with a warning.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {clean, createCleaner, resolvePack, type Removal} from '../src/index.js'
import {cleanText} from '../src/review/index.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')

// The layout's two kinds of blank line, as docs/how-it-works.md defines them.
const blankLine = /^[\s\u200B\u200C\u200D\u2060\uFEFF]*$/u
const whitespaceOnly = /^[^\S\uFEFF]*$/u

interface SourceLine {
  start: number
  end: number
  text: string
}

/** Lines at LF, CRLF and CR (a final line ending starts no line), and the dominant ending. */
function sourceLines(text: string): {lines: SourceLine[]; eol: string} {
  const lines: SourceLine[] = []
  const seen = new Map<string, {count: number; first: number}>()
  const pattern = /\r\n|\n|\r/g
  let start = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({start, end: match.index, text: text.slice(start, match.index)})
    const entry = seen.get(match[0]) ?? {count: 0, first: match.index}
    entry.count++
    seen.set(match[0], entry)
    start = match.index + match[0].length
  }
  if (start < text.length) lines.push({start, end: text.length, text: text.slice(start)})
  const ranked = [...seen].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
  return {lines, eol: ranked[0]?.[0] ?? '\n'}
}

/**
 * The invariant of docs/how-it-works.md, written out: the input's lines, less every non-blank line a removal covers
 * whole and less the removed spans of the others; blank lines (whitespace and invisible characters)
 * empty, runs of them collapsed to one and none at either end; each line ending the dominant one,
 * one at the end.
 */
function expectedOutput(input: string, removed: readonly Removal[]): string {
  const {lines, eol} = sourceLines(input)
  const out: string[] = []
  let pendingBlank = false
  for (const line of lines) {
    if (blankLine.test(line.text)) {
      pendingBlank = out.length > 0
      continue
    }
    if (removed.some((removal) => removal.start <= line.start && removal.end >= line.end)) continue
    let text = line.text
    const spans = removed.filter((removal) => removal.start >= line.start && removal.end <= line.end).sort((a, b) => b.start - a.start)
    for (const span of spans) text = text.slice(0, span.start - line.start) + text.slice(span.end - line.start)
    if (pendingBlank) out.push('')
    pendingBlank = false
    out.push(text)
  }
  return out.length === 0 ? '' : out.join(eol) + eol
}

/** What the issue asks: the blank lines whose characters are neither whitespace nor in a removal. */
function unaccountedLines(input: string, removed: readonly Removal[]): string[] {
  return sourceLines(input)
    .lines.filter((line) => blankLine.test(line.text) && !whitespaceOnly.test(line.text))
    .filter((line) => !removed.some((removal) => removal.start <= line.start && removal.end >= line.end))
    .map((line) => line.text)
}

/** Every removal's text is the input's slice, and the output is exactly `expectedOutput`. */
function expectInvariant(input: string, result: {text: string; removed: Removal[]}, name = ''): void {
  for (const removal of result.removed) expect(input.slice(removal.start, removal.end), name).toBe(removal.text)
  expect(unaccountedLines(input, result.removed), name).toEqual([])
  expect(result.text, name).toBe(expectedOutput(input, result.removed))
}

const prose = [
  'The city council approved next year’s budget late on Tuesday after a session that lasted more than nine hours.',
  'Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern, teilte das Ministerium am Mittwoch mit.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements.',
  'Il presidente russo ha segnalato la volontà di assistere la Corea del Nord nello sviluppo del suo programma spaziale.',
  'Residents who spoke at the hearings had asked for more buses at night and safer cycle lanes.'
]
// Sentences the rules cut out of a long line (as spans), from the benchmark's own span removals.
const glued = ['All rights reserved.', 'Thanks for signing up!', 'REUTERS/Brendan McDermid', 'This site uses Akismet to reduce spam.', 'Click To Tweet', 'You may also like...']
const invisible = ['\u200B', '\u200C', '\u200D\u200B', ' \u2060 ', '\uFEFF', '\t\u200B']

const examples = resolvePack('recommended')
  .rules.flatMap(({definition}) => [...(definition.examples?.removes ?? []), ...(definition.examples?.keeps ?? [])])
  .flatMap((example) => example.split('\n'))

/** A long line (an article on one line) with boilerplate sentences glued in: span removals. */
const longLine = fc
  .array(fc.oneof({weight: 3, arbitrary: fc.constantFrom(...prose)}, {weight: 1, arbitrary: fc.constantFrom(...glued)}), {minLength: 6, maxLength: 12})
  .map((parts) => parts.join(' '))

const lineArbitrary = fc.oneof(
  {weight: 4, arbitrary: fc.constantFrom(...prose)},
  {weight: 4, arbitrary: fc.constantFrom(...examples)},
  {weight: 2, arbitrary: longLine},
  {weight: 3, arbitrary: fc.constantFrom('', '', ' ', '\u00A0', '\t')},
  {weight: 2, arbitrary: fc.constantFrom(...invisible)},
  {weight: 1, arbitrary: fc.string({maxLength: 40}).map((text) => text.replace(/[\r\n]/g, ' '))}
)

/** Lines joined by a main line ending, some by another (mixed files), with or without a final one. */
const documentArbitrary = fc
  .tuple(
    fc.array(fc.tuple(lineArbitrary, fc.nat(9)), {minLength: 0, maxLength: 40}),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean()
  )
  .map(([lines, main, other, finalEol]) => lines.map(([text, roll], index) => (index === lines.length - 1 && !finalEol ? text : text + (roll < 3 ? other : main))).join(''))

describe('the output is the input less its reported removals', () => {
  it('on generated texts: invisible lines, long lines with spans, mixed line endings', () => {
    let spans = 0
    fc.assert(
      fc.property(documentArbitrary, (input) => {
        const result = clean(input)
        expectInvariant(input, result)
        if (result.removed.some((removal) => removal.startLine === removal.endLine && removal.text !== sourceLines(input).lines[removal.startLine - 1].text)) spans++
      }),
      {numRuns: 200}
    )
    // Span removals are what make an output line differ from every input line: they must occur.
    expect(spans).toBeGreaterThan(30)
  })

  it('on the seeds and every rule example', () => {
    const seeds = path.join(root, 'fixtures', 'seeds')
    const texts = readdirSync(seeds)
      .filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
      .map((name) => [name, readFileSync(path.join(seeds, name), 'utf8')])
    // The examples twenty to a document, between blank lines (one document each takes seconds).
    for (let index = 0; index < examples.length; index += 20) texts.push([`examples ${index}–${index + 19}`, examples.slice(index, index + 20).join('\n\n') + '\n'])
    for (const [name, text] of texts) expectInvariant(text, clean(text), name)
  })

  const benchdata = process.env.DECRUFT_BENCHDATA ?? path.join(root, '..', 'shared', 'benchdata')
  const benchFiles = ['scrapinghub.dev.jsonl', 'trafilatura.dev.jsonl'].map((name) => path.join(benchdata, name)).filter((file) => existsSync(file))

  it.runIf(benchFiles.length > 0)('on a sample of the benchmark inputs', () => {
    const cleaner = createCleaner({extends: ['recommended']}, {messages: false})
    let documents = 0
    let changedLines = 0
    for (const file of benchFiles) {
      const records = readFileSync(file, 'utf8').split('\n').filter(Boolean)
      for (const [index, line] of records.entries()) {
        const record = JSON.parse(line) as {id: string; inputs: Record<string, string>}
        // Every twentieth record, and every one with an invisible line: all of its inputs (whole pages,
        // extractor outputs, one-line articles).
        const inputs = Object.values(record.inputs)
        if (index % 20 !== 0 && !inputs.some((text) => sourceLines(text).lines.some((line) => blankLine.test(line.text) && !whitespaceOnly.test(line.text)))) continue
        for (const [field, text] of Object.entries(record.inputs)) {
          if (!text) continue
          const result = cleaner.clean(text)
          expectInvariant(text, result, `${path.basename(file)} ${record.id} ${field}`)
          const inputLines = new Set(sourceLines(text).lines.map((line) => line.text))
          changedLines += result.text.split(/\r\n|\n|\r/).filter((line) => line !== '' && !inputLines.has(line)).length
          documents++
        }
      }
    }
    expect(documents).toBeGreaterThan(100)
    // The README once said every output line is an input line: span removals make that false.
    expect(changedLines).toBeGreaterThan(0)
  })
})

describe('lines of invisible characters', () => {
  const body = prose.slice(0, 3).join(' ')
  const input = `A headline for the test\n\n${body}\n\u200B\n\n${prose[3]}\n\u200C\u200B\n \u2060\n${prose[4]}\n\uFEFF\n`

  it('are reported when they are not written, each with its text and offsets', () => {
    const result = clean(input)
    const reported = result.removed.filter((removal) => removal.rule === 'layout/invisible-line')
    expect(reported.map((removal) => removal.text)).toEqual(['\u200B', '\u200C\u200B', ' \u2060', '\uFEFF'])
    for (const removal of reported) {
      expect(removal.category).toBe('noise')
      expect(input.slice(removal.start, removal.end)).toBe(removal.text)
      expect(removal.startLine).toBe(removal.endLine)
    }
    // They still separate paragraphs as blank lines do: the layout does not change.
    expect(result.text).toBe(`A headline for the test\n\n${body}\n\n${prose[3]}\n\n${prose[4]}\n`)
    expect(clean(result.text).removed.filter((removal) => removal.rule === 'layout/invisible-line')).toEqual([])
  })

  it('inside a removed run belong to that run, and are not reported twice', () => {
    const text = `A headline for the test\n\n${body}\n\nRead also\n\u200B\nFirst teaser title here\n\u200B\nSecond teaser title here\n\n${prose[3]}\n`
    const result = clean(text)
    // The header takes the blank line after it and the first teaser; the second stands alone.
    const run = result.removed.find((removal) => removal.text.startsWith('Read also'))
    expect(run?.text).toBe('Read also\n\u200B\nFirst teaser title here')
    expect(result.removed.filter((removal) => removal.rule === 'layout/invisible-line').map((removal) => removal.startLine)).toEqual([8])
    for (let index = 1; index < result.removed.length; index++) expect(result.removed[index].start).toBeGreaterThanOrEqual(result.removed[index - 1].end)
  })
})

describe('decruft rules explain layout/invisible-line', () => {
  it('says what the removal is instead of calling it an unknown rule', () => {
    const result = spawnSync(process.execPath, [bin, 'rules', 'explain', 'layout/invisible-line'], {cwd: workspace(), encoding: 'utf8'})
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^layout\/invisible-line is not a rule: a line of only invisible characters/)
  })
})

describe('line endings', () => {
  const paragraphs = ['A headline for the test', '', prose[0], prose[1], '', prose[2]]
  // One ending per line; a CR is never followed by an LF-ended empty line (that would read as CRLF).
  const joined = (endings: string[]) => paragraphs.map((line, index) => line + endings[index]).join('')

  it.each([
    ['CR only (classic Mac OS)', ['\r', '\r', '\r', '\r', '\r', '\r'], '\r'],
    ['mostly CRLF, some LF', ['\r\n', '\r\n', '\n', '\r\n', '\r\n', '\n'], '\r\n'],
    ['mostly LF, some CRLF', ['\n', '\n', '\r\n', '\n', '\n', '\r\n'], '\n'],
    ['mostly CR, some LF', ['\r', '\r', '\n', '\r', '\r', '\n'], '\r'],
    ['a tie of CRLF and LF, CRLF first', ['\r\n', '\n', '\r\n', '\n', '\r\n', '\n'], '\r\n'],
    ['a tie of LF and CR, LF first', ['\n', '\r', '\r', '\n', '\n', '\r'], '\n'],
    ['a tie of CR and CRLF, CR first', ['\r', '\r\n', '\r', '\r\n', '\r', '\r\n'], '\r']
  ])('keeps the dominant one: %s', (_name, endings, expected) => {
    const input = joined(endings)
    const output = clean(input).text
    expect(output).toBe(paragraphs.join(expected) + expected)
    // The review page computes the same text from the removals.
    expect(cleanText(input, clean(input).removed.flatMap((removal) => [removal.start, removal.end]))).toBe(output)
  })

  it('keeps CR in a file cleaned by the command line', () => {
    const directory = workspace({'mac.txt': paragraphs.join('\r') + '\r'})
    const result = spawnSync(process.execPath, [bin, 'clean', 'mac.txt', '-q'], {cwd: directory, encoding: 'utf8'})
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(paragraphs.join('\r') + '\r')
  })
})

describe('records that already have a decruft field', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
  })

  const text = `A headline for the test\n\n${prose[0]}\n\n- Advertisement -\n\n${prose[1]}\n`
  const records = [
    {id: 'a', text},
    {id: 'b', text, decruft: {note: 'from an earlier tool'}},
    {id: 'c', text},
    {id: 'd', text, decruft: 'kept by the user'}
  ]

  it.each([['one thread', '1'], ['two threads', '2']])('are replaced with one warning naming the first, and counted in the report (%s)', (_name, workers) => {
    const directory = workspace({'in.jsonl': records.map((record) => JSON.stringify(record)).join('\n') + '\n'})
    const result = spawnSync(process.execPath, [bin, 'clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--report', 'report.json', '--workers', workers], {cwd: directory, encoding: 'utf8'})
    expect(result.status).toBe(0)
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'))
    expect(warnings).toEqual(['decruft: warning: 2 records already had a `decruft` field, replaced in the output by decruft\'s own (first: in.jsonl:2)'])
    const output = readFileSync(path.join(directory, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line))
    expect(output.map((record) => Object.keys(record.decruft).sort())).toEqual(records.map(() => ['lang', 'removed', 'title']))
    const report = JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8'))
    expect(report.summary.replacedDecruft).toEqual({records: 2, first: 'in.jsonl:2'})
  })

  it('warn even with --quiet, and say nothing when no record has one', () => {
    const directory = workspace({'in.jsonl': JSON.stringify(records[1]) + '\n', 'plain.jsonl': JSON.stringify(records[0]) + '\n'})
    const quiet = spawnSync(process.execPath, [bin, 'clean', '--jsonl', 'in.jsonl', '-q'], {cwd: directory, encoding: 'utf8'})
    expect(quiet.stderr).toBe("decruft: warning: 1 record already had a `decruft` field, replaced in the output by decruft's own (first: in.jsonl:1)\n")
    const plain = spawnSync(process.execPath, [bin, 'clean', '--jsonl', 'plain.jsonl', '--report', 'report.json'], {cwd: directory, encoding: 'utf8'})
    expect(plain.stderr).not.toContain('warning')
    expect(JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8')).summary.replacedDecruft).toBeUndefined()
  })

  it('refuse a text field inside `decruft`, whose clean text the field would replace', () => {
    const directory = workspace()
    writeFileSync(path.join(directory, 'in.jsonl'), JSON.stringify({decruft: {text}}) + '\n')
    const result = spawnSync(process.execPath, [bin, 'clean', '--jsonl', 'in.jsonl', '--text-field', 'decruft.text', '-o', 'out.jsonl'], {cwd: directory, encoding: 'utf8'})
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--text-field decruft.text')
    expect(existsSync(path.join(directory, 'out.jsonl'))).toBe(false)
  })
})
