/**
 * Training the block classifier from a data set (`dataset.ts`): gradient-boosted trees on every
 * labelled block, the block sequence's transitions from the gold-labelled documents, and the
 * presets' operating points chosen on out-of-fold predictions over the training sources only
 * (each group of sources is predicted by a model that did not see it), so that no threshold is
 * fitted to the text it is then measured on.
 */

import {serializeModel, trainGbdt, compileModel, predictLogits} from '../model/gbdt.js'
import {fitTransitions, forwardBackward, type Transitions} from '../model/sequence.js'
import {CLASSIFIER_FORMAT, CLASSIFIER_VERSION, type ClassifierModelFile, type OperatingPoints} from '../classifier/model-file.js'
import type {Dataset, DatasetDocument} from './dataset.js'
import {prepareGroup, scorePrepared} from './simulate.js'
import {DEFAULT_TRAIN_OPTIONS, type TrainOptions} from './options.js'

export {DEFAULT_TRAIN_OPTIONS, type TrainOptions}

/**
 * What each document's blocks weigh together: the metric averages over documents, so a page of 500
 * menu lines must not count for fifty articles.
 */
const DOCUMENT_WEIGHT = 30

/**
 * What a document read blind (its stopwords saying nothing, `trainingDataset`) weighs against the
 * same document read as it is: half, so that the trees learn to do without the stopword shares
 * without trading what they read from them where they are. Set before it was measured, and not
 * tuned on the held-out sources.
 */
const BLIND_WEIGHT = 0.5

/** The rows of `documents` with a training weight, gathered into a data set for the trees. */
function gather(dataset: Dataset, documents: readonly DatasetDocument[]) {
  const width = dataset.features.length
  let rows = 0
  for (const document of documents) for (let row = document.start; row < document.start + document.count; row++) if (dataset.weights[row] > 0) rows++
  const values = new Float32Array(rows * width)
  const labels = new Uint8Array(rows)
  const weights = new Float32Array(rows)
  let at = 0
  for (const document of documents) {
    let total = 0
    for (let row = document.start; row < document.start + document.count; row++) total += dataset.weights[row] > 0 ? dataset.weights[row] : 0
    for (let row = document.start; row < document.start + document.count; row++) {
      if (!(dataset.weights[row] > 0)) continue
      values.set(dataset.values.subarray(row * width, (row + 1) * width), at * width)
      labels[at] = dataset.labels[row]
      weights[at] = (dataset.weights[row] / total) * DOCUMENT_WEIGHT * (document.blind ? BLIND_WEIGHT : 1)
      at++
    }
  }
  return {rows, features: [...dataset.features], values, labels, weights}
}

/** Transitions from the documents labelled against a gold text (snippet labels leave gaps). */
function transitionsOf(dataset: Dataset, documents: readonly DatasetDocument[]) {
  return fitTransitions(documents.filter((document) => !document.blind && document.gold.gold !== undefined && document.count > 0).map((document) => dataset.labels.subarray(document.start, document.start + document.count)))
}

function priorOf(dataset: Dataset, documents: readonly DatasetDocument[]): number {
  let positive = 0
  let total = 0
  for (const document of documents) {
    if (document.blind) continue
    for (let row = document.start; row < document.start + document.count; row++) {
      positive += dataset.labels[row] * dataset.weights[row]
      total += dataset.weights[row]
    }
  }
  // Kept inside (0, 1): a fold of content only (a handful of clean articles) still has a prior.
  return Math.min(0.99, Math.max(0.01, total > 0 ? positive / total : 0.5))
}

/** The sources split into `folds` groups, in a fixed order (sorted, dealt round-robin). */
export function sourceFolds(sources: readonly string[], folds: number): string[][] {
  const groups: string[][] = Array.from({length: Math.min(folds, sources.length)}, () => [])
  ;[...sources].sort().forEach((source, index) => groups[index % groups.length].push(source))
  return groups
}

/**
 * What a fold holds out: whole sources when there are several (so thresholds are chosen on text from
 * sites the fold's model never saw), else documents dealt round-robin by id.
 */
