/**
 * The trained classifier's decisions over a document's blocks: each block's row of features
 * (`vector.ts`) is scored by the gradient-boosted trees, the scores are smoothed over the block
 * sequence (a two-state hidden Markov model's forward-backward marginals), and a block goes when its
 * smoothed probability of being content is below the operating point. No single decision removes
 * a long run of prose-like text unless the evidence against each of its prose blocks is strong, and
 * a block the hand-set classifier cannot split (2,000 characters or more) or a page's headline
 * always stays.
 */

import type {DocumentContext} from '../engine/document.js'
import {contributionsAtLeaf, predictLogits} from '../model/gbdt.js'
import {forwardBackward} from '../model/sequence.js'
import type {Block} from './classify.js'
import {UNSPLIT_LENGTH} from './classify.js'
import type {ClassifierModel} from './model-file.js'
import {blockRows, FEATURE_NAMES, isProseLike, type Classified} from './vector.js'

export interface ModelDecision {
  block: Block
  /** Smoothed probability that the block is content. */
  score: number
  /** The model's own probability, before smoothing. */
  raw: number
  /** The features that pushed most towards boilerplate, strongest first, with their share of the logit. */
  strongest: Array<[string, number]>
}

function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit))
}

/**
 * The smoothed content probability of each block, with the model's logits and the leaf each block
 * reached in each tree (tree by tree), from which a removal's explanation is read.
 */
export function blockScores(document: DocumentContext, classified: Classified, model: ClassifierModel): {logits: Float64Array; smoothed: Float64Array; leaves: Int32Array} {
  const rows = blockRows(document, classified)
  const count = classified.blocks.length
  const leaves = new Int32Array(model.trees.roots.length * count)
  const logits = predictLogits(model.trees, rows, count, FEATURE_NAMES.length, leaves)
  const smoothed = logits.length === 0 ? logits : forwardBackward(logits, model.file.transitions, {prior: model.file.prior})
  return {logits, smoothed, leaves}
}

/**
 * The three features that pushed hardest towards boilerplate (most negative shares, ties by
 * position), with their shares rounded to hundredths. The last entry of `parts` is the bias and the
 * roots' values, not a feature. One pass keeping the best three: this runs for every removal.
 */
export function strongestAgainst(parts: Float64Array): Array<[string, number]> {
  let first = -1
  let second = -1
  let third = -1
  for (let feature = 0; feature < FEATURE_NAMES.length; feature++) {
    const share = parts[feature]
    if (!(share < 0)) continue
    // A later feature passes an earlier one only with a share strictly lower.
    if (first < 0 || share < parts[first]) {
      third = second
      second = first
      first = feature
    } else if (second < 0 || share < parts[second]) {
      third = second
      second = feature
    } else if (third < 0 || share < parts[third]) third = feature
  }
  const strongest: Array<[string, number]> = []
  for (const feature of [first, second, third]) if (feature >= 0) strongest.push([FEATURE_NAMES[feature], Math.round(parts[feature] * 100) / 100])
  return strongest
}

/**
 * Which blocks go at `threshold`, with their scores and (unless `explain` is false: nobody will
 * read them) the features that pushed each hardest towards boilerplate.
 */
export function modelDecisions(
  document: DocumentContext,
  classified: Classified,
  model: ClassifierModel,
  threshold: number,
  keep?: number,
  scores: ReturnType<typeof blockScores> = blockScores(document, classified, model),
  explain = true
): ModelDecision[] {
  const {blocks} = classified
  if (blocks.length === 0) return []
  const {logits, smoothed, leaves} = scores
  const {proseChars, strongEvidence} = model.file.guard
  const remove = new Uint8Array(blocks.length)
  for (let index = 0; index < blocks.length; index++) {
    remove[index] = smoothed[index] < threshold && blocks[index].features.length < UNSPLIT_LENGTH && index !== keep ? 1 : 0
    // In extractor output (not a whole page) the model takes no block that ends like a sentence:
    // an article's last short paragraph after a "read also" list and before a newsletter prompt
    // scored 0.07 there. Held out, whole pages and extractor output average the same to three
    // decimals with and without this; the hand-set classifier is as careful there (only sure
    // shapes at the edges).
    if (remove[index] && !classified.page && blocks[index].features.terminal) remove[index] = 0
  }
  // A run of removals that holds much prose keeps the prose blocks the model is not sure of.
  for (let start = 0; start < blocks.length; ) {
    if (!remove[start]) {
      start++
      continue
    }
    let end = start
    let prose = 0
    while (end < blocks.length && remove[end]) {
      if (isProseLike(blocks[end])) prose += blocks[end].features.length
      end++
    }
    if (prose >= proseChars) {
      for (let index = start; index < end; index++) if (isProseLike(blocks[index]) && sigmoid(logits[index]) >= strongEvidence) remove[index] = 0
    }
    start = end
  }
  // Each removal's explanation in turn, in one array of shares.
  const parts = new Float64Array(FEATURE_NAMES.length + 1)
  const decisions: ModelDecision[] = []
  for (let index = 0; index < blocks.length; index++) {
    if (!remove[index]) continue
    const strongest = explain ? strongestAgainst(contributionsAtLeaf(model.trees, leaves, blocks.length, index, parts)) : []
    decisions.push({block: blocks[index], score: smoothed[index], raw: sigmoid(logits[index]), strongest})
  }
  return decisions
}
