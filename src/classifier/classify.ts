/**
 * The block classifier: every free block (a line, or a hard-wrapped paragraph) gets a class from its
 * own features (good, near-good, short, bad), then short and near-good blocks take their class from
 * their neighbours, in the spirit of jusText's context pass. In a whole page, the main content is
 * the contiguous run of blocks with the best score (long paragraphs count their length, short and
 * bad blocks and widgets printed twice count against), plus further parts that score a share of it,
 * ending before a time-stamped comment thread; everything outside goes, and inside only blocks of a
 * sure shape. In extractor output only sure shapes at the edges go.
 */

import type {DocumentContext} from '../engine/document.js'
import type {WordSource} from '../parse.js'
import {BestRun} from './best-run.js'
import {addTally, emptySum, FeatureTable, featuresOfSum, isSentenceShaped, lineTally, type BlockFeatures} from './features.js'
import {TallyTable} from './tally-table.js'
import type {HeuristicSettings} from './presets.js'
import {stopwordsFor} from './stopwords.js'

export type BlockClass = 'good' | 'near-good' | 'short' | 'bad'

export interface Block {
  /**
   * The block's first and last line (positions in the document): one line, or the lines of a
   * hard-wrapped paragraph, which follow one another. Two numbers, not an array of the lines: a large
   * document has a hundred thousand blocks in each pass.
   */
  first: number
  last: number
  features: BlockFeatures
  /** Class from the block's own features. */
  initial: BlockClass
  /** What decided `initial`. */
  why: string
  /** Decided by a shape that is boilerplate wherever it stands (a date alone, a menu, a copyright line). */
  confident: boolean
  /** Class after the context pass. */
  final: BlockClass
}

export interface Decision {
  block: Block
  decision: 'outside-main' | 'boilerplate' | 'edge'
  /**
   * Decided on structural evidence that block scores do not see: a sure shape, a block printed
   * more than once (a widget), or a comment thread cut off after the article. A trained model does
   * not veto such a removal.
   */
  sure: boolean
}

/** A block this long is text the classifier cannot split: it is never removed. */
export const UNSPLIT_LENGTH = 2000

/** The words of sentence-shaped blocks it takes to tell whether a stopword list matches a text's prose. */
const PROSE_MATCH_WORDS = 50

interface Verdict {
  cls: BlockClass
  why: string
  /** A shape that is boilerplate wherever it stands: acted on in extractor output and inside the main content too. */
  confident?: boolean
}

function classify(features: BlockFeatures, settings: HeuristicSettings): Verdict {
  if (features.length >= UNSPLIT_LENGTH) return {cls: 'good', why: 'too long to judge as one block'}
  if (features.shape === 'copyright') return {cls: 'bad', why: 'copyright line', confident: true}
  if (features.shape === 'date') return {cls: 'bad', why: 'date or time alone', confident: true}
  if (features.shape === 'byline') return {cls: 'bad', why: 'byline'}
  if (features.links > 0 && features.words <= features.links * 4) return {cls: 'bad', why: 'mostly links or handles'}
  if (features.separators >= 2 && !features.terminal && features.separators * 8 >= features.words) return {cls: 'bad', why: 'menu: items between separators', confident: true}
  if (features.repeats >= 2 && features.length < settings.lengthHigh) return {cls: 'bad', why: 'repeated in the document'}
  if (features.words === 0) return {cls: 'bad', why: 'no words', confident: true}
  if (features.length < settings.lengthLow) return {cls: 'short', why: 'short'}
  const stop = features.stopwords
  if (stop === undefined) {
    // No stopword list for this language: go by sentence shape alone.
    if (features.terminal && features.length >= settings.lengthHigh) return {cls: 'good', why: 'long, ends like prose'}
    return features.terminal ? {cls: 'near-good', why: 'ends like prose'} : {cls: 'bad', why: 'does not end like prose'}
  }
  if (stop >= settings.stopwordsHigh) {
    return features.length >= settings.lengthHigh ? {cls: 'good', why: 'long, many stopwords'} : {cls: 'near-good', why: 'many stopwords'}
  }
  if (stop >= settings.stopwordsLow) return {cls: 'near-good', why: 'some stopwords'}
  return {cls: 'bad', why: 'few stopwords'}
}

