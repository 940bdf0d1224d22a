/**
 * Atomic output of a document passed through unchanged because it is too large to clean: it is
 * copied as it is read, never held whole. As `writeAtomic` (write.ts) does for a buffer, the bytes
 * go to a temporary file beside the target, which is flushed and renamed into place only once every
 * byte is written: the target is never half-written. On an error the temporary file is removed, and
 * so it is when the process exits during the copy (a second Ctrl-C).
 */

import {constants, unlinkSync} from 'node:fs'
import {copyFile, mkdir, open, rename, rm} from 'node:fs/promises'
import path from 'node:path'

const unfinished = new Set<string>()
let count = 0

function removeUnfinished(): void {
  for (const file of unfinished) {
    try {
      unlinkSync(file)
    } catch {
      // Gone already.
    }
  }
}

/** Write `file` by `write`ing a temporary file beside it, which then takes its place. */
async function atomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temporary = `${file}.decruft-${process.pid}-${++count}.tmp`
  if (unfinished.size === 0) process.once('exit', removeUnfinished)
  unfinished.add(temporary)
  try {
    await write(temporary)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  } finally {
    unfinished.delete(temporary)
    if (unfinished.size === 0) process.off('exit', removeUnfinished)
  }
}

/** Write `chunks` to `file` atomically. */
export async function writeAtomicStream(file: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  await atomically(file, async (temporary) => {
    const handle = await open(temporary, 'wx')
    try {
      for await (const chunk of chunks) {
        // `write` may write less than it is given (a full disk): write on until all of it is.
        for (let offset = 0; offset < chunk.length; ) {
          const {bytesWritten} = await handle.write(chunk, offset, chunk.length - offset)
          if (bytesWritten === 0) throw Object.assign(new Error(`cannot write ${file}`), {code: 'EIO'})
          offset += bytesWritten
        }
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
  })
}

/** Copy `source` to `target` atomically (the kernel copies: nothing passes through this process's memory). */
export async function copyAtomic(source: string, target: string): Promise<void> {
  await atomically(target, async (temporary) => {
    await copyFile(source, temporary, constants.COPYFILE_EXCL)
    const handle = await open(temporary, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  })
}
