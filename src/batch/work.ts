/**
 * The CPU work of a batch, one document at a time: decode, clean, and (for JSON Lines) parse and
 * re-serialize the record. It runs in the worker threads, so the output never depends on which
 * thread cleaned a document. Tasks and results are plain data (they cross threads by structured
 * clone).
 */

import {appendFileSync} from 'node:fs'
import type {Cleaner} from '../cleaner.js'
import {getPath, setPath, type JsonRecord} from '../io/dotted-path.js'
import {decodeUtf8, DecodeError} from '../io/utf8.js'
import {beyondTheFloor, bytesBeyondTheFloor, heapBeyond, lineBeyondTheFloor} from './document-heap.js'
import {budgetFor} from './heap-limits.js'
import {looksLikeHtml} from '../text/html.js'
import {tallyOf, type RuleTally} from '../report/report.js'
import type {DocumentOptions, Removal} from '../types.js'

/** A text file's bytes. */
export interface TextTask {
  kind: 'text'
  bytes: Uint8Array
  options: DocumentOptions
  /** Send every removal back (for a report of each document); else only their counts by rule. */
  details?: boolean
  /** `--max-doc-bytes`: larger documents are not cleaned. */
  maxDocBytes?: number
  /** The heap a thread has for a document: one whose shape takes more is not cleaned (document-heap.ts). */
  docHeap?: number
  /** Slot of the start-time table (timeouts), when the pool watches this task. */
  slot?: number
}

/** One JSON Lines record (the line without its line ending). */
export interface RecordTask {
  kind: 'record'
  bytes: Uint8Array
  textField: string
  options: DocumentOptions
  details?: boolean
  maxDocBytes?: number
  docHeap?: number
  slot?: number
  /** How much of each removal the output record's `decruft.removed` holds (default `full`). */
  removed?: RemovedDetail
}

/**
 * `--removed`: what an output record says of its removals. `full`: every field, as the report;
 * `brief`: rule, category, lines and offsets; `none`: no `removed` field at all.
 */
export type RemovedDetail = 'full' | 'brief' | 'none'

export const REMOVED_DETAILS: readonly RemovedDetail[] = ['full', 'brief', 'none']

/** A removal as `brief` records give it: where, and by which rule; no text, reason or features. */
export type BriefRemoval = Pick<Removal, 'rule' | 'category' | 'startLine' | 'endLine' | 'start' | 'end'>

/** The `decruft` field of an output record, with its removals in `detail`. */
export function recordField(result: {title: string | null; lang: string; removed: Removal[]}, detail: RemovedDetail = 'full'): {title: string | null; lang: string; removed?: Removal[] | BriefRemoval[]} {
  if (detail === 'none') return {title: result.title, lang: result.lang}
  if (detail === 'full') return {title: result.title, lang: result.lang, removed: result.removed}
  return {
    title: result.title,
    lang: result.lang,
    removed: result.removed.map(({rule, category, startLine, endLine, start, end}) => ({rule, category, startLine, endLine, start, end}))
  }
}

export type Task = TextTask | RecordTask

/** Several documents for one thread, cleaned one after another (the pool without a time budget). */
export interface BatchTask {
  kind: 'batch'
  tasks: Task[]
}

/** A batch's results, in its tasks' order; a document that threw is `failed` (the others are not lost). */
export interface BatchResult {
  status: 'batch'
  results: Array<TaskResult | {status: 'failed'; message: string}>
}

export {tallyOf, type RuleTally} from '../report/report.js'

/** What a cleaned document contributes to the report. */
export interface Cleaned {
  title: string | null
  lang: string
  /** Every removal (with `details`), else none: then `tally` counts them. */
  removed: Removal[]
  tally?: RuleTally[]
  bytesIn: number
  bytesOut: number
  /** A record's `id`, when it has one. */
  id?: string
  /** The record already had a `decruft` field, which this one replaced. */
  replacedDecruft?: true
  /** The document looks like HTML (cleaned as text all the same). */
  html?: true
}

export type TaskResult =
  /**
   * Text: the clean text. Record: the output line (without line ending) as UTF-8 bytes, which the
   * thread hands over without a copy and the main thread writes as they are.
   */
  | ({status: 'cleaned'; output: string | Uint8Array} & Cleaned)
  /**
   * Not cleaned (`--max-doc-bytes`, or its shape takes more heap than the thread has, and then
   * `budget` is the `--memory-budget` in MB that would clean it): the input is written as it is.
   */
  | {status: 'too-large'; bytes: number; id?: string; budget?: number}
  /** Not a document: not UTF-8, not JSON, … (`line` for a text file's bad byte). */
  | {status: 'error'; message: string; line?: number}

