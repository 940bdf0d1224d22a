/**
 * Binary gradient-boosted regression trees on the logistic loss (Friedman 2001), grown level by
 * level on histograms of quantised features as LightGBM and XGBoost's "hist" method do: per node,
 * the gradient and hessian sums per feature bin; the larger child's histogram is its parent's less
 * the smaller child's. Missing values (NaN) take a direction learned per split, as in XGBoost.
 *
 * Deterministic: sampling draws from a seeded generator, rows are summed in ascending order (the
 * partition of a node's rows is stable), features and bins are scanned in ascending order and a
 * split must beat the best so far strictly, and learned numbers are rounded to the file's
 * precision as soon as they are made, so training goes on from exactly what the file will hold.
 */

import {binFeatures, MAX_VALUE_BINS, MISSING_BIN} from './bins.js'
import {type GbdtModel, type GbdtTree, MODEL_FORMAT, MODEL_VERSION, roundValue} from './format.js'
import {compileModel, predictLogit} from './predict.js'
import {type Random, sampleIndices, seededRandom} from './random.js'

export {type GbdtModel, type GbdtTree, ModelError, serializeModel, validateModel} from './format.js'
export {type CompiledModel, compileModel, contributions, contributionsAtLeaf, contributionsAtLeaves, contributionsOf, predictLogit, predictLogits, predictProbability} from './predict.js'

export interface GbdtData {
  rows: number
  features: string[]
  /** rows × features, row-major; NaN is a missing value (a feature that does not apply). */
  values: Float32Array
  /** 0 or 1 per row. */
  labels: Uint8Array
  /** A weight per row (default 1). */
  weights?: Float32Array
}

export interface GbdtOptions {
  trees: number
  maxDepth: number
  /** Shrinkage: each tree's leaf values are scaled by it. */
  learningRate: number
  /** The least hessian sum a leaf may have (XGBoost's min_child_weight). */
  minLeafWeight: number
  /** L2 penalty on leaf values. */
  lambda: number
  /** The least loss reduction a split must bring (XGBoost's gamma); default 0. */
  minGain?: number
  /** Share of rows each tree sees, drawn afresh per tree (default 1). */
  rowSample?: number
  /** Share of features each tree may split on, drawn afresh per tree (default 1). */
  featureSample?: number
  seed: number
  /** Value bins per feature, at most 255 (default 255); missing values have a bin of their own. */
  bins?: number
  /** Stop once the log loss on `valid` has not improved for `rounds` trees; keep the best count. */
  earlyStopping?: {valid: GbdtData; rounds: number}
  /** Called after each tree with the tree count and the validation loss (when early stopping). */
  onTree?: (trees: number, validLoss: number | undefined) => void
}

/** Trains a model; the same data and options give the same model, number for number. */
export function trainGbdt(data: GbdtData, options: GbdtOptions): GbdtModel {
  checkData(data, 'data')
  checkOptions(options, data)
  const {rows, labels, weights} = data
  const featureCount = data.features.length
  const {cuts, bins} = binFeatures(rows, featureCount, data.values, options.bins ?? MAX_VALUE_BINS)
  const bias = roundValue(initialLogit(labels, weights))
  const logits = new Float64Array(rows).fill(bias)
  const gradients = new Float64Array(rows)
  const hessians = new Float64Array(rows)
  const random = seededRandom(options.seed)
  const grower = new TreeGrower(bins, cuts, rows, options)
  const valid = options.earlyStopping && {...options.earlyStopping, logits: new Float64Array(options.earlyStopping.valid.rows).fill(bias)}
  const allFeatures = Int32Array.from({length: featureCount}, (_, index) => index)
  const sampledFeatures = Math.max(1, Math.round((options.featureSample ?? 1) * featureCount))
  const trees: GbdtTree[] = []
  let best = {loss: Infinity, trees: 0}
  for (let round = 0; round < options.trees; round++) {
    logisticGradients(labels, weights, logits, gradients, hessians)
    const order = sampleRows(rows, options.rowSample ?? 1, random)
    const used = sampledFeatures < featureCount ? sampleIndices(featureCount, sampledFeatures, random) : allFeatures
    const {tree, splitBins} = grower.grow(order, used, gradients, hessians)
    trees.push(tree)
    addBinnedTree(tree, splitBins, bins, logits)
    let validLoss: number | undefined
    if (valid) {
      validLoss = addValidationTree(tree, featureCount, valid.valid, valid.logits)
      if (validLoss < best.loss) best = {loss: validLoss, trees: trees.length}
    }
    options.onTree?.(trees.length, validLoss)
    if (valid && trees.length - best.trees >= valid.rounds) break
  }
  if (valid) trees.length = best.trees
  return {format: MODEL_FORMAT, version: MODEL_VERSION, features: [...data.features], bias, trees}
}