function foldKey(documents: readonly DatasetDocument[]): (document: DatasetDocument) => string {
  const sources = new Set(documents.map((document) => document.source))
  if (sources.size >= 2) return (document) => document.source
  const ids = [...new Set(documents.map((document) => document.id))].sort()
  const position = new Map(ids.map((id, index) => [id, index]))
  return (document) => `#${position.get(document.id)!}`
}

/**
 * Transitions tempered towards independence: `mixing` 0 keeps the counted ones, 1 makes every
 * transition equally likely (no smoothing at all). Counted transitions are sticky (a content block
 * follows content 96% of the time), which lets one confident run carry its doubtful neighbours
 * away; the mixing is chosen on training folds.
 */
export function temperTransitions(transitions: Transitions, mixing: number): Transitions {
  const mix = (logProbability: number) => Math.log((1 - mixing) * Math.exp(logProbability) + mixing * 0.5)
  return {start: transitions.start, next: [[mix(transitions.next[0][0]), mix(transitions.next[0][1])], [mix(transitions.next[1][0]), mix(transitions.next[1][1])]]}
}

/** Smoothing strengths tried on the folds (the share of independence mixed into the transitions). */
const MIXINGS = [0.5, 1]

/** Every row's logit from trees that did not see the row's fold, and each row's fold's transitions and prior. */
function outOfFold(dataset: Dataset, documents: readonly DatasetDocument[], options: TrainOptions): {logits: Float64Array; folds: Map<DatasetDocument, {transitions: Transitions; prior: number}>} {
  const logits = new Float64Array(dataset.rows)
  const folds = new Map<DatasetDocument, {transitions: Transitions; prior: number}>()
  const keyOf = foldKey(documents)
  const keys = [...new Set(documents.map(keyOf))]
  const byDocument = keys.every((key) => key.startsWith('#'))
  for (const group of sourceFolds(keys, options.folds)) {
    const held = new Set(group)
    const training = documents.filter((document) => !held.has(keyOf(document)))
    options.log?.(`  threshold fold: holding out ${byDocument ? `${group.length} documents` : group.join(', ')}`)
    const model = compileModel(trainGbdt(gather(dataset, training), {...options.trees, trees: options.foldTrees}))
    const fold = {transitions: transitionsOf(dataset, training), prior: priorOf(dataset, training)}
    const width = dataset.features.length
    for (const document of documents) {
      if (!held.has(keyOf(document))) continue
      folds.set(document, fold)
      // The document's rows, walked tree by tree (the same sums as row by row, to the last bit).
      logits.set(predictLogits(model, dataset.values.subarray(document.start * width, (document.start + document.count) * width), document.count, width), document.start)
    }
  }
  return {logits, folds}
}

const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]

/** What training chose on its folds. */
export interface Choice {
  operatingPoints: OperatingPoints
  mixing: number
}

/**
 * The smoothing and the operating points, on out-of-fold scores. Documents are scored in groups
 * (source × input kind), as the benchmark does. A candidate may lose at most 1% of a group's
 * documents (one at least) to catastrophe beyond the fewest any candidate loses there (the phrase
 * rules lose some whatever the classifier does); among those, `balanced` has the best mean F1,
 * `precision` the best F0.5 and `recall` the best F2, at the mixing `balanced` chose.
 */
