/**
 * The page's script: the browser code of `client.ts`, embedded as its own (compiled) source text with
 * its options, whitespace and comments stripped.
 */

import {cleanText, reviewClient, type ClientOptions} from './client.js'
import {REMOVAL_STRIDE} from './data.js'
import {minifyScript} from './minify.js'

/** The inline script that runs the page, reading its data from the element with id `dataId`. */
export function clientScript(dataId: string): string {
  const options: ClientOptions = {dataId, stride: REMOVAL_STRIDE}
  const script = minifyScript(`'use strict';\n${cleanText.toString()}\n(${reviewClient.toString()})(${JSON.stringify(options)});`)
  // Inside a <script> element these would end it early or change how it is parsed.
  if (/<\/script|<!--/i.test(script)) throw new Error('decruft review: the client script contains </script or <!--')
  return script
}
