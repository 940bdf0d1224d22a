/**
 * Paths, symbolic links and special files (issue 19): a folder that cannot be read is an input
 * error; only regular files are read, and links to folders are followed only when asked. Layouts of
 * links run `main()` in process; what needs a process of its own (a FIFO that would block it,
 * /dev/zero that would fill its memory, fewer privileges) runs the built binary.
 */

import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, readdirSync, readFileSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {Readable, Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {main} from '../src/cli/main.js'
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

class Sink extends Writable {
  text = ''
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString()
    callback()
  }
}

/** The command line in this process, in `cwd`. */
async function cli(args: string[], cwd: string): Promise<Result> {
  const stdout = new Sink()
  const stderr = new Sink()
  const code = await main(args, {stdout, stderr, stdin: Readable.from([]), cwd})
  return {code, stdout: stdout.text, stderr: stderr.text}
}

const read = (directory: string, name: string) => readFileSync(path.join(directory, name), 'utf8')

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

/**
 * The prefix that makes a `chmod 000` folder unreadable to the binary. Root reads any folder through
 * the capabilities CAP_DAC_READ_SEARCH and CAP_DAC_OVERRIDE: as root, the binary runs with both
 * dropped from its bounding set (setpriv), so the folder's owner bits (none) apply to it while the
 * repository and the cache stay readable and writable.
 */
function unprivileged(): string[] {
  return process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_read_search,-dac_override'] : []
}

describe('a folder that cannot be read (item 5)', () => {
  const locked: string[] = []
  afterEach(() => {
    for (const folder of locked.splice(0)) chmodSync(folder, 0o755)
  })

  /** A corpus with `in/a.txt` and an unreadable `in/locked/b.txt`. */
  function lockedCorpus(): string {
    const directory = workspace({'in/a.txt': seed(0), 'in/locked/b.txt': seed(1)})
    const folder = path.join(directory, 'in', 'locked')
    chmodSync(folder, 0)
    locked.push(folder)
    // The binary really cannot read it (as root, too).
    const [command, ...args] = [...unprivileged(), process.execPath, '-e', `require('fs').readdirSync(${JSON.stringify(folder)})`]
    expect(spawnSync(command, args).status).not.toBe(0)
    return directory
  }

  it('is an input error of clean naming the folder, and the rest of the batch is cleaned', () => {
    const directory = lockedCorpus()
    const result = run(['clean', 'in', '-o', 'out'], directory, {prefix: unprivileged()})
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toContain('in/locked: cannot read folder (permission denied)')
    expect(read(directory, 'out/a.txt')).toBe(cleanSeed(0))
  })

  it('is an input error of diff and learn too', () => {
    const directory = lockedCorpus()
    for (const commandLine of [['diff', 'in', '--stat'], ['learn', 'in']]) {
      const result = run(commandLine, directory, {prefix: unprivileged()})
      expect(result.code, `${commandLine[0]}: ${result.stderr}`).toBe(1)
      expect(result.stderr).toContain('in/locked: cannot read folder (permission denied)')
    }
  })
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

  it('a FIFO named directly is an error at once for eval', () => {
    refusesFifo([['eval', '--jsonl', 'pipe.jsonl']])
  })

  it('a FIFO or a link to a device found in a folder is an error; the rest is cleaned', () => {
    const directory = workspace({'in/a.txt': seed(0)})
    mkfifo(path.join(directory, 'in', 'pipe.txt'))
    symlinkSync('/dev/zero', path.join(directory, 'in', 'zero.txt'))
    const text = run(['clean', 'in', '-o', 'out'], directory, {timeout: 5000})
    expect(text.code, text.stderr).toBe(1)
    expect(text.stderr).toContain('in/pipe.txt: not a regular file (FIFO)')
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

  it('links to folders are followed only with --follow-symlinks, and a loop is reported, not walked', async () => {
    const directory = workspace({'in/a.txt': seed(0), 'elsewhere/b.txt': seed(1)})
    symlinkSync('../elsewhere', path.join(directory, 'in', 'linked'))
    const plain = await cli(['clean', 'in', '-o', 'plain', '-q'], directory)
    expect(plain.code, plain.stderr).toBe(0)
    expect(readdirSync(path.join(directory, 'plain'))).toEqual(['a.txt'])
    const followed = await cli(['clean', 'in', '-o', 'followed', '-q', '--follow-symlinks'], directory)
    expect(followed.code, followed.stderr).toBe(0)
    expect(read(directory, 'followed/linked/b.txt')).toBe(cleanSeed(1))
    symlinkSync('.', path.join(directory, 'in', 'linked-loop'))
    const loop = await cli(['clean', 'in', '-o', 'loop', '--follow-symlinks'], directory)
    expect(loop.code, loop.stderr).toBe(1)
    expect(loop.stderr).toContain('in/linked-loop: a symbolic link to a folder it is in (a loop); not followed')
    expect(read(directory, 'loop/a.txt')).toBe(cleanSeed(0))
  })
})
