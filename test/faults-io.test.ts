/**
 * Writes that never lose data (issue 19, items 1, 3 and 12): on a full disk every output is whole or
 * absent, the file it would have replaced is left as it was, the failure names the path and the run
 * exits 1; a JSON Lines output keeps its whole records (and those of earlier runs) for `--resume`;
 * a `.gz` input cut short is named with its last good line and does not finish the output.
 *
 * The full disk is a small tmpfs where this process may mount one (root on Linux, as in CI), and
 * writes failed the same way by a preloaded module in every case (`full-disk.ts`).
 */

import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {constants, gunzipSync, gzipSync} from 'node:zlib'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {longArticle, readOutput, records, seedClean, seedNames, seeds, seedText, temporary, tree, wordRecords} from './fault-inputs.js'
import {canMount, createDisk, type Disk, type DiskKind} from './full-disk.js'
import {runBin} from './run-bin.js'

const NO_SPACE = 'no space left on device (ENOSPC)'
/** A stack trace's frame line. */
const STACK_FRAME = /^\s+at /m

const kinds: DiskKind[] = canMount() ? ['tmpfs', 'injected'] : ['injected']

/** Inputs outside the disk and their outputs from runs with room, made once. */
const inputs = {folder: '', folderOutput: '', jsonl: '', jsonlOutput: ''}
beforeAll(() => {
  inputs.folder = temporary()
  for (let index = 0; index < 6; index++) writeFileSync(path.join(inputs.folder, `${index}.txt`), longArticle(index % seedNames.length, 3))
  inputs.folderOutput = temporary()
  expect(runBin(['clean', inputs.folder, '-o', inputs.folderOutput, '-q'], {cwd: inputs.folder}).code).toBe(0)
  // Cleaned records and large ones passed through (`JSONL_ARGS`): 450 kB out, two gzip batches.
  const directory = temporary()
  inputs.jsonl = path.join(directory, 'in.jsonl')
  writeFileSync(inputs.jsonl, records(10) + wordRecords(14))
  inputs.jsonlOutput = runBin(['clean', '--jsonl', inputs.jsonl, ...JSONL_ARGS], {cwd: directory}).stdout
})
const JSONL_ARGS = ['--max-doc-bytes', '20000', '-q']

