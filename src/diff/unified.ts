/**
 * `decruft diff --format unified`: a standard unified diff from each original text to its clean
 * text, made with jsdiff, with `a/PATH` and `b/PATH` headers (PATH relative to the input root, as
 * `clean -o` mirrors it). `patch -p1` applied in (a copy of) the input folder turns every original
 * into exactly what `decruft clean` writes; a missing final newline is marked with
 * `\ No newline at end of file` as usual.
 */

import {FILE_HEADERS_ONLY, formatPatch, structuredPatch} from 'diff'
import type {Palette} from './color.js'
import type {ReviewDocument} from './review.js'

/** The text a patch must start from: the original as it is on disk (with its byte order mark). */
export function originalOnDisk(document: ReviewDocument): string {
  return (document.bom ? '\uFEFF' : '') + document.text
}

/** The unified diff of one document, or '' when cleaning changed nothing. */
export function unifiedPatch(document: ReviewDocument, options: {context?: number} = {}): string {
  const original = originalOnDisk(document)
  if (original === document.clean) return ''
  const name = document.relative
  const patch = structuredPatch(`a/${name}`, `b/${name}`, original, document.clean, undefined, undefined, {context: options.context ?? 3})
  if (patch.hunks.length === 0) return ''
  const text = formatPatch(patch, FILE_HEADERS_ONLY)
  // jsdiff C-quotes names with non-ASCII or special characters, as git does; a plain name with a
  // space gets a tab after it, as git writes it, so that GNU patch reads the whole name.
  if (!name.includes(' ')) return text
  const lines = text.split('\n')
  for (const index of [0, 1]) if (lines[index].charAt(4) !== '"') lines[index] += '\t'
  return lines.join('\n')
}

/** A unified diff coloured for a terminal: headers bold, hunk lines cyan, removed lines red, added lines green. */
export function colorPatch(patch: string, colors: Palette): string {
  if (!colors.enabled) return patch
  const lines = patch.split('\n')
  const header = (index: number) =>
    (lines[index].startsWith('--- ') && lines[index + 1]?.startsWith('+++ ')) || (lines[index].startsWith('+++ ') && lines[index - 1]?.startsWith('--- ') && lines[index + 1]?.startsWith('@@'))
  return lines
    .map((line, index) => {
      if (header(index)) return colors.bold(line)
      if (line.startsWith('@@')) return colors.hunk(line)
      if (line.startsWith('-')) return colors.removed(line)
      if (line.startsWith('+')) return colors.added(line)
      if (line.startsWith('\\')) return colors.dim(line)
      return line
    })
    .join('\n')
}
