/**
 * Reading inputs as regular files only. Opening a FIFO for reading blocks until a writer comes (in
 * libuv's thread pool, where no signal reaches it), and a device such as /dev/zero never ends: so a
 * path is stat'ed before it is opened, opened without blocking, and its handle checked again (the
 * path may have been replaced in between). Anything else is a `NotRegularFileError` naming what it is.
 */

import {constants, type Stats} from 'node:fs'
import {open, stat, type FileHandle} from 'node:fs/promises'

/** What a file that is not a regular file is, for messages. */
export function fileKind(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isSymbolicLink'>): string {
  if (stats.isFile()) return 'regular file'
  if (stats.isDirectory()) return 'folder'
  if (stats.isFIFO()) return 'FIFO'
  if (stats.isCharacterDevice()) return 'character device'
  if (stats.isBlockDevice()) return 'block device'
  if (stats.isSocket()) return 'socket'
  if (stats.isSymbolicLink()) return 'symbolic link'
  return 'unknown file type'
}

export class NotRegularFileError extends Error {
  constructor(readonly kind: string) {
    super(`not a regular file (${kind})`)
    this.name = 'NotRegularFileError'
  }
}

/** Why a file could not be read, for messages: what it is, or the system's error code. */
export function describeReadError(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return `cannot read (${code ?? String(error)})`
}

/** O_NONBLOCK where the system has it: opening a FIFO then returns at once (and the handle's check refuses it). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** Open a regular file for reading; anything else is refused before it is read (or, where possible, opened). */
export async function openRegularFile(file: string): Promise<FileHandle> {
  const before = await stat(file)
  if (!before.isFile()) throw new NotRegularFileError(fileKind(before))
  const handle = await open(file, OPEN_FLAGS)
  try {
    const after = await handle.stat()
    if (!after.isFile()) throw new NotRegularFileError(fileKind(after))
    return handle
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** The bytes of a regular file (see `openRegularFile`). */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await openRegularFile(file)
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}