/** The log odds of the (weighted) labels, kept away from ±∞ for a one-class set. */
function initialLogit(labels: Uint8Array, weights: Float32Array | undefined): number {
  let positive = 0
  let total = 0
  for (let row = 0; row < labels.length; row++) {
    const weight = weights ? weights[row] : 1
    positive += weight * labels[row]
    total += weight
  }
  const share = Math.min(1 - 1e-6, Math.max(1e-6, total > 0 ? positive / total : 0.5))
  return Math.log(share / (1 - share))
}

/** First and second derivatives of the logistic loss at the current logits. */
function logisticGradients(labels: Uint8Array, weights: Float32Array | undefined, logits: Float64Array, gradients: Float64Array, hessians: Float64Array): void {
  for (let row = 0; row < labels.length; row++) {
    const probability = 1 / (1 + Math.exp(-logits[row]))
    const weight = weights ? weights[row] : 1
    gradients[row] = (probability - labels[row]) * weight
    // XGBoost's floor: a confident row still counts a little towards a leaf's weight.
    hessians[row] = Math.max(probability * (1 - probability), 1e-16) * weight
  }
}

/** The rows a tree sees, ascending: all of them, or each with probability `share`. */
function sampleRows(rows: number, share: number, random: Random): Uint32Array {
  if (share >= 1) return Uint32Array.from({length: rows}, (_, index) => index)
  const picked = new Uint32Array(rows)
  let count = 0
  for (let row = 0; row < rows; row++) if (random() < share) picked[count++] = row
  return picked.slice(0, count)
}

/** Adds a tree's output to the training logits, routing rows by their bins as the tree was grown. */
function addBinnedTree(tree: GbdtTree, splitBins: Int32Array, bins: Uint8Array, logits: Float64Array): void {
  const {feature, left, right, missingLeft, value} = tree
  const rows = logits.length
  for (let row = 0; row < rows; row++) {
    let at = 0
    while (feature[at] >= 0) {
      const bin = bins[feature[at] * rows + row]
      const goLeft = bin === MISSING_BIN ? missingLeft[at] === 1 : bin <= splitBins[at]
      at = goLeft ? left[at] : right[at]
    }
    logits[row] += value[at]
  }
}

/** Adds a tree's output to the validation logits (as a loaded model would) and returns the log loss. */
function addValidationTree(tree: GbdtTree, featureCount: number, data: GbdtData, logits: Float64Array): number {
  const compiled = compileModel({format: MODEL_FORMAT, version: MODEL_VERSION, features: data.features, bias: 0, trees: [tree]})
  let loss = 0
  let total = 0
  for (let row = 0; row < data.rows; row++) {
    const logit = (logits[row] += predictLogit(compiled, data.values, row * featureCount))
    const weight = data.weights ? data.weights[row] : 1
    // Log loss as softplus(z) - y z, computed without overflow.
    const softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit))
    loss += weight * (softplus - data.labels[row] * logit)
    total += weight
  }
  return total > 0 ? loss / total : 0
}

