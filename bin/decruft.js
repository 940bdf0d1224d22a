#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4
// The flag caps the main thread's young generation at 4 MB per semi-space; it is lifted once this
// thread's heap is set up, so that worker threads take their own limit (src/batch/heap-limits.ts).
// MALLOC_ARENA_MAX=2 keeps glibc's malloc from giving each thread an arena of its own: a batch with
// two workers peaks 15–20 MB lower (README, "Speed"). Other C libraries ignore it.
import {liftSemiSpaceCap} from '../dist/batch/heap-limits.js'
import {main} from '../dist/cli/main.js'

liftSemiSpaceCap()
const code = await main(process.argv.slice(2))
process.exitCode = code
