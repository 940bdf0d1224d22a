/**
 * Where documents are cleaned: in this thread (`--workers 1`), or on a pool of worker threads
 * (tinypool) that each compile the rules once. Without a time budget, the documents waiting when a
 * thread becomes free go to it together as one task (a batch): a message each way per batch
 * instead of per document, which keeps the threads busy on corpora of small documents. With
 * `--doc-timeout`, documents go one at a time and a watchdog checks every
 * running task's start time (written by the worker into a shared table); a task over its budget is
 * aborted, which makes tinypool terminate its thread (a regular expression cannot be interrupted
 * inside a thread) and start a new one. The aborted document is reported and passed through.
 */

import Tinypool from 'tinypool'
import {createCleaner, type Cleaner} from '../cleaner.js'
import type {ResolvedConfig} from '../config/resolve.js'
import {knownPrefilters, type SavedPrefilters} from '../engine/literals.js'
import {knownAutomata, type AutomatonData} from '../engine/automaton.js'
import {runTask, type BatchResult, type Task, type TaskResult} from './work.js'
import {workerResourceLimits} from './heap-limits.js'

/** What each worker thread receives: the resolved config (plain data) and the table of start times. */
export interface PoolData {
  config: ResolvedConfig
  starts?: SharedArrayBuffer
  /**
   * The rule patterns' prefilters this thread worked out compiling the config: a thread that
   * remembers them compiles in about 40 ms instead of 190 ms (working them out again was most of it).
   */
  prefilters?: SavedPrefilters
  /**
   * The automata this thread built compiling the config (in shared memory, so not copied): a config
   * of 100,000 phrases no longer builds them again in every thread.
   */
  automata?: Record<string, AutomatonData>
}

/** A batch holds at most this many documents, and stops growing past this many bytes. */
const BATCH_DOCUMENTS = 16
const BATCH_BYTES = 1 << 20

/** A task that ran over `--doc-timeout` (its thread was replaced). */
export class TimeoutError extends Error {
  constructor(readonly milliseconds: number) {
    super(`took longer than ${milliseconds} ms`)
    this.name = 'TimeoutError'
  }
}

/** A task given up because the run was interrupted. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

export interface Executor {
  /** How many tasks can run at once. */
  readonly concurrency: number
  /** Whether tasks cross to another thread (then their bytes are best copied into a buffer of their own and transferred). */
  readonly transfers: boolean
  /** Clean one document. Rejects with `TimeoutError` or `CancelledError`. */
  run(task: Task, transfer?: ArrayBuffer[]): Promise<TaskResult>
  /** Give up every running task (interrupt). */
  cancelAll(): void
  /** Stop the threads; tasks still running are given up first. */
  close(): Promise<void>
}

export interface ExecutorOptions {
  config: ResolvedConfig
  workers: number
  /** `--doc-timeout` in milliseconds. */
  timeout?: number
  /** The config compiled already (used when cleaning in this thread). */
  cleaner?: Cleaner
}

/** The executor for a run: in this thread for one worker without a timeout, else a pool. */
export function createExecutor(options: ExecutorOptions): Executor {
  if (options.workers === 1 && options.timeout === undefined) return new LocalExecutor(options.cleaner ?? createCleaner(options.config, {messages: false}))
  return new PoolExecutor(options)
}

/** Cleans in this thread, one document after another. */
export class LocalExecutor implements Executor {
  readonly concurrency = 1
  readonly transfers = false
  private cancelled = false

  constructor(private readonly cleaner: Cleaner) {}

  async run(task: Task): Promise<TaskResult> {
    // Let the event loop breathe between documents (progress, signals).
    await new Promise<void>((resolve) => setImmediate(resolve))
    if (this.cancelled) throw new CancelledError()
    return runTask(this.cleaner, task)
  }

  cancelAll(): void {
    this.cancelled = true
  }

  async close(): Promise<void> {}
}

/** At most `limit` holders at once; the others wait in order. */
class Semaphore {
  private held = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.held < this.limit) {
      this.held++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.held--
  }
}

interface Running {
  slot: number
  controller: AbortController
  reason?: 'timeout' | 'cancel'
}

interface Waiting {
  task: Task
  transfer: ArrayBuffer[] | undefined
  resolve: (result: TaskResult) => void
  reject: (error: unknown) => void
}

export class PoolExecutor implements Executor {
  readonly concurrency: number
  readonly transfers = true
  private readonly pool: Tinypool
  private readonly timeout: number | undefined
  private readonly starts: Float64Array | undefined
  private readonly freeSlots: number[] = []
  private readonly running = new Set<Running>()
  private watchdog: NodeJS.Timeout | undefined
  private cancelled = false
  /** One task per thread: a task is handed over when a thread is free, so its time is its own. */
  private readonly permits: Semaphore
  /** Without a time budget: documents waiting for a thread, and how many threads have a batch. */
  private readonly waiting: Waiting[] = []
  private busy = 0

