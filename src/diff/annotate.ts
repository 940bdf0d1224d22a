/**
 * The gutter view of `decruft diff`: a document's original lines, numbered, each removed line marked
 * `-` and each line with a removed span marked `~`, with the removing rule and its category in a
 * gutter column:
 *
 *     fixtures/seeds/001.txt  (it, 7 removals)
 *      1                     │ Putin brinda con Kim. …
 *      2                     │
 *      3 - en/ad-label (ad)  │ - Advertisement -
 *      9 ~ en/share (social) │ The body goes on.[- Share this article.-]
 *
 * Removed spans inside kept lines are shown as `[-…-]` without colour, in red (struck through) with
 * colour. With `context`, only that many lines around removals are shown, each run under an
 * `@@ line N @@` separator.
 */

import {splitLines} from '../text/lines.js'
import type {Removal} from '../types.js'
import type {Palette} from './color.js'
import type {ReviewDocument} from './review.js'

export interface MarkedLine {
  /** 1-based line number. */
  number: number
  text: string
  /** `removed`: all of the line is inside a removal; `partial`: spans of it are. */
  status: 'kept' | 'removed' | 'partial'
  /** For `partial` lines: removed spans, as [start, end) offsets into `text`, sorted, not overlapping. */
  spans: Array<[number, number]>
  /** The removals that touch this line, in order. */
  removals: Removal[]
}

/** Each line of `text` with what `removals` take of it. */
export function markLines(text: string, removals: readonly Removal[]): MarkedLine[] {
  const {lines} = splitLines(text)
  const marked: MarkedLine[] = lines.map((line) => ({number: line.index + 1, text: line.text, status: 'kept', spans: [], removals: []}))
  const covered: Array<Array<[number, number]>> = lines.map(() => [])
  for (const removal of [...removals].sort((a, b) => a.start - b.start)) {
    for (let index = Math.max(0, removal.startLine - 1); index <= Math.min(lines.length - 1, removal.endLine - 1); index++) {
      const line = lines[index]
      marked[index].removals.push(removal)
      const from = Math.max(removal.start, line.start) - line.start
      const to = Math.min(removal.end, line.end) - line.start
      if (to > from) covered[index].push([from, to])
    }
  }
  for (const [index, line] of marked.entries()) {
    if (line.removals.length === 0) continue
    const spans = mergeSpans(covered[index])
    const removedChars = spans.reduce((sum, [from, to]) => sum + to - from, 0)
    if (removedChars === line.text.length) line.status = 'removed'
    else if (removedChars > 0) {
      line.status = 'partial'
      line.spans = spans
    }
  }
  return marked
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const span of sorted) {
    const last = merged.at(-1)
    // Overlapping spans merge; spans that only touch stay apart, so each rule's span shows.
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
}

/** Runs of line indexes to show: all lines, or the changed ones with `context` lines around each. */
export function hunks(lines: readonly MarkedLine[], context: number | undefined): Array<[number, number]> {
  if (lines.length === 0) return []
  if (context === undefined) return [[0, lines.length - 1]]
  const ranges: Array<[number, number]> = []
  for (const [index, line] of lines.entries()) {
    if (line.status === 'kept') continue
    const from = Math.max(0, index - context)
    const to = Math.min(lines.length - 1, index + context)
    const last = ranges.at(-1)
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to)
    else ranges.push([from, to])
  }
  return ranges
}

/** Control characters (but tab) as visible symbols, so a text cannot drive the terminal. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, (character) => (character === '\u007F' ? '\u2421' : String.fromCharCode(0x2400 + character.charCodeAt(0))))
}

export interface AnnotateOptions {
  palette: Palette
  /** Show only this many kept lines around removals; all lines when undefined. */
  context?: number
  /** How many removals the document has in all (for the header, when `removals` is a selection). */
  total?: number
  /** Widest gutter column; longer labels stick out. */
  maxGutter?: number
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The header line of a document in the gutter view. */
export function documentHeader(document: ReviewDocument, shown: number, total: number, palette: Palette): string {
  const count = shown === total ? plural(total, 'removal') : `${shown} of ${plural(total, 'removal')}`
  return `${palette.bold(document.path)}  (${document.lang}, ${count})`
}

/** The gutter view of one document with `removals` (a selection of its removals) marked. */
export function annotate(document: ReviewDocument, removals: readonly Removal[], options: AnnotateOptions): string {
  const {palette} = options
  const lines = markLines(document.text, removals)
  const labelOf = (line: MarkedLine) => {
    const seen = new Set<string>()
    const parts: Array<{text: string; removal: Removal}> = []
    for (const removal of line.removals) {
      const text = `${removal.rule} (${removal.category})`
      if (seen.has(text)) continue
      seen.add(text)
      parts.push({text, removal})
    }
    return parts
  }
  const labels = lines.map(labelOf)
  const width = Math.min(options.maxGutter ?? 40, Math.max(0, ...labels.map((parts) => parts.map((part) => part.text).join(', ').length)))
  const numberWidth = String(lines.length).length
  const out = [documentHeader(document, removals.length, options.total ?? removals.length, palette)]
  for (const [from, to] of hunks(lines, options.context)) {
    if (options.context !== undefined) out.push(palette.hunk(`@@ line ${from + 1} @@`))
    for (let index = from; index <= to; index++) {
      const line = lines[index]
      const parts = labels[index]
      const plainLabel = parts.map((part) => part.text).join(', ')
      const label = parts.map((part) => palette.category(part.removal.category, part.text)).join(', ') + ' '.repeat(Math.max(0, width - plainLabel.length))
      const marker = line.status === 'removed' ? palette.removed('-') : line.status === 'partial' ? palette.removed('~') : ' '
      let text: string
      if (line.status === 'removed') text = palette.removed(visible(line.text))
      else if (line.status === 'partial') {
        text = ''
        let cursor = 0
        for (const [start, end] of line.spans) {
          text += visible(line.text.slice(cursor, start))
          const span = visible(line.text.slice(start, end))
          text += palette.enabled ? palette.span(span) : `[-${span}-]`
          cursor = end
        }
        text += visible(line.text.slice(cursor))
      } else text = visible(line.text)
      const prefix = `${palette.dim(String(line.number).padStart(numberWidth))} ${marker} ${label} ${palette.dim('│')}`
      out.push(text === '' ? prefix : `${prefix} ${text}`)
    }
  }
  return out.join('\n') + '\n'
}
