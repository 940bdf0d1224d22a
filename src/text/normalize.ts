/**
 * The normal form lines and phrases are compared in: case-folded, whitespace collapsed, decorative
 * punctuation stripped from both ends, and look-alike letters unified.
 */

import {isAscii} from './fold.js'

// Romanian is often written with cedilla letters (ş, ţ) where comma-below letters (ș, ț) are meant.
const lookAlikes: Record<string, string> = {
  ş: 'ș',
  ţ: 'ț',
  Ş: 'ș',
  Ţ: 'ț',
  '\u2019': "'",
  '\u2018': "'",
  ʼ: "'"
}

const lookAlikeExpression = /[şţŞŢ\u2018\u2019ʼ]/gu
const whitespaceExpression = /[\s\u200B\u200C\u200D\u2060\uFEFF]+/gu
// Punctuation and symbols that decorate a label: "- Advertisement -", "» Read more", "Citește și...".
const edgeExpression = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu

/**
 * Per UTF-16 code unit: 1 when it is whitespace for `whitespaceExpression`, 2 when it is
 * punctuation, a symbol or whitespace for `edgeExpression` (3 for both). Read off the expressions
 * themselves, so the fast paths below agree with them by construction.
 */
const classes = new Uint8Array(65536)
{
  const whitespace = new RegExp(`^${whitespaceExpression.source}$`, 'u')
  const edge = /^[\p{P}\p{S}\s]$/u
  for (let code = 0; code < 65536; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue
    const character = String.fromCharCode(code)
    classes[code] = (whitespace.test(character) ? 1 : 0) | (edge.test(character) ? 2 : 0)
  }
}

/** Whether `collapseWhitespace` turns the code unit `code` into a space (with the rest of its run). */
export function collapsesToSpace(code: number): boolean {
  return (classes[code] & 1) === 1
}

/** Whether `text` has no whitespace but single spaces between other characters (then collapsing leaves it as it is). */
function isCollapsed(text: string): boolean {
  let previousSpace = true
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 32) {
      if (previousSpace) return false
      previousSpace = true
      continue
    }
    previousSpace = false
    if (classes[code] & 1) return false
  }
  return !previousSpace || text.length === 0
}

/** The length of `collapseWhitespace(text)`, without making it. */
export function collapsedLength(text: string): number {
  let length = 0
  let pendingSpace = false
  for (let index = 0; index < text.length; index++) {
    if (classes[text.charCodeAt(index)] & 1) {
      pendingSpace = length > 0
      continue
    }
    if (pendingSpace) length++
    pendingSpace = false
    length++
  }
  return length
}

/** Collapse whitespace runs to one space and trim. */
export function collapseWhitespace(text: string): string {
  if (isCollapsed(text)) return text
  return text.replace(whitespaceExpression, ' ').trim()
}

/** Case-fold, collapse whitespace, unify look-alike letters; keep punctuation. */
export function foldText(text: string): string {
  // ASCII text is in NFC and has no look-alike letters.
  if (isAscii(text)) return collapseWhitespace(text.toLowerCase())
  return collapseWhitespace(text.normalize('NFC').toLowerCase().replace(lookAlikeExpression, (c) => lookAlikes[c] ?? c))
}

/** `foldText`, then strip punctuation and symbols from both ends. */
export function normalizeLabel(text: string): string {
  return labelOfFolded(foldText(text))
}

/** `normalizeLabel` of a text, given its `foldText`. */
export function labelOfFolded(folded: string): string {
  // Punctuation, symbols and whitespace stripped from both ends, read off the table; a surrogate
  // (a symbol outside the BMP, such as an emoji) sends the text the way of the expression.
  let start = 0
  let end = folded.length
  while (start < end) {
    const code = folded.charCodeAt(start)
    if (code >= 0xd800 && code <= 0xdfff) return folded.replace(edgeExpression, '')
    if (!(classes[code] & 2)) break
    start++
  }
  while (end > start) {
    const code = folded.charCodeAt(end - 1)
    if (code >= 0xd800 && code <= 0xdfff) return folded.replace(edgeExpression, '')
    if (!(classes[code] & 2)) break
    end--
  }
  return start === 0 && end === folded.length ? folded : folded.slice(start, end)
}

/** Escape a literal for use inside a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
