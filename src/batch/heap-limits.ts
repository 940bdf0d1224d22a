/**
 * The heap sizes of the batch's threads, and the largest document a thread's memory holds.
 *
 * The bin starts Node with `--max-semi-space-size=4`, which caps the main thread's young generation
 * at 4 MB per semi-space: V8's default lets it grow to 16 MB while the modules and rules load, and
 * it never shrinks back. Worker threads, which do the cleaning, are given twice that: V8 reads the
 * flag when it sets up a thread's heap, so once the main thread runs, `liftSemiSpaceCap` lifts the
 * flag and the threads started later take `workerResourceLimits` (docs/speed.md, "Heap sizes").
 *
 * Each worker thread has a memory budget (`--memory-budget`, default `DEFAULT_THREAD_BUDGET` of
 * pool-size.ts). Its old generation is what the budget leaves after the young generation and the
 * memory a thread holds outside its heap, and a document is cleaned only when the heap its shape
 * takes (document-heap.ts) fits in that beside the compiled rules: one rule, the same whatever the
 * number of threads, so the output never depends on it. A larger document is passed through as
 * `too large`.
 */

import v8 from 'node:v8'
import {LEAST_PER_BYTE} from './document-heap.js'

const MB = 1024 * 1024

/**
 * Young generation of each worker thread, in MB: 8 MB semi-spaces (V8's young generation is three
 * times a semi-space, two semi-spaces and as much for large objects, and a semi-space's size is a
 * power of two), half V8's default, which the memory target needs. With the main thread's 4 MB,
 * the threads scavenged twice as often, and 45 MB of records with two workers took about 9% longer.
 */
const WORKER_YOUNG_MB = 24

/**
 * What a thread holds outside its JS heap, in MB: its code, the regular expressions' and ICU's
 * memory, a document's bytes and its output's.
 */
const OUTSIDE_HEAP_MB = 16

/**
 * The heap a thread holds once it has compiled the recommended config, with room to spare, in MB
 * (17–18 MB measured after a collection).
 */
const THREAD_HEAP_MB = 24

/**
 * A JSON Lines record is read (and parsed by a thread) only when its line is at most the heap a
 * thread has for a document over this many bytes: 7.2 MB at the default budget, four times the
 * largest document when every document was held to 56 bytes of heap per byte. A line is parsed
 * before its text's shape can be read, and parsing it and writing the record back takes a thread
 * about 4 bytes of heap per byte besides its text's. A longer line is passed through as it is read,
 * never held whole.
 */
const RECORD_HEAP_PER_BYTE = 14

/** With `--max-doc-bytes` given, a JSON Lines line is read whole up to this many times that size. */
export const RECORD_LINE_FACTOR = 4

/** The smallest budget a thread can compile the rules and clean a small document in, in MB. */
export const MIN_THREAD_BUDGET_MB = WORKER_YOUNG_MB + OUTSIDE_HEAP_MB + THREAD_HEAP_MB + 8

/** Old generation of a worker thread with `budget` bytes of memory, in MB. */
function oldGenerationMb(budget: number): number {
  return Math.max(THREAD_HEAP_MB, Math.floor(budget / MB) - WORKER_YOUNG_MB - OUTSIDE_HEAP_MB)
}

/**
 * The `resourceLimits` of each worker thread with `budget` bytes of memory. The old generation's
 * limit also makes V8 collect a worker's garbage sooner; a document that still takes more fails
 * alone (it is passed through and reported), and the thread is replaced.
 */
export function workerResourceLimits(budget: number): {maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number} {
  return {maxOldGenerationSizeMb: oldGenerationMb(budget), maxYoungGenerationSizeMb: WORKER_YOUNG_MB}
}

/** The heap, in bytes, that a worker thread with `budget` bytes of memory has for a document beside the rules. */
export function documentHeap(budget: number): number {
  return documentHeapOf(oldGenerationMb(budget))
}

/** The heap, in bytes, that a worker thread whose old generation is `oldGenerationMb` has for a document beside the rules. */
export function documentHeapOf(oldGenerationMb: number): number {
  return Math.max(0, oldGenerationMb - THREAD_HEAP_MB) * MB
}

/** The smallest `--memory-budget`, in MB, whose thread has `heap` bytes for a document. */
export function budgetFor(heap: number): number {
  return Math.max(MIN_THREAD_BUDGET_MB, Math.ceil(heap / MB) + THREAD_HEAP_MB + WORKER_YOUNG_MB + OUTSIDE_HEAP_MB)
}

/**
 * The largest document (bytes of UTF-8 text) a worker thread with `budget` bytes of memory may
 * clean: the one of the shape that takes the least heap per byte. A larger file is never read
 * whole; a smaller one is cleaned when its shape fits (document-heap.ts).
 */
export function largestDocument(budget: number): number {
  return Math.floor(documentHeap(budget) / LEAST_PER_BYTE)
}

/** The longest JSON Lines line a worker thread with `budget` bytes of memory is given whole. */
export function largestRecordLine(budget: number): number {
  return Math.floor(documentHeap(budget) / RECORD_HEAP_PER_BYTE)
}

/**
 * Lift a `--max-semi-space-size` cap for the threads started from now on, so that they take their
 * own `resourceLimits`. The running thread keeps the size its heap was set up with. A cap set in
 * `NODE_OPTIONS` is the user's and stays; returns whether the cap was lifted.
 */
export function liftSemiSpaceCap(nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if (/--max-semi-space-size\b/.test(nodeOptions)) return false
  v8.setFlagsFromString('--max-semi-space-size=0')
  return true
}
