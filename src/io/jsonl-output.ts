/**
 * A JSON Lines output file that an interrupted run can continue.
 *
 * Records are appended, in order and whole, to `<out>.decruft-partial` beside the output (gzip-
 * compressed when the output's name ends in `.gz`); only a finished run renames it to `<out>`. So
 * `<out>` is never half-written: it is absent, the previous complete output, or this run's complete
 * output. An interrupted run (Ctrl-C) ends the partial file after its last whole record. With
 * `--resume`, a run continues the partial file (or a finished output, to add records the input has
 * since gained): it counts the complete lines, drops a trailing partial line (a run that was
 * killed), and appends after them; the caller skips that many records of the input.
 */

import {once} from 'node:events'
import {createReadStream, createWriteStream, type WriteStream} from 'node:fs'
import {mkdir, open, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Writable} from 'node:stream'
import {createGzip, createGunzip} from 'node:zlib'
import {isGzipPath} from './compress.js'

export const PARTIAL_SUFFIX = '.decruft-partial'

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/** Write `chunk` to `stream`, waiting for it to drain when its buffer is full (backpressure). */
export async function writeChunk(stream: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain')
}

/** A sink for output records, with backpressure. */
export interface RecordSink {
  write(chunk: string | Uint8Array): Promise<void>
}

export class JsonlOutput implements RecordSink {
  private constructor(
    /** The final output file. */
    readonly file: string,
    /** Whole records already in the output (a resumed run skips as many input records). */
    readonly resumed: number,
    private readonly head: Writable,
    private readonly fileStream: WriteStream
  ) {}

  get partial(): string {
    return this.file + PARTIAL_SUFFIX
  }

  /**
   * Open the output. Without `resume` a new partial file is started; with it, the partial file (or
   * else the finished output) is continued after its last whole record.
   */
  static async open(file: string, options: {resume?: boolean} = {}): Promise<JsonlOutput> {
    await mkdir(path.dirname(file), {recursive: true})
    const partial = file + PARTIAL_SUFFIX
    const gzip = isGzipPath(file)
    if (options.resume && !(await exists(partial)) && (await exists(file))) await rename(file, partial)
    if (!options.resume || !(await exists(partial))) {
      const fileStream = createWriteStream(partial)
      const head = gzip ? createGzip() : fileStream
      if (gzip) head.pipe(fileStream)
      return new JsonlOutput(file, 0, head, fileStream)
    }
    if (!gzip) {
      const {records, length} = await completeLines(createReadStream(partial))
      const handle = await open(partial, 'r+')
      await handle.truncate(length)
      await handle.close()
      const fileStream = createWriteStream(partial, {flags: 'a'})
      return new JsonlOutput(file, records, fileStream, fileStream)
    }
    // A gzip stream cut short cannot be appended to: its whole lines are written to a new partial
    // file, which the run then continues.
    const rebuilt = partial + '.tmp'
    const fileStream = createWriteStream(rebuilt)
    const head = createGzip()
    head.pipe(fileStream)
    const records = await copyCompleteLines(partial, head)
    await rename(rebuilt, partial)
    return new JsonlOutput(file, records, head, fileStream)
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    await writeChunk(this.head, chunk)
  }

  private async end(): Promise<void> {
    const closed = once(this.fileStream, 'close')
    this.head.end()
    await closed
  }

  /** A finished run: the partial file becomes the output. */
  async finish(): Promise<void> {
    await this.end()
    await rename(this.partial, this.file)
  }

  /** An interrupted run: the partial file ends after its last whole record, for `--resume`. */
  async suspend(): Promise<void> {
    await this.end()
  }

  /** A failed run: the partial file goes. */
  async discard(): Promise<void> {
    this.head.destroy()
    this.fileStream.destroy()
    await rm(this.partial, {force: true})
  }
}

/** How many whole (LF-terminated) lines a stream holds, and their length in bytes. */
async function completeLines(stream: AsyncIterable<Buffer>): Promise<{records: number; length: number}> {
  let records = 0
  let length = 0
  let offset = 0
  for await (const chunk of stream) {
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) {
      records++
      length = offset + index + 1
    }
    offset += chunk.length
  }
  return {records, length}
}

/** Copy the whole lines of a gzip file (which may be cut short) into `target`; returns how many. */
async function copyCompleteLines(file: string, target: Writable): Promise<number> {
  const source = createReadStream(file).pipe(createGunzip())
  let records = 0
  let pending: Buffer[] = []
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const last = chunk.lastIndexOf(0x0a)
      if (last === -1) {
        pending.push(chunk)
        continue
      }
      for (let index = chunk.indexOf(0x0a); index !== -1 && index <= last; index = chunk.indexOf(0x0a, index + 1)) records++
      await writeChunk(target, Buffer.concat([...pending, chunk.subarray(0, last + 1)]))
      pending = [chunk.subarray(last + 1)]
    }
  } catch (error) {
    // The end of a stream cut short (a killed run): what came before it stands.
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'Z_BUF_ERROR' && code !== 'Z_DATA_ERROR' && !/unexpected end/i.test(String(error))) throw error
  }
  return records
}