/**
 * Call `visit` with each maximal run `[start, end)` of blocks whose initial class `inRun` accepts,
 * and the initial classes just outside it (`edge` at the document's ends): a block's nearest
 * neighbours outside the run are the same for the whole run, so one scan finds them for all.
 */
function eachRun(
  blocks: Block[],
  inRun: (cls: BlockClass) => boolean,
  edge: BlockClass,
  visit: (start: number, end: number, previous: BlockClass, next: BlockClass) => void
): void {
  for (let start = 0; start < blocks.length; ) {
    if (!inRun(blocks[start].initial)) {
      start++
      continue
    }
    let end = start + 1
    while (end < blocks.length && inRun(blocks[end].initial)) end++
    visit(start, end, start > 0 ? blocks[start - 1].initial : edge, end < blocks.length ? blocks[end].initial : edge)
    start = end
  }
}

/**
 * Short blocks take their class from the nearest blocks on each side that are not short; then
 * near-good blocks between two bad ones go, unless they stand in a run of near-good blocks (short
 * ones between them aside) long enough to be an article's paragraphs: `runBlocks` of them,
 * `runLength` in all.
 */
function contextPass(blocks: Block[], edge: BlockClass, settings: HeuristicSettings): void {
  for (const block of blocks) block.final = block.initial
  eachRun(blocks, (cls) => cls === 'short', edge, (start, end, previous, next) => {
    let final: BlockClass
    if (previous === 'bad' && next === 'bad') final = 'bad'
    else if ((previous === 'good' || previous === 'near-good') && (next === 'good' || next === 'near-good')) final = 'good'
    else if (previous === 'bad' || next === 'bad') final = previous === 'good' || next === 'good' ? 'near-good' : 'bad'
    else final = 'near-good'
    for (let index = start; index < end; index++) blocks[index].final = final
  })
  eachRun(blocks, (cls) => cls === 'short' || cls === 'near-good', edge, (start, end, previous, next) => {
    let count = 0
    let length = 0
    for (let index = start; index < end; index++) {
      if (blocks[index].initial !== 'near-good') continue
      count++
      length += blocks[index].features.length
    }
    const prose = count >= settings.runBlocks && length >= settings.runLength
    const final = previous === 'bad' && next === 'bad' && !prose ? 'bad' : 'good'
    for (let index = start; index < end; index++) if (blocks[index].final === 'near-good') blocks[index].final = final
  })
}

/** The width text is wrapped at: the 90th percentile of line lengths. */
function wrapWidth(document: DocumentContext, free: number[]): number {
  const sorted = free.map((index) => document.lines[index].text.trimEnd().length).sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length * 0.9)] ?? 0
}

/** Whether the free lines are hard-wrapped paragraphs (every line of a block cut near one width). */
export function isHardWrapped(document: DocumentContext, free: number[]): boolean {
  const lengths = free.map((index) => document.lines[index].text.trimEnd().length)
  if (lengths.length < 10) return false
  const width = wrapWidth(document, free)
  if (width < 40 || width > 110) return false
  // Lines followed by another line: in wrapped text they are cut near the width. Short ones (menu
  // items, list entries) say nothing either way.
  let inside = 0
  let full = 0
  for (const [position, index] of free.entries()) {
    const next = index + 1
    if (next >= document.length || document.isBlank(next) || !document.isFree(next)) continue
    if (lengths[position] < width * 0.5) continue
    inside++
    if (lengths[position] >= width * 0.75 && lengths[position] <= width + 2) full++
  }
  return full >= 8 && full / inside >= 0.7
}

/** The text of the lines from `first` to `last` (positions), each trimmed, joined with one space: a block's, as its features read it. */
export function textOfLines(document: DocumentContext, first: number, last: number): string {
  if (first === last) return document.lines[first].text.trim()
  const texts: string[] = []
  for (let index = first; index <= last; index++) texts.push(document.lines[index].text.trim())
  return texts.join(' ')
}

