/**
 * Strings kept in one byte per character where they can be. V8 stores a string whose characters
 * all fit in Latin-1 in one byte each, but what is made from a two-byte string (a slice, its lower
 * case, a replacement in it) stays two-byte whatever it holds: in a document with a single
 * character past U+00FF every line is two-byte, and so is every form made of a line. A copy made
 * through Latin-1 bytes is one-byte again: half the memory for a form kept per line.
 */

const beyondLatin1 = /[^\0-\xff]/

/** Shorter strings are kept as they are: the copy would save less than it costs. */
const MIN_LENGTH = 24

/** Whether `text` holds a character past U+00FF (then V8 stores it, and what is made of it, in two bytes a character). */
export function hasWideCharacters(text: string): boolean {
  return beyondLatin1.test(text)
}

/**
 * `text`, copied so that V8 stores it in one byte a character when all its characters fit in
 * Latin-1; else (and when it is short) `text` itself. Equal to `text` either way.
 */
export function oneByteCopy(text: string): string {
  if (text.length < MIN_LENGTH || beyondLatin1.test(text)) return text
  return Buffer.from(text, 'latin1').toString('latin1')
}
