/**
 * Training's options and their defaults: a module of its own, so that the command line can show
 * the defaults without loading the trainer.
 */

import type {GbdtOptions} from '../model/gbdt.js'
import type {ClassifierModelFile} from '../classifier/model-file.js'

export interface TrainOptions {
  trees: GbdtOptions
  /** Folds (groups of training sources) for the out-of-fold predictions the thresholds are chosen on. */
  folds: number
  /** Trees of the fold models (fewer than the final model's: they only rank thresholds). */
  foldTrees: number
  guard: ClassifierModelFile['guard']
  /** Told what is happening. */
  log?: (message: string) => void
}

/**
 * Forty trees with a larger step than 120 would take: held out, they score as 120 do, and the walk
 * and each removal's explanation cost time in proportion to the trees. Twenty scored the same too
 * but cleaned a text twice differently three times as often (docs/classifier.md#how-many-trees).
 */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  trees: {trees: 40, maxDepth: 6, learningRate: 0.25, minLeafWeight: 5, lambda: 1, rowSample: 0.5, featureSample: 0.8, seed: 1},
  folds: 3,
  foldTrees: 20,
  guard: {proseChars: 600, strongEvidence: 0.1}
}