/** The larger child's histogram: its parent's (in `target`) less the smaller child's. */
function subtractHistogram(target: Float64Array, smaller: Float64Array, size: number): void {
  for (let index = 0; index < size; index++) target[index] -= smaller[index]
}

interface GrowingNode {
  id: number
  /** The node's rows are order[start..end). */
  start: number
  end: number
  gradient: number
  hessian: number
  histogram: Float64Array
}

interface Split {
  /** Index into the features the tree may use. */
  slot: number
  /** Values in bins up to this one go left. */
  bin: number
  missingLeft: 0 | 1
  leftGradient: number
  leftHessian: number
}

/** Grows one tree at a time, reusing its histogram buffers and row scratch space between trees. */
class TreeGrower {
  private readonly free: Float64Array[] = []
  private readonly scratch: Uint32Array
  /** A node's gradients and hessians gathered in its row order, read once per feature. */
  private readonly nodeGradients: Float64Array
  private readonly nodeHessians: Float64Array
  private readonly featureCount: number
  private readonly rows: number

  constructor(
    private readonly bins: Uint8Array,
    private readonly cuts: Float64Array[],
    rows: number,
    private readonly options: GbdtOptions
  ) {
    this.featureCount = cuts.length
    this.rows = rows
    this.scratch = new Uint32Array(rows)
    this.nodeGradients = new Float64Array(rows)
    this.nodeHessians = new Float64Array(rows)
  }

