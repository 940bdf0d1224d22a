/**
 * The compiler plugin: the kept text. Kept lines come out exactly as they were (less any inline
 * spans), blank lines (whitespace and invisible characters) come out empty, runs of them collapse to
 * one, there are none at either end, and every line ending is the document's dominant one (LF, CRLF
 * or CR; `splitLines`), with one at the end.
 */

import type {Root} from 'nlcst'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'
import {outputView, type Outcome} from './engine/outcome.js'

/** The kept text of a document. */
export function keptText(outcome: Outcome, eol: string): string {
  const view = outputView(outcome)
  return view.length === 0 ? '' : view.map((line) => (line.blank ? '' : line.text)).join(eol) + eol
}

/** unified plugin: set the compiler (after `decruftRules`, or after `retextDecruft` in a retext pipeline). */
export const decruftStringify: Plugin<[], Root, string> = function () {
  const self = this as unknown as Processor<undefined, undefined, undefined, Root, string>
  self.compiler = (_tree: Root, file: VFile) => {
    const outcome = file.data.outcome
    if (!outcome) throw new Error('decruft: no rules ran on this file (use decruftStringify after decruftRules, or after retextDecruft in a retext pipeline)')
    return keptText(outcome, file.data.eol ?? '\n')
  }
}
