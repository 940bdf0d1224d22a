/**
 * What `decruft learn` (and `clean --learn`) may learn, with its defaults: a module of its own, so
 * that the command line can show the defaults without loading the learner.
 */

export interface LearnOptions {
  /** Fewest documents a line must appear in. */
  minDocs?: number
  /** Smallest share of the site's documents a line must appear in. */
  minShare?: number
  /** Share from which even a sentence-like line is learned. */
  contentShare?: number
  /** Longest line that is learned (characters). */
  maxChars?: number
  /** Learn the language of sites whose documents are all in one (`languages()`). */
  siteLanguages?: boolean
}

export const LEARN_DEFAULTS = {minDocs: 3, minShare: 0.3, contentShare: 0.8, maxChars: 200, siteLanguages: true}
