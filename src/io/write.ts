/**
 * Atomic output: a file is written to a temporary name beside it and renamed into place, so a reader
 * never sees half a file and an interrupted run leaves the old file (or none).
 */

import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  await writeFileAtomic(file, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), {encoding: 'utf8', fsync: false})
}
