#!/usr/bin/env -S node --max-semi-space-size=4
// The flag caps the main thread's young generation at 4 MB per semi-space, the size the worker
// threads have (V8's default lets it grow to 16 MB while the modules and rules load, and it never
// shrinks back): a batch on worker threads peaks some 30–40 MB lower. Cleaning in this thread
// (`--workers 1`) is about a tenth slower for it (README, "Speed").
import {main} from '../dist/cli/main.js'

const code = await main(process.argv.slice(2))
process.exitCode = code
