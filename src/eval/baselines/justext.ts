/**
 * jusText (Pomikálek 2011, "Removing Boilerplate and Duplicate Content from Web Corpora", chapter 3;
 * the justext package's defaults), as a cleaner of one page's plain text, each non-blank line a
 * paragraph.
 *
 * Context-free classification of each paragraph, by its length in characters and its share of
 * stopwords:
 * - shorter than `lengthLow`: short;
 * - stopword density ≥ `stopwordsHigh`: good when longer than `lengthHigh`, else near-good;
 * - stopword density ≥ `stopwordsLow`: near-good;
 * - otherwise bad.
 *
 * Context-sensitive pass (the document's edges count as bad):
 * - a short paragraph between two good ones (its nearest good or bad neighbours, skipping short and
 *   near-good ones) becomes good, between two bad ones bad; between a good and a bad one it becomes
 *   good when a near-good paragraph lies between it and the bad one, else bad;
 * - then a near-good paragraph becomes bad when both nearest good-or-bad neighbours are bad, else good.
 *
 * Plain text has no links and no headings, so the link-density rule (`maxLinkDensity`, 0.2) never
 * fires and the heading rules (`maxHeadingDistance`, 200) have nothing to act on. Without a stopword
 * list for the language, jusText's language-independent mode applies: both stopword thresholds are 0.
 */

import {stopwordsFor} from '../../classifier/stopwords.js'
import {toLanguage} from '../../language.js'
import {segmentWords} from './segments.js'

export interface JustextParameters {
  lengthLow: number
  lengthHigh: number
  stopwordsLow: number
  stopwordsHigh: number
}

/** The justext package's defaults. */
export const JUSTEXT_DEFAULTS: JustextParameters = {lengthLow: 70, lengthHigh: 200, stopwordsLow: 0.3, stopwordsHigh: 0.32}

export type ParagraphClass = 'good' | 'bad' | 'short' | 'neargood'

/** The context-free class of one paragraph (whitespace already collapsed). */
export function classifyParagraph(text: string, stopwords: ReadonlySet<string> | undefined, locale: string, parameters: JustextParameters = JUSTEXT_DEFAULTS): ParagraphClass {
  const length = [...text].length
  if (length < parameters.lengthLow) return 'short'
  const [low, high] = stopwords ? [parameters.stopwordsLow, parameters.stopwordsHigh] : [0, 0]
  const words = segmentWords(text, locale)
  const density = words.length === 0 || !stopwords ? 0 : words.filter((word) => stopwords.has(word.toLowerCase())).length / words.length
  if (density >= high) return length > parameters.lengthHigh ? 'good' : 'neargood'
  if (density >= low) return 'neargood'
  return 'bad'
}

/** The nearest class from `index` in `step` direction that is not short (nor near-good, when `skipNeargood`); bad past the edges. */
function neighbour(classes: readonly ParagraphClass[], index: number, step: 1 | -1, skipNeargood: boolean): ParagraphClass {
  for (let at = index + step; at >= 0 && at < classes.length; at += step) {
    const found = classes[at]
    if (found === 'short' || (skipNeargood && found === 'neargood')) continue
    return found
  }
  return 'bad'
}

/** The context-sensitive pass: every paragraph ends good or bad. */
export function reviseClasses(initial: readonly ParagraphClass[]): Array<'good' | 'bad'> {
  const shortsDone: ParagraphClass[] = initial.map((found, index) => {
    if (found !== 'short') return found
    const before = neighbour(initial, index, -1, true)
    const after = neighbour(initial, index, 1, true)
    if (before === after) return before
    // One good side, one bad: good when a near-good paragraph stands between it and the bad side.
    const nearBefore = before === 'bad' && neighbour(initial, index, -1, false) === 'neargood'
    const nearAfter = after === 'bad' && neighbour(initial, index, 1, false) === 'neargood'
    return nearBefore || nearAfter ? 'good' : 'bad'
  })
  return shortsDone.map((found, index) => {
    if (found === 'good' || found === 'bad') return found
    const both = neighbour(shortsDone, index, -1, true) === 'bad' && neighbour(shortsDone, index, 1, true) === 'bad'
    return both ? 'bad' : 'good'
  })
}

/** The page after jusText: its good lines. */
export function justextFilter(text: string, lang: string, parameters: JustextParameters = JUSTEXT_DEFAULTS): string {
  const language = toLanguage(lang)
  const stopwords = stopwordsFor(language.code)
  const paragraphs = text
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line.length > 0)
  const classes = reviseClasses(paragraphs.map((paragraph) => classifyParagraph(paragraph, stopwords, language.code, parameters)))
  return paragraphs.filter((_, index) => classes[index] === 'good').join('\n')
}
