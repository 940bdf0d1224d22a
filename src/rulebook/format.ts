/**
 * Small text helpers shared by the `decruft rules` commands: aligned tables, paths as a reader wants
 * them, scopes and sources in words.
 */

import path from 'node:path'
import {isBuiltinFile} from '../config/redos.js'
import {formatTable} from '../text/table.js'
import type {RuleSource, When} from '../types.js'

/** A plain table, every column left-aligned except those listed in `right`, no trailing spaces. */
export function textTable(header: string[], rows: string[][], right: readonly number[] = []): string {
  return formatTable(header, rows, {align: (column) => (right.includes(column) ? 'right' : 'left'), trimEnd: true})
}

/** A path relative to `cwd` when it lies below it; a built-in pack as `rules/<name>.yaml`. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative
  if (isBuiltinFile(file)) return `rules/${path.basename(file)}`
  return file
}

/** `file:line` of a rule's definition. */
export function sourceText(source: RuleSource, cwd: string): string {
  if (!source.file) return source.pack
  return `${displayPath(source.file, cwd)}${source.line ? `:${source.line}` : ''}`
}

/** A rule's `when` in a few words: `lang: de; domain: example.de`, or `all` when it has none. */
export function scopeText(when: When | undefined): string {
  const parts: string[] = []
  for (const key of ['lang', 'domain', 'url', 'path'] as const) {
    const values = when?.[key]
    if (values && values.length > 0) parts.push(`${key}: ${values.join(', ')}`)
  }
  return parts.length > 0 ? parts.join('; ') : 'all'
}

/** Cut a text to `length` characters, with an ellipsis. */
export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