  grow(order: Uint32Array, used: Int32Array, gradients: Float64Array, hessians: Float64Array): {tree: GbdtTree; splitBins: Int32Array} {
    const {maxDepth, lambda, learningRate} = this.options
    const tree: GbdtTree = {feature: [], threshold: [], left: [], right: [], missingLeft: [], value: []}
    const addNode = (gradient: number, hessian: number): number => {
      tree.feature.push(-1)
      tree.threshold.push(0)
      tree.left.push(0)
      tree.right.push(0)
      tree.missingLeft.push(0)
      tree.value.push(hessian + lambda > 0 ? roundValue((-gradient / (hessian + lambda)) * learningRate) : 0)
      return tree.feature.length - 1
    }
    const splitBins: number[] = []
    let gradient = 0
    let hessian = 0
    for (let index = 0; index < order.length; index++) {
      gradient += gradients[order[index]]
      hessian += hessians[order[index]]
    }
    const root: GrowingNode = {id: addNode(gradient, hessian), start: 0, end: order.length, gradient, hessian, histogram: this.acquire()}
    this.fillHistogram(root, order, used, gradients, hessians)
    let level = [root]
    for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
      const next: GrowingNode[] = []
      for (const node of level) {
        const split = this.bestSplit(node, used)
        if (!split) {
          this.free.push(node.histogram)
          continue
        }
        const feature = used[split.slot]
        const cuts = this.cuts[feature]
        tree.feature[node.id] = feature
        // Past the last cut every value goes left and only missing ones go right.
        tree.threshold[node.id] = split.bin < cuts.length ? cuts[split.bin] : Number.MAX_VALUE
        tree.missingLeft[node.id] = split.missingLeft
        splitBins[node.id] = split.bin
        const middle = this.partition(order, node.start, node.end, feature, split.bin, split.missingLeft)
        const rightGradient = node.gradient - split.leftGradient
        const rightHessian = node.hessian - split.leftHessian
        const leftNode = {id: addNode(split.leftGradient, split.leftHessian), start: node.start, end: middle, gradient: split.leftGradient, hessian: split.leftHessian, histogram: node.histogram}
        const rightNode = {id: addNode(rightGradient, rightHessian), start: middle, end: node.end, gradient: rightGradient, hessian: rightHessian, histogram: node.histogram}
        tree.left[node.id] = leftNode.id
        tree.right[node.id] = rightNode.id
        if (depth + 1 === maxDepth) {
          this.free.push(node.histogram)
          continue
        }
        const [smaller, larger] = middle - node.start <= node.end - middle ? [leftNode, rightNode] : [rightNode, leftNode]
        smaller.histogram = this.acquire()
        this.fillHistogram(smaller, order, used, gradients, hessians)
        subtractHistogram(larger.histogram, smaller.histogram, used.length * 512)
        next.push(leftNode, rightNode)
      }
      level = next
    }
    return {tree, splitBins: Int32Array.from({length: tree.feature.length}, (_, node) => splitBins[node] ?? 0)}
  }

  private acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.featureCount * 512)
  }

  /** Per used feature, 256 (gradient, hessian) pairs: the value bins, then the missing bin last. */
  private fillHistogram(node: GrowingNode, order: Uint32Array, used: Int32Array, gradients: Float64Array, hessians: Float64Array): void {
    const {bins, rows, nodeGradients, nodeHessians} = this
    const histogram = node.histogram
    const {start, end} = node
    const count = end - start
    for (let index = 0; index < count; index++) {
      const row = order[start + index]
      nodeGradients[index] = gradients[row]
      nodeHessians[index] = hessians[row]
    }
    histogram.fill(0, 0, used.length * 512)
    for (let slot = 0; slot < used.length; slot++) {
      const column = used[slot] * rows
      const base = slot << 9
      for (let index = 0; index < count; index++) {
        const at = base + (bins[column + order[start + index]] << 1)
        histogram[at] += nodeGradients[index]
        histogram[at + 1] += nodeHessians[index]
      }
    }
  }

  /** The split with the largest loss reduction over the used features, or none worth making. */
  private bestSplit(node: GrowingNode, used: Int32Array): Split | undefined {
    const {lambda, minLeafWeight} = this.options
    const {gradient, hessian, histogram} = node
    // A side needs some weight, and at least minLeafWeight.
    const least = Math.max(minLeafWeight, Number.MIN_VALUE)
    const parentScore = (gradient * gradient) / (hessian + lambda)
    let bestGain = this.options.minGain ?? 0
    let best: Split | undefined
    for (let slot = 0; slot < used.length; slot++) {
      const base = slot << 9
      const valueBins = this.cuts[used[slot]].length + 1
      const missingGradient = histogram[base + (MISSING_BIN << 1)]
      const missingHessian = histogram[base + (MISSING_BIN << 1) + 1]
      const hasMissing = missingHessian > 0
      let leftGradient = 0
      let leftHessian = 0
      // With missing values, the last bin is a split too: every value left, the missing right.
      const lastBin = hasMissing ? valueBins - 1 : valueBins - 2
      for (let bin = 0; bin <= lastBin; bin++) {
        leftGradient += histogram[base + (bin << 1)]
        leftHessian += histogram[base + (bin << 1) + 1]
        // Missing values right (or, with none here to learn from, to the larger side at prediction).
        let rightHessian = hessian - leftHessian
        if (leftHessian >= least && rightHessian >= least) {
          const rightGradient = gradient - leftGradient
          const gain = (leftGradient * leftGradient) / (leftHessian + lambda) + (rightGradient * rightGradient) / (rightHessian + lambda) - parentScore
          if (gain > bestGain) {
            bestGain = gain
            const missingLeft = !hasMissing && leftHessian >= rightHessian ? 1 : 0
            best = {slot, bin, missingLeft, leftGradient, leftHessian}
          }
        }
        if (!hasMissing || bin === valueBins - 1) continue
        // Missing values left.
        const withMissingGradient = leftGradient + missingGradient
        const withMissingHessian = leftHessian + missingHessian
        rightHessian = hessian - withMissingHessian
        if (withMissingHessian >= least && rightHessian >= least) {
          const rightGradient = gradient - withMissingGradient
          const gain = (withMissingGradient * withMissingGradient) / (withMissingHessian + lambda) + (rightGradient * rightGradient) / (rightHessian + lambda) - parentScore
          if (gain > bestGain) {
            bestGain = gain
            best = {slot, bin, missingLeft: 1, leftGradient: withMissingGradient, leftHessian: withMissingHessian}
          }
        }
      }
    }
    return best
  }

  /** Splits order[start..end) into left rows then right rows, each kept in ascending order. */
  private partition(order: Uint32Array, start: number, end: number, feature: number, splitBin: number, missingLeft: 0 | 1): number {
    const {bins, rows, scratch} = this
    const column = feature * rows
    let leftEnd = start
    let rightCount = 0
    for (let index = start; index < end; index++) {
      const row = order[index]
      const bin = bins[column + row]
      const goLeft = bin === MISSING_BIN ? missingLeft === 1 : bin <= splitBin
      if (goLeft) order[leftEnd++] = row
      else scratch[rightCount++] = row
    }
    order.set(scratch.subarray(0, rightCount), leftEnd)
    return leftEnd
  }
}

