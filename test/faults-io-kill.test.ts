/**
 * Runs stopped at random points (issue 19): SIGKILL, which no handler sees, and SIGINT, which stops
 * the run in order. Afterwards every file is its original or its complete clean output, and
 * `--resume` gives the bytes of a run that was never stopped. The points are drawn from a seeded
 * generator, so a failure names its seed and delay and can be run again as it was.
 */

import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {constants, gunzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {seededRandom} from '../src/model/random.js'
import {longArticle, readOutput, records, seedNames, temporary, tree, wordRecords} from './fault-inputs.js'
import {runBin, startBin} from './run-bin.js'

/** Each document keeps its thread busy this long (a test hook), so that a run lasts a second or two. */
const SLOW = {DECRUFT_TEST_SLOW_MS: '40'}

async function waitFor(condition: () => boolean, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Start `args` in `cwd`, wait until `started` holds (the run is writing), then a delay drawn from
 * `seed` (up to a second), and send `signal`; resolves when the process has ended.
 */
async function stopAt(seed: number, signal: NodeJS.Signals, args: string[], cwd: string, started: () => boolean) {
  const delay = Math.floor(seededRandom(seed)() * 1000)
  const {child, done} = startBin(args, {cwd, env: SLOW})
  await waitFor(started)
  await new Promise((resolve) => setTimeout(resolve, delay))
  child.kill(signal)
  const result = await done
  // Stopped (by SIGKILL; with 130 after SIGINT), or done before the signal came.
  if (signal === 'SIGKILL') expect(result.signal === 'SIGKILL' || result.code === 0).toBe(true)
  else expect([0, 130]).toContain(result.code)
  return result
}

/** What a run killed outright may leave beside an output: its temporary file, under a hidden name. */
const TEMPORARY = /(^|\/)\.decruft-[0-9a-f]{12}\.tmp$/

function withoutTemporaries(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => !TEMPORARY.test(name)))
}

/** 16 articles of 2–28 kB. */
const originals: Record<string, string> = {}
for (let index = 0; index < 16; index++) originals[`${String(index).padStart(2, '0')}.txt`] = longArticle(index % seedNames.length, 1 + (index % 4), {slow: true})

/** Records cleaned (marked slow) and records passed through, 390 kB out: two gzip batches. */
const JSONL_ARGS = ['--max-doc-bytes', '20000', '--workers', '1', '-q']
const jsonl = {input: '', output: ''}
let cleanTexts: Record<string, string>

beforeAll(() => {
  const input = temporary()
  for (const [name, text] of Object.entries(originals)) writeFileSync(path.join(input, name), text)
  const output = temporary()
  expect(runBin(['clean', input, '-o', output, '-q'], {cwd: input}).code).toBe(0)
  cleanTexts = tree(output)
  jsonl.input = path.join(temporary(), 'in.jsonl')
  writeFileSync(jsonl.input, records(16, {slow: true}) + wordRecords(12))
  jsonl.output = runBin(['clean', '--jsonl', jsonl.input, ...JSONL_ARGS], {cwd: path.dirname(jsonl.input)}).stdout
})

function folderWith(files: Record<string, string>): string {
  const directory = temporary()
  mkdirSync(path.join(directory, 'in'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(directory, 'in', name), text)
  return directory
}

describe.each([
  ['SIGKILL', 1],
  ['SIGINT', 2],
  ['SIGKILL', 3]
] as const)('%s at a random point (seed %i)', (signal, seed) => {
  it('of an --in-place folder run leaves each file its original or its whole clean text', async () => {
    const directory = folderWith(originals)
    const folder = path.join(directory, 'in')
    const changed = () => readdirSync(folder).some((name) => originals[name] !== undefined && statSync(path.join(folder, name)).size !== Buffer.byteLength(originals[name]))
    await stopAt(seed, signal, ['clean', 'in', '--in-place', '--workers', '1', '--concurrency', '2', '-q'], directory, changed)
    const after = tree(folder)
    if (signal === 'SIGINT') expect(Object.keys(after).filter((name) => TEMPORARY.test(name))).toEqual([])
    const files = withoutTemporaries(after)
    expect(Object.keys(files).sort()).toEqual(Object.keys(originals).sort())
    for (const [name, text] of Object.entries(files)) expect([originals[name], cleanTexts[name]], name).toContain(text)
  })

  it('of a folder run to --out leaves whole outputs only, and --resume completes them to the bytes of a run never stopped', async () => {
    const directory = folderWith(originals)
    const out = path.join(directory, 'out')
    const args = ['clean', 'in', '-o', 'out', '--workers', '1', '--concurrency', '2', '-q']
    await stopAt(seed, signal, args, directory, () => existsSync(out) && readdirSync(out).length > 0)
    for (const [name, text] of Object.entries(withoutTemporaries(tree(out)))) expect(text, name).toBe(cleanTexts[name])
    expect(runBin([...args, '--resume'], {cwd: directory}).code).toBe(0)
    expect(withoutTemporaries(tree(out))).toEqual(cleanTexts)
  })

  it.each(['out.jsonl', 'out.jsonl.gz'])('of a JSON Lines run to %s leaves whole records, and --resume completes them to the bytes of a run never stopped', async (name) => {
    const directory = temporary()
    const partial = path.join(directory, `${name}.decruft-partial`)
    const args = ['clean', '--jsonl', jsonl.input, '-o', name, ...JSONL_ARGS]
    await stopAt(seed, signal, args, directory, () => existsSync(partial) || existsSync(path.join(directory, name)))
    if (!existsSync(path.join(directory, name))) {
      // Stopped: the partial file holds the start of the output, in whole records after SIGINT (a
      // killed run's last record, or gzip batch, may be cut; what of it can be read is still a start).
      const bytes = readFileSync(partial)
      const kept = bytes.length > 0 && name.endsWith('.gz') ? gunzipSync(bytes, {finishFlush: constants.Z_SYNC_FLUSH}).toString() : bytes.toString()
      expect(jsonl.output.startsWith(kept)).toBe(true)
      if (signal === 'SIGINT') expect(kept === '' || kept.endsWith('\n')).toBe(true)
    }
    expect(runBin([...args, '--resume'], {cwd: directory}).code).toBe(0)
    expect(readOutput(path.join(directory, name))).toBe(jsonl.output)
    expect(existsSync(partial)).toBe(false)
  })
})
