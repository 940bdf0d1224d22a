/**
 * The atomic writer itself (`src/io/write.ts`): what it does at the target's directory entry, and
 * what it leaves when the rename fails. The full-disk cases run through the binary in
 * `faults-io.test.ts`.
 */

import {chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeAtomic, WriteError} from '../src/io/write.js'
import {ReportBuilder, reportJson} from '../src/report/report.js'
import {temporary} from './fault-inputs.js'

describe('writeAtomic', () => {
  it('replaces a symbolic link at the target with the new file, never writing through it', async () => {
    const directory = temporary()
    writeFileSync(path.join(directory, 'elsewhere.txt'), 'not to be touched\n')
    symlinkSync('elsewhere.txt', path.join(directory, 'out.txt'))
    await writeAtomic(path.join(directory, 'out.txt'), 'clean text\n')
    expect(lstatSync(path.join(directory, 'out.txt')).isFile()).toBe(true)
    expect(readFileSync(path.join(directory, 'out.txt'), 'utf8')).toBe('clean text\n')
    expect(readFileSync(path.join(directory, 'elsewhere.txt'), 'utf8')).toBe('not to be touched\n')
  })

  it("keeps the mode of the file it replaces (--in-place keeps a file's permissions)", async () => {
    const directory = temporary()
    const file = path.join(directory, 'private.txt')
    writeFileSync(file, 'original\n')
    chmodSync(file, 0o640)
    await writeAtomic(file, 'clean text\n')
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(readFileSync(file, 'utf8')).toBe('clean text\n')
  })

  it('leaves the target as it was and no temporary file when the rename fails, and names the target', async () => {
    const directory = temporary()
    // A folder where the file should go: the rename cannot replace it.
    mkdirSync(path.join(directory, 'out.txt'))
    writeFileSync(path.join(directory, 'out.txt', 'inside.txt'), 'kept\n')
    const failure = await writeAtomic(path.join(directory, 'out.txt'), 'clean text\n').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(WriteError)
    expect((failure as WriteError).message).toMatch(/^cannot write \S*out\.txt: .+ \((EISDIR|ENOTEMPTY|EEXIST)\)$/)
    expect(readdirSync(directory)).toEqual(['out.txt'])
    expect(readFileSync(path.join(directory, 'out.txt', 'inside.txt'), 'utf8')).toBe('kept\n')
  })

  it('writes text in pieces as the one string they make: characters across its writes, and a piece larger than one', async () => {
    const directory = temporary()
    const pieces = ['{', 'é'.repeat(100_000), '€😀'.repeat(70_000), 'x'.repeat(300_000), ' — ', 'a\n'.repeat(200_001), '']
    await writeAtomic(path.join(directory, 'out.txt'), pieces.values())
    expect(readFileSync(path.join(directory, 'out.txt'), 'utf8')).toBe(pieces.join(''))
    await writeAtomic(path.join(directory, 'empty.txt'), [][Symbol.iterator]())
    expect(readFileSync(path.join(directory, 'empty.txt'), 'utf8')).toBe('')
  })
})

describe('reportJson', () => {
  it("is the text of JSON.stringify(report, null, 2) and a line's end, piece by piece", () => {
    const empty = new ReportBuilder('1.0.0').build()
    const builder = new ReportBuilder('1.0.0')
    const removed = {rule: 'core/share', category: 'social' as const, startLine: 2, endLine: 3, start: 10, end: 40, text: 'Share\non “Facebook” \u2028 😀', reason: 'share\tline'}
    builder.addDocument({path: 'b.jsonl:2', id: 'two', title: null, lang: 'en', bytesIn: 100, bytesOut: 60, removed: [removed, {...removed, rule: 'core/x'}]})
    builder.addDocument({path: 'a.jsonl:1', title: 'Ünïcödé "title"', lang: 'de', bytesIn: 5, bytesOut: 5, removed: []})
    builder.addError({path: 'a.jsonl', line: 3, message: 'not JSON'})
    builder.addSkipped({path: 'a.jsonl:4', reason: 'too large', bytes: 9})
    builder.interrupt()
    for (const report of [empty, builder.build()]) expect([...reportJson(report)].join('')).toBe(JSON.stringify(report, null, 2) + '\n')
  })
})
