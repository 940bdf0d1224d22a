/**
 * Cleaning corpora at scale, through the built binary: worker threads give the same output as one
 * thread, JSON Lines keep their order, gzip in and out, --resume, Ctrl-C, --max-doc-bytes,
 * --doc-timeout, progress lines, and the streaming-mapper contract (Hadoop Streaming, Spark's
 * `RDD.pipe`): records split over several concurrent runs give the same bytes as one run.
 */

import {spawn, spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {gunzipSync, gzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Cleaner} from '../src/cleaner.js'
import {runBatch, runTask, type Task} from '../src/batch/work.js'
import {loadConfig} from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
const seeds = path.join(root, 'fixtures', 'seeds')
const seedInputs = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], options: {cwd?: string; input?: string | Buffer; env?: Record<string, string>} = {}): Result {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd: options.cwd ?? root, input: options.input ?? '', encoding: 'utf8', env: {...process.env, ...options.env}, maxBuffer: 1 << 28})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** The binary as a child process that runs alongside others. */
function start(args: string[], options: {cwd?: string; input?: string | Buffer; env?: Record<string, string>} = {}) {
  const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd ?? root, env: {...process.env, ...options.env}})
  const stdout: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin.end(options.input ?? '')
  const done = new Promise<Result & {bytes: Buffer}>((resolve) =>
    child.on('close', (code) => resolve({code, stdout: Buffer.concat(stdout).toString(), bytes: Buffer.concat(stdout), stderr}))
  )
  return {child, done}
}

function temporary(): string {
  return mkdtempSync(path.join(tmpdir(), 'decruft-scale-'))
}

async function waitFor(condition: () => boolean, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Records of varied real pages: the seeds and some benchmark-like texts, each with an id and a url. */
function corpus(): string[] {
  const records: string[] = []
  for (const [index, name] of seedInputs.entries()) {
    const text = readFileSync(path.join(seeds, name), 'utf8')
    records.push(JSON.stringify({id: `seed-${index}`, url: `https://example.com/${index}`, text}))
    // The same page with its lines shuffled around: other decisions, same size.
    const lines = text.split('\n')
    records.push(JSON.stringify({id: `seed-${index}-rev`, text: [...lines].reverse().join('\n')}))
  }
  records.push(JSON.stringify({id: 'short', text: 'Share this article\n'}))
  return records
}

const reportWithoutTime = (file: string) => {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  delete report.summary.elapsedMs
  return report
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'batch', 'worker.js'))) throw new Error('build first: npm run build')
})

