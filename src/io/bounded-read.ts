/**
 * Reading a document only as far as it can be cleaned. A document over the size limit is passed
 * through unchanged, and must never be held whole in memory (a 200 MB file, a file that keeps
 * growing, a pipe that never ends): these read at most one limit's worth, and leave the rest to be
 * copied as it is read.
 */

import {openRegularFile} from './regular-file.js'

/** What a bounded read got. */
export interface BoundedRead {
  /** All of the input, or (with `rest`) its first part. */
  bytes: Buffer
  /** The input was over the limit: the chunks after `bytes`, still to be read. */
  rest?: AsyncIterable<Buffer>
}

/** The bytes of a stream, or its first part and the rest when it holds more than `limit` bytes. */
export async function readUpTo(stream: AsyncIterable<Buffer | string>, limit: number): Promise<BoundedRead> {
  const iterator = stream[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let length = 0
  while (length <= limit) {
    const next = await iterator.next()
    if (next.done) return {bytes: Buffer.concat(chunks, length)}
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    chunks.push(chunk)
    length += chunk.length
  }
  const rest = {
    [Symbol.asyncIterator]: () => rest,
    async next(): Promise<IteratorResult<Buffer>> {
      const next = await iterator.next()
      return next.done ? next : {done: false, value: typeof next.value === 'string' ? Buffer.from(next.value) : next.value}
    },
    async return(): Promise<IteratorResult<Buffer>> {
      await iterator.return?.()
      return {done: true, value: undefined}
    }
  }
  return {bytes: Buffer.concat(chunks, length), rest}
}

/**
 * A file's bytes, or `undefined` when it holds more than `limit` bytes (then at most `limit + 1`
 * bytes were read). Reads what the file holds when it is read, not what `stat` said before.
 */
export async function readFileUpTo(file: string, limit: number): Promise<Buffer | undefined> {
  // Only a regular file: a FIFO or a device is refused before it is read.
  const handle = await openRegularFile(file)
  try {
    const {size} = await handle.stat()
    // One read for a file that holds what it said; a file that grows (or says 0, as some special
    // files do) is read on in blocks, never past the limit.
    let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1)
    let length = 0
    while (length <= limit) {
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 1 << 16), limit + 1))
        buffer.copy(larger, 0, 0, length)
        buffer = larger
      }
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) return buffer.subarray(0, length)
      length += bytesRead
    }
    return undefined
  } finally {
    await handle.close()
  }
}
