/**
 * The test run's own cache folder for the pattern checks' results (`DECRUFT_CACHE_DIR`), removed
 * afterwards: tests do not write to the user's cache. A folder the environment names is kept.
 */

import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

export default function setup(): (() => void) | undefined {
  if (process.env.DECRUFT_CACHE_DIR !== undefined) return undefined
  const directory = mkdtempSync(path.join(tmpdir(), 'decruft-test-cache-'))
  process.env.DECRUFT_CACHE_DIR = directory
  return () => rmSync(directory, {recursive: true, force: true})
}
