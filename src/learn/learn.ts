/**
 * Learning a site's boilerplate from a corpus: lines that repeat across many documents of one site
 * (the URL's host in JSON Lines, the folder for files) are boilerplate of that site. A line that
 * reads like content is learned only when it stands in most of the site's documents.
 */

import {splitLines} from '../text/lines.js'
import {foldText, normalizeLabel} from '../text/normalize.js'
import {languageSample} from '../language.js'
import {detectLanguage} from '../text/franc.js'
import {sampleFits} from '../site-language.js'
import type {Category} from '../types.js'
import {LEARN_DEFAULTS, type LearnOptions} from './options.js'

export {LEARN_DEFAULTS, type LearnOptions}


export interface LearnDocument {
  /** The site: a host name (from a URL), or a folder (for files). */
  site: string
  siteKind: 'domain' | 'path'
  /** How the site is named in ids and comments (default: `site`). */
  label?: string
  /** Where the document came from, for the examples. */
  name: string
  text: string
}

export interface LearnedRule {
  site: string
  label: string
  siteKind: 'domain' | 'path'
  kind: 'line' | 'section'
  phrase: string
  category: Category
  documents: number
  siteDocuments: number
  examples: string[]
}

/** A site whose documents read as one language. */
export interface LearnedLanguage {
  site: string
  label: string
  siteKind: 'domain' | 'path'
  /** ISO 639-1 code (639-3 where there is none). */
  lang: string
  /** How many of the site's documents were read for it (all in `lang`). */
  documents: number
  siteDocuments: number
}

/**
 * How many of a site's documents (the first ones, in input order, that read clearly as the language
 * franc gives them) are read for its language. All of them must agree.
 */
export const LANGUAGE_VOTES = 10

interface LineStats {
  phrase: string
  documents: Set<string>
  examples: string[]
  /** Folded text of the next non-blank line, per occurrence: varied followers make a section header. */
  followers: Set<string>
  occurrences: number
}

interface SiteStats {
  site: string
  label: string
  siteKind: 'domain' | 'path'
  documents: number
  lines: Map<string, LineStats>
  /** The languages of the site's first documents that read clearly as one (`LANGUAGE_VOTES` at most). */
  languages: string[]
}

/** Whether a line reads like a sentence of content rather than a label. */
export function looksLikeContent(line: string): boolean {
  const trimmed = line.trim()
  const words = trimmed.split(/\s+/u).length
  return (/[.!?…]["'”’»)]*$/u.test(trimmed) && words >= 8) || words >= 20
}

export class Learner {
  private readonly sites = new Map<string, SiteStats>()
  private readonly options: Required<LearnOptions>

  constructor(options: LearnOptions = {}) {
    this.options = {...LEARN_DEFAULTS, ...options}
  }

  add(document: LearnDocument): void {
    const key = `${document.siteKind}:${document.site}`
    const site = this.sites.get(key) ?? {site: document.site, label: document.label ?? document.site, siteKind: document.siteKind, documents: 0, lines: new Map(), languages: [] as string[]}
    this.sites.set(key, site)
    site.documents++
    const all = splitLines(document.text).lines
    if (this.options.siteLanguages && site.languages.length < LANGUAGE_VOTES) {
      const sample = languageSample(all.map((line) => line.text))
      const language = detectLanguage(sample)
      // A document too short, or in a language without stopwords, does not vote.
      if (language.code !== 'und' && sampleFits(sample, language)) site.languages.push(language.code)
    }
    const lines = all.filter((line) => !line.blank)
    const seen = new Set<string>()
    for (const [position, line] of lines.entries()) {
      const trimmed = line.text.trim()
      if (trimmed.length > this.options.maxChars) continue
      const key = normalizeLabel(trimmed)
      if (!key || !/[\p{L}\p{N}]/u.test(key)) continue
      let stats = site.lines.get(key)
      if (!stats) {
        stats = {phrase: trimmed, documents: new Set(), examples: [], followers: new Set(), occurrences: 0}
        site.lines.set(key, stats)
      }
      stats.occurrences++
      const next = lines[position + 1]
      if (next) stats.followers.add(foldText(next.text))
      if (seen.has(key)) continue
      seen.add(key)
      stats.documents.add(document.name)
      if (stats.examples.length < 2) stats.examples.push(`${document.name}:${line.index + 1}`)
    }
  }

  /**
   * The sites of at least `minDocs` documents whose first documents (up to `LANGUAGE_VOTES`, at least
   * `minDocs` of them) all read as one language, by site.
   */
  languages(): LearnedLanguage[] {
    const out: LearnedLanguage[] = []
    for (const stats of [...this.sites.values()].sort((a, b) => (a.site < b.site ? -1 : 1))) {
      const votes = stats.languages
      if (stats.documents < this.options.minDocs || votes.length < this.options.minDocs) continue
      if (votes.some((code) => code !== votes[0])) continue
      out.push({site: stats.site, label: stats.label, siteKind: stats.siteKind, lang: votes[0], documents: votes.length, siteDocuments: stats.documents})
    }
    return out
  }

  /** The learned rules, by site, most widespread first. */
  rules(): LearnedRule[] {
    const out: LearnedRule[] = []
    for (const stats of [...this.sites.values()].sort((a, b) => (a.site < b.site ? -1 : 1))) {
      if (stats.documents < this.options.minDocs) continue
      const {site, siteKind, label} = stats
      const learned: LearnedRule[] = []
      for (const line of stats.lines.values()) {
        const documents = line.documents.size
        const share = documents / stats.documents
        if (documents < this.options.minDocs || share < this.options.minShare) continue
        if (looksLikeContent(line.phrase) && share < this.options.contentShare) continue
        // A header is followed by different lines (teasers) from document to document.
        const words = line.phrase.split(/\s+/u).length
        const section = words <= 6 && line.followers.size >= Math.max(3, line.occurrences * 0.6)
        learned.push({
          site,
          label,
          siteKind,
          kind: section ? 'section' : 'line',
          phrase: line.phrase,
          category: section ? 'related' : words <= 4 ? 'navigation' : 'noise',
          documents,
          siteDocuments: stats.documents,
          examples: line.examples
        })
      }
      learned.sort((a, b) => b.documents - a.documents || (a.phrase < b.phrase ? -1 : 1))
      out.push(...learned)
    }
    return out
  }
}
