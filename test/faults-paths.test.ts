/**
 * Paths, symbolic links and special files (issue 19): only regular files are read. What needs a
 * process of its own (a FIFO that would block it, /dev/zero that would fill its memory) runs the
 * built binary.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {workspace} from './workspace.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
const seeds = path.join(root, 'fixtures', 'seeds')
const seedNames = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
const seed = (index: number) => readFileSync(path.join(seeds, seedNames[index]), 'utf8')
const cleanSeed = (index: number) => readFileSync(path.join(seeds, seedNames[index].replace('.txt', '.clean.txt')), 'utf8')

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Run the binary. A run that hangs (a FIFO) or reads without end (/dev/zero) is killed after
 * `timeout` ms and comes back with code null, so that the old behaviour fails the test instead of
 * hanging it.
 */
function run(args: string[], cwd: string, options: {timeout?: number; prefix?: string[]} = {}): Result {
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, bin, ...args]
  const result = spawnSync(command, rest, {cwd, input: '', encoding: 'utf8', timeout: options.timeout ?? 10_000, killSignal: 'SIGKILL'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

const read = (directory: string, name: string) => readFileSync(path.join(directory, name), 'utf8')

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

describe('special files (item 9)', () => {
  it('a FIFO named directly is an error at once when cleaning text or JSON Lines', () => {
    const directory = workspace({'a.txt': seed(0)})
    mkfifo(path.join(directory, 'pipe.txt'))
    mkfifo(path.join(directory, 'pipe.jsonl'))
    const text = run(['clean', 'pipe.txt', 'a.txt', '-o', 'out'], directory, {timeout: 5000})
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('pipe.txt: not a regular file (FIFO)')
    expect(read(directory, 'out/a.txt')).toBe(cleanSeed(0))
    const jsonl = run(['clean', '--jsonl', 'pipe.jsonl', '-o', 'out.jsonl'], directory, {timeout: 5000})
    expect(jsonl.code).toBe(1)
    expect(jsonl.stderr).toContain('pipe.jsonl: not a regular file (FIFO)')
  })

  /** Each command line, in a folder holding the FIFO it names last, is an error naming it. */
  function refusesFifo(commandLines: string[][]): void {
    const directory = workspace({})
    for (const args of commandLines) {
      mkfifo(path.join(directory, args.at(-1)!))
      const result = run(args, directory, {timeout: 5000})
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr).toContain(`${args.at(-1)}: not a regular file (FIFO)`)
    }
  }

  it('a FIFO named directly is an error at once for diff and learn', () => {
    refusesFifo([['diff', 'pipe.txt'], ['learn', 'other.txt']])
  })

  it('a link to a device found in a folder is an error; the rest is cleaned', () => {
    const directory = workspace({'in/a.txt': seed(0)})
    symlinkSync('/dev/zero', path.join(directory, 'in', 'zero.txt'))
    const text = run(['clean', 'in', '-o', 'out'], directory, {timeout: 5000})
    expect(text.code, text.stderr).toBe(1)
    expect(text.stderr).toContain('in/zero.txt: not a regular file (character device)')
    expect(read(directory, 'out/a.txt')).toBe(cleanSeed(0))
    expect(readdirSync(path.join(directory, 'out'))).toEqual(['a.txt'])
  })

  it('a link to a device found in a folder of JSON Lines is an error; the rest is cleaned', () => {
    const directory = workspace({'data/a.jsonl': JSON.stringify({text: seed(1)}) + '\n'})
    symlinkSync('/dev/zero', path.join(directory, 'data', 'zero.jsonl'))
    const jsonl = run(['clean', '--jsonl', 'data', '-o', 'out.jsonl'], directory, {timeout: 5000})
    expect(jsonl.code, jsonl.stderr).toBe(1)
    expect(jsonl.stderr).toContain('data/zero.jsonl: not a regular file (character device)')
    expect(JSON.parse(read(directory, 'out.jsonl')).text).toBe(cleanSeed(1))
  })

})
