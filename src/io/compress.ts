/**
 * Gzip in and out, chosen by file name (`.gz`); standard input is recognised by gzip's magic bytes.
 */

import {createGunzip} from 'node:zlib'
import {openRegularFile} from './regular-file.js'

/** Whether a file name asks for gzip. */
export function isGzipPath(file: string): boolean {
  return file.toLowerCase().endsWith('.gz')
}

/**
 * A regular file's chunks (anything else is refused: see regular-file.ts), decompressed when its name
 * ends in `.gz`; `onRaw` is told each chunk's size as read from disk.
 */
export async function* readFileChunks(file: string, onRaw?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const raw = (await openRegularFile(file)).createReadStream({highWaterMark: 1 << 16})
  if (onRaw) raw.on('data', (chunk) => onRaw(chunk.length))
  if (!isGzipPath(file)) {
    yield* raw as AsyncIterable<Buffer>
    return
  }
  const gunzip = createGunzip()
  raw.on('error', (error) => gunzip.destroy(error))
  yield* raw.pipe(gunzip) as AsyncIterable<Buffer>
}

/** A stream's chunks, decompressed when it starts with gzip's magic bytes (1f 8b). */
export async function* maybeGunzip(stream: AsyncIterable<Buffer | string>, onRaw?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const iterator = stream[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value
  onRaw?.(head.length)
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield head
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
      onRaw?.(chunk.length)
      yield chunk
    }
  }
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield* rest()
    return
  }
  const gunzip = createGunzip()
  const feed = (async () => {
    try {
      for await (const chunk of rest()) if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once('drain', resolve))
      gunzip.end()
    } catch (error) {
      gunzip.destroy(error as Error)
    }
  })()
  yield* gunzip as AsyncIterable<Buffer>
  await feed
}
