/**
 * The batch runner for plain-text files, after unified-engine's pipeline: for each file, read →
 * decode → clean (parse, transform) → stringify → write. p-map bounds how many files are read and
 * written at once; the cleaning runs on the executor's threads. Results are reported in input
 * order, so the report does not depend on which thread finished first. A file that fails is
 * reported and skipped; the batch goes on.
 *
 * Outputs are written atomically (a temporary file beside the target, then renamed), so an output
 * that exists is complete: `--resume` skips every input whose output exists.
 */

import {stat} from 'node:fs/promises'
import path from 'node:path'
import type {Writable} from 'node:stream'
import {pMapIterable} from 'p-map'
import {readRegularFile} from '../io/regular-file.js'
import {DecodeError} from '../io/utf8.js'
import {writeAtomic} from '../io/write.js'
import type {ReportBuilder} from '../report/report.js'
import type {Progress} from '../report/progress.js'
import type {DocumentOptions} from '../types.js'
import {CancelledError, TimeoutError, type Executor} from './executor.js'
import type {FileInput} from './inputs.js'
import type {TaskResult} from './work.js'

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
  /** Files larger than this are written unchanged and reported as skipped. */
  maxDocBytes?: number
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
  | {kind: 'done'; bytes: Uint8Array; result: TaskResult | {status: 'timeout'}}

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
      const bytes = await readRegularFile(file.absolute)
      let result: TaskResult | {status: 'timeout'}
      try {
        result =
          options.maxDocBytes !== undefined && bytes.length > options.maxDocBytes
            ? {status: 'too-large', bytes: bytes.length}
            : await executor.run({kind: 'text', bytes, options: {...options.documentOptions, path: file.relative}, maxDocBytes: options.maxDocBytes, details: options.report.keepsDocuments})
      } catch (error) {
        if (error instanceof CancelledError) return {kind: 'cancelled'}
        if (!(error instanceof TimeoutError)) throw error
        result = {status: 'timeout'}
      }
      if (result.status === 'cleaned') {
        if (planned) await writeAtomic(planned, result.output)
      } else if (result.status !== 'error' && planned && !options.inPlace) {
        // Skipped: the input goes out as it came in.
        await writeAtomic(planned, bytes)
      }
      return {kind: 'done', bytes, result}
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
    const {bytes, result} = outcome
    options.progress?.addRead(bytes.length)
    options.progress?.addDocument(bytes.length)
    if (result.status === 'error') {
      options.report.addError({path: file.display, message: result.message, ...(result.line === undefined ? {} : {line: result.line})})
      continue
    }
    if (result.status === 'cleaned') {
      if (!planned) options.stdout?.write(result.output)
      options.report.addDocument({path: file.display, output, title: result.title, lang: result.lang, bytesIn: result.bytesIn, bytesOut: result.bytesOut, removed: result.removed}, result.tally)
      continue
    }
    if (!planned) options.stdout?.write(bytes)
    options.report.addSkipped({path: file.display, ...(output ? {output} : {}), reason: result.status === 'timeout' ? 'timeout' : 'too large', bytes: bytes.length})
  }
  return {interrupted: interrupted || Boolean(signal?.aborted)}
}

export {errorMessage}