function checkData(data: GbdtData, name: string): void {
  const {rows, features, values, labels, weights} = data
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`${name}.rows must be a positive integer, not ${rows}`)
  if (features.length === 0) throw new RangeError(`${name}.features is empty`)
  if (values.length !== rows * features.length) {
    throw new RangeError(`${name}.values has ${values.length} numbers, expected rows × features = ${rows} × ${features.length}`)
  }
  if (labels.length !== rows) throw new RangeError(`${name}.labels has ${labels.length} entries for ${rows} rows`)
  const badLabel = labels.findIndex((label) => label > 1)
  if (badLabel >= 0) throw new RangeError(`${name}.labels[${badLabel}] is ${labels[badLabel]}, labels are 0 or 1`)
  if (weights) {
    if (weights.length !== rows) throw new RangeError(`${name}.weights has ${weights.length} entries for ${rows} rows`)
    const badWeight = weights.findIndex((weight) => !(weight >= 0 && weight < Infinity))
    if (badWeight >= 0) throw new RangeError(`${name}.weights[${badWeight}] is ${weights[badWeight]}, weights are finite and not negative`)
  }
}

function checkOptions(options: GbdtOptions, data: GbdtData): void {
  const require = (ok: boolean, problem: string): void => {
    if (!ok) throw new RangeError(`training option ${problem}`)
  }
  require(Number.isInteger(options.trees) && options.trees >= 0, `trees must be a whole number, not ${options.trees}`)
  require(Number.isInteger(options.maxDepth) && options.maxDepth >= 1 && options.maxDepth <= 20, `maxDepth must be 1 to 20, not ${options.maxDepth}`)
  require(options.learningRate > 0 && options.learningRate <= 1, `learningRate must be in (0, 1], not ${options.learningRate}`)
  require(options.minLeafWeight >= 0, `minLeafWeight must not be negative, not ${options.minLeafWeight}`)
  require(options.lambda >= 0, `lambda must not be negative, not ${options.lambda}`)
  require((options.minGain ?? 0) >= 0, `minGain must not be negative, not ${options.minGain}`)
  for (const name of ['rowSample', 'featureSample'] as const) {
    const share = options[name] ?? 1
    require(share > 0 && share <= 1, `${name} must be in (0, 1], not ${share}`)
  }
  require(Number.isInteger(options.seed), `seed must be an integer, not ${options.seed}`)
  const bins = options.bins ?? MAX_VALUE_BINS
  require(Number.isInteger(bins) && bins >= 2 && bins <= MAX_VALUE_BINS, `bins must be 2 to ${MAX_VALUE_BINS}, not ${bins}`)
  if (options.earlyStopping) {
    const {valid, rounds} = options.earlyStopping
    require(Number.isInteger(rounds) && rounds >= 1, `earlyStopping.rounds must be a positive whole number, not ${rounds}`)
    checkData(valid, 'earlyStopping.valid')
    require(valid.features.join('\n') === data.features.join('\n'), 'earlyStopping.valid must have the training data\'s features, in the same order')
  }
}
