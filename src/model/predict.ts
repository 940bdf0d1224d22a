/**
 * Running a model: its trees flattened once into typed arrays (every tree's nodes end to end), so a
 * prediction is a walk over numbers with no object look-ups.
 */

import {type GbdtModel, validateModel} from './format.js'

export interface CompiledModel {
  readonly features: readonly string[]
  readonly bias: number
  /** Each tree's root in the node arrays. */
  readonly roots: Int32Array
  /** Per node: the feature (-1 for a leaf), threshold, children (absolute), missing side, value. */
  readonly feature: Int32Array
  readonly threshold: Float64Array
  readonly left: Int32Array
  readonly right: Int32Array
  readonly missingLeft: Uint8Array
  readonly value: Float64Array
}

/** Validates a parsed model file (see validateModel; `source` names it in errors) and flattens it. */
export function compileModel(json: unknown, source?: string): CompiledModel {
  const model: GbdtModel = validateModel(json, source)
  const nodes = model.trees.reduce((total, tree) => total + tree.feature.length, 0)
  const compiled = {
    features: [...model.features],
    bias: model.bias,
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    missingLeft: new Uint8Array(nodes),
    value: new Float64Array(nodes)
  }
  let base = 0
  model.trees.forEach((tree, index) => {
    compiled.roots[index] = base
    for (let node = 0; node < tree.feature.length; node++) {
      const at = base + node
      compiled.feature[at] = tree.feature[node]
      compiled.threshold[at] = tree.threshold[node]
      compiled.left[at] = base + tree.left[node]
      compiled.right[at] = base + tree.right[node]
      compiled.missingLeft[at] = tree.missingLeft[node]
      compiled.value[at] = tree.value[node]
    }
    base += tree.feature.length
  })
  return compiled
}

/** A leaves array too short for `count` rows would be written and read past its end (typed arrays ignore that silently). */
function checkLeaves(model: CompiledModel, leaves: Int32Array, count: number): void {
  const trees = model.roots.length
  if (leaves.length < trees * count) throw new RangeError(`the leaves of ${count} rows in ${trees} trees need ${trees * count} entries; the array has ${leaves.length}`)
}

/** A row too short would read undefined features, which compare like no number at all. */
function checkRow(model: CompiledModel, row: ArrayLike<number>, offset: number): void {
  if (offset < 0 || offset + model.features.length > row.length) {
    throw new RangeError(`a row needs ${model.features.length} features from offset ${offset}, the array has ${row.length} values`)
  }
}

/**
 * The model's logit for one row: the features in the model's order from `row[offset]` on (so a
 * row-major matrix can be passed whole); NaN is a missing value.
 */
export function predictLogit(model: CompiledModel, row: ArrayLike<number>, offset = 0): number {
  checkRow(model, row, offset)
  // The walk written out with the arrays in locals: at a node, a row goes left when its value is at
  // most the threshold, or when it is missing and missing values go left.
  const {roots, feature, threshold, left, right, missingLeft, value} = model
  let logit = model.bias
  for (let tree = 0; tree < roots.length; tree++) {
    let at = roots[tree]
    let split = feature[at]
    while (split >= 0) {
      const x = row[offset + split]
      at = (x === x ? x <= threshold[at] : missingLeft[at] === 1) ? left[at] : right[at]
      split = feature[at]
    }
    logit += value[at]
  }
  return logit
}

/**
 * The logits of `count` rows of a row-major matrix (`width` values per row), the same numbers as
 * `predictLogit` gives row by row. The walk goes tree by tree over all rows: one tree's nodes (a
 * few kilobytes) stay in the processor's nearest cache while every row passes through it, where
 * row by row every tree of the model (hundreds of kilobytes) is read again for each row. Each
 * row's logit adds the trees' values in the same order, so the sums are equal to the last bit.
 *
 * With `leaves` (at least trees × count entries), the leaf each row reached in each tree is kept
 * there (tree by tree: `leaves[tree * count + row]`), for `contributionsAtLeaves`.
 */
export function predictLogits(model: CompiledModel, rows: ArrayLike<number>, count: number, width: number, leaves?: Int32Array): Float64Array {
  if (width < model.features.length || count * width > rows.length) throw new RangeError(`${count} rows of ${width} values need ${count * width} values and at least ${model.features.length} per row; the array has ${rows.length}`)
  if (leaves) checkLeaves(model, leaves, count)
  const {roots, feature, threshold, left, right, missingLeft, value} = model
  const logits = new Float64Array(count).fill(model.bias)
  for (let tree = 0; tree < roots.length; tree++) {
    const root = roots[tree]
    for (let row = 0, offset = 0; row < count; row++, offset += width) {
      let at = root
      let split = feature[at]
      while (split >= 0) {
        const x = rows[offset + split]
        at = (x === x ? x <= threshold[at] : missingLeft[at] === 1) ? left[at] : right[at]
        split = feature[at]
      }
      logits[row] += value[at]
      if (leaves) leaves[tree * count + row] = at
    }
  }
  return logits
}

