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
  /**
   * The same trees for `predictLogits`' walk without branches, which takes a fixed number of steps
   * (`depth`): per node, the column it reads (0 at a leaf), its left child (itself at a leaf), how
   * far on its right child is (0 at a leaf, so a leaf stays where it is), and whether a missing
   * value goes right.
   */
  readonly step: {readonly feature: Int32Array; readonly left: Int32Array; readonly toRight: Int32Array; readonly missingRight: Int32Array}
  /** The most splits on any way from a root to a leaf. */
  readonly depth: number
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
  return {...compiled, ...stepsOf(compiled)}
}

/** `CompiledModel.step` and `depth` of the flattened trees. */
function stepsOf({feature, left, right, missingLeft}: Pick<CompiledModel, 'feature' | 'left' | 'right' | 'missingLeft'>): Pick<CompiledModel, 'step' | 'depth'> {
  const nodes = feature.length
  const step = {feature: new Int32Array(nodes), left: new Int32Array(nodes), toRight: new Int32Array(nodes), missingRight: new Int32Array(nodes)}
  // Children come after their parent in a tree's nodes, so one pass from the front gives every
  // node's depth once its parent's is known.
  const depths = new Int32Array(nodes)
  let depth = 0
  for (let node = 0; node < nodes; node++) {
    if (feature[node] < 0) {
      step.left[node] = node
      depth = Math.max(depth, depths[node])
      continue
    }
    step.feature[node] = feature[node]
    step.left[node] = left[node]
    step.toRight[node] = right[node] - left[node]
    step.missingRight[node] = 1 - missingLeft[node]
    depths[left[node]] = Math.max(depths[left[node]], depths[node] + 1)
    depths[right[node]] = Math.max(depths[right[node]], depths[node] + 1)
  }
  return {step, depth}
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
 * `predictLogit` gives row by row. The rows go tree by tree: one tree's code or nodes stay in the
 * processor's nearest cache while every row passes through it, and each row's logit adds the trees'
 * values in the same order as `predictLogit`, so the sums are equal to the last bit.
 *
 * The first `GENERATE_AFTER_ROWS` rows a model scores in a thread are walked over its node arrays
 * (`walkLogits`). From then on each tree runs as a JavaScript function of its own, its splits
 * written out as nested `if`s with their features and thresholds as constants (`treeScorers`): a
 * split costs one load of the row's value and a comparison, where the walk loads five numbers. On
 * the benchmark texts' blocks, once V8 has optimised them, the generated trees take a third of the
 * walk's instructions; but 40 new functions cost some 3 billion instructions to compile and warm up
 * (about a third of a second), which a run of a few hundred documents would never win back
 * (docs/speed.md). The walk stays where no code can be generated (trees too deep, or
 * `--disallow-code-generation-from-strings`).
 *
 * With `leaves` (at least trees × count entries), the leaf each row reached in each tree is kept
 * there (tree by tree: `leaves[tree * count + row]`), for `contributionsAtLeaves`.
 */
export function predictLogits(model: CompiledModel, rows: ArrayLike<number>, count: number, width: number, leaves?: Int32Array): Float64Array {
  checkMatrix(model, rows, count, width, leaves)
  const scorers = scorersAfterWarmUp(model, count)
  if (scorers === undefined) return walk(model, rows, count, width, leaves)
  const logits = new Float64Array(count).fill(model.bias)
  for (let tree = 0; tree < scorers.length; tree++) scorers[tree](rows, count, width, logits, leaves, tree * count, model.value)
  return logits
}

/**
 * Rows a model scores by walking before its trees are generated: some 1,200 documents of the
 * benchmark's texts. Past it, the generated trees win back what they cost to warm up within a few
 * thousand more, and then take some 8% fewer of the whole cleaning's instructions (docs/speed.md).
 */
export const GENERATE_AFTER_ROWS = 100_000

/** Rows each compiled model has walked so far (until its trees are generated). */
const walkedRows = new WeakMap<CompiledModel, number>()

/** The generated trees once the model has walked `GENERATE_AFTER_ROWS` rows; else undefined (walk these). */
function scorersAfterWarmUp(model: CompiledModel, count: number): TreeScorer[] | undefined {
  const scorers = scorerCache.get(model)
  if (scorers !== undefined) return scorers ?? undefined
  const walked = (walkedRows.get(model) ?? 0) + count
  if (walked <= GENERATE_AFTER_ROWS) {
    walkedRows.set(model, walked)
    return undefined
  }
  return treeScorers(model)
}

/** Whether `predictLogits` runs the model's generated trees now (for tests and measurements). */
export function usesGeneratedTrees(model: CompiledModel): boolean {
  return Boolean(scorerCache.get(model))
}

function checkMatrix(model: CompiledModel, rows: ArrayLike<number>, count: number, width: number, leaves: Int32Array | undefined): void {
  if (width < model.features.length || count * width > rows.length) throw new RangeError(`${count} rows of ${width} values need ${count * width} values and at least ${model.features.length} per row; the array has ${rows.length}`)
  if (leaves) checkLeaves(model, leaves, count)
}

/**
 * One tree's generated code: adds the value of the leaf each of `count` rows reaches to its logit,
 * and keeps the leaf in `leaves[reached + row]` when there are leaves to keep.
 */
type TreeScorer = (rows: ArrayLike<number>, count: number, width: number, logits: Float64Array, leaves: Int32Array | undefined, reached: number, value: Float64Array) => void

/**
 * Trees deeper than this are walked, not written out: a tree's code grows with its leaves (2^depth),
 * and V8 does not optimise a function past some 60 KB of bytecode. The built-in model's trees are 6
 * deep; `decruft train --depth` may make deeper ones.
 */
export const MAX_GENERATED_DEPTH = 8

/** Each compiled model's generated trees; `null` where they could not be made (walked instead). */
const scorerCache = new WeakMap<CompiledModel, TreeScorer[] | null>()

/**
 * The model's trees as generated functions, made once per compiled model (at once, whatever rows it
 * has scored); undefined when they cannot be made. Only numbers go into the code: features are
 * indices checked by `validateModel`, thresholds finite numbers, written in the shortest form that
 * reads back as the same double.
 */
export function treeScorers(model: CompiledModel): TreeScorer[] | undefined {
  let scorers = scorerCache.get(model)
  if (scorers === undefined) {
    scorers = model.depth > MAX_GENERATED_DEPTH ? null : generateScorers(model)
    scorerCache.set(model, scorers)
  }
  return scorers ?? undefined
}

function generateScorers(model: CompiledModel): TreeScorer[] | null {
  const {feature, threshold, left, right, missingLeft} = model
  // A split sends a row right when its value is above the threshold; a missing value (NaN, false in
  // every comparison) goes left at a split written `> t` and right at one written `<= t`.
  const split = (node: number): string => {
    if (feature[node] < 0) return `leaf = ${node};`
    const cut = threshold[node]
    if (!Number.isFinite(cut)) throw new RangeError(`node ${node}'s threshold ${cut} cannot be written as code`)
    const x = `rows[offset + ${feature[node]}]`
    return missingLeft[node] === 1
      ? `if (${x} > ${String(cut)}) { ${split(right[node])} } else { ${split(left[node])} }`
      : `if (${x} <= ${String(cut)}) { ${split(left[node])} } else { ${split(right[node])} }`
  }
  try {
    return Array.from(
      model.roots,
      (root) =>
        new Function(
          'rows',
          'count',
          'width',
          'logits',
          'leaves',
          'reached',
          'value',
          `'use strict';
for (let row = 0, offset = 0; row < count; row++, offset += width) {
  let leaf = 0;
  ${split(root)}
  logits[row] += value[leaf];
  if (leaves !== undefined) leaves[reached + row] = leaf;
}`
        ) as TreeScorer
    )
  } catch {
    // Code generation from strings switched off (an EvalError), or a node that is not a plain number.
    return null
  }
}

/**
 * `predictLogits` by walking the node arrays: the reference for the generated trees, and what runs
 * where they cannot be made.
 *
 * Four rows go down a tree side by side, each step chosen by arithmetic (`CompiledModel.step`),
 * for `depth` steps whatever the leaf's depth (a leaf steps to itself). Which way a row goes at a
 * node follows its data, so a branch per split is often guessed wrong; and one row's steps wait on
 * each other, four rows' do not. On the benchmark texts' blocks this walk takes about three
 * quarters of the time of one row at a time with a branch per split (docs/speed.md).
 */
export function walkLogits(model: CompiledModel, rows: ArrayLike<number>, count: number, width: number, leaves?: Int32Array): Float64Array {
  checkMatrix(model, rows, count, width, leaves)
  return walk(model, rows, count, width, leaves)
}

/** `walkLogits` of a matrix already checked. */
function walk(model: CompiledModel, rows: ArrayLike<number>, count: number, width: number, leaves: Int32Array | undefined): Float64Array {
  const {roots, threshold, value, depth} = model
  const {feature, left, toRight, missingRight} = model.step
  const logits = new Float64Array(count).fill(model.bias)
  // A row goes right when its value is above the threshold, or missing where missing values go
  // right (NaN compares false either way). That direction is 0 or 1; negated, it is a mask of no
  // bits or all, which keeps the distance to the right child or drops it.
  for (let tree = 0; tree < roots.length; tree++) {
    const root = roots[tree]
    const reached = tree * count
    let row = 0
    for (let offset = 0; row + 4 <= count; row += 4, offset += 4 * width) {
      let a = root
      let b = root
      let c = root
      let d = root
      for (let level = 0; level < depth; level++) {
        const x = rows[offset + feature[a]]
        const y = rows[offset + width + feature[b]]
        const z = rows[offset + 2 * width + feature[c]]
        const w = rows[offset + 3 * width + feature[d]]
        a = left[a] + (-(Number(x > threshold[a]) | (Number(x !== x) & missingRight[a])) & toRight[a])
        b = left[b] + (-(Number(y > threshold[b]) | (Number(y !== y) & missingRight[b])) & toRight[b])
        c = left[c] + (-(Number(z > threshold[c]) | (Number(z !== z) & missingRight[c])) & toRight[c])
        d = left[d] + (-(Number(w > threshold[d]) | (Number(w !== w) & missingRight[d])) & toRight[d])
      }
      logits[row] += value[a]
      logits[row + 1] += value[b]
      logits[row + 2] += value[c]
      logits[row + 3] += value[d]
      if (leaves) {
        leaves[reached + row] = a
        leaves[reached + row + 1] = b
        leaves[reached + row + 2] = c
        leaves[reached + row + 3] = d
      }
    }
    for (let offset = row * width; row < count; row++, offset += width) {
      let at = root
      for (let level = 0; level < depth; level++) {
        const x = rows[offset + feature[at]]
        at = left[at] + (-(Number(x > threshold[at]) | (Number(x !== x) & missingRight[at])) & toRight[at])
      }
      logits[row] += value[at]
      if (leaves) leaves[reached + row] = at
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
 * `origin` is where every row starts: the bias and every root's value.
 */
interface LeafPaths {
  start: Int32Array
  feature: Int32Array
  delta: Float64Array
  origin: number
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
  let origin = model.bias
  for (let tree = 0; tree < model.roots.length; tree++) origin += value[model.roots[tree]]
  const paths = {start, feature: Int32Array.from(steps, ([split]) => split), delta: Float64Array.from(steps, ([, delta]) => delta), origin}
  leafPathCache.set(model, paths)
  return paths
}

/**
 * `contributionsOf` the rows `indexes` of the `count` rows whose leaves `predictLogits` kept in
 * `leaves`: the same numbers to the last bit (each row adds each tree's steps in the same order),
 * read off the leaves' paths instead of walking the trees again.
 */
export function contributionsAtLeaves(model: CompiledModel, leaves: Int32Array, count: number, indexes: ArrayLike<number>): Float64Array {
  const stride = model.features.length + 1
  const shares = new Float64Array(indexes.length * stride)
  for (let k = 0; k < indexes.length; k++) contributionsAtLeaf(model, leaves, count, indexes[k], shares.subarray(k * stride, (k + 1) * stride))
  return shares
}

/**
 * `contributionsAtLeaves` of one row, written over `shares` (features + 1 entries) and returned:
 * a caller that explains many rows one at a time reuses one array.
 */
export function contributionsAtLeaf(model: CompiledModel, leaves: Int32Array, count: number, row: number, shares: Float64Array): Float64Array {
  const features = model.features.length
  const trees = model.roots.length
  checkLeaves(model, leaves, count)
  if (!(row >= 0 && row < count)) throw new RangeError(`row ${row} is not one of the ${count} rows`)
  if (shares.length !== features + 1) throw new RangeError(`the shares of ${features} features need ${features + 1} entries; the array has ${shares.length}`)
  const {start, feature, delta, origin} = leafPaths(model)
  shares.fill(0, 0, features)
  for (let tree = 0, at = row; tree < trees; tree++, at += count) {
    const leaf = leaves[at]
    for (let step = start[leaf], end = start[leaf + 1]; step < end; step++) shares[feature[step]] += delta[step]
  }
  shares[features] = origin
  return shares
}