/** Build the blocks of the document's free lines. */
export function buildBlocks(document: DocumentContext, settings: HeuristicSettings): {blocks: Block[]; proseMatched: boolean} {
  const free: number[] = []
  for (let index = 0; index < document.length; index++) if (document.isFree(index) && index !== document.title) free.push(index)
  const wrapped = isHardWrapped(document, free)
  const stopwords = stopwordsFor(document.language.code)
  // Each line's tally is kept across passes for its original line (a changed line's is counted again).
  const tallies = document.sharedTable(`classifier tally: ${document.language.code}`, (lines) => new TallyTable(lines))
  // How often each free line's folded form occurs among them (at its first occurrence).
  const same = document.firstSame(free)
  const counts = new Int32Array(free.length)
  for (let at = 0; at < free.length; at++) counts[same[at]]++

  // In hard-wrapped text a line cut near the width continues on the next line; a short line ends its
  // block. Where in `free` each block starts:
  const width = wrapped ? wrapWidth(document, free) : 0
  const starts: number[] = []
  for (let at = 0; at < free.length; at++) {
    const previous = free[at - 1]
    const continues = wrapped && at > 0 && free[at] === previous + 1 && document.lines[previous].text.trimEnd().length >= width * 0.75
    if (!continues) starts.push(at)
  }
  const tally = (words: WordSource, line: string) => lineTally(words, line, stopwords)
  // The blocks are made whole here and classified below, once the stopwords are known to say something.
  const blocks: Block[] = []
  const table = new FeatureTable(starts.length)
  for (let block = 0; block < starts.length; block++) {
    const from = starts[block]
    const first = free[from]
    const last = free[(block + 1 < starts.length ? starts[block + 1] : free.length) - 1]
    const sum = emptySum(last - first + 1)
    for (let index = first; index <= last; index++) {
      const key = document.sharedKey(index)
      if (key < 0) {
        addTally(sum, document.withWords(index, tally))
        continue
      }
      let row = tallies.row(key)
      if (row < 0) row = tallies.add(key, document.withWords(index, tally))
      tallies.addTo(sum, row)
    }
    const features = featuresOfSum(sum, textOfLines(document, first, last), stopwords, first === last ? counts[same[from]] : 1, table, block)
    blocks.push({first, last, features, initial: 'good', why: '', final: 'good', confident: false})
  }
  // A stopword list that barely matches the text (agglutinative languages, a wrong language guess)
  // says nothing: then sentence shape alone decides. Whether it matches the text's prose is told
  // apart: menus and lists have few stopwords in any language, and on a page of them around one
  // article the whole text's share falls short where its sentences' does not.
  let words = 0
  let stop = 0
  let proseWords = 0
  let proseStop = 0
  for (const {features} of blocks) {
    const stopwords = (features.stopwords ?? 0) * features.words
    words += features.words
    stop += stopwords
    if (isSentenceShaped(features)) {
      proseWords += features.words
      proseStop += stopwords
    }
  }
  const usable = words > 0 && stop / words >= settings.stopwordsLow
  const proseMatched = proseWords >= PROSE_MATCH_WORDS && proseStop / proseWords >= settings.stopwordsLow
  for (const block of blocks) {
    if (!usable) block.features.stopwords = undefined
    const {cls, why, confident} = classify(block.features, settings)
    block.initial = block.final = cls
    block.why = why
    block.confident = confident ?? false
  }
  return {blocks, proseMatched}
}

/**
 * Each block's score towards the main content. A typed array: scores are whole or fractional, and a
 * plain array of either kind would be read by code compiled for the other.
 */
function regionScores(blocks: Block[], settings: HeuristicSettings): Float64Array {
  return Float64Array.from(blocks, (block) => {
    // On a page, a block printed more than once (a ticker, a teaser box shown twice) is a widget,
    // however long: an article's paragraphs do not repeat.
    if (block.features.repeats >= 2) return -settings.badWeight
    // Long paragraphs make an article; a teaser's short summary counts for little.
    const length = Math.min(block.features.length, 1500) - settings.goodOffset
    const score =
      block.final === 'good'
        ? block.initial === 'good'
          ? length
          : block.initial === 'short'
            ? // A short block its neighbours vouch for (a list item, a subheading) costs little.
              Math.max(length * settings.nearGoodFactor, -settings.shortGoodWeight)
            : length * settings.nearGoodFactor
        : block.initial === 'short' || block.initial === 'near-good'
          ? -settings.shortWeight
          : -settings.badWeight
    return score
  })
}

/**
 * The main region, and further runs before or after it that score at least `partShare` of it: an
 * article split in parts by a large embed or a teaser box.
 */