export function chooseOperatingPoints(dataset: Dataset, documents: readonly DatasetDocument[], scores: ReturnType<typeof outOfFold>): Choice {
  const groups = new Map<string, DatasetDocument[]>()
  for (const document of documents) {
    const key = `${document.source}\u0000${document.kind}`
    const group = groups.get(key)
    if (group) group.push(document)
    else groups.set(key, [document])
  }
  const prepared = [...groups.values()].map(prepareGroup)
  const measured: Array<{mixing: number; threshold: number; f1: number; f05: number; f2: number; catastrophic: number[]}> = []
  for (const mixing of MIXINGS) {
    const smoothed = new Float64Array(dataset.rows)
    for (const document of documents) {
      if (document.count === 0) continue
      const fold = scores.folds.get(document)!
      const logits = scores.logits.subarray(document.start, document.start + document.count)
      smoothed.set(forwardBackward(logits, temperTransitions(fold.transitions, mixing), {prior: fold.prior}), document.start)
    }
    for (const threshold of THRESHOLDS) {
      const entry = {mixing, threshold, f1: 0, f05: 0, f2: 0, catastrophic: [] as number[]}
      for (const group of prepared) {
        const score = scorePrepared(group, (row) => smoothed[row] >= threshold)
        const {precision: p, recall: r} = score
        entry.f1 += score.f1
        entry.f05 += p + r > 0 ? (1.25 * p * r) / (0.25 * p + r) : 0
        entry.f2 += p + r > 0 ? (5 * p * r) / (4 * p + r) : 0
        entry.catastrophic.push(score.catastrophic)
      }
      measured.push(entry)
    }
  }
  const fewest = prepared.map((_, group) => Math.min(...measured.map((entry) => entry.catastrophic[group])))
  const allowed = measured.filter((entry) => entry.catastrophic.every((count, group) => count - fewest[group] <= Math.max(1, 0.01 * prepared[group].documents.length)))
  const pool = allowed.length > 0 ? allowed : measured
  const best = (candidates: typeof measured, key: 'f1' | 'f05' | 'f2') => candidates.reduce((winner, entry) => (entry[key] > winner[key] ? entry : winner))
  const balanced = best(pool, 'f1')
  const sameMixing = pool.filter((entry) => entry.mixing === balanced.mixing)
  return {mixing: balanced.mixing, operatingPoints: {precision: best(sameMixing, 'f05').threshold, balanced: balanced.threshold, recall: best(sameMixing, 'f2').threshold}}
}

/** Train a classifier model file from the data set's documents (all of them, or those given). */
export function trainClassifier(dataset: Dataset, options: TrainOptions = DEFAULT_TRAIN_OPTIONS, documents: readonly DatasetDocument[] = dataset.documents): ClassifierModelFile {
  const sources = [...new Set(documents.map((document) => document.source))].sort()
  options.log?.(`choosing operating points on ${options.folds} folds of ${sources.join(', ')}`)
  // The fold models learn from the blind readings too; the operating points are chosen on the texts as they are.
  const {operatingPoints, mixing} = chooseOperatingPoints(
    dataset,
    documents.filter((document) => !document.blind),
    outOfFold(dataset, documents, options)
  )
  options.log?.(`smoothing mixing ${mixing}; operating points: precision ${operatingPoints.precision}, balanced ${operatingPoints.balanced}, recall ${operatingPoints.recall}`)
  const data = gather(dataset, documents)
  options.log?.(`training ${options.trees.trees} trees on ${data.rows} blocks`)
  const trees = trainGbdt(data, options.trees)
  return {
    format: CLASSIFIER_FORMAT,
    version: CLASSIFIER_VERSION,
    features: [...dataset.features],
    trees,
    transitions: temperTransitions(transitionsOf(dataset, documents), mixing),
    prior: Number(priorOf(dataset, documents).toPrecision(6)),
    operatingPoints,
    guard: options.guard,
    trainedOn: {sources, rows: data.rows, documents: documents.filter((document) => !document.blind).length}
  }
}

/** The model file as JSON text, stable byte for byte. */
export function serializeClassifier(model: ClassifierModelFile): string {
  const {trees, ...rest} = model
  const head = JSON.stringify({...rest, transitions: roundTransitions(rest.transitions)}, null, 1).replace(/\n\}$/, '')
  return `${head},\n "trees": ${serializeModel(trees).trimEnd()}\n}\n`
}

function roundTransitions(transitions: ClassifierModelFile['transitions']): ClassifierModelFile['transitions'] {
  const round = (value: number) => Number(value.toPrecision(6))
  return {start: [round(transitions.start[0]), round(transitions.start[1])], next: [[round(transitions.next[0][0]), round(transitions.next[0][1])], [round(transitions.next[1][0]), round(transitions.next[1][1])]]}
}
