/**
 * Issue 19, items 6, 8 and 10, through the built binary: the same output for any number of
 * workers (one limit decides which documents are cleaned), documents too large for a thread's
 * memory passed through without being held whole (memory stays within the budget, no input crashes
 * the run), and Ctrl-C (or SIGTERM) that stops every mode at once, writing nothing half-done.
 *
 * The interrupt tests clean a document that keeps its thread busy for 20 s (the test hook of
 * src/batch/work.ts, which marks a file as the document starts), send the signal once it has
 * started, and check that the run ended long before the document could have been cleaned.
 */

import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {closeSync, copyFileSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it, onTestFinished} from 'vitest'
import {cleaningHeap, textShape} from '../src/batch/document-heap.js'
import {budgetFor, documentHeap, largestDocument, largestRecordLine} from '../src/batch/heap-limits.js'
import {DEFAULT_THREAD_BUDGET, memoryFor} from '../src/batch/pool-size.js'
import {formatBytes} from '../src/report/summary.js'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
const seeds = path.join(root, 'fixtures', 'seeds')
const seedInputs = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
const seedText = (name: string) => readFileSync(path.join(seeds, name), 'utf8')
const seedClean = (name: string) => readFileSync(path.join(seeds, name.replace('.txt', '.clean.txt')), 'utf8')
const MB = 1024 * 1024

/** The smallest --memory-budget (MB), which makes the limit small enough for quick tests. */
const SMALL_BUDGET = 72
const smallLimit = largestDocument(SMALL_BUDGET * MB)

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], options: {cwd?: string; input?: string | Buffer} = {}): Result {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd: options.cwd ?? root, input: options.input ?? '', encoding: 'utf8', maxBuffer: 1 << 28})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Prose on one line, on many, or a word a line, of about `bytes` bytes of UTF-8 (never more), from the seed articles. */
function prose(bytes: number, shape: 'one line' | 'lines' | 'a word a line'): string {
  const layout = (text: string) => (shape === 'one line' ? text.replace(/\s+/g, ' ').trim() + ' ' : shape === 'lines' ? text + '\n' : text.split(/\s+/).join('\n'))
  const texts = seedInputs.map((name) => layout(seedText(name)))
  const parts: string[] = []
  for (let index = 0, size = 0; size < bytes; index++) {
    parts.push(texts[index % texts.length])
    size += Buffer.byteLength(parts[index])
  }
  let text = parts.join('')
  // Cut back to whole characters within `bytes`.
  while (Buffer.byteLength(text) > bytes) text = text.slice(0, text.length - Math.max(1, Math.floor((Buffer.byteLength(text) - bytes) / 4)))
  return text
}

/** The `--memory-budget` (MB) that cleans `text`, by its shape. */
function budgetOf(text: string): number {
  return budgetFor(cleaningHeap(textShape(text)))
}

/**
 * The longest prose of `shape` whose shape fits the heap a thread of `budget` MB has for a document,
 * and the same with one more character, which does not.
 */
function aroundTheHeap(shape: 'one line' | 'lines', budget: number): {under: string; over: string} {
  const heap = documentHeap(budget * MB)
  // No text larger than this fits, whatever its shape.
  const whole = prose(largestDocument(budget * MB), shape)
  const fits = (length: number) => cleaningHeap(textShape(whole.slice(0, length))) <= heap
  let low = 0
  let high = whole.length
  expect(fits(high)).toBe(false)
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle
  }
  return {under: whole.slice(0, low), over: whole.slice(0, high)}
}

/** Write `prefix`, `megabytes` of prose on one line and `suffix` to `file` without holding them; returns the prose's size. */
function writeHuge(file: string, megabytes: number, prefix = '', suffix = '\n'): number {
  const chunk = Buffer.from('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(13_000))
  const descriptor = openSync(file, 'w')
  writeSync(descriptor, prefix)
  let bytes = 0
  while (bytes < megabytes * 1e6) bytes += writeSync(descriptor, chunk)
  writeSync(descriptor, suffix)
  closeSync(descriptor)
  return bytes
}

/** A buffer's LF-terminated lines. */
function lines(buffer: Buffer): Buffer[] {
  const found: Buffer[] = []
  for (let start = 0, end = buffer.indexOf(10); end !== -1; start = end + 1, end = buffer.indexOf(10, start)) found.push(buffer.subarray(start, end))
  return found
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk)
  return hash.digest('hex')
}