export function contentRegions(blocks: Block[], settings: HeuristicSettings): Array<[number, number]> {
  const runs = new BestRun(regionScores(blocks, settings))
  const main = runs.find(0, blocks.length - 1)
  if (!main) return []
  const regions: Array<[number, number]> = [main.range]
  // Ranges still to search, beside the runs found so far (a list, not recursion: a page may have
  // thousands of parts).
  const ranges: Array<[number, number]> = [
    [main.range[1] + 1, blocks.length - 1],
    [0, main.range[0] - 1]
  ]
  for (let range = ranges.pop(); range; range = ranges.pop()) {
    const [from, to] = range
    const part = runs.find(from, to)
    if (!part || part.score < main.score * settings.partShare) continue
    regions.push(part.range)
    ranges.push([part.range[1] + 1, to], [from, part.range[0] - 1])
  }
  return regions.sort((a, b) => a[0] - b[0])
}

const isWeak = (block: Block) => block.initial === 'bad' || block.initial === 'short'

/** Boilerplate by its structure, wherever it stands: a sure shape, or a block printed more than once (a widget). */
const isStructural = (block: Block) => block.confident || block.features.repeats >= 2

/**
 * Whether the blocks are a whole page rather than extractor output: enough blocks, mostly short or
 * boilerplate, and a page's telltale start: a run of them (menus) before the first real paragraph.
 */
export function isPage(blocks: Block[], settings: HeuristicSettings): boolean {
  if (blocks.length < settings.pageMinBlocks) return false
  const weak = blocks.filter(isWeak).length
  // Weak blocks before the first long paragraph (a cookie notice or a teaser may read like prose).
  let lead = 0
  for (const block of blocks) {
    if (block.initial === 'good') break
    if (isWeak(block)) lead++
  }
  return weak / blocks.length >= settings.pageShare && lead >= settings.pageLead
}

/**
 * A comment thread after an article reads like prose, but every comment carries a time stamp. When
 * three or more date lines follow the body inside the region, the region ends before the first
 * (and before a short line just above it: the commenter's name), unless the dated parts are a
 * blog's posts (`isPostSequence`). Returns whether what was cut off is surely a comment thread: not
 * when the dated parts are the items of a list (`isItemSequence`), or when the main content is one
 * of them (`isDatedAbove`). `mainStart` is the first block of the page's main content.
 */
export function cutComments(blocks: Block[], region: [number, number], mainStart: number): boolean {
  let firstGood = -1
  for (let index = region[0]; index <= region[1]; index++) {
    if (blocks[index].final === 'good' && blocks[index].features.length >= 150) {
      firstGood = index
      break
    }
  }
  if (firstGood === -1) return false
  const dates: number[] = []
  for (let index = firstGood + 1; index <= region[1]; index++) if (blocks[index].features.shape === 'date') dates.push(index)
  if (dates.length < 3) return false
  const median = medianPart(blocks, region, dates)
  if (isPostSequence(blocks, region, dates, median)) return false
  let end = dates[0] - 1
  if (end > firstGood && blocks[end].initial === 'short' && blocks[end].features.words <= 3) end--
  if (end < firstGood) return false
  region[1] = end
  return !isItemSequence(blocks, mainStart, dates, median) && !isDatedAbove(blocks, mainStart, dates)
}

/**
 * Where the main content itself stands in the run of dated parts (two date lines above its start,
 * each no farther from the next than the dated parts below are apart), it is one of the items of a
 * list, not an article with comments under it.
 */
function isDatedAbove(blocks: Block[], mainStart: number, dates: readonly number[]): boolean {
  let gap = 0
  for (let at = 1; at < dates.length; at++) gap = Math.max(gap, dates[at] - dates[at - 1])
  let next = dates[0]
  let above = 0
  for (let index = mainStart - 1; index >= 0 && next - index <= gap; index--) {
    if (blocks[index].features.shape !== 'date') continue
    next = index
    if (++above === 2) return true
  }
  return false
}

/** The median prose (paragraphs' characters) after each date line, up to the next or the region's end. */
function medianPart(blocks: Block[], region: [number, number], dates: readonly number[]): number {
  const parts = dates.map((date, at) => proseLength(blocks, date + 1, at + 1 < dates.length ? dates[at + 1] - 1 : region[1], isParagraph)).sort((a, b) => a - b)
  return parts[Math.floor(parts.length / 2)]
}

