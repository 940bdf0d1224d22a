/**
 * Finding the title: the first non-blank line, when it looks like one.
 */

import type {DocumentContext} from './engine/document.js'
import type {TitleMode} from './types.js'

/** A title is short: a line longer than this is a paragraph. */
export const TITLE_MAX_CHARS = 250
/** Nor does a title run on for more words than this. */
export const TITLE_MAX_WORDS = 40

/** A headline may end with ? ! … or a quote, but not with a full stop: that is a sentence. */
const sentenceEnd = /[.。]["'”’»)\]]*$/u
const ellipsisEnd = /(?:\.\.\.|…)["'”’»)\]]*$/u

function endsLikeSentence(text: string): boolean {
  const trimmed = text.trim()
  return sentenceEnd.test(trimmed) && !ellipsisEnd.test(trimmed)
}

/**
 * Lines in a title's place that are not headlines:
 * - a label in capitals of one or two words (`LIVE TV`, `BREAKING NEWS`, `MENU`): a channel, a
 *   section or a button, not the story's headline;
 * - social handles alone (`@name`, `Follow @name on X`);
 * - a disclosure (`This article contains affiliate links…`, `We may earn a commission…`).
 */
const HANDLE = /^(?:(?:follow|folge|suivez|segui|siga|sigue|volg)\b[^@]{0,30})?@[\p{L}\p{N}_.]{1,30}(?:\s*[,·|/&]?\s*@[\p{L}\p{N}_.]{1,30})*(?:\s+on\s+\S+)?$/iu
const DISCLOSURE =
  /^(?:(?:advertiser |affiliate |editorial )?disclosure\b|(?:this|the) (?:article|post|page|story|piece|review|guide|content) (?:may )?(?:contains?|includes?|has) (?:affiliate|sponsored|partner) links?\b|(?:we|i) may (?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|a share)|(?:when you|if you) (?:buy|purchase|click)\b.{0,80}\b(?:we|i) may (?:earn|receive|get)\b)/iu

function isNotHeadline(text: string, words: number): boolean {
  const trimmed = text.trim()
  if (words <= 2 && trimmed === trimmed.toUpperCase() && trimmed !== trimmed.toLowerCase()) return true
  return HANDLE.test(trimmed) || DISCLOSURE.test(trimmed)
}

/** A headline run straight into its text (extractor output has no blank lines): at most this many words. */
const RUN_IN_MAX_WORDS = 20

/**
 * A first line followed directly by text is a headline when it is one short phrase (three to twenty
 * words, one sentence, at most one colon, no `|`, not all capitals) and the next line is clearly
 * longer: the shape of a headline above its article in an extractor's output.
 */
function isRunInHeadline(document: DocumentContext, first: number, next: number): boolean {
  const stats = document.stats(first)
  if (stats.words < 3 || stats.words > RUN_IN_MAX_WORDS || stats.sentences > 1) return false
  const text = document.lines[first].text.trim()
  if (text.includes('|') || (text.match(/:/g)?.length ?? 0) > 1) return false
  if (text === text.toUpperCase() && text !== text.toLowerCase()) return false
  return document.stats(next).chars > stats.chars * 1.5
}

/**
 * The index of the title line, or undefined. With `auto` the first non-blank line is the title when it
 * is short, does not end like a sentence (a full stop), is a headline (not a label in capitals, a
 * social handle or a disclosure) and is followed by a blank line or is a
 * headline run straight into a longer line; with
 * `first-line` it always is; with `none` there is none.
 */
export function findTitle(document: DocumentContext, mode: TitleMode): number | undefined {
  if (mode === 'none') return undefined
  const first = document.nextNonBlank(-1)
  if (first === -1) return undefined
  if (mode === 'first-line') return first
  const stats = document.stats(first)
  if (stats.chars > TITLE_MAX_CHARS || stats.words === 0 || stats.words > TITLE_MAX_WORDS) return undefined
  if (endsLikeSentence(document.lines[first].text)) return undefined
  if (isNotHeadline(document.lines[first].text, stats.words)) return undefined
  // Several sentences that run on past a headline's length are the article's first paragraph.
  if (stats.sentences > 1 && stats.words > RUN_IN_MAX_WORDS) return undefined
  const next = first + 1
  if (next < document.length && document.isBlank(next)) return first
  if (next < document.length && isRunInHeadline(document, first, next)) return first
  return undefined
}