describe.each(kinds)('a full disk (%s)', (kind) => {
  let disk: Disk
  let work: string

  beforeAll(() => {
    disk = createDisk(kind)
  })
  afterAll(() => disk.dispose())
  afterEach(() => {
    disk.release()
    rmSync(work, {recursive: true, force: true})
  })

  /** A fresh folder on the disk for one test. */
  function onDisk(files: Record<string, string | Uint8Array> = {}): string {
    work = mkdtempSync(path.join(disk.folder, 'case-'))
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, name)), {recursive: true})
      writeFileSync(path.join(work, name), content)
    }
    return work
  }

  it('--in-place leaves a file it cannot write whole as it was, names it, cleans the others and exits 1', () => {
    const long = longArticle(0, 12)
    onDisk({'in/a-long.txt': long, 'in/b-short.txt': seedText(1)})
    // Room for the short file's clean text, not for the long one's (27 kB).
    disk.leave(12 * 1024)
    const result = runBin(['clean', 'in', '--in-place', '--concurrency', '1'], {cwd: work, env: disk.env()})
    expect(result.stderr).toContain(`error: ${path.join('in', 'a-long.txt')}: cannot write ${path.join('in', 'a-long.txt')}: ${NO_SPACE}`)
    expect(result.code).toBe(1)
    expect(readFileSync(path.join(work, 'in', 'a-long.txt'), 'utf8')).toBe(long)
    expect(readFileSync(path.join(work, 'in', 'b-short.txt'), 'utf8')).toBe(seedClean(1))
    // No temporary file is left beside them.
    expect(readdirSync(path.join(work, 'in')).sort()).toEqual(['a-long.txt', 'b-short.txt'])
  })

  it('a --report that does not fit leaves the earlier report, is named after the summary, and the run exits 1', () => {
    onDisk({'r.json': 'an earlier report\n'})
    const out = temporary()
    disk.leave(8 * 1024)
    const result = runBin(['clean', seeds, '-o', out, '--report', 'r.json'], {cwd: work, env: disk.env()})
    expect(result.stderr).toContain('5 documents cleaned, 0 failed')
    expect(result.stderr).toContain(`decruft: cannot write r.json: ${NO_SPACE}\n`)
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(result.code).toBe(1)
    expect(readFileSync(path.join(work, 'r.json'), 'utf8')).toBe('an earlier report\n')
    expect(readdirSync(work)).toEqual(['r.json'])
    // The outputs themselves were written (on another disk).
    expect(readdirSync(out)).toHaveLength(5)
  })

  it('an output folder on a full disk holds only whole outputs, and --resume completes it to the bytes of a run with room', () => {
    onDisk()
    // Room for about half of the 6–20 kB outputs.
    disk.leave(24 * 1024)
    const first = runBin(['clean', inputs.folder, '-o', 'out', '--concurrency', '1'], {cwd: work, env: disk.env()})
    expect(first.stderr).toContain(NO_SPACE)
    expect(first.code).toBe(1)
    const written = tree(path.join(work, 'out'))
    expect(Object.keys(written).length).toBeLessThan(6)
    for (const [name, content] of Object.entries(written)) expect(content, name).toBe(readFileSync(path.join(inputs.folderOutput, name), 'utf8'))

    disk.release()
    const resumed = runBin(['clean', inputs.folder, '-o', 'out', '--resume', '-q'], {cwd: work, env: disk.env()})
    expect(resumed.code).toBe(0)
    expect(tree(path.join(work, 'out'))).toEqual(tree(inputs.folderOutput))
  })

  it.each(['out.jsonl', 'out.jsonl.gz'])('a JSON Lines output (%s) keeps its whole records and names its file; --resume completes it', (name) => {
    const full = inputs.jsonlOutput
    onDisk()
    // Plain: room for a third of the output. Gzip: for the first batch of 256 kB (as compressed alone), not the second.
    const firstBatch = full.slice(0, full.indexOf('\n', 256 * 1024) + 1)
    disk.leave(name.endsWith('.gz') ? gzipSync(firstBatch).length + 8 * 1024 : Math.floor(full.length / 3))
    const result = runBin(['clean', '--jsonl', inputs.jsonl, '-o', name, ...JSONL_ARGS], {cwd: work, env: disk.env()})
    expect(result.stderr).toContain(`decruft: cannot write ${name}.decruft-partial: ${NO_SPACE}; the whole records written before it are kept there`)
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(result.code).toBe(1)
    expect(existsSync(path.join(work, name))).toBe(false)
    const kept = readOutput(path.join(work, `${name}.decruft-partial`))
    if (name.endsWith('.gz')) expect(kept).toBe(firstBatch)
    else {
      expect(kept.length).toBeGreaterThan(0)
      expect(kept.endsWith('\n')).toBe(true)
      expect(full.startsWith(kept)).toBe(true)
    }

    disk.release()
    const resumed = runBin(['clean', '--jsonl', inputs.jsonl, '-o', name, '--resume', ...JSONL_ARGS], {cwd: work, env: disk.env()})
    expect(resumed.code).toBe(0)
    expect(readOutput(path.join(work, name))).toBe(full)
    expect(existsSync(path.join(work, `${name}.decruft-partial`))).toBe(false)
  })

  it.each(['out.jsonl', 'out.jsonl.gz'])('--resume on a full disk keeps the records that earlier runs wrote (%s)', (name) => {
    const full = inputs.jsonlOutput
    // An earlier run wrote ten records before it was stopped.
    const earlier = full.split('\n').slice(0, 10).join('\n') + '\n'
    onDisk({[`${name}.decruft-partial`]: name.endsWith('.gz') ? gzipSync(earlier) : earlier})
    disk.leave(16 * 1024)
    const result = runBin(['clean', '--jsonl', inputs.jsonl, '-o', name, '--resume', ...JSONL_ARGS], {cwd: work, env: disk.env()})
    expect(result.stderr).toContain(`cannot write ${name}.decruft-partial`)
    expect(result.stderr).toContain(NO_SPACE)
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(result.code).toBe(1)
    const kept = readOutput(path.join(work, `${name}.decruft-partial`))
    expect(kept.startsWith(earlier)).toBe(true)
    expect(full.startsWith(kept)).toBe(true)

    disk.release()
    expect(runBin(['clean', '--jsonl', inputs.jsonl, '-o', name, '--resume', ...JSONL_ARGS], {cwd: work, env: disk.env()}).code).toBe(0)
    expect(readOutput(path.join(work, name))).toBe(full)
  })

  it('a review page or learned pack that does not fit is named, the run goes on and exits 1; other commands name their file too', () => {
    onDisk()
    const out = temporary()
    disk.leave(0)
    const result = runBin(['clean', seeds, '-o', out, '--review', 'review.html', '--learn', '--learn-out', 'pack.yaml'], {cwd: work, env: disk.env()})
    expect(result.stderr).toContain(`decruft: cannot write review.html: ${NO_SPACE}\n`)
    expect(result.stderr).toContain(`decruft: cannot write pack.yaml: ${NO_SPACE}\n`)
    expect(result.stderr).toContain('5 documents cleaned, 0 failed')
    expect(result.code).toBe(1)
    expect(readdirSync(out)).toHaveLength(5)
    expect(readdirSync(work)).toEqual([])

    const diff = runBin(['diff', seeds, '--html', 'page.html'], {cwd: work, env: disk.env()})
    expect(diff.stderr).toBe(`decruft: cannot write page.html: ${NO_SPACE}\n`)
    expect(diff.code).toBe(1)
    const learn = runBin(['learn', seeds, '-o', 'pack.yaml'], {cwd: work, env: disk.env()})
    expect(learn.stderr).toContain(`decruft: cannot write pack.yaml: ${NO_SPACE}\n`)
    expect(learn.stderr).not.toMatch(STACK_FRAME)
    expect(learn.code).toBe(1)
    expect(readdirSync(work)).toEqual([])
  })
})

