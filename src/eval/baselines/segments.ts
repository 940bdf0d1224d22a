/**
 * Words and sentences for the baseline cleaners, by the runtime's Unicode segmenter (Intl.Segmenter):
 * their published rules count words and sentences, and a segmenter also finds the words of languages
 * written without spaces (Chinese), where splitting at whitespace would see one word per line.
 */

const segmenters = new Map<string, {words: Intl.Segmenter; sentences: Intl.Segmenter}>()

function segmentersFor(locale: string) {
  let pair = segmenters.get(locale)
  if (!pair) {
    let tag = locale
    try {
      Intl.getCanonicalLocales(tag)
    } catch {
      tag = 'und'
    }
    pair = {words: new Intl.Segmenter(tag, {granularity: 'word'}), sentences: new Intl.Segmenter(tag, {granularity: 'sentence'})}
    segmenters.set(locale, pair)
  }
  return pair
}

/** The words of `text` (segments with a letter or digit), as they are written. */
export function segmentWords(text: string, locale: string): string[] {
  const words: string[] = []
  for (const segment of segmentersFor(locale).words.segment(text)) if (segment.isWordLike) words.push(segment.segment)
  return words
}

/** How many sentences `text` holds (segments with at least one word). */
export function countSentences(text: string, locale: string): number {
  let count = 0
  for (const segment of segmentersFor(locale).sentences.segment(text)) if (/[\p{L}\p{N}]/u.test(segment.segment)) count++
  return count
}
