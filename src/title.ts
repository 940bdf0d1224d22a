/**
 * Finding the title: the first non-blank line, when it looks like one.
 */

import type {DocumentContext} from './engine/document.js'
import type {TitleMode} from './types.js'

/** A title is short: a line longer than this is a paragraph. */
export const TITLE_MAX_CHARS = 250

/**
 * The index of the title line, or undefined. With `auto` the first non-blank line is the title when it
 * is short and followed by a blank line; with `first-line` it always is; with `none` there is none.
 */
export function findTitle(document: DocumentContext, mode: TitleMode): number | undefined {
  if (mode === 'none') return undefined
  const first = document.nextNonBlank(-1)
  if (first === -1) return undefined
  if (mode === 'first-line') return first
  const stats = document.stats(first)
  if (stats.chars > TITLE_MAX_CHARS || stats.words === 0) return undefined
  const next = first + 1
  if (next >= document.length || !document.isBlank(next)) return undefined
  return first
}
