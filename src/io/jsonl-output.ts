/**
 * A JSON Lines output file that an interrupted or failed run can continue.
 *
 * Records are appended, in order and whole, to `<out>.decruft-partial` beside the output; only a
 * finished run flushes it to the disk and renames it to `<out>`. So `<out>` is never half-written:
 * it is absent, the previous complete output, or this run's complete output. The partial file keeps
 * every whole record: a write that fails (a full disk) is cut back to the end of the last one, and
 * what earlier runs wrote is never removed. With `--resume`, a run continues the partial file (or
 * a finished output, to add records the input has since gained): it counts the complete lines, drops
 * a trailing partial line (a run that was killed), and appends after them; the caller skips that many
 * records of the input.
 *
 * A plain output gets each record as it comes. A `.gz` output gets its records in batches of
 * `GZIP_BATCH` bytes, each compressed as one gzip member: a gzip file may hold several members one
 * after another (RFC 1952; gzip, zlib, Python and BGZF tools read them as one stream), so the file
 * is valid gzip after every batch, and a cut one drops only its last batch.
 */

import {createReadStream} from 'node:fs'
import {mkdir, open, rename, rm, stat, type FileHandle} from 'node:fs/promises'
import {once} from 'node:events'
import path from 'node:path'
import type {Writable} from 'node:stream'
import {promisify} from 'node:util'
import {createGunzip, gzip as gzipCallback} from 'node:zlib'
import {isGzipPath} from './compress.js'
import {syncDirectory, writeFully, WriteError} from './write.js'

export const PARTIAL_SUFFIX = '.decruft-partial'

/**
 * Uncompressed bytes per gzip member. Each member starts its dictionary afresh: on 10 MB of cleaned
 * benchmark records, members of 64 kB came out 0.8% larger than one stream, 256 kB 0.3%, 1 MB 0.07%.
 */
const GZIP_BATCH = 256 * 1024

/**
 * A record longer than this (a huge line passed through as it is read) goes to a plain file in
 * parts, not held whole; the file's whole-record end stays before it until its line ends, and a
 * failure or an interrupt cuts the file back there. A gzip file holds it (a member must end with a
 * whole record).
 */
const LONG_RECORD_BYTES = 1024 * 1024

const gzip = promisify(gzipCallback)

const RESUME_HINT = 'the whole records written before it are kept there (run again with --resume to continue)'

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

/**
 * Records appended to an open file after its last whole record. The records hold no LF (a JSON Lines
 * record is one line), so a chunk that ends with LF ends a record: the chunks of a record are held
 * until then and written at once, so the file only ever grows by whole records. A plain file gets
 * each record as it ends; a gzip file gets them in members of `GZIP_BATCH` bytes (and the rest on
 * closing).
 */
class RecordFile {
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private broken = false
  private closed = false
  /** Where the next bytes go: past `end` by the parts of a long record written so far. */
  private written: number

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** The file's size: it ends after a whole record. */
    private end: number,
    private readonly gzip: boolean,
    /** What a failed write leaves, for its message. */
    private readonly hint: string
  ) {
    this.written = end
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.broken) throw new WriteError(this.path, new Error('an earlier write failed'), this.hint)
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    this.pending.push(bytes)
    this.pendingBytes += bytes.length
    if (bytes[bytes.length - 1] === 0x0a) {
      if (this.pendingBytes >= (this.gzip ? GZIP_BATCH : 0)) await this.flush()
    } else if (!this.gzip && this.pendingBytes >= LONG_RECORD_BYTES) await this.writePending()
  }

  /** Write what is pending where the file is written to; `end` moves only when a record ends there. */
  private async writePending(): Promise<number> {
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    const bytes = this.gzip ? await gzip(data) : data
    try {
      await writeFully(this.handle, bytes, this.written)
    } catch (error) {
      this.broken = true
      await this.handle.truncate(this.end).catch(() => undefined)
      throw new WriteError(this.path, error, this.hint)
    }
    this.written += bytes.length
    return bytes.length
  }

  /**
   * Write the pending records (for gzip, as one member; an empty file gets an empty member, so that
   * it is still gzip). A write that fails is cut back to the end of the last whole record.
   */
  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 && !(this.gzip && this.end === 0)) return
    await this.writePending()
    this.end = this.written
  }

  /** Write what is pending, flush the file to the disk and close it. */
  async close(): Promise<void> {
    this.closed = true
    try {
      // A record cut off by an interrupt (its line never ended) is not kept; whole ones before it are.
      let whole = this.pending.length
      while (whole > 0 && this.pending[whole - 1][this.pending[whole - 1].length - 1] !== 0x0a) whole--
      this.pending = this.pending.slice(0, whole)
      this.pendingBytes = this.pending.reduce((sum, part) => sum + part.length, 0)
      if (this.written > this.end) await this.handle.truncate(this.end)
      this.written = this.end
      await this.flush()
      await this.handle.sync()
    } catch (error) {
      this.broken = true
      await this.handle.close().catch(() => undefined)
      throw error instanceof WriteError ? error : new WriteError(this.path, error, this.hint)
    }
    await this.handle.close()
  }

  /** Close the file as it is on disk (after its last whole record), dropping what is pending. */
  async abandon(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.broken = true
    this.pending = []
    if (this.written > this.end) await this.handle.truncate(this.end).catch(() => undefined)
    await this.handle.close().catch(() => undefined)
  }
}

