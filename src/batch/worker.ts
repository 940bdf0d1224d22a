/**
 * A worker thread of the batch pool (tinypool). It compiles the rules once, from the resolved
 * config the pool passes as `workerData` (plain data) with the prefilters of its patterns and the
 * automata of its strings the main thread worked out, and then cleans one task at a time. Before a
 * task it writes its start time into the shared table of start times, so the main thread can tell a
 * document that runs over `--doc-timeout` and replace this thread.
 */

import {resourceLimits, workerData} from 'node:worker_threads'
import {createCleaner} from '../cleaner.js'
import {rememberPrefilters} from '../engine/literals.js'
import {rememberAutomata} from '../engine/automaton.js'
import type {PoolData} from './executor.js'
import {documentHeapOf} from './heap-limits.js'
import Tinypool from 'tinypool'
import {outputBuffers, runBatch, runTask, type BatchResult, type BatchTask, type Task, type TaskResult} from './work.js'

// tinypool passes `[its own data, ours]`.
const data = (Array.isArray(workerData) ? workerData[1] : workerData) as PoolData
if (data.prefilters) rememberPrefilters(data.prefilters)
if (data.automata) rememberAutomata(data.automata)
// Batches write the text and the removals: no vfile messages.
const cleaner = createCleaner(data.config, {messages: false})
const starts = data.starts ? new Float64Array(data.starts) : undefined
// The heap this thread has for a document, from the limit the pool gave it.
const threadHeap = resourceLimits.maxOldGenerationSizeMb ? documentHeapOf(resourceLimits.maxOldGenerationSizeMb) : undefined

/** tinypool's protocol for a result whose buffers move to the main thread instead of being copied. */
function moving(result: TaskResult | BatchResult): unknown {
  const buffers = outputBuffers(result)
  if (buffers.length === 0) return result
  return Tinypool.move({[Symbol.for('Tinypool.transferable')]: buffers, [Symbol.for('Tinypool.valueOf')]: result} as never)
}

export default function clean(task: Task | BatchTask | {kind: 'ready'}): unknown {
  if (task.kind === 'ready') return 'ready'
  if (task.kind === 'batch') return moving(runBatch(cleaner, task, threadHeap))
  if (starts && task.slot !== undefined) starts[task.slot] = Date.now()
  return moving(runTask(cleaner, task, threadHeap))
}
