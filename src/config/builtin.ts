/**
 * Where the built-in packs live, and which there are.
 */

import {existsSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/** `rules/` at the package root (this file is `dist/config/builtin.js`). */
export const rulesDirectory = new URL('../../rules/', import.meta.url)

/** Names of the built-in packs (`rules/<name>.yaml`). */
export function builtinPackNames(): string[] {
  return readdirSync(rulesDirectory)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort()
}

/** The file of a built-in pack, or undefined when there is no pack of that name. */
export function builtinPackFile(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name)) return undefined
  const file = fileURLToPath(new URL(`${name}.yaml`, rulesDirectory))
  return existsSync(file) ? file : undefined
}