export class JsonlOutput implements RecordSink {
  private constructor(
    /** The final output file. */
    readonly file: string,
    /** Whole records already in the output (a resumed run skips as many input records). */
    readonly resumed: number,
    private readonly records: RecordFile
  ) {}

  get partial(): string {
    return this.file + PARTIAL_SUFFIX
  }

  /**
   * Open the output. Without `resume` a new partial file is started; with it, the partial file (or
   * else the finished output) is continued after its last whole record.
   */
  static async open(file: string, options: {resume?: boolean} = {}): Promise<JsonlOutput> {
    const partial = file + PARTIAL_SUFFIX
    const gzip = isGzipPath(file)
    try {
      await mkdir(path.dirname(file), {recursive: true})
      if (options.resume && !(await exists(partial)) && (await exists(file))) await rename(file, partial)
    } catch (error) {
      throw new WriteError(partial, error)
    }
    if (!options.resume || !(await exists(partial))) return new JsonlOutput(file, 0, new RecordFile(partial, await openFile(partial, 'w'), 0, gzip, RESUME_HINT))
    if (!gzip) {
      const {records, length} = await completeLines(createReadStream(partial))
      const handle = await openFile(partial, 'r+')
      try {
        await handle.truncate(length)
      } catch (error) {
        await handle.close()
        throw new WriteError(partial, error)
      }
      return new JsonlOutput(file, records, new RecordFile(partial, handle, length, false, RESUME_HINT))
    }
    // A gzip file cut short cannot be appended to: its whole lines are copied into a new file, which
    // replaces the partial file once it is on the disk (until then the old one stands), and the run
    // continues it.
    const rebuilt = partial + '.tmp'
    const copy = new RecordFile(rebuilt, await openFile(rebuilt, 'w'), 0, true, 'the partial output is left as it was')
    try {
      const records = await copyCompleteLines(partial, copy)
      await copy.close()
      await rename(rebuilt, partial)
      await syncDirectory(path.dirname(partial))
      const handle = await openFile(partial, 'r+')
      return new JsonlOutput(file, records, new RecordFile(partial, handle, (await handle.stat()).size, true, RESUME_HINT))
    } catch (error) {
      await copy.abandon()
      await rm(rebuilt, {force: true})
      throw error instanceof WriteError ? error : new WriteError(partial, error)
    }
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    await this.records.write(chunk)
  }

  /** A finished run: the partial file, flushed to the disk, becomes the output. */
  async finish(): Promise<void> {
    await this.records.close()
    try {
      await rename(this.partial, this.file)
      await syncDirectory(path.dirname(this.file))
    } catch (error) {
      throw new WriteError(this.file, error, `the records are in ${this.partial}`)
    }
  }

  /** An interrupted run: the partial file keeps every whole record, for `--resume`. */
  async suspend(): Promise<void> {
    await this.records.close()
  }

  /** A failed run: the partial file stays as it is on disk, after its last whole record, for `--resume`. */
  async abandon(): Promise<void> {
    await this.records.abandon()
  }
}

async function openFile(file: string, flags: string): Promise<FileHandle> {
  try {
    return await open(file, flags)
  } catch (error) {
    throw new WriteError(file, error)
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
async function copyCompleteLines(file: string, target: RecordSink): Promise<number> {
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
      await target.write(Buffer.concat([...pending, chunk.subarray(0, last + 1)]))
      pending = [chunk.subarray(last + 1)]
    }
  } catch (error) {
    // The end of a stream cut short (a killed run): what came before it stands.
    if (error instanceof WriteError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'Z_BUF_ERROR' && code !== 'Z_DATA_ERROR' && !/unexpected end/i.test(String(error))) throw error
  }
  return records
}
