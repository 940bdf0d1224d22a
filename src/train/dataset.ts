/**
 * The training data set: every block of every input of every record, as a row of the classifier's
 * features (`src/classifier/vector.ts`), with a label aligned to the record's gold
 * (`src/train/labels.ts`). The blocks are the ones the classifier judges when it cleans: the
 * document is cleaned with the config's rules, and the classifier's first pass over the lines the
 * rules left is read.
 */

import type {Cleaner} from '../cleaner.js'
import {createCleaner} from '../cleaner.js'
import type {ResolvedConfig} from '../config/resolve.js'
import type {DocumentContext} from '../engine/document.js'
import {blockRows, blockText, FEATURE_NAMES, type Classified} from '../classifier/vector.js'
import type {CorpusRecord} from '../eval/corpus.js'
import {goldIndex, goldLabel, snippetLabel, type Label} from './labels.js'

/** One input of one record in the data set: its rows are `start` to `start + count`. */
export interface DatasetDocument {
  source: string
  id: string
  kind: string
  start: number
  count: number
  /** The detected title (kept by the cleaner), or null. */
  title: string | null
  /** Each block's text, in order. */
  texts: string[]
  /** The input text as it came (scored as "raw"). */
  input: string
  /** What the output is scored against. */
  gold: Pick<CorpusRecord, 'source' | 'gold' | 'with' | 'without'>
  /**
   * Read as the classifier reads a text whose stopwords say nothing (`trainingDataset`): its rows
   * train the trees, at a lower weight, and nothing else (priors, transitions and operating points
   * are learnt from the texts as they are).
   */
  blind: boolean
}

export interface Dataset {
  features: readonly string[]
  rows: number
  /** Row-major: `rows × features.length`. */
  values: Float32Array
  labels: Uint8Array
  weights: Float32Array
  /** Share of a block's shingles in the gold (NaN where labels come from snippets). */
  shares: Float32Array
  documents: DatasetDocument[]
}

/** Grows a Float32Array / Uint8Array by doubling. */
class Column<T extends Float32Array | Uint8Array> {
  length = 0
  constructor(private data: T) {}

  push(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) {
      let size = this.data.length * 2
      while (size < this.length + values.length) size *= 2
      const grown = new (this.data.constructor as new (size: number) => T)(size)
      grown.set(this.data.subarray(0, this.length) as never)
      this.data = grown
    }
    this.data.set(values as never, this.length)
    this.length += values.length
  }

  done(): T {
    return this.data.slice(0, this.length) as T
  }
}

export interface BuildOptions {
  config: ResolvedConfig
  /** Which input kinds to take (default: all). */
  kinds?: (kind: string) => boolean
  /** Told after each record. */
  progress?: (records: number) => void
}

/**
 * What the classifier saw on its first pass over one text: the document, its blocks, and their rows
 * of features. The rows are read when the classifier sees the blocks, as the trained classifier
 * reads them when it cleans: once the text is cleaned, the document also holds the classifier's own
 * removals, and the share of claimed lines read then (the rows had been read so, 78% of them with
 * another `claimedShare` than the model met when cleaning) is not one a model can use.
 */
export interface FirstPass {
  document: DocumentContext
  classified: Classified
  rows: Float32Array
}

/** The blocks the classifier judged on its first pass over one text. */
export function firstPass(cleaner: {cleanFile: Cleaner['cleanFile']}, capture: {current?: FirstPass}, text: string, url?: string) {
  capture.current = undefined
  const {result} = cleaner.cleanFile(text, url ? {url} : {})
  return {result, seen: capture.current as FirstPass | undefined}
}

