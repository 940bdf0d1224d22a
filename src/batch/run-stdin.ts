/**
 * The runner for one text document on standard input (`decruft clean -`), to standard output or to
 * one file (`-o FILE`, written atomically). Standard input is read only as far as `maxDocBytes`: a
 * longer document is passed through as it is read, never held whole, and reported as skipped.
 * An interrupt while the document is read or cleaned writes nothing.
 */

import type {Writable} from 'node:stream'
import {readUpTo} from '../io/bounded-read.js'
import {writeChunk} from '../io/jsonl-output.js'
import {unlessAborted} from '../io/unless-aborted.js'
import {writeAtomic} from '../io/write.js'
import {writeAtomicStream} from '../io/write-stream.js'
import type {ReportBuilder} from '../report/report.js'
import type {DocumentOptions} from '../types.js'
import {CancelledError, OutOfMemoryError, TimeoutError, type Executor} from './executor.js'
import {errorMessage} from './run-files.js'
import {skippedAs, type TaskResult} from './work.js'

const PATH = '<stdin>'

export interface StdinRunOptions {
  executor: Executor
  report: ReportBuilder
  /** The output file (absolute), and its name for the report; else standard output. */
  out?: {file: string; name: string}
  stdout: Writable
  documentOptions: DocumentOptions
  maxDocBytes: number
  /** The heap a thread has for a document: one whose shape takes more is passed through and reported as skipped. */
  docHeap?: number
  signal: AbortSignal
}

/** Chunks one after another, counted into `count.bytes` as they go by. */
async function* counted(chunks: AsyncIterable<Buffer>, count: {bytes: number}): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    count.bytes += chunk.length
    yield chunk
  }
}

async function* joined(first: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield first
  yield* rest
}

/** Clean standard input; resolves to whether the run was interrupted. */
export async function runStdin(stdin: AsyncIterable<Buffer | string>, options: StdinRunOptions): Promise<boolean> {
  const {executor, report, out, signal} = options
  const write = async (chunks: AsyncIterable<Buffer>) => {
    if (out) await writeAtomicStream(out.file, chunks)
    else for await (const chunk of chunks) await writeChunk(options.stdout, chunk)
  }
  try {
    const read = await unlessAborted(readUpTo(stdin, options.maxDocBytes), signal)
    if (!read) return true
    if (read.rest) {
      // Too large to clean: copied as it is read. An interrupt stops the reading (then a file is not
      // written; standard output has what was copied so far).
      const count = {bytes: 0}
      await write(counted(joined(read.bytes, read.rest), count))
      report.addSkipped({path: PATH, ...(out ? {output: out.name} : {}), reason: 'too large', bytes: count.bytes})
      return signal.aborted
    }
    const bytes = read.bytes
    let result: TaskResult | {status: 'timeout' | 'out of memory'}
    try {
      result = await executor.run({kind: 'text', bytes, options: options.documentOptions, maxDocBytes: options.maxDocBytes, docHeap: options.docHeap, details: report.keepsDocuments})
    } catch (error) {
      if (error instanceof CancelledError) return true
      if (error instanceof TimeoutError) result = {status: 'timeout'}
      else if (error instanceof OutOfMemoryError) result = {status: 'out of memory'}
      else throw error
    }
    if (result.status === 'error') {
      report.addError({path: PATH, message: result.message, ...(result.line === undefined ? {} : {line: result.line})})
      return signal.aborted
    }
    const output = result.status === 'cleaned' ? result.output : bytes
    if (out) await writeAtomic(out.file, output)
    else await writeChunk(options.stdout, output)
    if (result.status === 'cleaned') {
      report.addDocument({path: PATH, output: out?.name, title: result.title, lang: result.lang, bytesIn: result.bytesIn, bytesOut: result.bytesOut, removed: result.removed}, result.tally)
      if (result.html) report.addHtml(PATH)
    } else {
      report.addSkipped({path: PATH, ...(out ? {output: out.name} : {}), ...skippedAs(result), bytes: bytes.length})
    }
  } catch (error) {
    // Standard input destroyed by an interrupt while it was read is no error of the input.
    if (signal.aborted) return true
    report.addError({path: PATH, ...errorMessage(error)})
  }
  return signal.aborted
}
