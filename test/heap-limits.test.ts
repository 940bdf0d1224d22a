/**
 * The threads' heap sizes. The bin starts Node with `--max-semi-space-size=4` (the main thread's
 * young generation) and lifts that cap for the worker threads started later, which take their own
 * `resourceLimits`. Each case runs in a child process started as the bin starts Node, and reports
 * how large the young generation ("new space") of the main thread and of one worker thread grew
 * under a load that keeps objects alive across scavenges.
 */

import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {workerResourceLimits} from '../src/batch/heap-limits.js'
import {DEFAULT_THREAD_BUDGET} from '../src/batch/pool-size.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const heapLimits = pathToFileURL(path.join(root, 'dist', 'batch', 'heap-limits.js')).href

/** Allocate objects that live a while (so V8 grows the young generation to its limit), then report its size in MB. */
const grow = `
  let kept = []
  for (let index = 0; index < 6e6; index++) {
    kept.push({index})
    if (kept.length > 400000) kept = []
  }
  const space = v8.getHeapSpaceStatistics().find((entry) => entry.space_name === 'new_space')
  const megabytes = space.space_size / 2 ** 20
`

/** The young generation's size (MB) in the main thread and in a worker thread (both ES modules, as `--input-type` makes them), in a child started with `flags`. */
function youngGenerations(flags: string[], options: {lift: boolean; nodeOptions?: string}): {main: number; worker: number; lifted: boolean | null} {
  const script = `
    import v8 from 'node:v8'
    import {Worker} from 'node:worker_threads'
    import {liftSemiSpaceCap, workerResourceLimits} from ${JSON.stringify(heapLimits)}
    const lifted = ${options.lift} ? liftSemiSpaceCap() : null
    ${grow}
    const worker = new Worker(${JSON.stringify(`import v8 from 'node:v8'; import {parentPort} from 'node:worker_threads';${grow}parentPort.postMessage(megabytes)`)}, {eval: true, resourceLimits: workerResourceLimits(${DEFAULT_THREAD_BUDGET})})
    worker.once('message', (inWorker) => {
      console.log(JSON.stringify({main: megabytes, worker: inWorker, lifted}))
      worker.terminate()
    })
  `
  const env = {...process.env, NODE_OPTIONS: options.nodeOptions ?? ''}
  const result = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {encoding: 'utf8', env})
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as {main: number; worker: number; lifted: boolean | null}
}

/** The Node flags of the bin's first line (`#!/usr/bin/env -S NAME=value … node FLAGS`). */
function binFlags(): string[] {
  const words = readFileSync(path.join(root, 'bin', 'decruft.js'), 'utf8').split('\n')[0].split(/\s+/)
  return words.slice(words.indexOf('node') + 1)
}

describe('heap limits', () => {
  it('start Node as the bin does: the main thread capped at 4 MB semi-spaces', () => {
    expect(binFlags()).toEqual(['--max-semi-space-size=4'])
  })

  it('give worker threads 8 MB semi-spaces once the cap is lifted, and keep the main thread at 4 MB', () => {
    // A young generation is two semi-spaces: 8 MB for 4 MB ones, 16 MB for 8 MB ones.
    const {main, worker, lifted} = youngGenerations(binFlags(), {lift: true})
    expect(lifted).toBe(true)
    expect(main).toBeLessThanOrEqual(8)
    expect(worker).toBe(16)
    expect(workerResourceLimits(DEFAULT_THREAD_BUDGET).maxYoungGenerationSizeMb).toBe(24)
  })

  it('leave worker threads at the cap while it is not lifted', () => {
    const {worker} = youngGenerations(binFlags(), {lift: false})
    expect(worker).toBe(8)
  })

  it('leave a cap given in NODE_OPTIONS in force', () => {
    const {worker, lifted} = youngGenerations([], {lift: true, nodeOptions: '--max-semi-space-size=2'})
    expect(lifted).toBe(false)
    expect(worker).toBe(4)
  })
})
