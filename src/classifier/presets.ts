/**
 * The classifier's thresholds. Every one can be set in a config's `heuristics` section; a preset
 * gives them all at once.
 */

export interface HeuristicSettings {
  /** Run the classifier at all. */
  enabled: boolean
  /** Below this length (characters) a block is short: its neighbours decide. */
  lengthLow: number
  /** From this length a block with enough stopwords is good on its own. */
  lengthHigh: number
  /** Stopword share below which a block of any length is boilerplate. */
  stopwordsLow: number
  /** Stopword share from which a long block is good. */
  stopwordsHigh: number
  /** A document is read as a whole page (menus, footers) when at least this share of its blocks is short or boilerplate… */
  pageShare: number
  /** …and it has at least this many blocks… */
  pageMinBlocks: number
  /** …and at least this many of them come before the first real paragraph (menus at the top). */
  pageLead: number
  /** Region score of a short block, and of a boilerplate block (both negative). */
  shortWeight: number
  /** Most a short block that the context pass made good counts against the region. */
  shortGoodWeight: number
  badWeight: number
  /** Region score of a near-good block, per character, relative to a good one. */
  nearGoodFactor: number
  /** Characters a content block must have before it adds to the region score. */
  goodOffset: number
  /** Further parts of the main content are kept when they score at least this share of the main part. */
  partShare: number
  /** A run of at least this many near-good blocks… */
  runBlocks: number
  /** …of at least this many characters in all is an article's paragraphs, whatever its neighbours. */
  runLength: number
  /** In extractor output (not a page), remove boilerplate blocks only at the start and the end. */
  residueEdgesOnly: boolean
}

export const PRESETS: Record<'precision' | 'balanced' | 'recall', HeuristicSettings> = {
  // Removes more: tighter main content (boilerplate costs more, a paragraph must be longer to count),
  // only its main part, pages recognised sooner.
  precision: {
    enabled: true,
    lengthLow: 70,
    lengthHigh: 200,
    stopwordsLow: 0.25,
    stopwordsHigh: 0.32,
    pageShare: 0.45,
    pageMinBlocks: 20,
    pageLead: 3,
    shortWeight: 35,
    shortGoodWeight: 60,
    badWeight: 100,
    nearGoodFactor: 0.8,
    goodOffset: 100,
    partShare: 2,
    runBlocks: 4,
    runLength: 600,
    residueEdgesOnly: true
  },
  balanced: {
    enabled: true,
    lengthLow: 70,
    lengthHigh: 200,
    stopwordsLow: 0.25,
    stopwordsHigh: 0.32,
    pageShare: 0.5,
    pageMinBlocks: 20,
    pageLead: 4,
    shortWeight: 25,
    shortGoodWeight: 30,
    badWeight: 50,
    nearGoodFactor: 0.8,
    goodOffset: 80,
    partShare: 0.35,
    runBlocks: 4,
    runLength: 450,
    residueEdgesOnly: true
  },
  // Keeps more: boilerplate costs less, shorter paragraphs count, further parts of the main content
  // are kept sooner, pages recognised later.
  recall: {
    enabled: true,
    lengthLow: 60,
    lengthHigh: 160,
    stopwordsLow: 0.2,
    stopwordsHigh: 0.28,
    pageShare: 0.55,
    pageMinBlocks: 25,
    pageLead: 5,
    shortWeight: 15,
    shortGoodWeight: 10,
    badWeight: 35,
    nearGoodFactor: 0.8,
    goodOffset: 60,
    partShare: 0.2,
    runBlocks: 3,
    runLength: 350,
    residueEdgesOnly: true
  }
}

export type PresetName = keyof typeof PRESETS | 'off'

export type HeuristicsConfig = Partial<HeuristicSettings> & {preset?: PresetName}

/** A preset with the config's own thresholds on top. */
export function resolveHeuristics(config: HeuristicsConfig | undefined): HeuristicSettings {
  const preset = config?.preset ?? 'balanced'
  const base = preset === 'off' ? {...PRESETS.balanced, enabled: false} : PRESETS[preset]
  const {preset: _ignored, ...overrides} = config ?? {}
  return {...base, ...overrides}
}
