#!/usr/bin/env -S node --max-semi-space-size=4
// The flag caps the main thread's young generation at 4 MB per semi-space (V8's default lets it
// grow to 16 MB while the modules and rules load, and it never shrinks back): a batch's peak RSS is
// some 40 MB lower at the same speed. Worker threads get the same cap (see src/batch/executor.ts).
import {main} from '../dist/cli/main.js'

const code = await main(process.argv.slice(2))
process.exitCode = code