  constructor(options: ExecutorOptions) {
    this.concurrency = options.workers
    this.permits = new Semaphore(options.workers)
    this.timeout = options.timeout
    let shared: SharedArrayBuffer | undefined
    if (this.timeout !== undefined) {
      const slots = options.workers
      shared = new SharedArrayBuffer(8 * slots)
      this.starts = new Float64Array(shared)
      for (let slot = slots - 1; slot >= 0; slot--) this.freeSlots.push(slot)
    }
    const data: PoolData = {config: options.config, starts: shared, prefilters: knownPrefilters(), automata: knownAutomata()}
    this.pool = new Tinypool({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: 60_000,
      resourceLimits: workerResourceLimits,
      workerData: data
    })
  }

  private startWatchdog(): void {
    if (this.watchdog || this.timeout === undefined) return
    const timeout = this.timeout
    this.watchdog = setInterval(
      () => {
        const now = Date.now()
        for (const task of this.running) {
          const started = this.starts![task.slot]
          if (started > 0 && now - started > timeout && !task.reason) {
            task.reason = 'timeout'
            task.controller.abort()
          }
        }
      },
      Math.max(5, Math.min(100, Math.floor(timeout / 5)))
    )
    this.watchdog.unref()
  }

  async run(task: Task, transfer?: ArrayBuffer[]): Promise<TaskResult> {
    if (this.cancelled) throw new CancelledError()
    if (this.timeout === undefined) {
      return new Promise<TaskResult>((resolve, reject) => {
        this.waiting.push({task, transfer, resolve, reject})
        this.pump()
      })
    }
    await this.permits.acquire()
    try {
      if (this.cancelled) throw new CancelledError()
      return await this.dispatch(task, transfer)
    } finally {
      this.permits.release()
    }
  }

  private async dispatch(task: Task, transfer?: ArrayBuffer[]): Promise<TaskResult> {
    const running: Running = {slot: -1, controller: new AbortController()}
    if (this.starts) {
      running.slot = this.freeSlots.pop() ?? -1
      if (running.slot === -1) throw new Error('decruft: no free task slot')
      this.starts[running.slot] = 0
      task = {...task, slot: running.slot}
      this.startWatchdog()
    }
    this.running.add(running)
    try {
      return (await this.pool.run(task, {transferList: transfer, signal: running.controller.signal})) as TaskResult
    } catch (error) {
      if (running.reason === 'timeout') throw new TimeoutError(this.timeout!)
      if (running.reason === 'cancel') throw new CancelledError()
      throw error
    } finally {
      this.running.delete(running)
      if (running.slot !== -1) {
        this.starts![running.slot] = 0
        this.freeSlots.push(running.slot)
      }
    }
  }

  /** Hand the waiting documents to free threads, as many per batch as are waiting (within limits). */
  private pump(): void {
    while (this.busy < this.concurrency && this.waiting.length > 0) {
      const batch: Waiting[] = []
      let bytes = 0
      while (this.waiting.length > 0 && batch.length < BATCH_DOCUMENTS && bytes < BATCH_BYTES) {
        const next = this.waiting.shift()!
        bytes += next.task.bytes.length
        batch.push(next)
      }
      this.busy++
      void this.dispatchBatch(batch).finally(() => {
        this.busy--
        this.pump()
      })
    }
  }

  private async dispatchBatch(batch: Waiting[]): Promise<void> {
    const running: Running = {slot: -1, controller: new AbortController()}
    this.running.add(running)
    try {
      if (this.cancelled) throw new CancelledError()
      const transfer = batch.flatMap(({transfer}) => transfer ?? [])
      const answer = (await this.pool.run({kind: 'batch', tasks: batch.map(({task}) => task)}, {transferList: transfer, signal: running.controller.signal})) as BatchResult
      batch.forEach((waiting, index) => {
        const result = answer.results[index]
        if (result.status === 'failed') waiting.reject(new Error(result.message))
        else waiting.resolve(result)
      })
    } catch (error) {
      const cancelled = running.reason === 'cancel' || error instanceof CancelledError
      this.running.delete(running)
      // A thread that died (a document too large for its heap) took the whole batch: each document
      // is tried again on its own, so only the one to blame fails.
      if (!cancelled && batch.length > 1) {
        for (const waiting of batch) await this.dispatchBatch([waiting])
        return
      }
      for (const waiting of batch) waiting.reject(cancelled ? new CancelledError() : error)
    } finally {
      this.running.delete(running)
    }
  }

  cancelAll(): void {
    this.cancelled = true
    for (const waiting of this.waiting.splice(0)) waiting.reject(new CancelledError())
    for (const task of this.running) {
      if (task.reason) continue
      task.reason = 'cancel'
      task.controller.abort()
    }
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog)
    // A run that ends early (its output closed, a disk full) leaves documents in flight: their
    // threads would keep the process alive until they were done.
    this.cancelAll()
    await this.pool.destroy()
  }
}
