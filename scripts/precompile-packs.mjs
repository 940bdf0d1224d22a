#!/usr/bin/env node
/**
 * Part of `npm run build` (after tsc): saves every built-in pack (`rules/*.yaml`) as
 * `dist/packs/<name>.json`, its data and rule positions with the SHA-256 of its text, so that
 * processes read it without the YAML parser (see `src/config/precompiled.ts`).
 *
 * Then checks every built-in pattern that has no stored ReDoS verdict in `rules/redos-verdicts.json`
 * (a new or changed pattern) with recheck, stores it there, and fails the build when a built-in
 * pattern is open to catastrophic backtracking within its rule's line limit, or is undecided and not
 * listed in `rules/redos-exceptions.json` (see `src/config/redos-verdicts.ts` and docs/testing.md).
 */

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const {builtinPackNames, builtinPackFile} = await import('../dist/config/builtin.js')
const {parseYaml} = await import('../dist/config/read.js')
const {precompile, precompiledDirectory} = await import('../dist/config/precompiled.js')
const {storeAndAuditVerdicts} = await import('../dist/config/redos-verdicts.js')

mkdirSync(fileURLToPath(precompiledDirectory), {recursive: true})
for (const name of builtinPackNames()) {
  const file = builtinPackFile(name)
  const text = readFileSync(file, 'utf8')
  writeFileSync(new URL(`${name}.json`, precompiledDirectory), JSON.stringify(precompile(text, parseYaml(text, file))))
}

const passed = storeAndAuditVerdicts({all: process.argv.includes('--all-verdicts'), log: (line) => console.log(line), fail: (line) => console.error(line)})
if (!passed) process.exit(1)
