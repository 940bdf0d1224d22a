/**
 * What the rules decided for a whole document, across passes: which original line each rule claimed,
 * the spans removed inside kept lines, and the title. Also builds the "view" the next pass runs on:
 * the document as its clean output will read (kept lines, blank runs collapsed), so that the last
 * pass sees exactly what cleaning the output again would see.
 */

import type {Line} from '../text/lines.js'
import type {Claim, DocumentContext, Span} from './document.js'
import {slots} from './arrays.js'

/** A line of the view a pass runs on: an original line, or a copy with spans removed (`modified`). */
export type ViewLine = Line

export interface Outcome {
  /** The original lines. */
  lines: Line[]
  /** Claims by original line index. */
  claims: Array<Claim | undefined>
  /** Spans by original line index in `line`, offsets into the original text. */
  spans: Span[]
  /** Original line index of the title. */
  title: number | undefined
  /** Original line index of a page headline kept by the classifier: the title when it leads the output. */
  headline: number | undefined
}

export function createOutcome(lines: Line[]): Outcome {
  return {lines, claims: slots(lines.length), spans: [], title: undefined, headline: undefined}
}

/** Fold one pass's decisions into the outcome; returns how many new removals the pass made. */
export function mergePass(outcome: Outcome, document: DocumentContext): number {
  let added = 0
  document.claims.forEach((claim, position) => {
    if (!claim) return
    const index = document.lines[position].index
    if (outcome.claims[index]) return
    outcome.claims[index] = claim
    added++
  })
  for (const span of document.spans) {
    outcome.spans.push({...span, line: document.lines[span.line].index})
    added++
  }
  if (document.headline !== undefined) outcome.headline = document.lines[document.headline].index
  outcome.title = document.title === undefined ? undefined : document.lines[document.title].index
  return added
}

/**
 * The text of an original line with the outcome's spans removed: cut one by one from the last
 * (by start) to the first, each from the text the cuts after it left (two rules' spans may
 * overlap). The text after the latest cut is kept as a list of pieces of the line, the first piece
 * last, not as a string, so that a cut copies nothing: a long line with thousands of spans took
 * time quadratic in its length (400 kB with 4,900 spans, 9 s).
 */
export function keptLineText(outcome: Outcome, index: number, spansOf: Map<number, Span[]>): string {
  const line = outcome.lines[index]
  const spans = spansOf.get(index)
  if (!spans) return line.text
  const text = line.text
  // The text so far is text[0..cut) followed by the pieces `rest` (each [from, to) of `text`).
  let cut = text.length
  const rest: Array<[number, number]> = []
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    const start = span.start - line.start
    const end = span.end - line.start
    if (end <= cut) {
      if (end < cut) rest.push([end, cut])
    } else {
      // The cut reaches into the pieces: drop their first `end - cut` characters.
      let drop = end - cut
      while (drop > 0 && rest.length > 0) {
        const first = rest[rest.length - 1]
        if (first[1] - first[0] > drop) {
          first[0] += drop
          break
        }
        drop -= first[1] - first[0]
        rest.pop()
      }
    }
    cut = start
  }
  let kept = text.slice(0, cut)
  for (let piece = rest.length - 1; piece >= 0; piece--) kept += text.slice(rest[piece][0], rest[piece][1])
  return kept
}

export function spansByLine(outcome: Outcome): Map<number, Span[]> {
  const map = new Map<number, Span[]>()
  for (const span of outcome.spans) {
    if (outcome.claims[span.line]) continue
    const list = map.get(span.line) ?? []
    list.push(span)
    map.set(span.line, list)
  }
  return map
}

/** The lines of the clean output, as lines of the original (blank runs collapsed to one line). */
export function outputView(outcome: Outcome): ViewLine[] {
  const spansOf = spansByLine(outcome)
  const view: ViewLine[] = []
  let pendingBlank: Line | undefined
  for (const line of outcome.lines) {
    if (line.blank) {
      if (view.length > 0) pendingBlank ??= line
      continue
    }
    if (outcome.claims[line.index]) continue
    if (pendingBlank) view.push(pendingBlank)
    pendingBlank = undefined
    if (spansOf.has(line.index)) view.push({index: line.index, start: line.start, end: line.end, text: keptLineText(outcome, line.index, spansOf), blank: line.blank, modified: true})
    else view.push(line)
  }
  return view
}
