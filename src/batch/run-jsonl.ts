/**
 * The JSON Lines runner: each record's text field is replaced by its clean text and a `decruft`
 * field (`{title, lang, removed}`) is added; records come out in input order. A line that is not
 * valid UTF-8, not JSON, not an object or has no text at the field is reported with its file and
 * line and skipped.
 *
 * Records stream through a bounded window: the input is read only as far as `window` records (and
 * `windowBytes` bytes) ahead of the output, the records in it are cleaned at once on the executor's
 * threads, and the results are written in input order as they complete. Memory stays flat whatever
 * the input size. A record larger than `maxDocBytes` or over the executor's time budget is written
 * as it was read, and reported as skipped; so is a line longer than `maxLineBytes`, without ever
 * being held whole: it is copied to the output as it is read, once the records before it are
 * written.
 */

import {pMapIterable} from 'p-map'
import type {FileInput} from './inputs.js'
import {byteLines, type ByteLine} from '../io/byte-lines.js'
import {maybeGunzip, readFileChunks} from '../io/compress.js'
import {unlessAborted} from '../io/unless-aborted.js'
import type {RecordSink} from '../io/jsonl-output.js'
import {isUnopened, readFailureMessage} from '../io/system-error.js'
import type {ReportBuilder} from '../report/report.js'
import type {Progress} from '../report/progress.js'
import type {DocumentOptions} from '../types.js'
import {CancelledError, OutOfMemoryError, TimeoutError, type Executor} from './executor.js'
import {idOf as recordId, isBlankLine, isUsableRecord, recordErrorMessage, readRecord, skippedAs, type RemovedDetail, type TaskResult} from './work.js'

/** The line ending after an output record (encoded once, not per record). */
const NEWLINE = new Uint8Array([0x0a])

export interface JsonlSource {
  /** Name for messages: the file path, or `<stdin>`. */
  name: string
  /** The decompressed bytes. */
  stream: AsyncIterable<Buffer | string>
  /** The file's size on disk, when known (progress). */
  size?: number
}

/**
 * The sources of the command line's inputs, in their order: `-` is standard input, the rest the
 * files found for each. Files ending in `.gz` are decompressed, and so is gzip on standard input.
 * `onRead` is told the size of each chunk as read from disk or standard input.
 */
export function jsonlSources(inputs: readonly string[], files: readonly FileInput[], stdin: NodeJS.ReadableStream, onRead?: (bytes: number) => void): JsonlSource[] {
  const sources: JsonlSource[] = []
  // `files` lists each input's files in input order (none for a missing input): take them in turn,
  // so an input given twice is read twice, not four times.
  let next = 0
  for (const input of inputs) {
    if (input === '-') {
      sources.push({name: '<stdin>', stream: {[Symbol.asyncIterator]: () => maybeGunzip(stdin as AsyncIterable<Buffer>, onRead)}})
      continue
    }
    for (; next < files.length && files[next].input === input; next++) {
      const file = files[next]
      // Each file is opened when it is read, not all at once.
      sources.push({name: file.display, stream: {[Symbol.asyncIterator]: () => readFileChunks(file.absolute, onRead)}})
    }
  }
  return sources
}

export interface JsonlRunOptions {
  executor: Executor
  report: ReportBuilder
  out: RecordSink
  /** Dotted path of the text field (default `text`). */
  textField?: string
  documentOptions?: DocumentOptions
  /** Records whose text is larger (UTF-8 bytes) are written unchanged and reported as skipped. */
  maxDocBytes?: number
  /** The heap a thread has for a document: a record whose text's shape takes more is written unchanged and reported as skipped. */
  docHeap?: number
  /** Lines longer than this are written unchanged, as they are read, and reported as skipped (`too large`). */
  maxLineBytes?: number
  /** How much of each removal an output record holds (`--removed`; default `full`). */
  removed?: RemovedDetail
  /** `--resume`: the output already holds this many records; skip as many usable input records. */
  skipRecords?: number
  progress?: Progress
  /** Aborted on an interrupt: no more records are read, those in flight are given up. */
  signal?: AbortSignal
  /**
   * Records read ahead of the output at most (default: 32 per thread). Output keeps input order, so
   * a thread that finishes early has its results held until the earlier ones are written: the window
   * holds two batches per thread, so that no thread waits (more only holds more memory).
   */
  window?: number
  /** Bytes read ahead of the output at most (default 64 MB; one record may be larger). */
  windowBytes?: number
}

type Item =
  | {kind: 'record'; source: string; number: number; bytes: Buffer; size: number}
  | {kind: 'error'; source: string; message: string; size: 0}
  /** A line too long to hold: its first part, the rest to copy, and what to call once it is copied. */
  | {kind: 'long'; source: string; number: number; bytes: Buffer; rest: AsyncIterable<Buffer>; copied: () => void; size: number}

type Outcome = {item: Item; result?: TaskResult; failure?: unknown}

/** Waits until fewer than `limit` bytes are held (or nothing is). */
class ByteWindow {
  held = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly limit: number) {}

  async reserve(bytes: number): Promise<void> {
    while (this.held > 0 && this.held + bytes > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.held += bytes
  }

  release(bytes: number): void {
    this.held -= bytes
    for (const resolve of this.waiting.splice(0)) resolve()
  }
}

/**
 * Clean JSON Lines records from `sources` into `options.out`; resolves to whether the run was
 * interrupted, and whether an input could be read only in part (`cutShort`: the output is complete
 * up to that input's last good line, and must not be taken for the whole run's).
 */
