/**
 * Site languages: the language a config (or `decruft learn`) gives a site's documents, so that a
 * batch does not detect it document by document.
 *
 * A site's language is used for a document only when the document's language sample reads as that
 * language by its stopwords (`sampleFits`). A document in another language (an English page on a
 * German site) fails the check and is detected as usual. The check reads the sample franc would
 * read, in a quarter to a third of franc's time.
 */

import {allStopwordLists} from './classifier/stopwords.js'
import {toLanguage, UNDETERMINED, type Language} from './language.js'
import {compileWhen, domainName, domainsOf, hostOf, type ScopeTest} from './scope.js'
import type {DocumentOptions, When} from './types.js'

/** A site and its language, as a config's `siteLanguages` lists them. */
export interface SiteLanguage {
  /** ISO 639-1 or 639-3 code. */
  lang: string
  /** Which documents are the site's: `domain`, `path` or `url` (not `lang`). */
  when: Omit<When, 'lang'>
}

/** Fewest words a sample needs before it can be said to read as a language. */
export const FIT_MIN_WORDS = 20
/** Smallest share of a sample's words that must be the language's stopwords. */
export const FIT_MIN_SHARE = 0.3
/** How many times more of the sample's words must be the language's stopwords than any other list's. */
export const FIT_LEAD = 1.1
/** Most words of a sample the check reads (the first ones): enough to tell, and a bound on its cost. */
export const FIT_MAX_WORDS = 160

/** Every stopword of every list, with the lists (indexes into `codes`) that hold it. */
interface StopwordIndex {
  codes: string[]
  lists: Map<string, number[]>
  /** A scratch count per list. */
  counts: Int32Array
}

let index: StopwordIndex | undefined

function stopwordIndex(): StopwordIndex {
  if (index) return index
  const all = allStopwordLists()
  const codes = Object.keys(all)
  const lists = new Map<string, number[]>()
  codes.forEach((code, at) => {
    for (const word of new Set(all[code].map((item) => item.toLowerCase()))) {
      const holders = lists.get(word)
      if (holders) holders.push(at)
      else lists.set(word, [at])
    }
  })
  index = {codes, lists, counts: new Int32Array(codes.length)}
  return index
}

/**
 * Whether a UTF-16 code unit separates words here: white space, ASCII punctuation, digits and
 * symbols (but the apostrophe), general punctuation, and the guillemets and inverted marks.
 */
function separates(code: number): boolean {
  if (code < 0x80) return code <= 0x40 ? code !== 0x27 : (code >= 0x5b && code <= 0x60) || code >= 0x7b
  return code === 0xa0 || code === 0xab || code === 0xbb || code === 0xa1 || code === 0xbf || (code >= 0x2000 && code <= 0x206f && code !== 0x2019) || (code >= 0x3000 && code <= 0x303f)
}

/**
 * Whether a language sample (`languageSample`) reads as `language`: of its first `FIT_MAX_WORDS`
 * words (at least `FIT_MIN_WORDS`), `FIT_MIN_SHARE` are the language's stopwords, and `FIT_LEAD`
 * times as many as any other stopword list holds. The lead is what tells a Spanish text from an
 * English site: the English list of stopwords-iso alone holds a third of a Spanish text's words.
 * Measured over the benchmark's 5,800 texts: of those franc reads as a language with a list, 4%
 * fail their own language (mostly Chinese, whose words are not spaced); of the pairs (a text, another
 * language, among 33 languages), 19 of 180,000 pass, nearly all Malay read as Indonesian and Bokmål as Norwegian.
 */
export function sampleFits(sample: string, language: Language): boolean {
  const {codes, lists, counts} = stopwordIndex()
  const wanted = codes.indexOf(language.code)
  if (wanted < 0) return false
  counts.fill(0)
  const lower = sample.toLowerCase()
  let words = 0
  let start = -1
  for (let at = 0; at <= lower.length && words < FIT_MAX_WORDS; at++) {
    if (at < lower.length && !separates(lower.charCodeAt(at))) {
      if (start < 0) start = at
      continue
    }
    if (start < 0) continue
    words++
    const holders = lists.get(lower.slice(start, at))
    if (holders) for (const holder of holders) counts[holder]++
    start = -1
  }
  const hits = counts[wanted]
  if (words < FIT_MIN_WORDS || hits < FIT_MIN_SHARE * words) return false
  for (let other = 0; other < counts.length; other++) if (other !== wanted && counts[other] * FIT_LEAD > hits) return false
  return true
}

/** The site language a document's path or URL gives it, or undefined. */
export type SiteLanguageOf = (options: DocumentOptions) => Language | undefined

/**
 * Compile a config's site languages (in config order: a later entry wins over an earlier one for
 * the same document), or undefined when there are none. Entries that name only domains (as `learn`
 * writes them) are looked up by the URL's host and its parent domains, so a pack of thousands of
 * sites costs a few map look-ups per document; the others are tested in turn.
 */
export function compileSiteLanguages(list: readonly SiteLanguage[]): SiteLanguageOf | undefined {
  if (list.length === 0) return undefined
  // Per domain name, the latest entry's place in `list` and its language.
  const byDomain = new Map<string, {order: number; language: Language}>()
  const tested: Array<{order: number; test: ScopeTest; language: Language}> = []
  list.forEach((entry, order) => {
    const language = toLanguage(entry.lang)
    const {domain, path, url} = entry.when
    if (domain && domain.length > 0 && !path?.length && !url?.length) {
      for (const name of domain) byDomain.set(domainName(name), {order, language})
    } else tested.unshift({order, test: compileWhen(entry.when), language})
  })
  return (options) => {
    if (options.url === undefined && options.path === undefined) return undefined
    let found: {order: number; language: Language} | undefined
    const host = byDomain.size > 0 ? hostOf(options.url) : undefined
    // The host, then each parent domain: `news.example.com`, `example.com`, `com`.
    if (host !== undefined) {
      for (const name of domainsOf(host)) {
        const entry = byDomain.get(name)
        if (entry && (!found || entry.order > found.order)) found = entry
      }
    }
    const scope = {language: UNDETERMINED, url: options.url, path: options.path}
    for (const entry of tested) {
      if (found && entry.order < found.order) break
      if (entry.test(scope)) return entry.language
    }
    return found?.language
  }
}