/** A document passed through, as the report lists it: why, and for one too large by its shape the budget that would clean it. */
export function skippedAs(result: {status: 'too-large'; budget?: number} | {status: 'timeout' | 'out of memory'}): {reason: 'too large' | 'timeout' | 'out of memory'; budget?: number} {
  if (result.status !== 'too-large') return {reason: result.status}
  return result.budget === undefined ? {reason: 'too large'} : {reason: 'too large', budget: result.budget}
}

export class RecordError extends Error {}

/** A record's text and scoping fields; throws `RecordError` or `DecodeError`. */
export function readRecord(bytes: Uint8Array, textField: string): {record: JsonRecord; text: string} {
  const line = decodeUtf8(bytes)
  let record: unknown
  try {
    record = JSON.parse(line)
  } catch (error) {
    throw new RecordError(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new RecordError('not a JSON object')
  const text = getPath(record, textField)
  if (typeof text !== 'string') throw new RecordError(`no string at \`${textField}\``)
  return {record: record as JsonRecord, text}
}

/** Whether a line is blank, read as Latin-1 (`\s` bytes only): skipped, no record, no output. */
export function isBlankLine(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte !== 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0xa0) return false
  return true
}

/** The message for a record that cannot be used. */
export function recordErrorMessage(error: unknown): string | undefined {
  if (error instanceof DecodeError) return `not valid UTF-8: byte 0x${error.byte.toString(16).toUpperCase()} at column ${error.column}`
  if (error instanceof RecordError) return error.message
  return undefined
}

/** Whether a record produces an output line (a usable record) rather than an error. */
export function isUsableRecord(bytes: Uint8Array, textField: string): boolean {
  try {
    readRecord(bytes, textField)
    return true
  } catch (error) {
    if (recordErrorMessage(error) !== undefined) return false
    throw error
  }
}

/**
 * Test hook, never for production: with `DECRUFT_TEST_SLOW_MS` set, a document whose text contains
 * `decruft-test-slow` keeps its thread busy that long first (so tests can time out a document and
 * interrupt a run without depending on speed), and with `DECRUFT_TEST_SLOW_MARK` naming a file, a
 * line is added to that file as it starts (so a test interrupts a run once a document is being
 * cleaned). Read once: the tests set them when they start a run, and looking them up in the
 * environment for every document cost a third of a percent of a batch.
 */
const TEST_SLOW_MS = Number(process.env.DECRUFT_TEST_SLOW_MS)
const TEST_SLOW_MARK = process.env.DECRUFT_TEST_SLOW_MARK

function testSlowdown(text: string): void {
  if (!(TEST_SLOW_MS > 0) || !text.includes('decruft-test-slow')) return
  if (TEST_SLOW_MARK) appendFileSync(TEST_SLOW_MARK, 'started\n')
  const until = Date.now() + TEST_SLOW_MS
  while (Date.now() < until) {
    // busy: like a regular expression that does not return
  }
}

/** The removals part of a result: all of them, or their tally. */
function removals(removed: Removal[], details: boolean | undefined): {removed: Removal[]; tally?: RuleTally[]} {
  return details === false ? {removed: [], tally: tallyOf(removed)} : {removed}
}

/**
 * `options`, told not to explain the removals when nothing the run writes shows their reasons and
 * features (no report, and records without their removals in full): explaining the block
 * classifier's removals was some 5% of cleaning's instructions (docs/speed.md).
 */
function explained(options: DocumentOptions, shown: boolean): DocumentOptions {
  return shown ? options : {...options, explain: false}
}

/** A record's `id` field, as a string, when it has one. */
export function idOf(record: JsonRecord): string | undefined {
  const id = record.id
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
}

/** The cleaner's options for a record: `base`, scoped by the record's `url` and `path`. */
export function recordOptions(record: JsonRecord, base: DocumentOptions | undefined): DocumentOptions {
  const options: DocumentOptions = {...base}
  if (typeof record.url === 'string') options.url = record.url
  if (typeof record.path === 'string') options.path = record.path
  return options
}

const NO_BYTES = new Uint8Array(0)

/**
 * A text task's text, its `bytes` let go (replaced by none) once decoded: a large document's bytes
 * (a byte per byte) are not held beside its text and everything cleaning it takes. A function of its
 * own: the interpreter keeps what a function has read in its frame until the function returns, and
 * bytes decoded in `runTask` itself stayed there (50 MB of a 50 MB document) while it was cleaned.
 */
function decodeTaskText(task: TextTask): string {
  const text = decodeUtf8(task.bytes)
  task.bytes = NO_BYTES
  return text
}

/**
 * The `budget` of a `too-large` result for a text whose shape takes more heap than `docHeap`;
 * undefined when it fits. Without `docHeap` (`--max-doc-bytes` judges by size), a text is still
 * refused when its string alone is more than its thread's heap for a document (`floorHeap`) can
 * hold (`beyondTheFloor`): a record's text, which its line's size bounds only loosely. A text
 * file's bytes tell its string's size exactly, and are checked before they are decoded.
 */
function budgetBeyond(text: string, docHeap: number | undefined, floorHeap?: number): number | undefined {
  const needed = docHeap !== undefined ? heapBeyond(text, docHeap) : floorHeap !== undefined ? beyondTheFloor(text, floorHeap) : undefined
  return needed === undefined ? undefined : budgetFor(needed)
}

/**
 * Run one task. A text task's `bytes` are let go (replaced by none) once decoded. `threadHeap` is
 * the heap the running thread has for a document (heap-limits.ts), when it has a limit.
 */
export function runTask(cleaner: Cleaner, task: Task, threadHeap?: number): TaskResult {
  // Without a heap for its shape (`--max-doc-bytes`), a text is still held to its thread's heap.
  const floorHeap = task.docHeap === undefined ? threadHeap : undefined
  if (task.kind === 'text') {
    const bytesIn = task.bytes.length
    if (task.maxDocBytes !== undefined && bytesIn > task.maxDocBytes) return {status: 'too-large', bytes: bytesIn}
    if (floorHeap !== undefined && bytesBeyondTheFloor(task.bytes, floorHeap)) return {status: 'too-large', bytes: bytesIn}
    let text: string
    try {
      text = decodeTaskText(task)
    } catch (error) {
      if (error instanceof DecodeError) return {status: 'error', message: error.message, line: error.line}
      throw error
    }
    const budget = budgetBeyond(text, task.docHeap)
    if (budget !== undefined) return {status: 'too-large', bytes: bytesIn, budget}
    testSlowdown(text)
    const result = cleaner.clean(text, explained(task.options, task.details !== false))
    return {
      status: 'cleaned',
      output: result.text,
      title: result.title,
      lang: result.lang,
      ...removals(result.removed, task.details),
      bytesIn,
      bytesOut: Buffer.byteLength(result.text),
      ...(looksLikeHtml(text) ? {html: true as const} : {})
    }
  }

  if (floorHeap !== undefined && lineBeyondTheFloor(task.bytes.length, floorHeap)) return {status: 'too-large', bytes: task.bytes.length}
  let record: JsonRecord
  let text: string
  try {
    ;({record, text} = readRecord(task.bytes, task.textField))
  } catch (error) {
    const message = recordErrorMessage(error)
    if (message === undefined) throw error
    return {status: 'error', message}
  }
  const bytesIn = Buffer.byteLength(text)
  if (task.maxDocBytes !== undefined && bytesIn > task.maxDocBytes) return {status: 'too-large', bytes: bytesIn, id: idOf(record)}
  const budget = budgetBeyond(text, task.docHeap, floorHeap)
  if (budget !== undefined) return {status: 'too-large', bytes: bytesIn, id: idOf(record), budget}
  testSlowdown(text)
  const result = cleaner.clean(text, explained(recordOptions(record, task.options), task.details !== false || (task.removed ?? 'full') === 'full'))
  // Checked before the text is set: a text field under `decruft` is refused by the command line.
  const replacedDecruft = Object.hasOwn(record, 'decruft')
  setPath(record, task.textField, result.text)
  record.decruft = recordField(result, task.removed)
  const line = JSON.stringify(record)
  return {
    status: 'cleaned',
    output: utf8.encode(line),
    title: result.title,
    lang: result.lang,
    ...removals(result.removed, task.details),
    bytesIn,
    bytesOut: Buffer.byteLength(result.text),
    id: idOf(record),
    ...(replacedDecruft ? {replacedDecruft: true as const} : {}),
    ...(looksLikeHtml(text) ? {html: true as const} : {})
  }
}

/** Run a batch of tasks; an exception in one is that task's result. */
export function runBatch(cleaner: Cleaner, batch: BatchTask, threadHeap?: number): BatchResult {
  return {
    status: 'batch',
    results: batch.tasks.map((task) => {
      try {
        return runTask(cleaner, task, threadHeap)
      } catch (error) {
        return {status: 'failed', message: error instanceof Error ? error.message : String(error)}
      }
    })
  }
}

/** Encodes into a buffer of the output's own (a small `Buffer.from` would share Node's pool, which cannot move). */
const utf8 = new TextEncoder()

/** The buffers of a result's outputs given as bytes: they can be moved to another thread, not copied. */
export function outputBuffers(result: TaskResult | BatchResult): ArrayBuffer[] {
  const results = result.status === 'batch' ? result.results : [result]
  const buffers: ArrayBuffer[] = []
  for (const item of results) {
    if (item.status !== 'cleaned' || typeof item.output === 'string') continue
    // Only a buffer of its own can move (moving a shared one would take it from its other users).
    if (item.output.byteOffset !== 0 || item.output.byteLength !== item.output.buffer.byteLength) item.output = new Uint8Array(item.output)
    buffers.push(item.output.buffer as ArrayBuffer)
  }
  return buffers
}