/**
 * Comments are much shorter than the article above them. Where the median prose after a date line
 * is more than half of all the prose above the first date line (from the start of the main
 * content), the dated parts are rather the items of a list (the reviews of a recipe, a company's
 * news, the posts of a forum thread). The region is cut all the same, so the hand-set classifier
 * and the features the model learnt from stay as they were; but the cut is not sure evidence, so
 * the model may veto it and the prose guard may keep the items' prose. The half is the posts' own
 * ratio (`isPostSequence`).
 */
function isItemSequence(blocks: Block[], mainStart: number, dates: readonly number[], median: number): boolean {
  return proseLength(blocks, mainStart, dates[0] - 1, isParagraph) < 2 * median
}

/**
 * A blog's front page also has a date line above each post, but a post's title follows its date
 * line, and its posts are about as long as the first one; a comment's text follows its time stamp,
 * and comments are much shorter than the article above them. Posts: most date lines are followed
 * by a title (a short line that does not end like a sentence), and the median prose between two
 * date lines (`median`) is at least half of the prose above the first in the region, and at least
 * `POST_MIN_PROSE` characters.
 */
function isPostSequence(blocks: Block[], region: [number, number], dates: readonly number[], median: number): boolean {
  const titled = dates.filter((date) => {
    const next = blocks[date + 1]
    return date + 1 <= region[1] && !next.features.terminal && next.features.words <= 15 && next.features.shape === undefined
  }).length
  if (2 * titled < dates.length) return false
  const first = proseLength(blocks, region[0], dates[0] - 1, isParagraph)
  return median >= POST_MIN_PROSE && median >= 0.5 * first
}

const POST_MIN_PROSE = 400

/** A paragraph by its own features, whatever the context pass made of it. */
const isParagraph = (block: Block) => block.initial === 'good' || block.initial === 'near-good'

/**
 * A page's headline stands directly above its main content: one short line of a few words that does
 * not end like a sentence, with no links, menu separators or telltale shape.
 */
export function isHeadline(block: Block | undefined, text: (line: number) => string): boolean {
  if (!block || block.first !== block.last || block.confident) return false
  const features = block.features
  if (features.words < 3 || features.words > 25 || features.length > 200) return false
  if (features.links > 0 || features.separators > 0 || features.shape !== undefined || features.repeats > 1) return false
  return !/[.:;,]["'”’»)\]]*$/u.test(text(block.first).trim())
}

const isProse = (block: Block) => block.final === 'good' && (block.initial === 'good' || block.initial === 'near-good')

/**
 * A main region chosen after most of the page's prose (a sidebar teaser, a table of results, one
 * post of a forum thread picked over the article above it, an author box under a recipe cut up by
 * buttons) would take that prose with it. The prose blocks outside the regions and before the last
 * one stay when they hold at least `SPARE_MIN` characters and at least `SPARE_RATIO` times the
 * prose inside the regions: an article comes before the boxes below it, so the prose after the
 * regions (comment threads, teasers) is not spared. Measured on the seven
 * sources' whole pages, ratios from 2 to 4 give the same outputs, and no source scores lower.
 */
const SPARE_MIN = 800
const SPARE_RATIO = 2

/** The characters of the blocks from `from` to `to` (inclusive) that `counts` (by default `isProse`). */
function proseLength(blocks: Block[], from: number, to: number, counts: (block: Block) => boolean = isProse): number {
  let length = 0
  for (let index = from; index <= to; index++) if (counts(blocks[index])) length += blocks[index].features.length
  return length
}

/** The prose blocks before and between the regions that stay (see `SPARE_RATIO`). */
export function sparedBefore(blocks: Block[], regions: ReadonlyArray<[number, number]>): Set<number> {
  const spared = new Set<number>()
  if (regions.length === 0) return spared
  let inside = 0
  for (const [from, to] of regions) inside += proseLength(blocks, from, to)
  // The prose before the last region, outside every region.
  const [last, lastEnd] = regions[regions.length - 1]
  const insideEarlier = inside - proseLength(blocks, last, lastEnd)
  const before = proseLength(blocks, 0, last - 1) - insideEarlier
  if (before < SPARE_MIN || before < SPARE_RATIO * inside) return spared
  for (let index = 0; index < last; index++) if (isProse(blocks[index])) spared.add(index)
  return spared
}

/**
 * Extractor output keeps lists, recipes and link lines that look like boilerplate: only blocks of
 * a sure shape go, and only at the edges: before the first block that is short or shaped like a
 * sentence of prose (`isSentenceShaped`), and after the last. In a text with no such block nothing
 * goes (it is one the classifier does not understand). With `residueEdgesOnly` off, every
 * boilerplate block at the edges goes.
 *
 * The edges are found by length and shape, not by the context pass's classes: those follow the
 * language's stopwords, and a cleaned text of several languages can be read in another language by
 * a second run, which then found a longer run of boilerplate at the start and removed more (7 of
 * 20,000 random mixes of the property test's lines; none since). Held out, the outputs score the
 * same to three decimals.
 */
function residueDecisions(blocks: Block[], settings: HeuristicSettings): Decision[] {
  const decisions: Decision[] = []
  // A short line (a title, a table's caption, a footnote) ends an edge as a sentence does: the
  // boilerplate at the edges is what neither is (menus, dates, link lines, wordless lines).
  const atEdge = (block: Block) => block.initial !== 'short' && !isSentenceShaped(block.features)
  let first = 0
  while (first < blocks.length && atEdge(blocks[first])) first++
  if (first === blocks.length) return decisions
  let last = blocks.length - 1
  while (last > first && atEdge(blocks[last])) last--
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    const goes = settings.residueEdgesOnly ? block.confident : block.final === 'bad'
    if ((index < first || index > last) && goes) decisions.push({block, decision: 'edge', sure: isStructural(block)})
  }
  return decisions
}

