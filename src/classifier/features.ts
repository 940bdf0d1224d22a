/**
 * What the classifier knows about a block (a line, or a hard-wrapped paragraph): computed from its
 * NLCST paragraph(s) and its text, without any phrase list.
 */

import type {Paragraph, Sentence} from 'nlcst'

export interface BlockFeatures {
  /** Characters (trimmed); CJK characters count three times, as they carry a word's worth each. */
  length: number
  words: number
  sentences: number
  /** Ends with sentence-final punctuation. */
  terminal: boolean
  /** Share of words that are stopwords of the document's language (undefined without a list). */
  stopwords: number | undefined
  /** Share of words that start with a capital letter. */
  capitals: number
  /** Share of characters that are digits. */
  digits: number
  /** URLs, e-mail addresses, @handles and #hashtags. */
  links: number
  /** Menu separators between items: | » • · › / ▸ ► – at word boundaries. */
  separators: number
  /** Looks like a copyright line, a date or time alone, or a byline. */
  shape: 'copyright' | 'date' | 'byline' | undefined
  /** How often the same line (case and whitespace aside) occurs in the document. */
  repeats: number
}

const terminalExpression = /[.!?…。！？]["'”’»«)\]]*$/u
const cjkExpression = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const linkExpression = /(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<![\w@])[@#][\p{L}\d_]{2,}/gu
const separatorExpression = /(?:^|\s)(?:\||»|•|·|›|\/|▸|►|>)(?=\s|$)/gu
const copyrightExpression = /^(?:©|\(c\)|copyright\b)|\u00A9\s*\d{4}/iu
const dateOnlyExpression =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})(?:[,\s]+(?:at\s+|um\s+|à\s+|alle\s+|-\s*)?\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|uhr|h|gmt|utc|cet|est|et|pt|[+-]\d{2}:?\d{2}))?)?$|^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h))?$|^(?:updated|published|posted|aktualisiert|veröffentlicht|publié|publicado|pubblicato)\b.{0,40}\d.{0,40}$|^(?:vor\s+|il y a\s+|hace\s+)?\d+\s*(?:s|sec|secs|seconds|m|min|mins|minutes|h|hr|hrs|hours|d|days?|weeks?|months?|years?|std|stunden|tagen?|minuten|wochen|heures?|jours?|horas?|días?)\.?(?:\s+(?:ago|read|lesezeit))?(?:\s+(?:at|um|à|a las)\s+\d{1,2}[:.]\d{2}(?:\s*(?:am|pm))?)?(?:\s+\d{1,2}[:.]\d{2})?$/iu
const bylineExpression = /^(?:by|von|par|por|di|door|av|autor|author|written by|text|texte)\s*:?\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}(?:\s*(?:,|and|und|et|y|e|&)\s*[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3})?$/u

function countWords(sentence: Sentence, stopwords: Set<string> | undefined, tally: {words: number; stop: number; capitals: number}): number {
  let count = 0
  for (const child of sentence.children) {
    if (child.type !== 'WordNode') continue
    count++
    const value = child.children.map((part) => ('value' in part ? part.value : '')).join('')
    if (stopwords && stopwords.has(value.toLowerCase())) tally.stop++
    const first = value.codePointAt(0)
    if (first !== undefined && /\p{Lu}/u.test(String.fromCodePoint(first))) tally.capitals++
  }
  tally.words += count
  return count
}

/** Features of a block made of one or more paragraphs (lines) with the given text. */
export function blockFeatures(paragraphs: Paragraph[], text: string, stopwords: Set<string> | undefined, repeats: number): BlockFeatures {
  const tally = {words: 0, stop: 0, capitals: 0}
  let sentences = 0
  for (const paragraph of paragraphs) {
    for (const child of paragraph.children) {
      if (child.type === 'SentenceNode' && countWords(child, stopwords, tally) > 0) sentences++
    }
  }
  const trimmed = text.trim()
  const cjk = trimmed.match(cjkExpression)?.length ?? 0
  let digits = 0
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index)
    if (code >= 48 && code <= 57) digits++
  }
  const shape = copyrightExpression.test(trimmed)
    ? 'copyright'
    : trimmed.length <= 60 && dateOnlyExpression.test(trimmed)
      ? 'date'
      : trimmed.length <= 80 && bylineExpression.test(trimmed)
        ? 'byline'
        : undefined
  return {
    length: trimmed.length + 2 * cjk,
    words: tally.words,
    sentences,
    terminal: terminalExpression.test(trimmed),
    stopwords: stopwords && tally.words > 0 ? tally.stop / tally.words : undefined,
    capitals: tally.words > 0 ? tally.capitals / tally.words : 0,
    digits: trimmed.length > 0 ? digits / trimmed.length : 0,
    links: trimmed.match(linkExpression)?.length ?? 0,
    separators: trimmed.match(separatorExpression)?.length ?? 0,
    shape,
    repeats
  }
}