/** A report without what differs from run to run: time, and the output folder's name. */
function reportOf(file: string, out?: string): Record<string, unknown> {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  delete report.summary.elapsedMs
  return JSON.parse(JSON.stringify(report).replaceAll(`"${out}/`, '"OUT/'))
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'batch', 'worker.js'))) throw new Error('build first: npm run build')
})

describe('the same output for any number of workers (issue 19, item 6)', () => {
  it('passes a one-line record whose shape takes more than the default heap through, as too large, with the same bytes and report for 1 and 2 workers', () => {
    const directory = workspace()
    const {over} = aroundTheHeap('one line', DEFAULT_THREAD_BUDGET / MB)
    const big = JSON.stringify({id: 'big', text: over})
    // Its line is read and its text judged by its shape.
    expect(Buffer.byteLength(big)).toBeLessThan(largestRecordLine(DEFAULT_THREAD_BUDGET))
    const records = seedInputs.map((name, index) => JSON.stringify({id: `seed-${index}`, text: seedText(name)}))
    records.splice(2, 0, big)
    writeFileSync(path.join(directory, 'in.jsonl'), records.join('\n') + '\n')
    for (const workers of ['1', '2']) {
      const result = run(['clean', '--jsonl', 'in.jsonl', '-o', `out-${workers}.jsonl`, '--workers', workers, '--report', `r-${workers}.json`], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toContain(`in.jsonl:3: too large (${formatBytes(Buffer.byteLength(over))}; needs --memory-budget ${budgetOf(over)})`)
    }
    const one = readFileSync(path.join(directory, 'out-1.jsonl'), 'utf8')
    expect(readFileSync(path.join(directory, 'out-2.jsonl'), 'utf8')).toBe(one)
    const lines = one.trimEnd().split('\n')
    expect(lines[2]).toBe(big)
    expect(JSON.parse(lines[0]).text).toBe(seedClean(seedInputs[0]))
    const report = reportOf(path.join(directory, 'r-1.json'))
    expect(reportOf(path.join(directory, 'r-2.json'))).toEqual(report)
    expect(budgetOf(over)).toBeGreaterThan(DEFAULT_THREAD_BUDGET / MB)
    expect(report.skipped).toEqual([{path: 'in.jsonl:3', id: 'big', reason: 'too large', bytes: Buffer.byteLength(over), budget: budgetOf(over)}])
  })

  it('cleans the documents whose shape just fits the heap of a --memory-budget, on one line or many, and passes the one just over through, alike for 1 and 2 workers', () => {
    const lines = aroundTheHeap('lines', SMALL_BUDGET)
    const oneLine = aroundTheHeap('one line', SMALL_BUDGET)
    const directory = workspace({'in/under-lines.txt': lines.under, 'in/under-one-line.txt': oneLine.under, 'in/over.txt': lines.over})
    // Per byte, a text on one line takes much more heap than one on many lines.
    expect(Buffer.byteLength(lines.under)).toBeGreaterThan(2 * Buffer.byteLength(oneLine.under))
    for (const workers of ['1', '2']) {
      const result = run(['clean', 'in', '-o', `out-${workers}`, '--workers', workers, '--memory-budget', String(SMALL_BUDGET), '--report', `r-${workers}.json`, '-q'], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
    }
    for (const name of ['under-lines.txt', 'under-one-line.txt', 'over.txt']) {
      expect(readFileSync(path.join(directory, 'out-2', name), 'utf8')).toBe(readFileSync(path.join(directory, 'out-1', name), 'utf8'))
    }
    expect(readFileSync(path.join(directory, 'out-1', 'over.txt'), 'utf8')).toBe(lines.over)
    const report = reportOf(path.join(directory, 'r-1.json'), 'out-1')
    expect(reportOf(path.join(directory, 'r-2.json'), 'out-2')).toEqual(report)
    expect(report.summary).toMatchObject({documents: 2, skipped: 1, failed: 0})
    expect(report.skipped).toEqual([{path: path.join('in', 'over.txt'), output: 'OUT/over.txt', reason: 'too large', bytes: Buffer.byteLength(lines.over), budget: budgetOf(lines.over)}])
  })

  it('passes a text of very short lines through at once as too large, naming the budget that cleans it, and cleans it with that budget', () => {
    // Each line costs a thread some 540 bytes of heap, whatever its length: judged by its size,
    // this text of 0.4 MB ran its thread out of memory under the default budget.
    const text = 'a\n'.repeat(200_000)
    const needed = budgetOf(text)
    expect(needed).toBeGreaterThan(DEFAULT_THREAD_BUDGET / MB)
    const directory = workspace({'lines.txt': text})
    const refused = run(['clean', 'lines.txt', '-o', 'refused.txt', '--report', 'r.json'], {cwd: directory})
    expect(refused.code, refused.stderr).toBe(0)
    expect(refused.stderr).toContain(`lines.txt: too large (${formatBytes(text.length)}; needs --memory-budget ${needed})`)
    expect(readFileSync(path.join(directory, 'refused.txt'), 'utf8')).toBe(text)
    expect(reportOf(path.join(directory, 'r.json')).skipped).toEqual([{path: 'lines.txt', output: 'refused.txt', reason: 'too large', bytes: text.length, budget: needed}])
    const cleaned = run(['clean', 'lines.txt', '-o', 'cleaned.txt', '--memory-budget', String(needed), '--report', 'c.json', '-q'], {cwd: directory})
    expect(cleaned.code, cleaned.stderr).toBe(0)
    expect(reportOf(path.join(directory, 'c.json')).summary).toMatchObject({documents: 1, skipped: 0, failed: 0})
  }, 60_000)
})

describe('documents too large for memory (issue 19, item 10)', () => {
  it('copies a 200 MB file among small ones unchanged without reading it, cleans the others, and stays within the memory budget (--workers 2)', async () => {
    const directory = workspace()
    onTestFinished(() => rmSync(directory, {recursive: true, force: true}))
    mkdirSync(path.join(directory, 'in'))
    for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
    const bytes = writeHuge(path.join(directory, 'in', 'huge.txt'), 200) + 1
    const result = run(['clean', 'in', '-o', 'out', '--workers', '2', '--report', 'r.json', '--stats-json', 'stats.json', '-q'], {cwd: directory})
    expect(result.code, result.stderr).toBe(0)
    expect(await sha256(path.join(directory, 'out', 'huge.txt'))).toBe(await sha256(path.join(directory, 'in', 'huge.txt')))
    for (const name of seedInputs) expect(readFileSync(path.join(directory, 'out', name), 'utf8')).toBe(seedClean(name))
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).skipped).toEqual([{path: path.join('in', 'huge.txt'), output: path.join('out', 'huge.txt'), reason: 'too large', bytes}])
    // The main thread's memory and each thread's --memory-budget (pool-size.ts).
    expect(JSON.parse(readFileSync(path.join(directory, 'stats.json'), 'utf8')).maxRssBytes).toBeLessThan(memoryFor(2))
  }, 60_000)

  it('copies a 100 MB JSON Lines record as it is read, between records it cleans, within the memory budget', async () => {
    const directory = workspace()
    onTestFinished(() => rmSync(directory, {recursive: true, force: true}))
    const small = seedInputs.map((name, index) => JSON.stringify({id: index, text: seedText(name)}))
    const head = '{"id": "huge", "text": "'
    const bytes = writeHuge(path.join(directory, 'in.jsonl'), 100, small.slice(0, 3).join('\n') + '\n' + head, '"}\n' + small.slice(3).join('\n') + '\n')
    const result = run(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--workers', '2', '--report', 'r.json', '--stats-json', 'stats.json', '-q'], {cwd: directory})
    expect(result.code, result.stderr).toBe(0)
    const input = lines(readFileSync(path.join(directory, 'in.jsonl')))
    const output = lines(readFileSync(path.join(directory, 'out.jsonl')))
    expect(output[3].equals(input[3])).toBe(true)
    const cleaned = output.filter((_, index) => index !== 3).map((line) => JSON.parse(line.toString()))
    expect(cleaned.map((record) => record.text)).toEqual(seedInputs.map(seedClean))
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).skipped).toEqual([{path: 'in.jsonl:4', reason: 'too large', bytes: head.length + bytes + 2}])
    expect(JSON.parse(readFileSync(path.join(directory, 'stats.json'), 'utf8')).maxRssBytes).toBeLessThan(memoryFor(2))
  }, 60_000)

  it('writes the report of many records and a long one in pieces, within a main-thread heap the report as one string overruns', async () => {
    const directory = workspace()
    onTestFinished(() => rmSync(directory, {recursive: true, force: true}))
    // Articles with boilerplate after each paragraph: some 30 removals a record, a report six times the input's size.
    const texts = seedInputs.map(seedText)
    const records = Array.from({length: 800}, (_, index) =>
      JSON.stringify({
        id: `r${index}`,
        text: texts[index % texts.length]
          .split('\n')
          .map((line) => `${line}\nFoto Sipa USA\nShare on Facebook\nRead more: https://example.com/${index}`)
          .join('\n')
      })
    )
    // Among them, a line longer than a record may be (at the default budget), copied as it is read.
    const head = '{"id": "long", "text": "'
    const megabytes = Math.ceil(largestRecordLine(DEFAULT_THREAD_BUDGET) / 1e6) + 1
    const bytes = writeHuge(path.join(directory, 'in.jsonl'), megabytes, records.slice(0, 400).join('\n') + '\n' + head, '"}\n' + records.slice(400).join('\n') + '\n')
    // 80 MB of heap holds the run and its report's entries (it needs some 55 MB), not the report
    // as one string beside them (it needed over 100 MB: the text, and its copy on the way to UTF-8).
    const result = spawnSync(process.execPath, ['--max-old-space-size=80', bin, 'clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--workers', '2', '--report', 'r.json', '--stats-json', 'stats.json', '-q'], {cwd: directory, encoding: 'utf8'})
    expect(result.status, result.stderr).toBe(0)
    const text = readFileSync(path.join(directory, 'r.json'), 'utf8')
    expect(text.length).toBeGreaterThan(25e6)
    const report = JSON.parse(text)
    expect(text).toBe(JSON.stringify(report, null, 2) + '\n')
    expect(report.summary.documents).toBe(800)
    expect(report.skipped).toEqual([{path: 'in.jsonl:401', reason: 'too large', bytes: head.length + bytes + 2}])
    const input = lines(readFileSync(path.join(directory, 'in.jsonl')))
    const output = lines(readFileSync(path.join(directory, 'out.jsonl')))
    expect(output).toHaveLength(801)
    expect(output[400].equals(input[400])).toBe(true)
    expect(output.filter((_, index) => index !== 400).map((line) => JSON.parse(line.toString()).id)).toEqual(records.map((_, index) => `r${index}`))
    expect(JSON.parse(readFileSync(path.join(directory, 'stats.json'), 'utf8')).maxRssBytes).toBeLessThan(memoryFor(2))
  }, 120_000)

  it('passes a record whose line is over the record limit, or whose text takes more than the heap, through unchanged', () => {
    const lineLimit = largestRecordLine(SMALL_BUDGET * MB)
    const {over: text} = aroundTheHeap('one line', SMALL_BUDGET)
    const longLine = JSON.stringify({id: 'long', html: 'x'.repeat(lineLimit), text: 'Title\n\nShort text.\n'})
    const longText = JSON.stringify({id: 'text', text})
    expect(Buffer.byteLength(longText)).toBeLessThan(lineLimit)
    const input = [JSON.stringify({id: 'first', text: 'Title\n\nA paragraph.\n\nShare this article\n'}), longLine, longText, JSON.stringify({id: 'last', text: 'Title\n\nAnother.\n'})].join('\n') + '\n'
    const directory = workspace()
    const result = run(['clean', '--jsonl', '--memory-budget', String(SMALL_BUDGET), '--report', path.join(directory, 'r.json'), '-q'], {input})
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[1]).toBe(longLine)
    expect(lines[2]).toBe(longText)
    expect(JSON.parse(lines[0]).text).toBe('Title\n\nA paragraph.\n')
    expect(JSON.parse(lines[3]).id).toBe('last')
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).skipped).toEqual([
      {path: '<stdin>:2', reason: 'too large', bytes: Buffer.byteLength(longLine)},
      {path: '<stdin>:3', id: 'text', reason: 'too large', bytes: Buffer.byteLength(text), budget: budgetOf(text)}
    ])
  })

  it('--resume counts a line too long to read as the record it wrote, and finishes the output as one run does', () => {
    const longLine = JSON.stringify({id: 'long', text: prose(largestRecordLine(SMALL_BUDGET * MB) + 10, 'lines')})
    const records = [JSON.stringify({id: 0, text: 'Title\n\nA paragraph.\n\nShare this article\n'}), longLine, JSON.stringify({id: 2, text: 'Title\n\nAnother.\n'})]
    const directory = workspace({'in.jsonl': records.join('\n') + '\n'})
    const args = ['clean', '--jsonl', 'in.jsonl', '--memory-budget', String(SMALL_BUDGET), '-q']
    const full = run(args, {cwd: directory})
    expect(full.code, full.stderr).toBe(0)
    // A run interrupted after the long line: two whole records in the partial file.
    const written = full.stdout.split('\n')
    expect(written[1]).toBe(longLine)
    writeFileSync(path.join(directory, 'out.jsonl.decruft-partial'), written.slice(0, 2).join('\n') + '\n')
    const resumed = run([...args, '-o', 'out.jsonl', '--resume', '--report', 'r.json'], {cwd: directory})
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'out.jsonl'), 'utf8')).toBe(full.stdout)
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).summary).toMatchObject({resumed: 2, documents: 1})
  })

  it('passes a document on standard input over the limit through as it is read, to standard output and to a file', () => {
    const directory = workspace()
    const input = prose(3 * smallLimit, 'lines')
    const toStdout = run(['clean', '-', '--memory-budget', String(SMALL_BUDGET), '--report', path.join(directory, 'r.json'), '-q'], {input})
    expect(toStdout.code, toStdout.stderr).toBe(0)
    expect(toStdout.stdout).toBe(input)
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).skipped).toEqual([{path: '<stdin>', reason: 'too large', bytes: Buffer.byteLength(input)}])
    const toFile = run(['clean', '-', '-o', 'out.txt', '--memory-budget', String(SMALL_BUDGET), '-q'], {cwd: directory, input})
    expect(toFile.code, toFile.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'out.txt'), 'utf8')).toBe(input)
    expect(readdirSync(directory).sort()).toEqual(['out.txt', 'r.json'])
  })

  it('passes a file that runs its thread out of memory through and reports it, cleans the others, the same for 1 and 2 workers', () => {
    // Above the limit of the budget (raised by hand), and the shape that takes the most memory per
    // byte (each line costs a thread about 1 kB): far more than the thread's heap holds, so that it
    // runs out soon.
    const heavy = prose(1_200_000, 'a word a line')
    const directory = workspace({'in/heavy.txt': heavy})
    for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
    for (const workers of ['1', '2']) {
      const result = run(['clean', 'in', '-o', `out-${workers}`, '--workers', workers, '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '10000000', '--report', `r-${workers}.json`], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toContain('1 out of memory')
      expect(readFileSync(path.join(directory, `out-${workers}`, 'heavy.txt'), 'utf8')).toBe(heavy)
      for (const name of seedInputs) expect(readFileSync(path.join(directory, `out-${workers}`, name), 'utf8')).toBe(seedClean(name))
    }
    const report = reportOf(path.join(directory, 'r-1.json'), 'out-1')
    expect(reportOf(path.join(directory, 'r-2.json'), 'out-2')).toEqual(report)
    expect(report.skipped).toEqual([{path: path.join('in', 'heavy.txt'), output: 'OUT/heavy.txt', reason: 'out of memory', bytes: Buffer.byteLength(heavy)}])
  }, 60_000)

  it('passes a text whose string alone would fill its thread\'s heap through as too large under --max-doc-bytes, never trying it', () => {
    // With the size alone to go by, a 5 MB text under a budget whose thread has 8 MB for a document:
    // its string would fill the heap on its own, which made V8 abort the whole process (exit 134)
    // in six runs of eight under load, instead of ending the thread. A record of it alike.
    const docHeap = documentHeap(SMALL_BUDGET * MB)
    const big = prose(Math.ceil(docHeap / 2) + 100_000, 'lines')
    expect(2 * Buffer.byteLength(big)).toBeGreaterThan(docHeap)
    const directory = workspace({'in/big.txt': big, 'records.jsonl': `${JSON.stringify({id: 'big', text: big})}\n${JSON.stringify({id: 'small', text: seedText(seedInputs[0])})}\n`})
    for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
    const files = run(['clean', 'in', '-o', 'out', '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '100000000', '--report', 'r.json', '-q'], {cwd: directory})
    expect(files.code, files.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'out', 'big.txt'), 'utf8')).toBe(big)
    for (const name of seedInputs) expect(readFileSync(path.join(directory, 'out', name), 'utf8')).toBe(seedClean(name))
    expect(reportOf(path.join(directory, 'r.json'), 'out').skipped).toEqual([{path: path.join('in', 'big.txt'), output: 'OUT/big.txt', reason: 'too large', bytes: Buffer.byteLength(big)}])
    const records = run(['clean', '--jsonl', 'records.jsonl', '-o', 'out.jsonl', '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '100000000', '--report', 'rj.json', '-q'], {cwd: directory})
    expect(records.code, records.stderr).toBe(0)
    const [first, second] = readFileSync(path.join(directory, 'out.jsonl'), 'utf8').split('\n')
    expect(first).toBe(JSON.stringify({id: 'big', text: big}))
    expect(JSON.parse(second).decruft).toBeDefined()
    const skipped = JSON.parse(readFileSync(path.join(directory, 'rj.json'), 'utf8')).skipped
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatchObject({id: 'big', reason: 'too large', budget: budgetOf(big)})
  }, 60_000)

  it('passes a large file that runs its thread out of memory through to standard output, read again once its bytes moved to the thread', () => {
    // Over a megabyte: its bytes move to the thread, and the main thread keeps no copy.
    const heavy = prose(1_200_000, 'a word a line')
    expect(Buffer.byteLength(heavy)).toBeGreaterThan(1 << 20)
    const directory = workspace({'heavy.txt': heavy})
    const result = run(['clean', 'heavy.txt', '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '10000000'], {cwd: directory})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('1 out of memory')
    expect(result.stdout).toBe(heavy)
  }, 30_000)

  it('passes a record that runs its thread out of memory through as it came, between records it cleans', () => {
    const heavy = prose(1_200_000, 'a word a line')
    const records = [JSON.stringify({id: 'before', text: 'Title\n\nA paragraph.\n\nShare this article\n'}), JSON.stringify({id: 'heavy', text: heavy}), JSON.stringify({id: 'after', text: 'Title\n\nAnother.\n'})]
    const jsonl = run(['clean', '--jsonl', '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '10000000'], {input: records.join('\n') + '\n'})
    expect(jsonl.code, jsonl.stderr).toBe(0)
    const lines = jsonl.stdout.split('\n')
    expect(lines[1]).toBe(records[1])
    expect(JSON.parse(lines[0]).text).toBe('Title\n\nA paragraph.\n')
    expect(jsonl.stderr).toContain('<stdin>:2: out of memory')
  }, 30_000)

  it('cleans the records sent to a thread with one that runs it out of memory, sending them again', () => {
    // Under a megabyte: the heavy record goes to a thread in a batch with the records around it,
    // and the thread dies with all of them. They are sent again one by one: each must still have
    // its bytes (a batch's bytes are copied to its thread, not moved).
    const heavy = prose(900_000, 'a word a line')
    expect(Buffer.byteLength(heavy)).toBeLessThan(1 << 20)
    const small = Array.from({length: 6}, (_, index) => JSON.stringify({id: `r${index}`, text: `Title ${index}\n\nA paragraph about the council.\n\nShare this article\n`}))
    const records = [...small.slice(0, 3), JSON.stringify({id: 'heavy', text: heavy}), ...small.slice(3)]
    for (const workers of ['1', '2']) {
      const jsonl = run(['clean', '--jsonl', '--workers', workers, '--memory-budget', String(SMALL_BUDGET), '--max-doc-bytes', '10000000'], {input: records.join('\n') + '\n'})
      expect(jsonl.code, jsonl.stderr).toBe(0)
      const lines = jsonl.stdout.split('\n').filter(Boolean)
      expect(lines).toHaveLength(records.length)
      expect(lines[3]).toBe(records[3])
      for (const at of [0, 1, 2, 4, 5, 6]) expect(JSON.parse(lines[at]).text, `${workers} workers, record ${at}`).toMatch(/^Title \d\n\nA paragraph about the council\.\n$/)
      expect(jsonl.stderr).toContain('<stdin>:4: out of memory')
      expect(jsonl.stderr).not.toMatch(/<stdin>:[1235-7]:/)
    }
  }, 60_000)

  it('refuses a --memory-budget too small for a thread to hold the rules', () => {
    const result = run(['clean', '-', '--memory-budget', String(SMALL_BUDGET - 1)], {input: 'Title\n\nText.\n'})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`--memory-budget must be a whole number ≥ ${SMALL_BUDGET}`)
  })
})

/** The binary with a document that takes 20 s, interrupted once that document has started. */
async function interrupted(args: string[], options: {cwd: string; input?: string; signals?: NodeJS.Signals[]; keepStdinOpen?: boolean}) {
  const mark = path.join(options.cwd, '.started')
  const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd, env: {...process.env, DECRUFT_TEST_SLOW_MS: '20000', DECRUFT_TEST_SLOW_MARK: mark}})
  const stdout: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  if (options.input !== undefined) child.stdin.write(options.input)
  if (!options.keepStdinOpen) child.stdin.end()
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  const ready = () => (options.keepStdinOpen ? stdout.length > 0 : existsSync(mark))
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before the signal: ${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const signalled = Date.now()
  for (const signal of options.signals ?? ['SIGINT']) child.kill(signal)
  const code = await closed
  return {code, seconds: (Date.now() - signalled) / 1000, stdout: Buffer.concat(stdout).toString(), stderr}
}

const slowDocument = 'A slow page\n\nA body paragraph decruft-test-slow that reads like prose.\n\nShare this article\n'

/** Folder `in` with the seeds and a slow document, and no leftover temporary files anywhere. */
function slowFolder(): string {
  const directory = workspace({'in/999_slow.txt': slowDocument})
  for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
  return directory
}

function allFiles(directory: string): string[] {
  return readdirSync(directory, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort()
}

describe('Ctrl-C and SIGTERM stop every mode at once, writing nothing half-done (issue 19, item 8)', () => {
  it('one file to standard output, --workers 1', async () => {
    const directory = workspace({'slow.txt': slowDocument})
    const result = await interrupted(['clean', 'slow.txt', '--workers', '1', '-q'], {cwd: directory})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(result.stdout).toBe('')
  }, 30_000)

  it('one file to -o FILE (SIGTERM)', async () => {
    const directory = workspace({'slow.txt': slowDocument})
    const result = await interrupted(['clean', 'slow.txt', '-o', 'out.txt', '-q'], {cwd: directory, signals: ['SIGTERM']})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(allFiles(directory)).toEqual(['.started', 'slow.txt'])
  }, 30_000)

  it('standard input to standard output', async () => {
    const directory = workspace()
    const result = await interrupted(['clean', '-', '-q'], {cwd: directory, input: slowDocument})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(result.stdout).toBe('')
  }, 30_000)

  it('a folder to -o DIR: only whole outputs, none for the document in flight', async () => {
    const directory = slowFolder()
    const result = await interrupted(['clean', 'in', '-o', 'out', '-q'], {cwd: directory})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    const written = existsSync(path.join(directory, 'out')) ? allFiles(path.join(directory, 'out')) : []
    expect(written).not.toContain('999_slow.txt')
    for (const name of written) expect(readFileSync(path.join(directory, 'out', name), 'utf8')).toBe(seedClean(name))
  }, 30_000)

  it('a folder --in-place: every file its original or its whole clean text, the one in flight untouched', async () => {
    const directory = slowFolder()
    const result = await interrupted(['clean', 'in', '--in-place', '--workers', '1', '-q'], {cwd: directory})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(allFiles(path.join(directory, 'in'))).toEqual([...seedInputs, '999_slow.txt'].sort())
    expect(readFileSync(path.join(directory, 'in', '999_slow.txt'), 'utf8')).toBe(slowDocument)
    for (const name of seedInputs) expect([seedText(name), seedClean(name)]).toContain(readFileSync(path.join(directory, 'in', name), 'utf8'))
  }, 30_000)

  const records = (count: number, slow: number) =>
    Array.from({length: count}, (_, index) => JSON.stringify({id: index, text: index === slow ? slowDocument : `Title ${index}\n\nA body paragraph that reads like prose, number ${index}.\n\nShare this article\n`})).join('\n') + '\n'

  /** The ids of whole output records, which must be the input's first ones, in order. */
  const wholeRecords = (output: string) => {
    expect(output === '' || output.endsWith('\n')).toBe(true)
    const ids = output.split('\n').filter(Boolean).map((line) => JSON.parse(line).id)
    expect(ids).toEqual(ids.map((_, index) => index))
    return ids
  }

  it('JSON Lines to standard output: whole records only, up to the one in flight', async () => {
    const directory = workspace({'in.jsonl': records(60, 40)})
    const result = await interrupted(['clean', '--jsonl', 'in.jsonl', '-q'], {cwd: directory})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(wholeRecords(result.stdout).length).toBeLessThan(40)
  }, 30_000)

  it('JSON Lines to -o FILE: no output file, the partial file ends after whole records', async () => {
    const directory = workspace({'in.jsonl': records(60, 40)})
    const result = await interrupted(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--workers', '2', '-q'], {cwd: directory})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(existsSync(path.join(directory, 'out.jsonl'))).toBe(false)
    expect(wholeRecords(readFileSync(path.join(directory, 'out.jsonl.decruft-partial'), 'utf8')).length).toBeLessThan(40)
  }, 30_000)

  it('JSON Lines on standard input whose writer has gone quiet', async () => {
    const directory = workspace()
    const result = await interrupted(['clean', '--jsonl', '-q'], {cwd: directory, input: records(1, -1), keepStdinOpen: true})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(wholeRecords(result.stdout)).toEqual([0])
  }, 30_000)

  it('a second Ctrl-C exits at once', async () => {
    const directory = workspace({'slow.txt': slowDocument})
    const result = await interrupted(['clean', 'slow.txt', '-o', 'out.txt', '-q'], {cwd: directory, signals: ['SIGINT', 'SIGINT']})
    expect(result.code).toBe(130)
    expect(result.seconds).toBeLessThan(10)
    expect(allFiles(directory)).toEqual(['.started', 'slow.txt'])
  }, 30_000)
})
