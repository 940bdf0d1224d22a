/**
 * Where documents are cleaned: on a pool of worker threads (tinypool) that each compile the rules
 * once, one thread for `--workers 1`. The main thread only reads, writes and answers signals: a
 * document being cleaned never keeps it from stopping the run, and every document is cleaned under
 * the same heap limit whatever the number of threads (heap-limits.ts). Without a time budget, the
 * documents waiting when a thread becomes free go to it together as one task (a batch): a message
 * each way per batch instead of per document, which keeps the threads busy on corpora of small
 * documents. With `--doc-timeout`, documents go one at a time and a watchdog checks every
 * running task's start time (written by the worker into a shared table); a task over its budget is
 * aborted, which makes tinypool terminate its thread (a regular expression cannot be interrupted
 * inside a thread) and start a new one. The aborted document is reported and passed through, as is
 * one whose thread ran out of memory.
 */

import Tinypool from 'tinypool'
import type {ResolvedConfig} from '../config/resolve.js'
import {knownPrefilters, type SavedPrefilters} from '../engine/literals.js'
import {knownAutomata, type AutomatonData} from '../engine/automaton.js'
import type {BatchResult, Task, TaskResult} from './work.js'
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

/**
 * A batch holds at most this many documents, and stops growing past this many bytes; a document of
 * that many bytes or more is sent alone.
 */
const BATCH_DOCUMENTS = 16
export const BATCH_BYTES = 1 << 20

/**
 * The worker's module. Worker threads cannot load TypeScript: run from the sources (as the test
 * suite runs them), the pool takes the built worker.
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../../dist/batch/worker.js' : './worker.js', import.meta.url)

/** A task that ran over `--doc-timeout` (its thread was replaced). */
export class TimeoutError extends Error {
  constructor(readonly milliseconds: number) {
    super(`took longer than ${milliseconds} ms`)
    this.name = 'TimeoutError'
  }
}

/** A task whose thread ran out of memory (the thread was replaced). */
export class OutOfMemoryError extends Error {
  constructor() {
    super('out of memory')
    this.name = 'OutOfMemoryError'
  }
}

/** A task given up because the run was interrupted. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

/** The threads could not start: the rules do not fit in their memory, or a thread failed as it loaded. */
export class ThreadStartError extends Error {
  constructor(readonly outOfMemory: boolean, cause: unknown) {
    super(outOfMemory ? 'out of memory compiling the rules' : `cannot start a worker thread (${cause instanceof Error ? cause.message : String(cause)})`)
    this.name = 'ThreadStartError'
  }
}

/** Whether a task failed because its thread reached its heap limit (tinypool passes on the thread's error). */
function isOutOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
}

export interface Executor {
  /** How many tasks can run at once. */
  readonly concurrency: number
  /** Resolves once a thread has compiled the rules; rejects with `ThreadStartError`. */
  started(): Promise<void>
  /**
   * Clean one document; its bytes are best in a buffer of their own, listed in `transfer` (moved to
   * the thread, not copied). Rejects with `TimeoutError`, `OutOfMemoryError` or `CancelledError`.
   */
  run(task: Task, transfer?: ArrayBuffer[]): Promise<TaskResult>
  /** Give up every running task (interrupt). */
  cancelAll(): void
  /** Stop the threads; tasks still running are given up first. */
  close(): Promise<void>
}

export interface ExecutorOptions {
  config: ResolvedConfig
  workers: number
  /** Memory of each thread, in bytes (`--memory-budget`): its heap limit follows. */
  budget: number
  /** `--doc-timeout` in milliseconds. */
  timeout?: number
}

/** The executor for a run. */
export function createExecutor(options: ExecutorOptions): Executor {
  return new PoolExecutor(options)
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
  private readonly pool: Tinypool
  /** The first task, run as the threads start: whether they could compile the rules. */
  private readonly ready: Promise<unknown>
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
      filename: WORKER.href,
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: 60_000,
      resourceLimits: workerResourceLimits(options.budget),
      workerData: data
    })
    // A thread that fails as it loads, with no task of its own, is reported here (tinypool then
    // starts no other): `started` tells the run.
    this.pool.on('error', () => {})
    this.ready = this.pool.run({kind: 'ready'})
    this.ready.catch(() => {})
  }

  async started(): Promise<void> {
    try {
      await this.ready
    } catch (error) {
      throw new ThreadStartError(isOutOfMemory(error), error)
    }
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
      throw isOutOfMemory(error) ? new OutOfMemoryError() : error
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
        // A large document is a batch of its own: when its thread dies, no other document is sent
        // again with it, and its bytes, which may have moved to the thread, need not be.
        if (batch.length > 0 && this.waiting[0].task.bytes.length >= BATCH_BYTES) break
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
      // A document alone moves its bytes to the thread. A batch's are copied: when its thread dies,
      // each document is sent again, and moved bytes would be gone (the others failed with the one
      // to blame).
      const transfer = batch.length === 1 ? batch[0].transfer : undefined
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
      const failure = cancelled ? new CancelledError() : isOutOfMemory(error) ? new OutOfMemoryError() : error
      for (const waiting of batch) waiting.reject(failure)
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
