/** Inputs and readers shared by the fault tests: real text from the seed articles, in sizes a test needs. */

import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {gunzipSync} from 'node:zlib'
import {root} from './run-bin.js'

export const seeds = path.join(root, 'fixtures', 'seeds')
export const seedNames = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
export const seedText = (index: number) => readFileSync(path.join(seeds, seedNames[index]), 'utf8')
export const seedClean = (index: number) => readFileSync(path.join(seeds, seedNames[index].replace('.txt', '.clean.txt')), 'utf8')

/** A seed article with its body (boilerplate and all) `copies` times over: real text, of a chosen size. */
export function longArticle(index: number, copies: number, options: {slow?: boolean} = {}): string {
  const [title, ...body] = seedText(index).split('\n')
  return [options.slow ? `${title} decruft-test-slow` : title, ...Array.from({length: copies}, () => body.join('\n'))].join('\n')
}

/**
 * JSON Lines records of real pages, a few kB each. `slow` marks each with `decruft-test-slow`, which
 * keeps a thread busy for `DECRUFT_TEST_SLOW_MS` (a test hook), so that a run lasts long enough to be
 * stopped part-way.
 */
export function records(count: number, options: {slow?: boolean} = {}): string {
  return Array.from({length: count}, (_, index) => JSON.stringify({id: index, text: longArticle(index % seedNames.length, 1 + (index % 3), options)})).join('\n') + '\n'
}

/**
 * `count` records of 24 kB of the seeds' words in a seeded random order, which gzip compresses to
 * about a quarter (the seeds themselves repeat, and gzip takes repeats to almost nothing): with
 * `--max-doc-bytes` they pass through unchanged, so that a test has a large output quickly.
 */
export function wordRecords(count: number): string {
  const words = seedNames.flatMap((_, index) => seedText(index).split(/\s+/)).filter(Boolean)
  let state = 19
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31)
  return Array.from({length: count}, (_, index) => {
    const text: string[] = []
    for (let length = 0; length < 24_000; length += text[text.length - 1].length + 1) text.push(words[next() % words.length])
    return JSON.stringify({id: `words-${index}`, text: text.join(' ') + '\n'})
  }).join('\n') + '\n'
}

export function temporary(): string {
  return mkdtempSync(path.join(tmpdir(), 'decruft-faults-io-'))
}

/** Every file under `folder` (relative path → content). */
export function tree(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(folder, file)] = readFileSync(file, 'utf8')
  }
  return files
}

/** A JSON Lines output as text (gzip when its name says so). */
export function readOutput(file: string): string {
  const bytes = readFileSync(file)
  return (file.includes('.gz') ? gunzipSync(bytes) : bytes).toString()
}
