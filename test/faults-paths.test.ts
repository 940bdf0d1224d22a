/**
 * Paths, symbolic links and special files (issue 19, items 2, 4, 5 and 9): no output, report or
 * review page may land on an input or on another output, whatever links say; a folder that cannot be
 * read is an input error; only regular files are read, and links to folders are followed only when
 * asked. Layouts of links run `main()` in process; what needs a process of its own (a FIFO that would
 * block it, /dev/zero that would fill its memory, fewer privileges) runs the built binary.
 */

import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync} from 'node:fs'
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
  const result = spawnSync(command, rest, {cwd, input: '', encoding: 'utf8', timeout: options.timeout ?? 60_000, killSignal: 'SIGKILL'})
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

/** A folder with `in/a.txt` and `in/b.txt` (two seed articles). */
function corpus(): string {
  return workspace({'in/a.txt': seed(0), 'in/b.txt': seed(1)})
}

const read = (directory: string, name: string) => readFileSync(path.join(directory, name), 'utf8')

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

describe('outputs never land on inputs through symbolic links (item 2)', () => {
  it('refuses an --out folder that is a link to the input folder, and an input folder given through a link', async () => {
    const directory = corpus()
    symlinkSync('in', path.join(directory, 'L'))
    const outThroughLink = await cli(['clean', 'in', '-o', 'L'], directory)
    expect(outThroughLink.code, outThroughLink.stderr).toBe(2)
    expect(outThroughLink.stderr).toContain('--out L is the input folder in: the outputs would overwrite the inputs')
    const inThroughLink = await cli(['clean', 'L', '-o', 'in'], directory)
    expect(inThroughLink.code, inThroughLink.stderr).toBe(2)
    expect(inThroughLink.stderr).toContain('--out in is the input folder L')
    expect(read(directory, 'in/a.txt')).toBe(seed(0))
    expect(read(directory, 'in/b.txt')).toBe(seed(1))
  })

  it('refuses an --out folder that is the input folder itself, naming both', async () => {
    const directory = corpus()
    const result = await cli(['clean', 'in', '-o', './in/'], directory)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--out ./in/ is the input folder in')
    expect(read(directory, 'in/a.txt')).toBe(seed(0))
  })

  it('does not follow an existing output that is a link to an input: that file fails, the rest is cleaned', async () => {
    const directory = corpus()
    mkdirSync(path.join(directory, 'out'))
    symlinkSync('../in/b.txt', path.join(directory, 'out', 'a.txt'))
    const result = await cli(['clean', 'in', '-o', 'out'], directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('in/a.txt: output out/a.txt would overwrite the input in/b.txt')
    expect(read(directory, 'in/b.txt')).toBe(seed(1))
    expect(read(directory, 'in/a.txt')).toBe(seed(0))
    expect(read(directory, 'out/b.txt')).toBe(cleanSeed(1))
    expect(lstatSync(path.join(directory, 'out', 'a.txt')).isSymbolicLink()).toBe(true)
  })

  it('refuses a JSON Lines output that an input links to, or whose partial file links to an input', async () => {
    const data = JSON.stringify({id: 1, text: seed(2)}) + '\n'
    const directory = workspace({'data.jsonl': data, 'other.jsonl': data})
    symlinkSync('data.jsonl', path.join(directory, 'link.jsonl'))
    const through = await cli(['clean', '--jsonl', 'link.jsonl', '-o', 'data.jsonl'], directory)
    expect(through.code, through.stderr).toBe(2)
    expect(through.stderr).toContain('--out data.jsonl would overwrite the input link.jsonl')
    symlinkSync('other.jsonl', path.join(directory, 'clean.jsonl.decruft-partial'))
    const partial = await cli(['clean', '--jsonl', 'other.jsonl', '-o', 'clean.jsonl'], directory)
    expect(partial.code, partial.stderr).toBe(2)
    expect(partial.stderr).toContain('--out clean.jsonl: its partial file clean.jsonl.decruft-partial would overwrite the input other.jsonl')
    expect(read(directory, 'data.jsonl')).toBe(data)
    expect(read(directory, 'other.jsonl')).toBe(data)
  })

  it('--in-place through a link cleans the real file and keeps the link', async () => {
    const directory = workspace({'real/a.txt': seed(3)})
    symlinkSync('real/a.txt', path.join(directory, 'a.txt'))
    const result = await cli(['clean', 'a.txt', '--in-place', '-q'], directory)
    expect(result.code, result.stderr).toBe(0)
    expect(lstatSync(path.join(directory, 'a.txt')).isSymbolicLink()).toBe(true)
    expect(read(directory, 'real/a.txt')).toBe(cleanSeed(3))
  })

  it('--in-place cleans a file reached twice (itself and a link to it) once, and says so', async () => {
    const directory = workspace({'in/a.txt': seed(4)})
    symlinkSync('a.txt', path.join(directory, 'in', 'same.txt'))
    const result = await cli(['clean', 'in', '--in-place'], directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('in/same.txt: the same file as in/a.txt; cleaned once')
    expect(read(directory, 'in/a.txt')).toBe(cleanSeed(4))
  })
})

describe('--report and --review never overwrite an input or an output (item 4)', () => {
  it('refuses a report or review path that is an input, an output, a link to one, or the other side file', async () => {
    const directory = corpus()
    symlinkSync('in/b.txt', path.join(directory, 'r.json'))
    const cases: Array<[string[], string]> = [
      [['--report', 'in/a.txt'], '--report in/a.txt would overwrite the input in/a.txt'],
      [['--report', 'out/a.txt'], '--report out/a.txt would overwrite the output of in/a.txt'],
      [['--review', 'in/b.txt'], '--review in/b.txt would overwrite the input in/b.txt'],
      [['--report', 'r.json'], '--report r.json would overwrite the input in/b.txt'],
      [['--report', 'x.json', '--review', 'x.json'], '--review x.json would overwrite the --report file']
    ]
    for (const [extra, message] of cases) {
      const result = await cli(['clean', 'in', '-o', 'out', ...extra], directory)
      expect(result.code, extra.join(' ')).toBe(2)
      expect(result.stderr).toContain(message)
      expect(existsSync(path.join(directory, 'out'))).toBe(false)
    }
    const inPlace = await cli(['clean', 'in', '--in-place', '--report', 'in/a.txt'], directory)
    expect(inPlace.code).toBe(2)
    expect(read(directory, 'in/a.txt')).toBe(seed(0))
    expect(read(directory, 'in/b.txt')).toBe(seed(1))
  })

  it('refuses a report that is the JSON Lines output, and a diff page or learned pack that is an input', async () => {
    const directory = workspace({'data.jsonl': JSON.stringify({text: seed(0)}) + '\n', 'in/a.txt': seed(0)})
    const jsonl = await cli(['clean', '--jsonl', 'data.jsonl', '-o', 'out.jsonl', '--report', 'out.jsonl'], directory)
    expect(jsonl.code).toBe(2)
    expect(jsonl.stderr).toContain('--report out.jsonl would overwrite the --out file')
    const diff = await cli(['diff', 'in', '--html', 'in/a.txt'], directory)
    expect(diff.code).toBe(2)
    expect(diff.stderr).toContain('--html in/a.txt would overwrite the input in/a.txt')
    const learn = await cli(['learn', 'in', '-o', 'in/a.txt'], directory)
    expect(learn.code).toBe(2)
    expect(learn.stderr).toContain('--out in/a.txt would overwrite the input in/a.txt')
    expect(read(directory, 'in/a.txt')).toBe(seed(0))
  })
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
    // The binary really cannot read it (as root, too): exit code 3 says readdir failed with EACCES.
    const probe = `try { require('fs').readdirSync(${JSON.stringify(folder)}) } catch (error) { process.exit(error.code === 'EACCES' ? 3 : 1) }`
    const [command, ...args] = [...unprivileged(), process.execPath, '-e', probe]
    const probed = spawnSync(command, args, {encoding: 'utf8'})
    expect(probed.status, probed.stderr).toBe(3)
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
    const text = run(['clean', 'pipe.txt', 'a.txt', '-o', 'out'], directory, {timeout: 60_000})
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('pipe.txt: not a regular file (FIFO)')
    expect(read(directory, 'out/a.txt')).toBe(cleanSeed(0))
    const jsonl = run(['clean', '--jsonl', 'pipe.jsonl', '-o', 'out.jsonl'], directory, {timeout: 60_000})
    expect(jsonl.code).toBe(1)
    expect(jsonl.stderr).toContain('pipe.jsonl: not a regular file (FIFO)')
  })

  /** Each command line, in a folder holding the FIFO it names last, is an error naming it. */
  function refusesFifo(commandLines: string[][]): void {
    const directory = workspace({})
    for (const args of commandLines) {
      mkfifo(path.join(directory, args.at(-1)!))
      const result = run(args, directory, {timeout: 60_000})
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
    const text = run(['clean', 'in', '-o', 'out'], directory, {timeout: 60_000})
    expect(text.code, text.stderr).toBe(1)
    expect(text.stderr).toContain('in/pipe.txt: not a regular file (FIFO)')
    expect(text.stderr).toContain('in/zero.txt: not a regular file (character device)')
    expect(read(directory, 'out/a.txt')).toBe(cleanSeed(0))
    expect(readdirSync(path.join(directory, 'out'))).toEqual(['a.txt'])
  })

  it('a link to a device found in a folder of JSON Lines is an error; the rest is cleaned', () => {
    const directory = workspace({'data/a.jsonl': JSON.stringify({text: seed(1)}) + '\n'})
    symlinkSync('/dev/zero', path.join(directory, 'data', 'zero.jsonl'))
    const jsonl = run(['clean', '--jsonl', 'data', '-o', 'out.jsonl'], directory, {timeout: 60_000})
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