export async function runJsonl(sources: JsonlSource[], options: JsonlRunOptions): Promise<{interrupted: boolean; cutShort: boolean}> {
  const textField = options.textField ?? 'text'
  const {executor, report, signal} = options
  const window = options.window ?? executor.concurrency * 32
  const bytesWindow = new ByteWindow(options.windowBytes ?? 64 * 1024 * 1024)
  let skip = options.skipRecords ?? 0

  let cutShort = false

  async function* items(): AsyncGenerator<Item> {
    for (const source of sources) {
      const lines = byteLines(source.stream, {maxLineBytes: options.maxLineBytes})
      let last = 0
      while (!signal?.aborted) {
        let next: IteratorResult<ByteLine> | undefined
        try {
          // An interrupt does not wait for the input's next line (a silent pipe).
          next = await unlessAborted(lines.next(), signal)
        } catch (error) {
          yield {kind: 'error', source: source.name, message: readFailureMessage(error, last), size: 0}
          if (isUnopened(error, last)) break
          // Read in part (a .gz file cut short): the output holds this source's records up to the
          // last good line, so no later source is read; the output stays a prefix of the whole run's.
          cutShort = true
          return
        }
        if (!next || next.done) break
        const {number, bytes, rest} = next.value
        last = number
        if (rest) {
          // Resuming: its output (the line as it came) is already written.
          if (skip > 0) {
            skip--
            report.addResumed()
            options.progress?.addDocument(bytes.length)
            continue
          }
          // Read on only once it is copied: the rest of the line is the next bytes of the input.
          let copied!: () => void
          const done = new Promise<void>((resolve) => (copied = resolve))
          await bytesWindow.reserve(bytes.length)
          yield {kind: 'long', source: source.name, number, bytes, rest, copied, size: bytes.length}
          await unlessAborted(done, signal)
          continue
        }
        if (bytes.length === 0 || isBlankLine(bytes)) continue
        if (skip > 0) {
          // Resuming: this record's output is already written (errors have none: they are reported again).
          if (isUsableRecord(bytes, textField)) {
            skip--
            report.addResumed()
            options.progress?.addDocument(bytes.length)
            continue
          }
        }
        await bytesWindow.reserve(bytes.length)
        if (signal?.aborted) {
          bytesWindow.release(bytes.length)
          return
        }
        yield {kind: 'record', source: source.name, number, bytes, size: bytes.length}
      }
      if (signal?.aborted) return
    }
  }

  const mapper = async (item: Item): Promise<Outcome> => {
    if (item.kind !== 'record') return {item}
    try {
      // A buffer of its own, moved to the thread (the line is kept to pass it through if need be).
      const copy = new Uint8Array(item.bytes)
      const result = await executor.run(
        {kind: 'record', bytes: copy, textField, options: options.documentOptions ?? {}, maxDocBytes: options.maxDocBytes, docHeap: options.docHeap, details: report.keepsDocuments, removed: options.removed},
        [copy.buffer as ArrayBuffer]
      )
      return {item, result}
    } catch (failure) {
      return {item, failure}
    }
  }

  let interrupted = false
  for await (const {item, result, failure} of pMapIterable(items(), mapper, {concurrency: window, backpressure: window})) {
    bytesWindow.release(item.size)
    if (interrupted) continue
    if (item.kind === 'error') {
      report.addError({path: item.source, message: item.message})
      continue
    }
    const path = `${item.source}:${item.number}`
    if (item.kind === 'long') {
      let bytes = item.bytes.length
      await options.out.write(item.bytes)
      for await (const chunk of item.rest) {
        await options.out.write(chunk)
        bytes += chunk.length
      }
      await options.out.write(NEWLINE)
      item.copied()
      options.progress?.addDocument(bytes)
      report.addSkipped({path, reason: 'too large', bytes})
      continue
    }
    if (failure instanceof CancelledError) {
      // Interrupted: this record and the ones after it are not written.
      interrupted = true
      continue
    }
    options.progress?.addDocument(item.bytes.length)
    if (failure !== undefined || !result) {
      // A timeout, or a thread that failed: the record goes out as it came in.
      await options.out.write(item.bytes)
      await options.out.write('\n')
      const id = idOf(item.bytes, textField)
      if (failure instanceof TimeoutError) report.addSkipped({path, ...(id === undefined ? {} : {id}), reason: 'timeout', bytes: item.bytes.length})
      else if (failure instanceof OutOfMemoryError) report.addSkipped({path, ...(id === undefined ? {} : {id}), reason: 'out of memory', bytes: item.bytes.length})
      else report.addError({path: item.source, line: item.number, message: `not cleaned (${failure instanceof Error ? failure.message : String(failure)}); written unchanged`})
      continue
    }
    if (result.status === 'error') {
      report.addError({path: item.source, line: item.number, message: result.message})
      continue
    }
    if (result.status === 'too-large') {
      await options.out.write(item.bytes)
      await options.out.write('\n')
      report.addSkipped({path, ...(result.id === undefined ? {} : {id: result.id}), ...skippedAs(result), bytes: result.bytes})
      continue
    }
    await options.out.write(result.output)
    await options.out.write(NEWLINE)
    report.addDocument({path, id: result.id, title: result.title, lang: result.lang, bytesIn: result.bytesIn, bytesOut: result.bytesOut, removed: result.removed}, result.tally)
    if (result.replacedDecruft) report.addReplacedDecruft(path)
    if (result.html) report.addHtml(path)
  }
  return {interrupted: interrupted || Boolean(signal?.aborted), cutShort}
}

function idOf(bytes: Uint8Array, textField: string): string | undefined {
  try {
    return recordId(readRecord(bytes, textField).record)
  } catch (error) {
    if (recordErrorMessage(error) !== undefined) return undefined
    throw error
  }
}
