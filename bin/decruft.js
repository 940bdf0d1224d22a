#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4
// The flag caps the main thread's young generation at 4 MB per semi-space; it is lifted once this
// thread's heap is set up, so that worker threads take their own limit (src/batch/heap-limits.ts).
// MALLOC_ARENA_MAX=2 keeps glibc's malloc from giving each thread an arena of its own: a batch with
// two workers peaks 15–20 MB lower (docs/speed.md, "Heap sizes"). Other C libraries ignore it.
import {liftSemiSpaceCap} from '../dist/batch/heap-limits.js'
import {guardSignals} from '../dist/cli/signals.js'
import {main} from '../dist/cli/main.js'

// First: a signal at any point of the run must not end it by the default action (src/cli/signals.ts).
const signals = guardSignals()
liftSemiSpaceCap()
const code = await main(process.argv.slice(2))
process.exitCode = code
signals.finished()