/** The hand-set classifier's view of a document. */
export interface Classification {
  blocks: Block[]
  /** Whether the text was read as a whole page (else as extractor output). */
  page: boolean
  /** The removals, in the order of their blocks. */
  decisions: Decision[]
  /**
   * Whether the document's stopword list matches its prose: its sentence-shaped blocks, 50 words or
   * more in all, reach `stopwordsLow`. Also where the whole text's share falls short, and the blocks
   * then have no stopword share.
   */
  proseMatched: boolean
  /** On a page, the first and last block of the main content. */
  region?: [number, number]
  /** On a page, the headline kept above the main content. */
  headline?: number
}

/** Classify the document's free blocks and decide which go. */
export function classifyDocument(
  document: DocumentContext,
  settings: HeuristicSettings
): Classification {
  const {blocks, proseMatched} = buildBlocks(document, settings)
  const page = document.inputKind === 'auto' ? isPage(blocks, settings) : document.inputKind === 'page'
  contextPass(blocks, page ? 'bad' : 'good', settings)
  const decisions: Decision[] = []

  if (page) {
    const regions = contentRegions(blocks, settings)
    if (regions.length === 0) return {blocks, page, decisions, proseMatched}
    // The blocks of comment threads cut off the regions' ends.
    const threads = new Set<number>()
    for (const region of regions) {
      const end = region[1]
      if (cutComments(blocks, region, regions[0][0])) for (let index = region[1] + 1; index <= end; index++) threads.add(index)
    }
    const sure = (index: number) => isStructural(blocks[index]) || threads.has(index)
    // The regions are sorted and apart: the one a block may be in is the first not ended before it.
    let next = 0
    const inside = (index: number) => {
      while (next < regions.length && regions[next][1] < index) next++
      return next < regions.length && index >= regions[next][0]
    }
    // The headline above the main content stays, as the document's title.
    const headline = regions[0][0] - 1
    const keepHeadline = document.title === undefined && isHeadline(blocks[headline], (line) => document.lines[line].text)
    const spared = sparedBefore(blocks, regions)
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]
      if (keepHeadline && index === headline) continue
      if (!inside(index)) {
        // Between two parts of the main content only what the context pass left boilerplate goes:
        // the short lines of a list article ("Why:", "Where:") stand between its paragraphs.
        const between = index > regions[0][1] && index < regions[regions.length - 1][0]
        if (!spared.has(index) && !(between && block.final !== 'bad')) decisions.push({block, decision: 'outside-main', sure: sure(index)})
      }
      // Inside the main content only sure shapes go: attribution showed the rest there is mostly content.
      else if (block.final === 'bad' && block.confident) decisions.push({block, decision: 'boilerplate', sure: true})
    }
    return {blocks, page, decisions, proseMatched, region: [regions[0][0], regions[regions.length - 1][1]], headline: keepHeadline ? headline : undefined}
  }

  return {blocks, page, decisions: residueDecisions(blocks, settings), proseMatched}
}
