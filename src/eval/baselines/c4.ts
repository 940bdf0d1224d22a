/**
 * The C4 line filter (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
 * Text-to-Text Transformer", section 2.2, the Colossal Clean Crawled Corpus), as a cleaner of one
 * page's plain text. From the paper's list of heuristics:
 *
 * - keep only lines that end in a terminal punctuation mark (a period, exclamation mark, question
 *   mark or closing quotation mark) and hold at least 5 words;
 * - drop every line with the word "javascript" and every line with a policy notice ("terms of use",
 *   "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies");
 * - remove Wikipedia-style citation markers ("[1]", "[citation needed]", "[edit]");
 * - drop the whole page when it has "lorem ipsum" or a curly bracket, or when what is left has fewer
 *   than 3 sentences.
 *
 * Left out: the bad-words list (a content filter, not boilerplate), deduplication of three-sentence
 * spans across the corpus (it needs the whole crawl) and the English-only language filter. Words and
 * sentences are counted by a Unicode segmenter (the paper's pipeline split words at spaces), so lines
 * of Chinese are not all short; full-width and other scripts' terminal marks count too.
 */

import {toLanguage} from '../../language.js'
import {countSentences, segmentWords} from './segments.js'

const MIN_WORDS_PER_LINE = 5
const MIN_SENTENCES = 3
/** Terminal punctuation: period, exclamation and question marks (also full-width and Arabic) and closing quotation marks. */
const TERMINAL = /[.!?"'”“’»」』。！？．؟]$/u
const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies']
const CITATION = /\[(?:\d*|edit|citation needed)\]/giu

/** The page after the C4 filter: its kept lines, or `''` when the page is dropped. */
export function c4Filter(text: string, lang: string): string {
  const lower = text.toLowerCase()
  if (lower.includes('lorem ipsum') || text.includes('{')) return ''
  const locale = toLanguage(lang).code
  const kept: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!TERMINAL.test(line)) continue
    const lineLower = line.toLowerCase()
    if (lineLower.includes('javascript') || POLICY.some((phrase) => lineLower.includes(phrase))) continue
    if (segmentWords(line, locale).length < MIN_WORDS_PER_LINE) continue
    kept.push(line.replace(CITATION, ''))
  }
  const output = kept.join('\n')
  return countSentences(output, locale) < MIN_SENTENCES ? '' : output
}
