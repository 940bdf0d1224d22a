/**
 * The atomic writer itself (`src/io/write.ts`): what it does at the target's directory entry, and
 * what it leaves when the rename fails. The full-disk cases run through the binary in
 * `faults-io.test.ts`.
 */

import {chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeAtomic, WriteError} from '../src/io/write.js'
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
})
