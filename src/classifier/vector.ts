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
import type {Block, Decision} from './classify.js'
import {isSentenceShaped} from './features.js'

/** What the hand-set classifier decided about a document (`classifyDocument`'s result). */
export interface Classified {
  blocks: Block[]
  page: boolean
  decisions: Decision[]
  region?: [number, number]
}

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

const markExpression = /^[-–—•·*►▸›»>|/+#]/u

const LETTER = 1
const UPPER = 2
const PUNCTUATION = 4
/** The classes of the Basic Multilingual Plane's code units, worked out on first use. */
let planeClasses: Uint8Array | undefined

function classesOf(character: string): number {
  return (/\p{L}/u.test(character) ? LETTER : 0) | (/\p{Lu}/u.test(character) ? UPPER : 0) | (/\p{P}/u.test(character) ? PUNCTUATION : 0)
}

function plane(): Uint8Array {
  if (planeClasses) return planeClasses
  const classes = new Uint8Array(0x10000)
  // Surrogates stand for characters beyond the plane, classed one by one below.
  for (let unit = 0; unit < 0x10000; unit++) if (unit < 0xd800 || unit > 0xdfff) classes[unit] = classesOf(String.fromCharCode(unit))
  return (planeClasses = classes)
}

/** Letters, upper-case letters and punctuation marks in `text` (as `/\p{L}/gu`, `/\p{Lu}/gu`, `/\p{P}/gu` count them). */
export function characterCounts(text: string): {letters: number; upper: number; punctuation: number} {
  const classes = plane()
  let letters = 0
  let upper = 0
  let punctuation = 0
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    let found: number
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        found = classesOf(text.slice(index, index + 2))
        index++
      } else found = 0
    } else found = classes[unit]
    if (found & LETTER) letters++
    if (found & UPPER) upper++
    if (found & PUNCTUATION) punctuation++
  }
  return {letters, upper, punctuation}
}

/** A block that reads like an article's prose: ends like a sentence, with a dozen words or more. */
export function isProseLike(block: Block): boolean {
  const features = block.features
  return isSentenceShaped(features) && (features.stopwords === undefined || features.stopwords >= 0.2)
}

/** The block's text (its lines trimmed and joined with a space), as the features and the training labels read it. */
export function blockText(document: DocumentContext, block: Block): string {
  return block.lines.length === 1 ? document.lines[block.lines[0]].text.trim() : block.lines.map((line) => document.lines[line].text.trim()).join(' ')
}

/** The name of a line's `characterCounts` among the document's line values (kept across passes). */
const COUNTS = 'classifier character counts'
const countLine = (_words: unknown, text: string) => characterCounts(text)

/** A block's `characterCounts`: the sums of its lines' (the spaces that join and trim them count as none). */
function blockCounts(document: DocumentContext, block: Block): {letters: number; upper: number; punctuation: number} {
  if (block.lines.length === 1) return document.lineValue(COUNTS, block.lines[0], countLine)
  let letters = 0
  let upper = 0
  let punctuation = 0
  for (const line of block.lines) {
    const counts = document.lineValue(COUNTS, line, countLine)
    letters += counts.letters
    upper += counts.upper
    punctuation += counts.punctuation
  }
  return {letters, upper, punctuation}
}

function ownValues(document: DocumentContext, block: Block, row: Float32Array, at: number): void {
  const features = block.features
  const text = blockText(document, block)
  const {letters, upper, punctuation} = blockCounts(document, block)
  const values: number[] = [
    Math.log1p(features.length),
    features.words,
    features.sentences,
    features.terminal ? 1 : 0,
    features.stopwords ?? Number.NaN,
    features.capitals,
    features.digits,
    features.links,
    features.separators,
    features.shape === 'copyright' ? 1 : 0,
    features.shape === 'date' ? 1 : 0,
    features.shape === 'byline' ? 1 : 0,
    features.repeats,
    features.sentences > 0 ? features.words / features.sentences : features.words,
    features.words > 0 ? letters / features.words : 0,
    block.lines.length,
    CLASS_VALUE[block.initial],
    CLASS_VALUE[block.final],
    block.confident ? 1 : 0,
    /[:：]$/u.test(text) ? 1 : 0,
    markExpression.test(text) ? 1 : 0,
    letters > 0 ? upper / letters : 0,
    text.length > 0 ? punctuation / text.length : 0
  ]
  for (let index = 0; index < values.length; index++) row[at + index] = values[index]
}

