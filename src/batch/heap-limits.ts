/**
 * The heap sizes of the batch's threads. The bin starts Node with `--max-semi-space-size=4`, which
 * caps the main thread's young generation at 4 MB per semi-space: V8's default lets it grow to
 * 16 MB while the modules and rules load, and it never shrinks back. Worker threads, which do the
 * cleaning, are given twice that: V8 reads the flag when it sets up a thread's heap, so once the
 * main thread runs, `liftSemiSpaceCap` lifts the flag and the threads started later take
 * `workerResourceLimits` (README, "Speed").
 */

import v8 from 'node:v8'

/** Old generation of each worker thread, in MB. */
const WORKER_OLD_MB = 1024

/**
 * Young generation of each worker thread, in MB: 8 MB semi-spaces (V8's young generation is three
 * times a semi-space, two semi-spaces and as much for large objects, and a semi-space's size is a
 * power of two), half V8's default, which the memory target needs. With the main thread's 4 MB,
 * the threads scavenged twice as often, and 45 MB of records with two workers took about 9% longer.
 */
const WORKER_YOUNG_MB = 24

/**
 * The `resourceLimits` of each worker thread. The old generation's limit also makes V8 collect a
 * worker's garbage sooner (peak memory ~10% lower); a record too large for it fails alone (it is
 * passed through and reported), and the thread is replaced.
 */
export const workerResourceLimits = {maxOldGenerationSizeMb: WORKER_OLD_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB} as const

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
