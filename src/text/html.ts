/**
 * Whether a document looks like HTML rather than text: decruft cleans text, and HTML is cleaned as
 * if it were (its tags kept as words), so the command line warns about it. Only the start of a
 * document is looked at (the first 64 kB).
 */

const SAMPLE = 64 * 1024
/** A start tag, end tag or comment, with its attributes: `<p>`, `</div>`, `<a href="…">`, `<!-- … -->`. */
const TAG = /<(?:\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]{0,500})?\/?|!--[^]{0,500}?--)>/g

const HTML_START = /^\uFEFF?\s*(?:<!doctype\s+html|<(?:html|head|body)[\s>])/i

/**
 * A document that starts (after a byte order mark and white space) with `<!doctype html`, `<html`,
 * `<head` or `<body`, or whose first 64 kB hold at least 5 tags making up at least a third of its
 * characters that are not white space.
 */
export function looksLikeHtml(text: string): boolean {
  const sample = text.slice(0, SAMPLE)
  if (HTML_START.test(sample)) return true
  if (!sample.includes('<')) return false
  let tags = 0
  let tagChars = 0
  for (const match of sample.matchAll(TAG)) {
    tags++
    tagChars += match[0].replace(/\s+/g, '').length
  }
  if (tags < 5) return false
  const visible = sample.replace(/\s+/g, '').length
  return tagChars * 3 >= visible
}
