/**
 * Terminal colour for `decruft diff`: whether to use it, and the few ANSI styles the views need.
 *
 * Whether: `--color` / `--no-color` decide when given; else `FORCE_COLOR` (any non-empty value but
 * `0` or `false` turns colour on, `0` or `false` off); else `NO_COLOR` (any non-empty value turns it
 * off); else colour iff the output is a terminal (and `TERM` is not `dumb`).
 */

import type {Category} from '../types.js'

export interface ColorChoice {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag?: boolean
  env?: NodeJS.ProcessEnv
  stream?: NodeJS.WritableStream
}

export function colorEnabled({flag, env = process.env, stream}: ColorChoice): boolean {
  if (flag !== undefined) return flag
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return Boolean((stream as {isTTY?: boolean} | undefined)?.isTTY)
}

/** ANSI SGR codes of each category's gutter colour. */
const CATEGORY_CODES: Record<Category, string> = {
  ad: '35', // magenta
  related: '34', // blue
  promo: '33', // yellow
  credit: '36', // cyan
  social: '94', // bright blue
  comments: '32', // green
  navigation: '96', // bright cyan
  legal: '90', // grey
  duplicate: '93', // bright yellow
  metadata: '95', // bright magenta
  noise: '90' // grey
}

export interface Palette {
  readonly enabled: boolean
  /** Text of a removed line. */
  removed(text: string): string
  /** An added line (unified diff). */
  added(text: string): string
  /** A span removed from inside a kept line. */
  span(text: string): string
  /** Line numbers, separators. */
  dim(text: string): string
  /** Document headers. */
  bold(text: string): string
  /** Hunk separators. */
  hunk(text: string): string
  /** A gutter label in its category's colour. */
  category(category: Category, text: string): string
}

const sgr = (codes: string) => (text: string) => (text === '' ? '' : `\u001b[${codes}m${text}\u001b[0m`)
const plain = (text: string) => text

export function palette(enabled: boolean): Palette {
  if (!enabled) return {enabled, removed: plain, added: plain, span: plain, dim: plain, bold: plain, hunk: plain, category: (_category, text) => text}
  return {
    enabled,
    removed: sgr('31'),
    added: sgr('32'),
    span: sgr('31;9'),
    dim: sgr('2'),
    bold: sgr('1'),
    hunk: sgr('36'),
    category: (category, text) => sgr(CATEGORY_CODES[category] ?? '0')(text)
  }
}