export function buildDataset(records: Iterable<CorpusRecord>, options: BuildOptions): Dataset {
  const capture: {current?: FirstPass} = {}
  const cleaner = createCleaner(options.config, {
    messages: false,
    observeBlocks: (document, classified) => {
      capture.current ??= {document, classified, rows: blockRows(document, classified)}
    }
  })
  const width = FEATURE_NAMES.length
  const values = new Column(new Float32Array(1 << 20))
  const labels = new Column(new Uint8Array(1 << 16))
  const weights = new Column(new Float32Array(1 << 16))
  const shares = new Column(new Float32Array(1 << 16))
  const documents: DatasetDocument[] = []
  let done = 0
  for (const record of records) {
    const gold = record.gold === undefined ? undefined : goldIndex(record.gold)
    for (const [kind, text] of Object.entries(record.inputs)) {
      if (options.kinds && !options.kinds(kind)) continue
      if (!text) continue
      const {result, seen} = firstPass(cleaner, capture, text, record.url)
      const start = labels.length
      const texts: string[] = []
      if (seen) {
        const {document, classified, rows} = seen
        values.push(rows)
        const blockLabels: Label[] = classified.blocks.map((block) => {
          const text = blockText(document, block)
          texts.push(text)
          return gold ? goldLabel(text, gold) : snippetLabel(text, record.with ?? [], record.without ?? [])
        })
        labels.push(blockLabels.map((label) => label.label))
        weights.push(blockLabels.map((label) => label.weight))
        shares.push(blockLabels.map((label) => label.share))
      }
      documents.push({source: record.source, id: record.id, kind, start, count: labels.length - start, title: result.title, texts, input: text, gold: record, blind: false})
    }
    options.progress?.(++done)
  }
  if (values.length !== labels.length * width) throw new Error('decruft: data set rows and labels disagree')
  return {features: FEATURE_NAMES, rows: labels.length, values: values.done(), labels: labels.done(), weights: weights.done(), shares: shares.done(), documents}
}

/**
 * The data set a model is trained on: every text as the classifier reads it, and every text again as
 * it reads a text whose stopwords say nothing (its stopword shares missing, and the hand-set classes
 * read from sentence shape alone), as when no stopword list matches the text (a language without a
 * list, a wrong language guess, a list-heavy page). Few texts of the training data are read so, and
 * a model that never learnt to do without its strongest features lost articles on the ones it met:
 * held out, the second reading took the whole pages that keep under half their gold from 76 to 70
 * of 2,667, with the same F1 (docs/classifier-model.md).
 */
export function trainingDataset(records: Iterable<CorpusRecord>, options: BuildOptions): Dataset {
  const all = [...records]
  const read = buildDataset(all, options)
  const {config} = options
  const blind = buildDataset(all, {...options, config: {...config, heuristics: {...config.heuristics, stopwordsLow: NEVER_USABLE}}})
  return appendBlind(read, blind)
}

/** What a training data set holds, for the logs of `npm run train` and `decruft train`. */
export function describeTrainingDataset(dataset: Dataset): string {
  const texts = dataset.documents.filter((document) => !document.blind).length
  return `${dataset.rows} blocks in ${texts} documents, each read as it is and blind to its stopwords`
}

/** A `stopwordsLow` no share of stopwords reaches: the stopwords of every text say nothing. */
const NEVER_USABLE = 2

/** `read` with the documents and rows of `blind` after its own, marked `blind`. */
function appendBlind(read: Dataset, blind: Dataset): Dataset {
  const rows = read.rows + blind.rows
  const joined = <T extends Float32Array | Uint8Array>(first: T, second: T, make: (length: number) => T): T => {
    const out = make(first.length + second.length)
    out.set(first as never)
    out.set(second as never, first.length)
    return out
  }
  return {
    features: read.features,
    rows,
    values: joined(read.values, blind.values, (length) => new Float32Array(length)),
    labels: joined(read.labels, blind.labels, (length) => new Uint8Array(length)),
    weights: joined(read.weights, blind.weights, (length) => new Float32Array(length)),
    shares: joined(read.shares, blind.shares, (length) => new Float32Array(length)),
    documents: [...read.documents, ...blind.documents.map((document) => ({...document, start: document.start + read.rows, blind: true}))]
  }
}