/**
 * The rows of a classified document's blocks: `blocks.length` rows of `FEATURE_NAMES.length`
 * numbers, row-major.
 */
export function blockRows(document: DocumentContext, classified: Classified): Float32Array {
  const {blocks, page, decisions, region} = classified
  const width = FEATURE_NAMES.length
  const rows = new Float32Array(blocks.length * width).fill(Number.NaN)
  if (blocks.length === 0) return rows

  // Own features first: neighbours copy theirs.
  const own = new Float32Array(blocks.length * OWN.length)
  for (let index = 0; index < blocks.length; index++) ownValues(document, blocks[index], own, index * OWN.length)

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
    const from = index === 0 ? 0 : blocks[index - 1].lines.at(-1)! + 1
    const to = index === blocks.length ? document.length : blocks[index].lines[0]
    let claimed = 0
    for (let line = from; line < to; line++) if (document.isClaimed(line)) claimed++
    claimedBefore[index] = claimed
  }

  const decided = new Map<Block, Decision['decision']>()
  for (const decision of decisions) decided.set(decision.block, decision.decision)
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
    logLengths[index + 1] = logLengths[index] + own[index * OWN.length]
    goods[index + 1] = goods[index] + (block.final === 'good' ? 1 : 0)
    proses[index + 1] = proses[index] + (prose ? 1 : 0)
    goodChars[index + 1] = goodChars[index] + (block.initial === 'good' ? block.features.length : 0)
    if (prose) proseChars += block.features.length
  }
  const totalGood = goodChars[blocks.length]

  let charsSoFar = 0
  const ownIndex = (name: (typeof OWN)[number]) => OWN.indexOf(name)
  const neighbourSource = NEIGHBOUR.map((name) => (name === 'claimedBetween' ? -1 : ownIndex(name)))
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    const base = index * width
    rows.set(own.subarray(index * OWN.length, (index + 1) * OWN.length), base)
    let at = base + OWN.length
    for (const offset of OFFSETS) {
      const other = index + offset
      if (other >= 0 && other < blocks.length) {
        for (let feature = 0; feature < NEIGHBOUR.length; feature++) {
          const source = neighbourSource[feature]
          if (source >= 0) rows[at + feature] = own[other * OWN.length + source]
          else {
            // Claimed lines between this block and the neighbour.
            let claimed = 0
            if (offset < 0) for (let step = other + 1; step <= index; step++) claimed += claimedBefore[step]
            else for (let step = index + 1; step <= other; step++) claimed += claimedBefore[step]
            rows[at + feature] = claimed
          }
        }
      }
      at += NEIGHBOUR.length
    }
    const from = Math.max(0, index - 5)
    const to = Math.min(blocks.length, index + 6)
    const decision = decided.get(block)
    const context: number[] = [
      blocks.length > 1 ? index / (blocks.length - 1) : 0,
      chars > 0 ? charsSoFar / chars : 0,
      Math.log1p(index),
      Math.log1p(blocks.length - 1 - index),
      Math.log1p(blocks.length),
      Math.log1p(chars),
      weak / blocks.length,
      good / blocks.length,
      lead,
      page ? 1 : 0,
      region && index >= region[0] && index <= region[1] ? 1 : 0,
      decision === undefined ? 0 : decision === 'outside-main' ? 1 : decision === 'boilerplate' ? 2 : 3,
      nonBlank > 0 ? claimedLines / nonBlank : 0,
      claimedBefore[index],
      claimedBefore[index + 1],
      (logLengths[to] - logLengths[from]) / (to - from),
      (goods[to] - goods[from]) / (to - from),
      block.features.stopwords === undefined ? 0 : 1,
      index === 0 ? 1 : 0,
      index === blocks.length - 1 ? 1 : 0,
      region ? (index < region[0] ? -Math.log1p(region[0] - index) : index > region[1] ? Math.log1p(index - region[1]) : 0) : Number.NaN,
      (proses[Math.min(blocks.length, index + 11)] - proses[Math.max(0, index - 10)]) / (Math.min(blocks.length, index + 11) - Math.max(0, index - 10)),
      totalGood > 0 ? goodChars[index] / totalGood : Number.NaN,
      chars > 0 ? proseChars / chars : 0
    ]
    for (let feature = 0; feature < context.length; feature++) rows[at + feature] = context[feature]
    charsSoFar += block.features.length
  }
  return rows
}
