/**
 * Whole files that are complete or absent. The data goes to a new temporary file beside the target
 * (the same file system, so the rename is atomic), every byte of it (a write may take fewer bytes
 * than asked, as on a full disk), is flushed to the disk and only then renamed over the target; the
 * directory is flushed too, so the rename outlives a crash. On an error before the rename the target
 * is left as it was and the temporary file removed; any error is a WriteError naming the target and
 * the system's reason.
 *
 * The rename replaces the directory entry at the target: a symbolic link there is replaced, never
 * written through. An existing file's mode (and owner, where the process may set it) carries over,
 * so `--in-place` keeps a file's permissions.
 */

import {randomBytes} from 'node:crypto'
import {rmSync, type Stats} from 'node:fs'
import {lstat, mkdir, open, rename, rm, type FileHandle} from 'node:fs/promises'
import path from 'node:path'
import {systemErrorText} from './system-error.js'

/** A file that could not be written; the message names it (relative to the working directory when inside it). */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
    /** What became of the data, for the message. */
    hint?: string
  ) {
    super(`cannot write ${displayPath(file)}: ${systemErrorText(cause)}${hint ? `; ${hint}` : ''}`, {cause})
    this.name = 'WriteError'
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** Write all of `bytes` at `position`, looping while the system takes fewer bytes than asked. */
export async function writeFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const {bytesWritten} = await handle.write(bytes, offset, bytes.length - offset, position + offset)
    // A write that takes nothing and reports no error would loop for ever.
    if (bytesWritten === 0) throw new Error('the system took no bytes')
    offset += bytesWritten
  }
}

/**
 * Flush a directory's entries (a rename in it) to the disk. Where a directory cannot be opened or
 * flushed (Windows; some file systems refuse with EINVAL), the rename stands as the system keeps it.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(directory, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EBADF' && code !== 'EPERM') throw error
  } finally {
    await handle.close()
  }
}

/**
 * Temporary files being written: removed if the process exits meanwhile (a second Ctrl-C exits at
 * once). Only a kill that no handler sees (SIGKILL, a power cut) can leave one behind, under a
 * hidden name (`.decruft-….tmp`) that no glob of inputs takes and no `--resume` mistakes for an output.
 */
const temporaries = new Set<string>()

function track(temporary: string): void {
  if (temporaries.size === 0) process.once('exit', removeTemporaries)
  temporaries.add(temporary)
}

function untrack(temporary: string): void {
  temporaries.delete(temporary)
  if (temporaries.size === 0) process.off('exit', removeTemporaries)
}

function removeTemporaries(): void {
  for (const file of temporaries) rmSync(file, {force: true})
}

/** Give a new file the mode and owner of the one it replaces (the owner when the process may set it). */
async function carryOver(handle: FileHandle, previous: Stats): Promise<void> {
  await handle.chmod(previous.mode & 0o7777)
  if (previous.uid !== process.getuid?.() || previous.gid !== process.getgid?.()) {
    // Only root may give a file away: for other users the new file stays theirs, as a copy would.
    await handle.chown(previous.uid, previous.gid).catch(() => undefined)
  }
}

/** Bytes of text pieces written at once (`writeAtomic` of pieces). */
const PIECES_WRITE_BYTES = 256 * 1024

/**
 * Write `pieces` of text as UTF-8 from the start of the file. Each piece is encoded into one buffer
 * as it comes, which is written whenever it is full: no piece outlives its turn. Pieces held until a
 * larger write (to join them) lived through the young generation's collections into the old one,
 * where they stayed until a full collection: writing a 64 MB report so took 170 MB more memory.
 */
async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  const buffer = Buffer.allocUnsafe(PIECES_WRITE_BYTES)
  let filled = 0
  let position = 0
  const write = async (bytes: Uint8Array): Promise<void> => {
    await writeFully(handle, bytes, position)
    position += bytes.length
  }
  for (const piece of pieces) {
    const length = Buffer.byteLength(piece, 'utf8')
    if (filled + length > buffer.length && filled > 0) {
      await write(buffer.subarray(0, filled))
      filled = 0
    }
    if (length > buffer.length) await write(Buffer.from(piece, 'utf8'))
    else filled += buffer.write(piece, filled, 'utf8')
  }
  if (filled > 0) await write(buffer.subarray(0, filled))
}

/**
 * Write `data` (a string as UTF-8, or text in pieces, never joined whole) to `file` atomically;
 * throws a WriteError.
 */
export async function writeAtomic(file: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const directory = path.dirname(file)
  const temporary = path.join(directory, `.decruft-${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  try {
    await mkdir(directory, {recursive: true})
    const previous = await lstat(file).catch(() => undefined)
    track(temporary)
    handle = await open(temporary, 'wx')
    if (previous?.isFile()) await carryOver(handle, previous)
    if (bytes instanceof Uint8Array) await writeFully(handle, bytes, 0)
    else await writePieces(handle, bytes)
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(temporary, file)
    untrack(temporary)
    await syncDirectory(directory)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    if (temporaries.has(temporary)) {
      await rm(temporary, {force: true}).catch(() => undefined)
      untrack(temporary)
    }
    throw new WriteError(file, error)
  }
}
