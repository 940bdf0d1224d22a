/**
 * The compiler plugin: the kept text. Kept lines come out exactly as they were (less any inline
 * spans), whitespace-only lines count as blank, runs of blank lines collapse to one, there are no
 * blank lines at either end, and the text ends with one line ending (the input's own: LF or CRLF).
 */

import type {Root} from 'nlcst'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'
import type {DocumentContext} from './engine/document.js'

/** The kept text of a document the rules have run over. */
export function keptText(document: DocumentContext, eol: string): string {
  const spansByLine = new Map<number, Array<{start: number; end: number}>>()
  for (const span of document.spans) {
    const list = spansByLine.get(span.line) ?? []
    list.push(span)
    spansByLine.set(span.line, list)
  }

  const out: string[] = []
  let pendingBlank = false
  for (const line of document.lines) {
    if (line.blank) {
      pendingBlank = out.length > 0
      continue
    }
    if (document.claims[line.index]) continue
    let text = line.text
    const spans = spansByLine.get(line.index)
    if (spans) {
      spans.sort((a, b) => b.start - a.start)
      for (const span of spans) {
        text = text.slice(0, span.start - line.start) + text.slice(span.end - line.start)
      }
    }
    if (pendingBlank) out.push('')
    pendingBlank = false
    out.push(text)
  }
  return out.length === 0 ? '' : out.join(eol) + eol
}

/** unified plugin: set the compiler. */
export const decruftStringify: Plugin<[], Root, string> = function () {
  const self = this as unknown as Processor<undefined, undefined, undefined, Root, string>
  self.compiler = (_tree: Root, file: VFile) => {
    const document = file.data.document
    if (!document) throw new Error('decruft: the rule engine did not run on this file')
    return keptText(document, file.data.eol ?? '\n')
  }
}
