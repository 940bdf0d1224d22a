/**
 * The batch runner for plain-text files, after unified-engine's pipeline: for each file, read →
 * decode → clean (parse, transform) → stringify → write. p-map bounds how many files are read and
 * written at once; the cleaning runs on the executor's threads. Results are reported in input
 * order, so the report does not depend on which thread finished first. A file that fails is
 * reported and skipped; the batch goes on.
 *
 * Outputs are written atomically (a temporary file beside the target, then renamed), so an output
 * that exists is complete: `--resume` skips every input whose output exists.
 *
 * A file larger than `maxDocBytes` is never read whole: it is copied to its output unchanged (to
 * standard output as it is read), and reported as skipped.
 */

import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import type {Writable} from 'node:stream'
import {pMapIterable} from 'p-map'
import {readFileUpTo} from '../io/bounded-read.js'
import {writeChunk} from '../io/jsonl-output.js'
import {DecodeError} from '../io/utf8.js'
import {writeAtomic} from '../io/write.js'
import {copyAtomic} from '../io/write-stream.js'
import type {ReportBuilder} from '../report/report.js'
import type {Progress} from '../report/progress.js'
import type {DocumentOptions} from '../types.js'
import {BATCH_BYTES, CancelledError, OutOfMemoryError, TimeoutError, type Executor} from './executor.js'
import type {FileInput} from './inputs.js'
import type {UrlMap} from './url-map.js'
import {skippedAs, type TaskResult} from './work.js'

export interface FileRunOptions {
  executor: Executor
  report: ReportBuilder
  /** Where each input's output goes (`planFileOutputs`), or why it has none; inputs not in it go to `stdout`. */
  outputs: Map<FileInput, string | Error>
  /** The outputs are the inputs. */
  inPlace?: boolean
  /** Write the (single) result here instead of a file. */
  stdout?: Writable
  /** Files read and written at once (default 8). */
  concurrency?: number
  documentOptions?: DocumentOptions
  /** `--url-map`: each file's URL, over `documentOptions.url`. */
  urls?: UrlMap
  /** Files larger than this are written unchanged and reported as skipped. */
  maxDocBytes?: number
  /** The heap a thread has for a document: one whose shape takes more is written unchanged and reported as skipped. */
  docHeap?: number
  /** Skip inputs whose output exists (an earlier run wrote it). */
  resume?: boolean
  progress?: Progress
  /** Aborted on an interrupt: no more files are started. */
  signal?: AbortSignal
}