describe('a .gz input cut short', () => {
  it('is named with its last good line, stops the run and leaves the output unfinished; --resume on the whole input completes it', () => {
    const directory = temporary()
    const text = records(8)
    const zipped = gzipSync(text)
    writeFileSync(path.join(directory, 'in.jsonl.gz'), zipped)
    writeFileSync(path.join(directory, 'later.jsonl'), records(3))
    const full = runBin(['clean', '--jsonl', 'in.jsonl.gz', 'later.jsonl', '-q'], {cwd: directory}).stdout
    // A download cut short: what it holds decompresses to its first `good` lines and part of the next.
    const cut = zipped.subarray(0, Math.floor(zipped.length * 0.6))
    const good = gunzipSync(cut, {finishFlush: constants.Z_SYNC_FLUSH}).toString().split('\n').length - 1
    expect(good).toBeGreaterThan(0)
    writeFileSync(path.join(directory, 'in.jsonl.gz'), cut)

    const result = runBin(['clean', '--jsonl', 'in.jsonl.gz', 'later.jsonl', '-o', 'out.jsonl'], {cwd: directory})
    expect(result.stderr).toContain(`error: in.jsonl.gz: cannot read past line ${good}: unexpected end of file (Z_BUF_ERROR); the compressed data is cut short or corrupt`)
    expect(result.stderr).toContain('the records written so far are in out.jsonl.decruft-partial, not renamed to out.jsonl')
    expect(result.code).toBe(1)
    expect(existsSync(path.join(directory, 'out.jsonl'))).toBe(false)
    // The good lines' records, and none of the later input's.
    expect(readFileSync(path.join(directory, 'out.jsonl.decruft-partial'), 'utf8')).toBe(full.split('\n').slice(0, good).join('\n') + '\n')

    writeFileSync(path.join(directory, 'in.jsonl.gz'), zipped)
    const resumed = runBin(['clean', '--jsonl', 'in.jsonl.gz', 'later.jsonl', '-o', 'out.jsonl', '--resume', '-q'], {cwd: directory})
    expect(resumed.code).toBe(0)
    expect(readFileSync(path.join(directory, 'out.jsonl'), 'utf8')).toBe(full)
  })
})
