/**
 * `duplicate`: repeated lines. `target: title` removes later repeats (exact or near-exact) of the
 * title; `adjacent` removes a line printed twice in a row (both copies: a teaser title shown as image
 * link and as text link); `any` removes later copies of any earlier line.
 */

import type {RuleKind} from '../engine/rule.js'
import type {DocumentContext} from '../engine/document.js'

const DEFAULT_SIMILARITY = 0.9

/** Sørensen–Dice coefficient over character bigrams. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length < 2 || b.length < 2) return 0
  // A bigram is its two code units as one small integer: no string per bigram.
  const counts = new Map<number, number>()
  for (let i = 0; i < a.length - 1; i++) {
    const bigram = (a.charCodeAt(i) << 16) | a.charCodeAt(i + 1)
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1)
  }
  let shared = 0
  for (let i = 0; i < b.length - 1; i++) {
    const bigram = (b.charCodeAt(i) << 16) | b.charCodeAt(i + 1)
    const count = counts.get(bigram)
    if (count) {
      shared++
      counts.set(bigram, count - 1)
    }
  }
  return (2 * shared) / (a.length + b.length - 2)
}

function removeTitleRepeats(document: DocumentContext, threshold: number, apply: (index: number, exact: boolean) => void): void {
  if (document.title === undefined) return
  const title = document.label(document.title)
  if (!title) return
  for (let index = document.title + 1; index < document.length; index++) {
    if (!document.isFree(index)) continue
    // By length first: a paragraph's folded form is not kept, and is made again only when near.
    const ratio = document.labelLength(index) / title.length
    if (ratio < 0.8 || ratio > 1.25) continue
    const label = document.label(index)
    if (label === title) apply(index, true)
    else if (similarity(label, title) >= threshold) apply(index, false)
  }
}

export const duplicateKind: RuleKind = {
  meta: {
    name: 'duplicate',
    description: 'Removes repeated lines: repeats of the title, lines printed twice in a row, later copies of earlier lines.',
    phase: 4,
    options: ['target', 'similarity', 'minChars'],
    needsMatcher: false,
    actsOnMatchedLines: false
  },
  create(rule) {
    const target = rule.definition.target ?? 'title'
    const minChars = rule.definition.minChars ?? (target === 'any' ? 25 : 15)
    const threshold = rule.definition.similarity ?? DEFAULT_SIMILARITY
    return {
      apply(document) {
        if (target === 'title') {
          removeTitleRepeats(document, threshold, (index, exact) =>
            document.claim(index, index, rule, exact ? `${rule.description} (repeats the title)` : `${rule.description} (nearly repeats the title)`)
          )
          return
        }
        if (target === 'adjacent') {
          for (let index = 0; index + 1 < document.length; index++) {
            if (index === document.title || !document.isFree(index) || !document.isFree(index + 1)) continue
            if (document.stats(index).chars < minChars || !document.same(index, index + 1)) continue
            document.claim(index, index + 1, rule, `${rule.description} (printed twice in a row)`)
            index++
          }
          return
        }
        const lines: number[] = []
        for (let index = 0; index < document.length; index++) if (!document.isBlank(index) && document.stats(index).chars >= minChars) lines.push(index)
        const first = document.firstSame(lines)
        for (let at = 0; at < lines.length; at++) {
          const index = lines[at]
          if (first[at] !== at && document.isFree(index) && index !== document.title) {
            document.claim(index, index, rule, `${rule.description} (repeats line ${lines[first[at]] + 1})`)
          }
        }
      }
    }
  }
}