function errorMessage(error: unknown): {message: string; line?: number} {
  if (error instanceof DecodeError) return {message: error.message, line: error.line}
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES') return {message: 'permission denied'}
  if (code === 'EISDIR') return {message: 'is a directory'}
  if (code === 'ENOENT') return {message: 'no such file or directory'}
  return {message: error instanceof Error ? error.message : String(error)}
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

type Outcome =
  | {kind: 'resumed'}
  | {kind: 'cancelled'}
  | {kind: 'failed'; error: unknown}
  /**
   * `bytes` is undefined for a file too large to read (it was copied as it is) and for one whose
   * bytes moved to a thread (`movable`): either is read again from the file to pass it through.
   */
  | {kind: 'done'; size: number; bytes?: Uint8Array; result: TaskResult | {status: 'timeout' | 'out of memory'}}

/**
 * Documents from this size on move to the thread that cleans them instead of being copied: the
 * main thread holds no second copy of a large document. The executor sends each such document
 * alone, so it is never sent again with a batch whose thread died. (A smaller one is copied: it
 * may share Node's buffer pool, which cannot move.)
 */
export const MOVE_FROM_BYTES = BATCH_BYTES

/** Whether a file's bytes (as `readFileUpTo` gives them) can move to a thread: a large buffer of their own. */
export function movable(bytes: Uint8Array): boolean {
  return bytes.length >= MOVE_FROM_BYTES && bytes.byteOffset === 0 && bytes.buffer.byteLength <= bytes.length + 1
}

/** The cleaner's options for a file: its absolute path (for `when.path`) and its URL from the map, if any. */
export function fileOptions(base: DocumentOptions | undefined, file: FileInput, urls: UrlMap | undefined): DocumentOptions {
  const url = urls?.urlOf(file.absolute, file.real)
  return {...base, path: file.absolute, ...(url === undefined ? {} : {url})}
}

/** Clean `files`; resolves to whether the run was interrupted. */
export async function runFiles(files: FileInput[], options: FileRunOptions): Promise<{interrupted: boolean}> {
  const plan = options.outputs
  const {executor, signal} = options
  const outputName = (planned: string) => path.relative(process.cwd(), planned) || planned

  const work = async (file: FileInput): Promise<Outcome> => {
    if (signal?.aborted) return {kind: 'cancelled'}
    const planned = plan.get(file)
    try {
      if (planned instanceof Error) throw planned
      if (options.resume && planned && !options.inPlace && (await exists(planned))) return {kind: 'resumed'}
      const limit = options.maxDocBytes ?? Number.POSITIVE_INFINITY
      const bytes = await readFileUpTo(file.absolute, limit)
      if (bytes === undefined) {
        // Too large to clean: copied, never held whole (in place, it stays as it is).
        const size = (await stat(file.absolute)).size
        if (planned && planned !== file.absolute) await copyAtomic(file.absolute, planned)
        return {kind: 'done', size, result: {status: 'too-large', bytes: size}}
      }
      const size = bytes.length
      // A large document's bytes move to the thread: they are not held here while it is cleaned.
      const moved = movable(bytes) ? [bytes.buffer as ArrayBuffer] : undefined
      let result: TaskResult | {status: 'timeout' | 'out of memory'}
      try {
        result = await executor.run({kind: 'text', bytes, options: fileOptions(options.documentOptions, file, options.urls), maxDocBytes: options.maxDocBytes, docHeap: options.docHeap, details: options.report.keepsDocuments}, moved)
      } catch (error) {
        if (error instanceof CancelledError) return {kind: 'cancelled'}
        if (error instanceof TimeoutError) result = {status: 'timeout'}
        else if (error instanceof OutOfMemoryError) result = {status: 'out of memory'}
        else throw error
      }
      if (result.status === 'cleaned') {
        if (planned) await writeAtomic(planned, result.output)
      } else if (result.status !== 'error' && planned && !options.inPlace) {
        // Skipped: the input goes out as it came in (the file is copied when its bytes moved).
        if (moved) await copyAtomic(file.absolute, planned)
        else await writeAtomic(planned, bytes)
      }
      return {kind: 'done', size, bytes: moved ? undefined : bytes, result}
    } catch (error) {
      return {kind: 'failed', error}
    }
  }

  let interrupted = false
  const concurrency = Math.max(1, options.concurrency ?? 8, executor.concurrency)
  for await (const [file, outcome] of pMapIterable(files, async (file) => [file, await work(file)] as const, {concurrency})) {
    if (outcome.kind === 'cancelled') {
      interrupted = true
      continue
    }
    const planned = plan.get(file)
    const output = typeof planned === 'string' ? outputName(planned) : undefined
    if (outcome.kind === 'resumed') {
      options.report.addResumed()
      options.progress?.addRead((await stat(file.absolute).catch(() => undefined))?.size ?? 0)
      options.progress?.addDocument(0)
      continue
    }
    if (outcome.kind === 'failed') {
      options.report.addError({path: file.display, ...errorMessage(outcome.error)})
      options.progress?.addDocument(0)
      continue
    }
    const {size, bytes, result} = outcome
    options.progress?.addRead(size)
    options.progress?.addDocument(size)
    if (result.status === 'error') {
      options.report.addError({path: file.display, message: result.message, ...(result.line === undefined ? {} : {line: result.line})})
      continue
    }
    if (result.status === 'cleaned') {
      if (!planned) options.stdout?.write(result.output)
      options.report.addDocument({path: file.display, output, title: result.title, lang: result.lang, bytesIn: result.bytesIn, bytesOut: result.bytesOut, removed: result.removed}, result.tally)
      if (result.html) options.report.addHtml(file.display)
      continue
    }
    if (!planned && options.stdout) await passThrough(options.stdout, bytes ?? createReadStream(file.absolute))
    options.report.addSkipped({path: file.display, ...(output ? {output} : {}), ...skippedAs(result), bytes: size})
  }
  return {interrupted: interrupted || Boolean(signal?.aborted)}
}

/** Write a document that was not cleaned to `stream` as it came in; a file too large to hold, as it is read. */
async function passThrough(stream: Writable, source: Uint8Array | AsyncIterable<Buffer>): Promise<void> {
  if (source instanceof Uint8Array) await writeChunk(stream, source)
  else for await (const chunk of source) await writeChunk(stream, chunk)
}

export {errorMessage}
