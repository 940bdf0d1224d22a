#!/usr/bin/env node
/**
 * Part of `npm run build` (after tsc): saves every built-in pack (`rules/*.yaml`) as
 * `dist/packs/<name>.json`, its data and rule positions with the SHA-256 of its text, so that
 * processes read it without the YAML parser (see `src/config/precompiled.ts`).
 */

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const {builtinPackNames, builtinPackFile} = await import('../dist/config/builtin.js')
const {parseYaml} = await import('../dist/config/read.js')
const {precompile, precompiledDirectory} = await import('../dist/config/precompiled.js')

mkdirSync(fileURLToPath(precompiledDirectory), {recursive: true})
for (const name of builtinPackNames()) {
  const file = builtinPackFile(name)
  const text = readFileSync(file, 'utf8')
  writeFileSync(new URL(`${name}.json`, precompiledDirectory), JSON.stringify(precompile(text, parseYaml(text, file))))
}
