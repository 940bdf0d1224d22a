/**
 * Terminal colour for `decruft diff`: whether to use it, and the few styles the views need (the
 * escape codes are picocolors').
 *
 * Whether: `--color` / `--no-color` decide when given; else `FORCE_COLOR` (any non-empty value but
 * `0` or `false` turns colour on, `0` or `false` off); else `NO_COLOR` (any non-empty value turns it
 * off); else colour iff the output is a terminal (and `TERM` is not `dumb`).
 */

import picocolors from 'picocolors'
import type {Category} from '../types.js'

const {createColors} = picocolors
type Colors = ReturnType<typeof createColors>

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

type Style = (text: string) => string

/** Each category's gutter colour. */
function categoryStyles(colors: Colors): Record<Category, Style> {
  return {
    ad: colors.magenta,
    related: colors.blue,
    promo: colors.yellow,
    credit: colors.cyan,
    social: colors.blueBright,
    comments: colors.green,
    navigation: colors.cyanBright,
    legal: colors.gray,
    duplicate: colors.yellowBright,
    metadata: colors.magentaBright,
    noise: colors.gray
  }
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

/** An empty text stays empty (no escape codes around nothing). */
const nonEmpty = (style: Style): Style => (text) => (text === '' ? '' : style(text))
const plain: Style = (text) => text

/** The views' styles, from picocolors (its escape codes; `enabled` rather than its own detection). */
export function palette(enabled: boolean): Palette {
  if (!enabled) return {enabled, removed: plain, added: plain, span: plain, dim: plain, bold: plain, hunk: plain, category: (_category, text) => text}
  const colors = createColors(true)
  const categories = categoryStyles(colors)
  return {
    enabled,
    removed: nonEmpty(colors.red),
    added: nonEmpty(colors.green),
    span: nonEmpty((text) => colors.red(colors.strikethrough(text))),
    dim: nonEmpty(colors.dim),
    bold: nonEmpty(colors.bold),
    hunk: nonEmpty(colors.cyan),
    category: (category, text) => nonEmpty(categories[category] ?? plain)(text)
  }
}