describe('worker threads', () => {
  it('clean a folder to the same files and report with 1 and 2 workers', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in', 'nested'), {recursive: true})
    for (const [index, name] of seedInputs.entries()) copyFileSync(path.join(seeds, name), path.join(directory, 'in', index % 2 ? 'nested' : '.', name))
    const one = run(['clean', 'in', '-o', 'one', '--workers', '1', '--report', 'one.json', '-q'], {cwd: directory})
    const two = run(['clean', 'in', '-o', 'two', '--workers', '2', '--report', 'two.json', '-q'], {cwd: directory})
    expect([one.code, two.code]).toEqual([0, 0])
    for (const [index, name] of seedInputs.entries()) {
      const relative = path.join(index % 2 ? 'nested' : '.', name)
      const expected = readFileSync(path.join(seeds, name.replace('.txt', '.clean.txt')), 'utf8')
      expect(readFileSync(path.join(directory, 'one', relative), 'utf8')).toBe(expected)
      expect(readFileSync(path.join(directory, 'two', relative), 'utf8')).toBe(expected)
    }
    const reports = [reportWithoutTime(path.join(directory, 'one.json')), reportWithoutTime(path.join(directory, 'two.json'))]
    for (const report of reports) for (const file of report.files) file.output = file.output.replace(/^(one|two)\//, '')
    expect(reports[1]).toEqual(reports[0])
  })

  it('clean JSON Lines to the same bytes, in input order, with 1 and 2 workers', () => {
    // Enough records that documents wait for a thread and go to it in batches.
    const records = Array.from({length: 30}, (_, round) => corpus().map((record) => JSON.stringify({...JSON.parse(record), id: `${JSON.parse(record).id}#${round}`}))).flat()
    const input = records.join('\n') + '\n'
    const one = run(['clean', '--jsonl', '--workers', '1', '-q'], {input})
    const two = run(['clean', '--jsonl', '--workers', '2', '-q'], {input})
    expect([one.code, two.code], one.stderr + two.stderr).toEqual([0, 0])
    expect(two.stdout).toBe(one.stdout)
    expect(one.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(records.map((record) => JSON.parse(record).id))
    // The threads are told how much of each removal to write (`--removed`), as the main thread is.
    const brief = ['1', '2'].map((workers) => run(['clean', '--jsonl', '--workers', workers, '--removed', 'brief', '-q'], {input}).stdout)
    expect(brief[1]).toBe(brief[0])
    const briefRecords = brief[0].trim().split('\n').map((line) => JSON.parse(line))
    expect(briefRecords.map((record) => record.text)).toEqual(one.stdout.trim().split('\n').map((line) => JSON.parse(line).text))
    const removals = briefRecords.flatMap((record) => record.decruft.removed)
    expect(removals.length).toBeGreaterThan(0)
    for (const removal of removals) expect(Object.keys(removal)).toEqual(['rule', 'category', 'startLine', 'endLine', 'start', 'end'])
  })
})

describe('worker start-up', () => {
  it('cleans with the resolved config and prefilters it is given, without working any out or loading the YAML parser or the schema validator', async () => {
    const config = loadConfig({cwd: root})
    // As the pool's data is made: after this thread compiled the config (in the built code, whose fingerprint the thread checks).
    const dist = new URL('../dist/', import.meta.url).href
    const {createCleaner} = await import(`${dist}cleaner.js`)
    const {knownPrefilters} = await import(`${dist}engine/literals.js`)
    createCleaner(config, {messages: false})
    const code = `
      const {parentPort, workerData} = require('node:worker_threads')
      Promise.all([import(workerData.dist + 'cleaner.js'), import(workerData.dist + 'engine/literals.js')]).then(([{createCleaner}, {knownPrefilters, rememberPrefilters}]) => {
        rememberPrefilters(workerData.prefilters)
        const given = Object.keys(knownPrefilters().patterns).length
        const result = createCleaner(workerData.config, {messages: false}).clean(workerData.text)
        const known = Object.keys(knownPrefilters().patterns).length
        const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\/](yaml|ajv)[\\/]/.test(file))
        parentPort.postMessage({removed: result.removed.length, given, known, loaded})
      })`
    const text = readFileSync(path.join(seeds, seedInputs[0]), 'utf8')
    const worker = new Worker(code, {eval: true, workerData: {config, text, dist, prefilters: knownPrefilters()}})
    const answer = await new Promise<{removed: number; given: number; known: number; loaded: string[]}>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    expect(answer.removed).toBeGreaterThan(0)
    expect(answer.given).toBeGreaterThan(400)
    expect(answer.known).toBe(answer.given)
    expect(answer.loaded).toEqual([])
  })
})

describe('batches', () => {
  it('give each document its own result: one that throws fails alone', () => {
    const cleaner = {
      clean(text: string) {
        if (text.includes('explode')) throw new Error('boom')
        return {text: text.toUpperCase(), title: null, lang: 'und', removed: [], messages: []}
      }
    } as unknown as Cleaner
    const task = (text: string): Task => ({kind: 'text', bytes: new TextEncoder().encode(text), options: {}, details: false})
    const {results} = runBatch(cleaner, {kind: 'batch', tasks: [task('first\n'), task('explode\n'), task('third\n')]})
    expect(results.map((result) => result.status)).toEqual(['cleaned', 'failed', 'cleaned'])
    expect(results[0]).toMatchObject({output: 'FIRST\n'})
    expect(results[1]).toEqual({status: 'failed', message: 'boom'})
    expect(results[2]).toMatchObject({output: 'THIRD\n'})
  })
})

describe('text tasks', () => {
  it('let their bytes go before the text is cleaned', () => {
    const task: Task = {kind: 'text', bytes: new TextEncoder().encode('Body.\n'), options: {}, details: false}
    let bytesWhileCleaning = -1
    const cleaner = {
      clean(text: string) {
        bytesWhileCleaning = task.bytes.length
        return {text, title: null, lang: 'und', removed: [], messages: []}
      }
    } as unknown as Cleaner
    expect(runTask(cleaner, task)).toMatchObject({status: 'cleaned', output: 'Body.\n', bytesIn: 6})
    expect(bytesWhileCleaning).toBe(0)
  })
})

describe('gzip', () => {
  it('reads .jsonl.gz and gzip on standard input, writes -o out.jsonl.gz', () => {
    const directory = temporary()
    const input = corpus().join('\n') + '\n'
    mkdirSync(path.join(directory, 'in'))
    writeFileSync(path.join(directory, 'in', 'in.jsonl.gz'), gzipSync(input))
    const plain = run(['clean', '--jsonl', '-q'], {input})
    expect(run(['clean', '--jsonl', 'in/in.jsonl.gz', '-o', 'out.jsonl.gz', '-q'], {cwd: directory}).code).toBe(0)
    expect(gunzipSync(readFileSync(path.join(directory, 'out.jsonl.gz'))).toString()).toBe(plain.stdout)
    expect(run(['clean', '--jsonl', '-q'], {input: gzipSync(input)}).stdout).toBe(plain.stdout)
    // A folder's .jsonl.gz files are inputs too.
    expect(run(['clean', '--jsonl', 'in', '-q'], {cwd: directory}).stdout).toBe(plain.stdout)
  })
})

describe('--resume', () => {
  it('skips the inputs of a folder whose output exists, and counts them', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in'))
    for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
    mkdirSync(path.join(directory, 'out'))
    // An earlier run wrote two outputs (atomically: an output that exists is complete).
    writeFileSync(path.join(directory, 'out', seedInputs[0]), 'written earlier\n')
    writeFileSync(path.join(directory, 'out', seedInputs[1]), 'written earlier\n')
    const result = run(['clean', 'in', '-o', 'out', '--resume', '--report', 'r.json'], {cwd: directory})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('3 documents cleaned')
    expect(result.stderr).toContain('resumed: 2 documents already written by an earlier run')
    expect(readFileSync(path.join(directory, 'out', seedInputs[0]), 'utf8')).toBe('written earlier\n')
    expect(readFileSync(path.join(directory, 'out', seedInputs[2]), 'utf8')).toBe(readFileSync(path.join(seeds, seedInputs[2].replace('.txt', '.clean.txt')), 'utf8'))
    const report = JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8'))
    expect(report.summary).toMatchObject({documents: 3, resumed: 2})
  })

  it('completes a JSON Lines output cut mid-record to exactly the full run', () => {
    const directory = temporary()
    // Bad records produce no output line: resuming must count records, not lines.
    const records = corpus()
    records.splice(3, 0, '{not json')
    writeFileSync(path.join(directory, 'in.jsonl'), records.join('\n') + '\n')
    expect(run(['clean', '--jsonl', 'in.jsonl', '-o', 'full.jsonl', '-q'], {cwd: directory}).code).toBe(1)
    const full = readFileSync(path.join(directory, 'full.jsonl'))
    const lines = full.toString().split('\n')
    // Killed while writing record 6: five whole lines and part of the sixth.
    const cut = Buffer.from(lines.slice(0, 5).join('\n') + '\n' + lines[5].slice(0, 40))
    for (const name of ['out.jsonl.decruft-partial', 'out.jsonl']) {
      writeFileSync(path.join(directory, name), cut)
      const result = run(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--resume', '--report', 'r.json'], {cwd: directory})
      expect(result.code).toBe(1)
      expect(readFileSync(path.join(directory, 'out.jsonl'))).toEqual(full)
      expect(existsSync(path.join(directory, 'out.jsonl.decruft-partial'))).toBe(false)
      const report = JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8'))
      expect(report.summary.resumed).toBe(5)
      expect(report.summary.documents).toBe(records.length - 1 - 5)
    }
    // gzip output: a stream cut short is rebuilt from its whole records, then continued.
    expect(run(['clean', '--jsonl', 'in.jsonl', '-o', 'full.jsonl.gz', '-q'], {cwd: directory}).code).toBe(1)
    const zipped = readFileSync(path.join(directory, 'full.jsonl.gz'))
    writeFileSync(path.join(directory, 'out.jsonl.gz.decruft-partial'), zipped.subarray(0, Math.floor(zipped.length / 2)))
    expect(run(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl.gz', '--resume', '-q'], {cwd: directory}).code).toBe(1)
    expect(gunzipSync(readFileSync(path.join(directory, 'out.jsonl.gz')))).toEqual(full)
  })
})

describe('interrupts', () => {
  it('Ctrl-C ends the output after whole records, leaves no output file, exits 130; --resume finishes it', async () => {
    const directory = temporary()
    // Every record keeps its thread busy for 150 ms (a test hook), so the run is still going when the signal comes.
    const records = Array.from({length: 40}, (_, index) => JSON.stringify({id: index, text: `Title ${index}\n\nA body paragraph decruft-test-slow that reads like prose, number ${index}.\n\nShare this article\n`}))
    writeFileSync(path.join(directory, 'in.jsonl'), records.join('\n') + '\n')
    const env = {DECRUFT_TEST_SLOW_MS: '150'}
    const partial = path.join(directory, 'out.jsonl.decruft-partial')
    const {child, done} = start(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--workers', '2'], {cwd: directory, env})
    await waitFor(() => existsSync(partial) && readFileSync(partial).includes('\n'))
    child.kill('SIGINT')
    const result = await done
    expect(result.code).toBe(130)
    expect(result.stderr).toContain('interrupted')
    expect(existsSync(path.join(directory, 'out.jsonl'))).toBe(false)
    const written = readFileSync(partial, 'utf8')
    expect(written.endsWith('\n')).toBe(true)
    const ids = written.trim().split('\n').map((line) => JSON.parse(line).id)
    expect(ids).toEqual(ids.map((_, index) => index))
    expect(ids.length).toBeLessThan(records.length)

    const resumed = run(['clean', '--jsonl', 'in.jsonl', '-o', 'out.jsonl', '--resume', '-q'], {cwd: directory, env: {DECRUFT_TEST_SLOW_MS: '0'}})
    expect(resumed.code).toBe(0)
    const whole = run(['clean', '--jsonl', 'in.jsonl', '-q'], {cwd: directory})
    expect(readFileSync(path.join(directory, 'out.jsonl'), 'utf8')).toBe(whole.stdout)
  })

  it('a closed standard output (`| head`) ends the run quietly with 141, giving up the documents in flight', async () => {
    // The first record is quick; the others would each keep a thread busy for a minute (a test hook),
    // so the run can only end in time if the documents in flight are given up.
    const records = [JSON.stringify({id: 0, text: 'Title\n\nA body paragraph that reads like prose.\n'})]
    for (let index = 1; index < 6; index++) records.push(JSON.stringify({id: index, text: `Title ${index}\n\nA body paragraph decruft-test-slow, number ${index}.\n`}))
    // --doc-timeout sends documents one at a time, so the quick one is not held in a batch with slow ones.
    const {child, done} = start(['clean', '--jsonl', '--workers', '2', '--doc-timeout', '120000'], {input: records.join('\n') + '\n', env: {DECRUFT_TEST_SLOW_MS: '60000'}})
    // The reader goes away before anything is written: the first record's write fails.
    child.stdout.destroy()
    const result = await done
    expect(result.code).toBe(141)
    expect(result.stderr).toBe('')
  }, 30_000)

  it('a closed standard output fails the one clean text written to it with 141, not an unhandled error', async () => {
    const directory = temporary()
    // Big enough that its write is still pending when the command is done.
    const lines = Array.from({length: 20_000}, (_, index) => `Paragraph ${index} of a long article, which reads like prose and stays in the clean text.`)
    writeFileSync(path.join(directory, 'long.txt'), `A long article\n\n${lines.join('\n\n')}\n`)
    const {child, done} = start(['clean', 'long.txt', '-q'], {cwd: directory})
    child.stdout.destroy()
    const result = await done
    expect(result.code).toBe(141)
    expect(result.stderr).toBe('')
  })

  it('Ctrl-C in a folder run leaves only whole outputs and exits 130', async () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in'))
    for (let index = 0; index < 30; index++) writeFileSync(path.join(directory, 'in', `${String(index).padStart(2, '0')}.txt`), `Title ${index}\n\nA body paragraph decruft-test-slow that reads like prose, number ${index}.\n`)
    const {child, done} = start(['clean', 'in', '-o', 'out', '--workers', '1', '--concurrency', '2'], {cwd: directory, env: {DECRUFT_TEST_SLOW_MS: '150'}})
    await waitFor(() => existsSync(path.join(directory, 'out')) && readdirSync(path.join(directory, 'out')).some((name) => name.endsWith('.txt')))
    child.kill('SIGINT')
    const result = await done
    expect(result.code).toBe(130)
    const names = readdirSync(path.join(directory, 'out'))
    expect(names.length).toBeLessThan(30)
    for (const name of names) expect(readFileSync(path.join(directory, 'out', name), 'utf8')).toMatch(/^Title \d+\n\nA body paragraph decruft-test-slow that reads like prose, number \d+\.\n$/)
  })
})

describe('limits', () => {
  it('--max-doc-bytes passes a big document through unchanged and reports it', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in'))
    const big = 'Big page\n\n' + 'Share this article\n'.repeat(200)
    writeFileSync(path.join(directory, 'in', 'big.txt'), big)
    copyFileSync(path.join(seeds, seedInputs[0]), path.join(directory, 'in', 'small.txt'))
    const result = run(['clean', 'in', '-o', 'out', '--max-doc-bytes', '3000', '--report', 'r.json'], {cwd: directory})
    expect(result.code).toBe(0)
    expect(readFileSync(path.join(directory, 'out', 'big.txt'), 'utf8')).toBe(big)
    expect(readFileSync(path.join(directory, 'out', 'small.txt'), 'utf8')).toBe(readFileSync(path.join(seeds, seedInputs[0].replace('.txt', '.clean.txt')), 'utf8'))
    expect(result.stderr).toContain('1 document cleaned, 1 skipped, 0 failed')
    expect(result.stderr).toContain('1 too large')
    const report = JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8'))
    expect(report.summary).toMatchObject({documents: 1, skipped: 1, skippedBytes: Buffer.byteLength(big)})
    expect(report.skipped).toEqual([{path: path.join('in', 'big.txt'), output: path.join('out', 'big.txt'), reason: 'too large', bytes: Buffer.byteLength(big)}])

    const line = JSON.stringify({id: 'big', text: big})
    const jsonl = run(['clean', '--jsonl', '--max-doc-bytes', '3000', '--report', path.join(directory, 'j.json')], {input: `${line}\n${JSON.stringify({id: 'small', text: 'Body.\n\nShare this article\n'})}\n`})
    expect(jsonl.stdout.split('\n')[0]).toBe(line)
    expect(JSON.parse(jsonl.stdout.split('\n')[1]).text).toBe('Body.\n')
    expect(JSON.parse(readFileSync(path.join(directory, 'j.json'), 'utf8')).skipped).toEqual([{path: '<stdin>:1', id: 'big', reason: 'too large', bytes: Buffer.byteLength(big)}])
  })

  it('--doc-timeout passes a document that runs too long through unchanged, replaces its thread, goes on', () => {
    const records = [0, 1, 2, 3].map((index) => JSON.stringify({id: index, text: `Title ${index}\n\nA body paragraph ${index === 1 ? 'decruft-test-slow ' : ''}that reads like prose.\n\nShare this article\n`}))
    // The slow document would take a minute: the run must not wait for it. The limit leaves the other
    // documents room on a loaded machine (at 300 ms one of them once ran over it there).
    const started = Date.now()
    const result = run(['clean', '--jsonl', '--workers', '1', '--doc-timeout', '3000', '--report', path.join(temporary(), 'r.json')], {input: records.join('\n') + '\n', env: {DECRUFT_TEST_SLOW_MS: '60000'}})
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[1]).toBe(records[1])
    for (const index of [0, 2, 3]) expect(JSON.parse(lines[index]).text).toBe(`Title ${index}\n\nA body paragraph that reads like prose.\n`)
    expect(result.stderr).toContain('1 timeout')
    expect(result.stderr).toContain('<stdin>:2: timeout')
  })
})

describe('progress', () => {
  it('writes a plain progress line when standard error is not a terminal, none with --quiet', () => {
    const input = [0, 1, 2, 3, 4, 5].map((index) => JSON.stringify({id: index, text: `Body decruft-test-slow ${index}.\n`})).join('\n') + '\n'
    const env = {DECRUFT_TEST_SLOW_MS: '100', DECRUFT_PROGRESS_MS: '150'}
    const shown = run(['clean', '--jsonl', '--workers', '1'], {input, env})
    expect(shown.stderr).toMatch(/decruft: \d+ documents, [\d.]+ MB, [\d.]+ documents\/s, [\d.]+ MB\/s/)
    expect(shown.stderr).toMatch(/6 documents cleaned, 0 failed; .*; [\d.]+ s \([\d.]+ MB\/s, [\d.]+ documents\/s\)/)
    expect(run(['clean', '--jsonl', '--workers', '1', '-q'], {input, env}).stderr).toBe('')
  })
})

describe('run statistics (--stats-json, for npm run bench)', () => {
  it("count the run's own peak memory, not that of the process that started it", () => {
    const directory = temporary()
    // A parent holding 600 MB starts the run: the operating system's maxRSS of the child starts there.
    const parent = [
      'const {spawnSync} = require("node:child_process")',
      'const held = Buffer.alloc(600e6, 1)',
      `const run = spawnSync(process.execPath, ${JSON.stringify([bin, 'clean', '-', '-q', '--stats-json', 'stats.json'])}, {input: "Title\\n\\nA short body.\\n"})`,
      'process.exitCode = run.status + (held.length > 0 ? 0 : 1)'
    ].join('\n')
    const result = spawnSync(process.execPath, ['-e', parent], {cwd: directory, encoding: 'utf8'})
    expect(result.status, result.stderr).toBe(0)
    const stats = JSON.parse(readFileSync(path.join(directory, 'stats.json'), 'utf8'))
    expect(stats.documents).toBe(1)
    // One short document cleaned in the main thread: well under the parent's 600 MB.
    expect(stats.maxRssBytes).toBeGreaterThan(20e6)
    expect(stats.maxRssBytes).toBeLessThan(400e6)
  })
})

describe('the streaming-mapper contract (Hadoop Streaming, Spark RDD.pipe)', () => {
  it('gives the same bytes for records split over three concurrent runs as for one run', async () => {
    const records = corpus()
    const whole = run(['clean', '--jsonl', '--text-field', 'text', '-q'], {input: records.join('\n') + '\n'})
    expect(whole.code).toBe(0)
    const size = Math.ceil(records.length / 3)
    const slices = [0, 1, 2].map((part) => records.slice(part * size, (part + 1) * size).join('\n') + '\n')
    const results = await Promise.all(slices.map((input) => start(['clean', '--jsonl', '--text-field', 'text', '-q'], {input}).done))
    expect(results.map((result) => result.code)).toEqual([0, 0, 0])
    expect(Buffer.concat(results.map((result) => result.bytes)).toString()).toBe(whole.stdout)
  })
})