/** The model's probability of class 1 for one row. */
export function predictProbability(model: CompiledModel, row: ArrayLike<number>, offset = 0): number {
  return sigmoid(predictLogit(model, row, offset))
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit))
}

/**
 * Why the model gave a row its logit, per feature, by path attribution (Saabas' "tree
 * interpreter"): each split on the way to a leaf credits its feature with the change in node value
 * it made. Entry i is feature i's share; the last entry (index features.length) is the starting
 * point, the bias plus every root's value. All entries add up to the logit.
 */
export function contributions(model: CompiledModel, row: ArrayLike<number>, offset = 0): Float64Array {
  return contributionsOf(model, row, [offset])
}

/**
 * `contributions` of several rows of a row-major matrix, the rows starting at `offsets`, worked out
 * tree by tree as `predictLogits` walks them, so one tree's nodes stay in cache while the rows
 * pass. Row k's entries are `[k * (features + 1), (k + 1) * (features + 1))`; each adds the same
 * values in the same order as for that row alone.
 */
export function contributionsOf(model: CompiledModel, rows: ArrayLike<number>, offsets: ArrayLike<number>): Float64Array {
  const count = model.features.length
  for (let k = 0; k < offsets.length; k++) checkRow(model, rows, offsets[k])
  const {roots, feature, threshold, left, right, missingLeft, value} = model
  const stride = count + 1
  const shares = new Float64Array(offsets.length * stride)
  let start = model.bias
  for (let tree = 0; tree < roots.length; tree++) {
    const root = roots[tree]
    start += value[root]
    for (let k = 0; k < offsets.length; k++) {
      const offset = offsets[k]
      const base = k * stride
      let at = root
      let split = feature[at]
      while (split >= 0) {
        const x = rows[offset + split]
        const child = (x === x ? x <= threshold[at] : missingLeft[at] === 1) ? left[at] : right[at]
        shares[base + split] += value[child] - value[at]
        at = child
        split = feature[at]
      }
    }
  }
  for (let k = 0; k < offsets.length; k++) shares[k * stride + count] = start
  return shares
}

/**
 * Each leaf's way from its tree's root: the splits' features and the change in node value each
 * made, root first. Leaf `n`'s steps are `start[n]` to `start[n + 1]` (empty for a split node).
 */
interface LeafPaths {
  start: Int32Array
  feature: Int32Array
  delta: Float64Array
}

const leafPathCache = new WeakMap<CompiledModel, LeafPaths>()

/** The model's `LeafPaths`, worked out once per compiled model. */
function leafPaths(model: CompiledModel): LeafPaths {
  const cached = leafPathCache.get(model)
  if (cached) return cached
  const {feature, left, right, value} = model
  const nodes = feature.length
  const parent = new Int32Array(nodes).fill(-1)
  for (let node = 0; node < nodes; node++) {
    if (feature[node] < 0) continue
    parent[left[node]] = node
    parent[right[node]] = node
  }
  const start = new Int32Array(nodes + 1)
  const steps: Array<[number, number]> = []
  const way: Array<[number, number]> = []
  for (let node = 0; node < nodes; node++) {
    start[node] = steps.length
    if (feature[node] >= 0) continue
    way.length = 0
    for (let child = node, at = parent[node]; at >= 0; child = at, at = parent[at]) way.push([feature[at], value[child] - value[at]])
    for (let step = way.length - 1; step >= 0; step--) steps.push(way[step])
  }
  start[nodes] = steps.length
  const paths = {start, feature: Int32Array.from(steps, ([split]) => split), delta: Float64Array.from(steps, ([, delta]) => delta)}
  leafPathCache.set(model, paths)
  return paths
}

/**
 * `contributionsOf` the rows `indexes` of the `count` rows whose leaves `predictLogits` kept in
 * `leaves`: the same numbers to the last bit (each row adds each tree's steps in the same order),
 * read off the leaves' paths instead of walking the trees again.
 */
export function contributionsAtLeaves(model: CompiledModel, leaves: Int32Array, count: number, indexes: ArrayLike<number>): Float64Array {
  const features = model.features.length
  const trees = model.roots.length
  checkLeaves(model, leaves, count)
  const {start, feature, delta} = leafPaths(model)
  const stride = features + 1
  const shares = new Float64Array(indexes.length * stride)
  let origin = model.bias
  for (let tree = 0; tree < trees; tree++) origin += model.value[model.roots[tree]]
  for (let k = 0; k < indexes.length; k++) {
    const row = indexes[k]
    if (!(row >= 0 && row < count)) throw new RangeError(`row ${row} is not one of the ${count} rows`)
    const base = k * stride
    for (let tree = 0, at = row; tree < trees; tree++, at += count) {
      const leaf = leaves[at]
      for (let step = start[leaf], end = start[leaf + 1]; step < end; step++) shares[base + feature[step]] += delta[step]
    }
    shares[base + features] = origin
  }
  return shares
}
