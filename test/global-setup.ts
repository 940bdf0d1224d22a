/**
 * Builds the review page's script bundle (`dist/review/client.min.js`) from the current sources.
 *
 * The test run's own cache folder for the pattern checks' results (`DECRUFT_CACHE_DIR`), removed
 * afterwards: tests do not write to the user's cache. A folder the environment names is kept.
 */

import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
// @ts-expect-error: a plain JavaScript build script, without types
import {buildReviewScript} from '../scripts/build-review-script.mjs'

export default function setup(): (() => void) | undefined {
  // The review page's script is bundled from the sources of this run, not from an older build.
  buildReviewScript()
  if (process.env.DECRUFT_CACHE_DIR !== undefined) return undefined
  const directory = mkdtempSync(path.join(tmpdir(), 'decruft-test-cache-'))
  process.env.DECRUFT_CACHE_DIR = directory
  return () => rmSync(directory, {recursive: true, force: true})
}
