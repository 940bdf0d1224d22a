/**
 * The page's script: the browser code of `client.ts`, bundled and minified by esbuild when the
 * package is built (`scripts/build-review-script.mjs` writes `dist/review/client.min.js`), then
 * called with the page's options.
 */

import {readFileSync} from 'node:fs'
import type {ClientOptions} from './client.js'
import {REMOVAL_STRIDE} from './data.js'

/** The built bundle, the same path from `src/review/` and from `dist/review/`. */
const BUNDLE = new URL('../../dist/review/client.min.js', import.meta.url)
let bundle: string | undefined

function readBundle(): string {
  if (bundle !== undefined) return bundle
  try {
    bundle = readFileSync(BUNDLE, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new Error('decruft review: the page script dist/review/client.min.js is missing; run `npm run build`')
  }
  return bundle
}

/** The inline script that runs the page, reading its data from the element with id `dataId`. */
export function clientScript(dataId: string): string {
  const options: ClientOptions = {dataId, stride: REMOVAL_STRIDE}
  const script = `${readBundle().trimEnd()}\ndecruftReview.reviewClient(${JSON.stringify(options)});`
  // Inside a <script> element these would end it early or change how it is parsed.
  if (/<\/script|<!--/i.test(script)) throw new Error('decruft review: the client script contains </script or <!--')
  return script
}
