/**
 * The trained classifier's view of a block: one row of numbers per block, from the block's own
 * features, its neighbours' (a window of two blocks each way and a wider mean), its position, the
 * document's statistics, what the phrase rules claimed around it, and what the hand-set classifier
 * says of it (its class, its page verdict, its main region). Training and cleaning compute rows with
 * this one function, so the model sees the same numbers in both.
 *
 * A value that does not apply (the stopword share of a language without a list, a neighbour past
 * the document's edge) is NaN: the model learns where such rows go.
 */

import type {DocumentContext} from '../engine/document.js'
import {textOfLines, type Block, type Classification, type Decision} from './classify.js'
import {isSentenceShaped} from './features.js'

/** What the rows read of the hand-set classifier's view of a document (`classifyDocument`'s result). */
export type Classified = Pick<Classification, 'blocks' | 'page' | 'decisions' | 'region'>

const CLASS_VALUE = {bad: 0, short: 1, 'near-good': 2, good: 3} as const

/** Per-block features, in the order they stand in a row. */
const OWN = [
  'logLength',
  'words',
  'sentences',
  'terminal',
  'stopwords',
  'capitals',
  'digits',
  'links',
  'separators',
  'copyright',
  'date',
  'byline',
  'repeats',
  'wordsPerSentence',
  'meanWordLength',
  'lines',
  'initialClass',
  'finalClass',
  'confident',
  'endsWithColon',
  'startsWithMark',
  'upperShare',
  'punctuationShare'
] as const

/** Features of a neighbour at an offset (a subset of OWN, plus whether a rule claimed lines between). */
const NEIGHBOUR = ['logLength', 'stopwords', 'terminal', 'links', 'separators', 'initialClass', 'finalClass', 'claimedBetween'] as const
const OFFSETS = [-2, -1, 1, 2] as const

/** Position and document-level features. */
const CONTEXT = [
  'position',
  'charPosition',
  'logBlocksBefore',
  'logBlocksAfter',
  'logBlockCount',
  'logDocumentChars',
  'weakShare',
  'goodShare',
  'leadWeak',
  'page',
  'insideRegion',
  'oldDecision',
  'claimedShare',
  'ruleAbove',
  'ruleBelow',
  'meanLogLength5',
  'goodShare5',
  'stopwordsKnown',
  'isFirst',
  'isLast',
  'regionDistance',
  'proseShare10',
  'goodCharsBefore',
  'docProseShare'
] as const

/** The names of a row's columns, in order. */
export const FEATURE_NAMES: readonly string[] = [
  ...OWN,
  ...OFFSETS.flatMap((offset) => NEIGHBOUR.map((name) => `${offset < 0 ? 'prev' : 'next'}${Math.abs(offset)}.${name}`)),
  ...CONTEXT
]

/** A block that reads like an article's prose: ends like a sentence, with a dozen words or more. */
export function isProseLike(block: Block): boolean {
  const features = block.features
  return isSentenceShaped(features) && (features.stopwords === undefined || features.stopwords >= 0.2)
}

/** The block's text (its lines trimmed and joined with a space), as the features and the training labels read it. */
export function blockText(document: DocumentContext, block: Block): string {
  return textOfLines(document, block.first, block.last)
}

function ownValues(block: Block, row: Float32Array, at: number): void {
  const features = block.features
  const {letters, upper, punctuation} = features
  row[at] = Math.log1p(features.length)
  row[at + 1] = features.words
  row[at + 2] = features.sentences
  row[at + 3] = features.terminal ? 1 : 0
  row[at + 4] = features.stopwords ?? Number.NaN
  row[at + 5] = features.capitals
  row[at + 6] = features.digits
  row[at + 7] = features.links
  row[at + 8] = features.separators
  row[at + 9] = features.shape === 'copyright' ? 1 : 0
  row[at + 10] = features.shape === 'date' ? 1 : 0
  row[at + 11] = features.shape === 'byline' ? 1 : 0
  row[at + 12] = features.repeats
  row[at + 13] = features.sentences > 0 ? features.words / features.sentences : features.words
  row[at + 14] = features.words > 0 ? letters / features.words : 0
  row[at + 15] = block.last - block.first + 1
  row[at + 16] = CLASS_VALUE[block.initial]
  row[at + 17] = CLASS_VALUE[block.final]
  row[at + 18] = block.confident ? 1 : 0
  row[at + 19] = features.endsWithColon ? 1 : 0
  row[at + 20] = features.startsWithMark ? 1 : 0
  row[at + 21] = letters > 0 ? upper / letters : 0
  row[at + 22] = features.chars > 0 ? punctuation / features.chars : 0
}

/** Where each NEIGHBOUR feature stands among a block's OWN ones (-1: claimed lines, worked out apart). */
const NEIGHBOUR_SOURCE = Int32Array.from(NEIGHBOUR, (name) => (name === 'claimedBetween' ? -1 : OWN.indexOf(name)))

/**
 * Where each decision's block stands among the blocks. The decisions come in the blocks' order: each
 * one's block is found by reading on.
 */
export function decisionPositions(blocks: readonly Block[], decisions: readonly Decision[]): Int32Array {
  const positions = new Int32Array(decisions.length)
  let position = 0
  for (let index = 0; index < decisions.length; index++) {
    const block = decisions[index].block
    while (position < blocks.length && blocks[position] !== block) position++
    if (position === blocks.length) throw new Error("decruft: the classifier's decisions are not in the order of its blocks")
    positions[index] = position
  }
  return positions
}

