/**
 * Issue 19, item 13:
 * - The output's line endings are the document's dominant one (LF, CRLF or CR).
 * - A JSON Lines record that already has a `decruft` field is replaced with a warning.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {clean} from '../src/index.js'
import {cleanText} from '../src/review/index.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')

const prose = [
  'The city council approved next year’s budget late on Tuesday after a session that lasted more than nine hours.',
  'Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern, teilte das Ministerium am Mittwoch mit.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements.',
  'Il presidente russo ha segnalato la volontà di assistere la Corea del Nord nello sviluppo del suo programma spaziale.',
  'Residents who spoke at the hearings had asked for more buses at night and safer cycle lanes.'
]

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
