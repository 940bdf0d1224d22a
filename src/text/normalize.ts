/**
 * The normal form lines and phrases are compared in: case-folded, whitespace collapsed, decorative
 * punctuation stripped from both ends, and look-alike letters unified.
 */

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

/** Collapse whitespace runs to one space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(whitespaceExpression, ' ').trim()
}

/** Case-fold, collapse whitespace, unify look-alike letters; keep punctuation. */
export function foldText(text: string): string {
  return collapseWhitespace(text.normalize('NFC').toLowerCase().replace(lookAlikeExpression, (c) => lookAlikes[c] ?? c))
}

/** `foldText`, then strip punctuation and symbols from both ends. */
export function normalizeLabel(text: string): string {
  return foldText(text).replace(edgeExpression, '')
}

/** Escape a literal for use inside a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