/** The hand-set decision of each block, as the `oldDecision` column reads it (0: none). */
function decisionCodes(blocks: readonly Block[], decisions: readonly Decision[]): Uint8Array {
  const codes = new Uint8Array(blocks.length)
  const positions = decisionPositions(blocks, decisions)
  for (let index = 0; index < decisions.length; index++) {
    const decision = decisions[index].decision
    codes[positions[index]] = decision === 'outside-main' ? 1 : decision === 'boilerplate' ? 2 : 3
  }
  return codes
}

/**
 * The rows of a classified document's blocks: `blocks.length` rows of `FEATURE_NAMES.length`
 * numbers, row-major. Every column of every row is written (NaN where a value does not apply).
 */
export function blockRows(document: DocumentContext, classified: Classified): Float32Array {
  const {blocks, page, decisions, region} = classified
  const width = FEATURE_NAMES.length
  const rows = new Float32Array(blocks.length * width)
  if (blocks.length === 0) return rows

  // Own features first, in place: neighbours copy theirs.
  for (let index = 0; index < blocks.length; index++) ownValues(blocks[index], rows, index * width)

  // Lines a rule claimed between consecutive blocks, and the document's totals.
  const claimedBefore = new Int32Array(blocks.length + 1)
  let claimedLines = 0
  let nonBlank = 0
  for (let line = 0; line < document.length; line++) {
    if (document.isBlank(line)) continue
    nonBlank++
    if (document.isClaimed(line)) claimedLines++
  }
  for (let index = 0; index <= blocks.length; index++) {
    const from = index === 0 ? 0 : blocks[index - 1].last + 1
    const to = index === blocks.length ? document.length : blocks[index].first
    let claimed = 0
    for (let line = from; line < to; line++) if (document.isClaimed(line)) claimed++
    claimedBefore[index] = claimed
  }

  const decided = decisionCodes(blocks, decisions)
  let weak = 0
  let good = 0
  let lead = 0
  let leadOpen = true
  let chars = 0
  for (const block of blocks) {
    const isWeak = block.initial === 'bad' || block.initial === 'short'
    if (isWeak) weak++
    if (block.initial === 'good') {
      good++
      leadOpen = false
    }
    if (leadOpen && isWeak) lead++
    chars += block.features.length
  }
  // Prefix sums for the wider windows' means.
  const logLengths = new Float64Array(blocks.length + 1)
  const goods = new Float64Array(blocks.length + 1)
  const proses = new Float64Array(blocks.length + 1)
  const goodChars = new Float64Array(blocks.length + 1)
  let proseChars = 0
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    const prose = isProseLike(block)
    logLengths[index + 1] = logLengths[index] + rows[index * width]
    goods[index + 1] = goods[index] + (block.final === 'good' ? 1 : 0)
    proses[index + 1] = proses[index] + (prose ? 1 : 0)
    goodChars[index + 1] = goodChars[index] + (block.initial === 'good' ? block.features.length : 0)
    if (prose) proseChars += block.features.length
  }
  const totalGood = goodChars[blocks.length]

  let charsSoFar = 0
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    const base = index * width
    let at = base + OWN.length
    for (const offset of OFFSETS) {
      const other = index + offset
      if (other >= 0 && other < blocks.length) {
        for (let feature = 0; feature < NEIGHBOUR.length; feature++) {
          const source = NEIGHBOUR_SOURCE[feature]
          if (source >= 0) rows[at + feature] = rows[other * width + source]
          else {
            // Claimed lines between this block and the neighbour.
            let claimed = 0
            if (offset < 0) for (let step = other + 1; step <= index; step++) claimed += claimedBefore[step]
            else for (let step = index + 1; step <= other; step++) claimed += claimedBefore[step]
            rows[at + feature] = claimed
          }
        }
      } else rows.fill(Number.NaN, at, at + NEIGHBOUR.length)
      at += NEIGHBOUR.length
    }
    const from = Math.max(0, index - 5)
    const to = Math.min(blocks.length, index + 6)
    rows[at] = blocks.length > 1 ? index / (blocks.length - 1) : 0
    rows[at + 1] = chars > 0 ? charsSoFar / chars : 0
    rows[at + 2] = Math.log1p(index)
    rows[at + 3] = Math.log1p(blocks.length - 1 - index)
    rows[at + 4] = Math.log1p(blocks.length)
    rows[at + 5] = Math.log1p(chars)
    rows[at + 6] = weak / blocks.length
    rows[at + 7] = good / blocks.length
    rows[at + 8] = lead
    rows[at + 9] = page ? 1 : 0
    rows[at + 10] = region && index >= region[0] && index <= region[1] ? 1 : 0
    rows[at + 11] = decided[index]
    rows[at + 12] = nonBlank > 0 ? claimedLines / nonBlank : 0
    rows[at + 13] = claimedBefore[index]
    rows[at + 14] = claimedBefore[index + 1]
    rows[at + 15] = (logLengths[to] - logLengths[from]) / (to - from)
    rows[at + 16] = (goods[to] - goods[from]) / (to - from)
    rows[at + 17] = block.features.stopwords === undefined ? 0 : 1
    rows[at + 18] = index === 0 ? 1 : 0
    rows[at + 19] = index === blocks.length - 1 ? 1 : 0
    rows[at + 20] = region ? (index < region[0] ? -Math.log1p(region[0] - index) : index > region[1] ? Math.log1p(index - region[1]) : 0) : Number.NaN
    rows[at + 21] = (proses[Math.min(blocks.length, index + 11)] - proses[Math.max(0, index - 10)]) / (Math.min(blocks.length, index + 11) - Math.max(0, index - 10))
    rows[at + 22] = totalGood > 0 ? goodChars[index] / totalGood : Number.NaN
    rows[at + 23] = chars > 0 ? proseChars / chars : 0
    charsSoFar += block.features.length
  }
  return rows
}
