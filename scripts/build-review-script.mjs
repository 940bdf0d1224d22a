#!/usr/bin/env node
/**
 * Part of `npm run build` (after tsc), and of the test setup: bundles and minifies the review page's
 * browser code (`src/review/client.ts`) with esbuild's build API into `dist/review/client.min.js`,
 * which `src/review/script.ts` embeds in every page. The bundle is a classic script that defines
 * `decruftReview.reviewClient`; the page calls it with its options.
 */

import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {buildSync} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
export const reviewScriptFile = path.join(root, 'dist', 'review', 'client.min.js')

/** The minified page script, as text. */
export function bundleReviewScript() {
  const result = buildSync({
    stdin: {contents: "export {reviewClient} from './client.ts'", resolveDir: path.join(root, 'src', 'review'), sourcefile: 'review-entry.ts', loader: 'ts'},
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'decruftReview',
    target: 'es2022',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    banner: {js: "'use strict';"},
    write: false,
    logLevel: 'silent'
  })
  return result.outputFiles[0].text
}

/** Write the script where `script.ts` reads it (atomically: test runs may build it side by side). */
export function buildReviewScript() {
  mkdirSync(path.dirname(reviewScriptFile), {recursive: true})
  const temporary = `${reviewScriptFile}.${process.pid}.tmp`
  writeFileSync(temporary, bundleReviewScript())
  renameSync(temporary, reviewScriptFile)
  return reviewScriptFile
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildReviewScript()
