#!/usr/bin/env -S node --max-semi-space-size=4
// The flag caps the young generation at 4 MB per semi-space in every thread of the process (V8's
// default lets the main thread's grow to 16 MB while the modules and rules load, and it never
// shrinks back; the worker threads' own limit is about the same size): a batch peaks some 30–40 MB
// lower per thread, and cleaning is 10–15% slower for it (README, "Speed").
import {main} from '../dist/cli/main.js'

const code = await main(process.argv.slice(2))
process.exitCode = code
