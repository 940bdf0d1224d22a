/**
 * The learning machinery of the block classifier: gradient-boosted trees on rows of numbers
 * (src/model/gbdt.ts) and the two-state sequence smoother (src/model/sequence.ts), on synthetic
 * data with known answers.
 */

import {characterCounts} from '../src/classifier/features.js'
import {FEATURE_NAMES} from '../src/classifier/vector.js'
import {strongestAgainst} from '../src/classifier/decide.js'
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  type GbdtData,
  type GbdtModel,
  type GbdtOptions,
  compileModel,
  contributions,
  contributionsAtLeaf,
  contributionsAtLeaves,
  contributionsOf,
  predictLogit,
  predictLogits,
  predictProbability,
  serializeModel,
  trainGbdt
} from '../src/model/gbdt.js'
import {GENERATE_AFTER_ROWS, MAX_GENERATED_DEPTH, treeScorers, usesGeneratedTrees, walkLogits} from '../src/model/predict.js'
import {forwardBackward, fitTransitions, type Transitions, viterbi} from '../src/model/sequence.js'
import {seededRandom} from '../src/model/random.js'

/** Rows of uniform features in [0, 1) from a seed, labelled by `label`; `missing` blanks values. */
function synthetic(rows: number, featureCount: number, seed: number, label: (row: Float32Array) => number, missing?: (row: Float32Array) => number[]): GbdtData {
  const random = seededRandom(seed)
  const values = new Float32Array(rows * featureCount)
  const labels = new Uint8Array(rows)
  for (let row = 0; row < rows; row++) {
    const view = values.subarray(row * featureCount, (row + 1) * featureCount)
    for (let feature = 0; feature < featureCount; feature++) view[feature] = random()
    labels[row] = label(view)
    for (const feature of missing?.(view) ?? []) view[feature] = Number.NaN
  }
  return {rows, features: Array.from({length: featureCount}, (_, index) => `f${index}`), values, labels}
}

function accuracy(model: GbdtModel, data: GbdtData): number {
  const compiled = compileModel(model)
  const featureCount = data.features.length
  let right = 0
  for (let row = 0; row < data.rows; row++) {
    const predicted = predictProbability(compiled, data.values, row * featureCount) >= 0.5 ? 1 : 0
    if (predicted === data.labels[row]) right++
  }
  return right / data.rows
}

const options: GbdtOptions = {trees: 60, maxDepth: 3, learningRate: 0.3, minLeafWeight: 1, lambda: 1, seed: 7}

describe('trainGbdt', () => {
  it('learns XOR of two features, which no single split separates', () => {
    const xor = (row: Float32Array) => Number(row[0] > 0.5 !== row[1] > 0.5)
    const model = trainGbdt(synthetic(3000, 4, 1, xor), options)
    expect(accuracy(model, synthetic(2000, 4, 2, xor))).toBeGreaterThan(0.97)
  })

  it('learns a threshold on one feature among noise features, splitting on that feature', () => {
    const threshold = (row: Float32Array) => Number(row[3] > 0.3)
    const model = trainGbdt(synthetic(2000, 6, 3, threshold), {...options, trees: 20, maxDepth: 2})
    expect(accuracy(model, synthetic(2000, 6, 4, threshold))).toBeGreaterThan(0.99)
    expect(model.trees[0].feature[0]).toBe(3)
    expect(model.trees[0].threshold[0]).toBeCloseTo(0.3, 1)
  })

  it('sends missing values the way the training data says, whichever way that is', () => {
    // Feature 0 decides the label; where it is missing, the label is `missingLabel`.
    for (const missingLabel of [0, 1]) {
      const label = (row: Float32Array) => (row[1] < 0.3 ? missingLabel : Number(row[0] > 0.5))
      const data = synthetic(3000, 2, 5, label, (row) => (row[1] < 0.3 ? [0] : []))
      const compiled = compileModel(trainGbdt(data, {...options, trees: 30}))
      for (const second of [0.1, 0.5, 0.9]) {
        const probability = predictProbability(compiled, [Number.NaN, second])
        if (missingLabel === 1) expect(probability).toBeGreaterThan(0.9)
        else expect(probability).toBeLessThan(0.1)
      }
      expect(predictProbability(compiled, [0.9, 0.5])).toBeGreaterThan(0.9)
      expect(predictProbability(compiled, [0.1, 0.5])).toBeLessThan(0.1)
      // One split: missing values join the side whose label they share.
      const stump = compileModel(trainGbdt(data, {...options, trees: 1, maxDepth: 1}))
      const side = predictLogit(stump, [missingLabel === 1 ? 0.9 : 0.1, 0.5])
      expect(predictLogit(stump, [Number.NaN, 0.5])).toBe(side)
    }
  })

  it('splits a feature that applies against one that does not', () => {
    // Feature 1 is missing exactly where the label is 1: no threshold on its values says more.
    const data = synthetic(2000, 2, 6, (row) => Number(row[1] < 0.5), (row) => (row[1] < 0.5 ? [1] : []))
    const compiled = compileModel(trainGbdt(data, {...options, trees: 1, maxDepth: 1}))
    const present = [0.5, 0.51, 0.99, 1e6].map((value) => predictLogit(compiled, [0.5, value]))
    expect(new Set(present).size).toBe(1)
    expect(predictLogit(compiled, [0.5, Number.NaN])).toBeGreaterThan(present[0] + 0.5)
  })

  it('gives the same bytes twice for the same seed, with row and feature sampling', () => {
    const data = synthetic(2000, 8, 8, (row) => Number(row[0] + row[1] * row[2] > 0.7), (row) => (row[5] < 0.2 ? [4] : []))
    const sampled = {...options, trees: 25, rowSample: 0.7, featureSample: 0.6}
    const first = serializeModel(trainGbdt(data, sampled))
    expect(serializeModel(trainGbdt(data, sampled))).toBe(first)
    expect(serializeModel(trainGbdt(data, {...sampled, seed: 8}))).not.toBe(first)
  })

  it('writes every learned number at six significant digits and thresholds between training values', () => {
    const model = trainGbdt(synthetic(1000, 3, 9, (row) => Number(row[0] > 0.42)), {...options, trees: 5})
    for (const tree of model.trees) {
      for (const value of tree.value) expect(value).toBe(Number(value.toPrecision(6)))
    }
    expect(model.bias).toBe(Number(model.bias.toPrecision(6)))
    expect(String(model.trees[0].threshold[0]).length).toBeLessThan(12)
  })

  it('weighs rows: a zero weight row teaches nothing', () => {
    const data = synthetic(2000, 2, 10, (row) => Number(row[0] > 0.5))
    // Flip every label with f1 > 0.5 and give those rows no weight.
    const labels = data.labels.map((label, row) => (data.values[row * 2 + 1] > 0.5 ? 1 - label : label))
    const weights = Float32Array.from(labels, (_, row) => (data.values[row * 2 + 1] > 0.5 ? 0 : 1))
    const model = trainGbdt({...data, labels, weights}, options)
    expect(accuracy(model, data)).toBeGreaterThan(0.98)
  })

  it('stops early at the tree count that did best on the validation set', () => {
    // The validation rows lack the feature the labels depend on, so trees soon stop helping there.
    const noise = (row: Float32Array) => Number(row[2] > 0.5)
    const data = synthetic(500, 4, 11, noise)
    const valid = synthetic(500, 4, 12, noise)
    const losses: number[] = []
    const model = trainGbdt(data, {...options, trees: 200, maxDepth: 4, learningRate: 0.5, earlyStopping: {valid: {...valid, values: valid.values.map((value, at) => (at % 4 === 2 ? 0.5 : value))}, rounds: 5}, onTree: (_, loss) => losses.push(loss!)})
    expect(losses.length).toBeLessThan(200)
    expect(model.trees.length).toBe(losses.length - 5)
    expect(Math.min(...losses)).toBe(losses[model.trees.length - 1])
  })

  it('rejects bad training data with the field at fault', () => {
    const data = synthetic(10, 2, 13, () => 0)
    expect(() => trainGbdt({...data, values: new Float32Array(5)}, options)).toThrow('data.values has 5 numbers, expected rows × features = 10 × 2')
    expect(() => trainGbdt({...data, labels: new Uint8Array(10).fill(2)}, options)).toThrow('data.labels[0] is 2')
    expect(() => trainGbdt(data, {...options, bins: 256})).toThrow('bins must be 2 to 255')
  })
})

describe('a trained model', () => {
  const data = synthetic(2000, 5, 14, (row) => Number(row[0] * row[1] + row[2] > 0.8), (row) => (row[4] < 0.25 ? [3] : []))
  const model = trainGbdt(data, {...options, trees: 40, maxDepth: 4, featureSample: 0.8})
  const compiled = compileModel(model)

  it('explains each logit: the contributions and the starting point add up to it', () => {
    const value = fc.oneof(fc.float({min: -1, max: 2, noNaN: true}), fc.constant(Number.NaN))
    fc.assert(
      fc.property(fc.array(value, {minLength: 5, maxLength: 5}), (row) => {
        const shares = contributions(compiled, row)
        expect(shares.length).toBe(6)
        expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(predictLogit(compiled, row), 9)
      })
    )
  })

  it('credits the features the labels depend on, not the noise', () => {
    const shares = contributions(compiled, [0.95, 0.95, 0.9, 0.5, 0.5])
    const strongest = [...shares.subarray(0, 5)].map((share, feature) => [Math.abs(share), feature]).sort((a, b) => b[0] - a[0])
    expect([0, 1, 2]).toContain(strongest[0][1])
    expect(Math.abs(shares[4])).toBeLessThan(Math.abs(strongest[0][0]) / 4)
  })

  it('round-trips through its JSON file with the same bytes and the same predictions', () => {
    const text = serializeModel(model)
    const loaded = JSON.parse(text)
    expect(serializeModel(loaded)).toBe(text)
    const reloaded = compileModel(loaded, 'model.json')
    for (let row = 0; row < 200; row++) {
      expect(predictLogit(reloaded, data.values, row * 5)).toBe(predictLogit(compiled, data.values, row * 5))
    }
    expect(Object.keys(loaded)).toEqual(['format', 'version', 'features', 'bias', 'trees'])
  })

  it('reads a row from an offset in a matrix, and refuses a row too short', () => {
    expect(predictLogit(compiled, data.values, 5 * 7)).toBe(predictLogit(compiled, data.values.slice(35, 40)))
    expect(() => predictLogit(compiled, [0.1, 0.2])).toThrow('a row needs 5 features from offset 0, the array has 2 values')
  })

  it('scores a matrix tree by tree to the same bits as row by row, missing values included', () => {
    const value = fc.oneof(fc.float({min: -1, max: 2, noNaN: true}), fc.constant(Number.NaN))
    fc.assert(
      fc.property(fc.integer({min: 0, max: 12}), fc.integer({min: 5, max: 8}), fc.array(value, {minLength: 96, maxLength: 96}), (count, width, values) => {
        const rows = Float32Array.from(values.slice(0, count * width))
        const logits = predictLogits(compiled, rows, count, width)
        expect(logits.length).toBe(count)
        for (let row = 0; row < count; row++) expect(logits[row]).toBe(predictLogit(compiled, rows, row * width))
      })
    )
    expect(() => predictLogits(compiled, new Float32Array(9), 2, 5)).toThrow('2 rows of 5 values need 10 values')
    expect(() => predictLogits(compiled, new Float32Array(12), 3, 4)).toThrow('at least 5 per row')
  })

  it('explains several rows of a matrix tree by tree to the same bits as one by one', () => {
    const value = fc.oneof(fc.float({min: -1, max: 2, noNaN: true}), fc.constant(Number.NaN))
    fc.assert(
      fc.property(fc.array(value, {minLength: 60, maxLength: 60}), fc.array(fc.integer({min: 0, max: 9}), {maxLength: 6}), (values, picked) => {
        const rows = Float32Array.from(values)
        const parts = contributionsOf(compiled, rows, picked.map((row) => row * 6))
        expect(parts.length).toBe(picked.length * 6)
        picked.forEach((row, k) => expect([...parts.subarray(k * 6, (k + 1) * 6)]).toEqual([...contributions(compiled, rows, row * 6)]))
      })
    )
  })

  it('explains rows from the leaves their scoring reached, to the same bits as walking the trees again', () => {
    const value = fc.oneof(fc.float({min: -1, max: 2, noNaN: true}), fc.constant(Number.NaN))
    const trees = compiled.roots.length
    fc.assert(
      fc.property(fc.integer({min: 1, max: 10}), fc.array(value, {minLength: 60, maxLength: 60}), fc.array(fc.nat(9), {maxLength: 6}), (count, values, picked) => {
        const rows = Float32Array.from(values)
        const leaves = new Int32Array(trees * count)
        expect([...predictLogits(compiled, rows, count, 6, leaves)]).toEqual([...predictLogits(compiled, rows, count, 6)])
        const indexes = picked.filter((row) => row < count)
        const parts = contributionsAtLeaves(compiled, leaves, count, indexes)
        expect([...parts]).toEqual([...contributionsOf(compiled, rows, indexes.map((row) => row * 6))])
        // One row at a time into one reused array: the same numbers, whatever the array held before.
        const shares = new Float64Array(6).fill(7)
        indexes.forEach((row, k) => expect([...contributionsAtLeaf(compiled, leaves, count, row, shares)]).toEqual([...parts.subarray(k * 6, (k + 1) * 6)]))
      })
    )
    expect(() => contributionsAtLeaf(compiled, new Int32Array(trees), 1, 0, new Float64Array(5))).toThrow('the shares of 5 features need 6 entries; the array has 5')
    expect(() => predictLogits(compiled, new Float32Array(12), 2, 6, new Int32Array(trees))).toThrow(`the leaves of 2 rows in ${trees} trees need ${2 * trees} entries`)
    expect(() => contributionsAtLeaves(compiled, new Int32Array(trees * 2), 2, [2])).toThrow('row 2 is not one of the 2 rows')
  })

  it('walks trees of uneven depth to the leaves a walk with a branch per split reaches, at thresholds, infinities and missing values', () => {
    // A leaf alone; a tree three splits deep on its right and one on its left, missing values going
    // both ways; a stump whose missing values go right.
    const uneven: GbdtModel = {
      format: model.format,
      version: model.version,
      features: ['a', 'b', 'c'],
      bias: 0.25,
      trees: [
        {feature: [-1], threshold: [0], left: [-1], right: [-1], missingLeft: [0], value: [0.5]},
        {
          feature: [0, -1, 1, 2, -1, -1, -1],
          threshold: [0.5, 0, -1, 2, 0, 0, 0],
          left: [1, -1, 3, 4, -1, -1, -1],
          right: [2, -1, 6, 5, -1, -1, -1],
          missingLeft: [1, 0, 0, 1, 0, 0, 0],
          value: [0, -1, 0, 0, 2, 3, -4]
        },
        {feature: [1, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], missingLeft: [0, 0, 0], value: [0, 8, -16]}
      ]
    }
    const walked = compileModel(uneven)
    expect(walked.depth).toBe(3)
    const value = fc.constantFrom(Number.NaN, 0.5, -1, 2, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25, 3, -2)
    fc.assert(
      fc.property(fc.integer({min: 0, max: 11}), fc.array(value, {minLength: 33, maxLength: 33}), (count, values) => {
        const rows = Float32Array.from(values)
        const leaves = new Int32Array(3 * count)
        const logits = predictLogits(walked, rows, count, 3, leaves)
        for (let row = 0; row < count; row++) {
          expect(logits[row]).toBe(predictLogit(walked, rows, row * 3))
          expect([...contributionsAtLeaf(walked, leaves, count, row, new Float64Array(4))]).toEqual([...contributions(walked, rows, row * 3)])
        }
      })
    )
  })

  it('scores with each tree written out as code to the bits and leaves of the walk over its nodes', () => {
    // The test's model and the built-in one (79 features, 40 trees of depth 6), on rows with missing
    // values, values at the thresholds and infinities.
    const builtIn = compileModel(JSON.parse(readFileSync(new URL('../models/classifier.json', import.meta.url), 'utf8')).trees)
    for (const scored of [compiled, builtIn]) {
      expect(treeScorers(scored)).toHaveLength(scored.roots.length)
      const width = scored.features.length
      const cuts = [...new Set(scored.threshold)].slice(0, 40)
      const value = fc.oneof(fc.float({min: -2, max: 50, noNaN: true}), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, ...cuts))
      fc.assert(
        fc.property(fc.integer({min: 0, max: 9}), fc.array(value, {minLength: 9 * width, maxLength: 9 * width}), (count, values) => {
          const rows = Float32Array.from(values)
          const leaves = new Int32Array(scored.roots.length * count).fill(-1)
          const walkedLeaves = new Int32Array(scored.roots.length * count).fill(-2)
          const logits = predictLogits(scored, rows, count, width, leaves)
          expect([...logits]).toEqual([...walkLogits(scored, rows, count, width, walkedLeaves)])
          expect([...leaves]).toEqual([...walkedLeaves])
          for (let row = 0; row < count; row++) expect(logits[row]).toBe(predictLogit(scored, rows, row * width))
        }),
        {numRuns: 60}
      )
    }
  })

  it('walks the first rows a model scores and runs its generated trees after, to the same numbers', () => {
    const fresh = compileModel(model)
    const random = seededRandom(3)
    const batch = 9_000
    const rows = Float32Array.from({length: batch * 5}, (_, index) => (index % 7 === 3 ? Number.NaN : random() * 1.2 - 0.1))
    let scored = 0
    while (scored + batch <= GENERATE_AFTER_ROWS) {
      expect([...predictLogits(fresh, rows, batch, 5)]).toEqual([...walkLogits(fresh, rows, batch, 5)])
      scored += batch
      expect(usesGeneratedTrees(fresh)).toBe(false)
    }
    const leaves = new Int32Array(fresh.roots.length * batch)
    const walkedLeaves = new Int32Array(fresh.roots.length * batch)
    expect([...predictLogits(fresh, rows, batch, 5, leaves)]).toEqual([...walkLogits(fresh, rows, batch, 5, walkedLeaves)])
    expect(usesGeneratedTrees(fresh)).toBe(true)
    expect([...leaves]).toEqual([...walkedLeaves])
  })

  it('walks the nodes of trees too deep to write out as code, to the same numbers', () => {
    // One tree, a chain of splits one deeper than the limit: each split's left child a leaf.
    const splits = MAX_GENERATED_DEPTH + 1
    const nodes = 2 * splits + 1
    const chain = {feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], missingLeft: [] as number[], value: [] as number[]}
    for (let split = 0; split < splits; split++) {
      const at = 2 * split
      chain.feature.push(split % 2, -1)
      chain.threshold.push(split / splits, 0)
      chain.left.push(at + 1, -1)
      chain.right.push(at + 2, -1)
      chain.missingLeft.push(split % 3 === 0 ? 1 : 0, 0)
      chain.value.push(0, split + 1)
    }
    chain.feature.push(-1)
    chain.threshold.push(0)
    chain.left.push(-1)
    chain.right.push(-1)
    chain.missingLeft.push(0)
    chain.value.push(-7)
    expect(chain.feature).toHaveLength(nodes)
    const deep = compileModel({format: model.format, version: model.version, features: ['a', 'b'], bias: 0.5, trees: [chain, ...model.trees.slice(0, 2).map((tree) => ({...tree, feature: tree.feature.map((index) => Math.min(index, 1))}))]})
    expect(deep.depth).toBe(splits)
    expect(treeScorers(deep)).toBeUndefined()
    const value = fc.oneof(fc.float({min: -1, max: 2, noNaN: true}), fc.constant(Number.NaN))
    fc.assert(
      fc.property(fc.integer({min: 0, max: 8}), fc.array(value, {minLength: 16, maxLength: 16}), (count, values) => {
        const rows = Float32Array.from(values)
        const logits = predictLogits(deep, rows, count, 2)
        for (let row = 0; row < count; row++) expect(logits[row]).toBe(predictLogit(deep, rows, row * 2))
      })
    )
  })

  it('walks the nodes where code generation is switched off (--disallow-code-generation-from-strings)', () => {
    const predict = new URL('../dist/model/predict.js', import.meta.url).href
    const script = `
      const {compileModel, predictLogits, predictLogit, treeScorers, usesGeneratedTrees, GENERATE_AFTER_ROWS} = await import(${JSON.stringify(predict)})
      const model = compileModel(${JSON.stringify(model)})
      const rows = Float32Array.from({length: 5000}, (_, index) => (index * 0.37) % 1)
      let same = true
      // Past the rows after which the trees would be generated.
      for (let scored = 0; scored <= GENERATE_AFTER_ROWS + 1000; scored += 1000) {
        const logits = predictLogits(model, rows, 1000, 5)
        for (let row = 0; row < 1000; row += 97) same &&= logits[row] === predictLogit(model, rows, row * 5)
      }
      console.log(JSON.stringify({generated: treeScorers(model) !== undefined, used: usesGeneratedTrees(model), same}))`
    const run = (flags: string[]) => JSON.parse(spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {encoding: 'utf8'}).stdout)
    expect(run(['--disallow-code-generation-from-strings'])).toEqual({generated: false, used: false, same: true})
    expect(run([])).toEqual({generated: true, used: true, same: true})
  })

  it('rejects a malformed model file with what is wrong and where', () => {
    const good = JSON.parse(serializeModel(model))
    const broken = (change: (copy: any) => void) => {
      const copy = structuredClone(good)
      change(copy)
      return () => compileModel(copy, 'my-model.json')
    }
    expect(() => compileModel('[]', 'my-model.json')).toThrow('my-model.json: not a decruft model: expected a JSON object')
    expect(broken((copy) => (copy.format = 'xgboost'))).toThrow('"format" is "xgboost", expected "decruft-gbdt"')
    expect(broken((copy) => (copy.version = 2))).toThrow('"version" is 2, this decruft reads version 1')
    expect(broken((copy) => (copy.features = []))).toThrow('"features" must be a non-empty list of names')
    expect(broken((copy) => (copy.trees[2].feature[0] = 5))).toThrow('trees[2].feature[0] = 5 is not -1 (a leaf) or a feature index below 5')
    expect(broken((copy) => (copy.trees[1].left[0] = 0))).toThrow('trees[1].left[0] = 0 must be a later node of the tree')
    expect(broken((copy) => copy.trees[0].value.pop())).toThrow(/trees\[0\]\.value has \d+ entries, trees\[0\]\.feature has \d+/)
    expect(broken((copy) => (copy.trees[0].threshold[0] = 'x'))).toThrow('trees[0].threshold must be a list of finite numbers')
    expect(broken((copy) => (copy.trees[0].missingLeft[0] = 2))).toThrow('trees[0].missingLeft[0] must be 0 or 1')
  })
})

describe('model size', () => {
  it('keeps 300 full trees of depth 6 on 120 features well under 2 MB', () => {
    // Noisy labels keep the trees nearly full; five trees tell the size of a node, and so of 300 full trees.
    const random = seededRandom(16)
    const data = synthetic(4000, 120, 15, (row) => Number(row[0] + row[1] + random() > 1.5))
    const model = trainGbdt(data, {trees: 5, maxDepth: 6, learningRate: 0.1, minLeafWeight: 0, lambda: 1, seed: 1, featureSample: 0.3})
    const nodes = model.trees.reduce((total, tree) => total + tree.feature.length, 0)
    expect(nodes).toBeGreaterThan(500)
    const perNode = (serializeModel(model).length - serializeModel({...model, trees: []}).length) / nodes
    expect(perNode * 127 * 300).toBeLessThan(1_200_000)
  })
})

/** Every state sequence of `length` blocks and its log score under the chain. */
function allPaths(logits: Float64Array, transitions: Transitions, prior = 0.5): {states: number[]; score: number}[] {
  const paths = []
  for (let code = 0; code < 1 << logits.length; code++) {
    const states = Array.from(logits, (_, at) => (code >> at) & 1)
    let score = 0
    states.forEach((state, at) => {
      const probability1 = 1 / (1 + Math.exp(-logits[at]))
      score += Math.log(state ? probability1 / prior : (1 - probability1) / (1 - prior))
      score += at === 0 ? transitions.start[state] : transitions.next[states[at - 1]][state]
    })
    paths.push({states, score})
  }
  return paths
}

describe('sequence smoothing', () => {
  const documents = [Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1, 0, 0), Uint8Array.of(0, 1, 1, 1, 1, 0), Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0, 0, 0)]
  const transitions = fitTransitions(documents)

  it('counts transitions with add-one smoothing, weighted per document', () => {
    // From state 1: 14 stays and 3 moves; from state 0: 4 stays and 2 moves; plus one each.
    expect(Math.exp(transitions.next[1][1])).toBeCloseTo(15 / 19, 12)
    expect(Math.exp(transitions.next[0][1])).toBeCloseTo(3 / 8, 12)
    expect(Math.exp(transitions.start[1])).toBeCloseTo(2 / 5, 12)
    const weighted = fitTransitions([Uint8Array.of(0, 0), Uint8Array.of(0, 1)], [3, 1])
    expect(Math.exp(weighted.next[0][0])).toBeCloseTo(4 / 6, 12)
    expect(() => fitTransitions([Uint8Array.of(0, 2)])).toThrow('sequence 0 has state 2 at 1')
  })

  it('keeps a lone doubtful block between strong class-1 blocks', () => {
    const logits = Float64Array.of(4, 4, 4, -1, 4, 4, 4)
    expect([...viterbi(logits, transitions)]).toEqual([1, 1, 1, 1, 1, 1, 1])
    expect(forwardBackward(logits, transitions)[3]).toBeGreaterThan(0.5)
    // Alone, the block would go: the neighbours are what keep it.
    expect([...viterbi(Float64Array.of(-1), transitions)]).toEqual([0])
  })

  it('lets a long run of strong class-0 blocks go', () => {
    const logits = Float64Array.of(4, 4, 4, -4, -4, -4, -4, -4, 4, 4)
    expect([...viterbi(logits, transitions)]).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 1])
    const marginals = forwardBackward(logits, transitions)
    expect(Math.max(...marginals.subarray(3, 8))).toBeLessThan(0.1)
  })

  it('moves the decisions with the bias and the prior', () => {
    const logits = Float64Array.of(-0.5, -0.5, -0.5)
    expect([...viterbi(logits, transitions)]).toEqual([0, 0, 0])
    expect([...viterbi(logits, transitions, {bias: 1})]).toEqual([1, 1, 1])
    expect([...viterbi(logits, transitions, {prior: 0.3})]).toEqual([1, 1, 1])
    expect(() => viterbi(logits, transitions, {prior: 1})).toThrow('the class prior must be in (0, 1), not 1')
  })

  it('agrees with brute force over every path of short sequences', () => {
    const logit = fc.double({min: -6, max: 6, noNaN: true})
    const chain = fc.array(fc.array(fc.integer({min: 0, max: 1}), {minLength: 1, maxLength: 6}), {minLength: 1, maxLength: 4})
    fc.assert(
      fc.property(fc.array(logit, {minLength: 1, maxLength: 8}), chain, fc.double({min: 0.05, max: 0.95, noNaN: true}), (values, labels, prior) => {
        const logits = Float64Array.from(values)
        const fitted = fitTransitions(labels.map((sequence) => Uint8Array.from(sequence)))
        const paths = allPaths(logits, fitted, prior)
        const best = Math.max(...paths.map((path) => path.score))
        const decoded = [...viterbi(logits, fitted, {prior})]
        const decodedScore = paths.find((path) => path.states.join() === decoded.join())!.score
        expect(decodedScore).toBeCloseTo(best, 9)
        const total = paths.reduce((sum, path) => sum + Math.exp(path.score - best), 0)
        const marginals = forwardBackward(logits, fitted, {prior})
        logits.forEach((_, at) => {
          const inState1 = paths.filter((path) => path.states[at] === 1).reduce((sum, path) => sum + Math.exp(path.score - best), 0)
          expect(marginals[at]).toBeCloseTo(inState1 / total, 9)
        })
      })
    )
  })

  it('handles an empty document', () => {
    expect(viterbi(new Float64Array(0), transitions).length).toBe(0)
    expect(forwardBackward(new Float64Array(0), transitions).length).toBe(0)
  })
})

describe('the character counts of a block row', () => {
  it('are what /\\p{L}/gu, /\\p{Lu}/gu and /\\p{P}/gu count, on any text (astral characters and lone surrogates too)', () => {
    const expected = (text: string) => ({letters: text.match(/\p{L}/gu)?.length ?? 0, upper: text.match(/\p{Lu}/gu)?.length ?? 0, punctuation: text.match(/\p{P}/gu)?.length ?? 0})
    fc.assert(
      fc.property(fc.oneof(fc.string({unit: 'binary'}), fc.string({unit: 'grapheme'}), fc.string({unit: fc.constantFrom('A', 'é', 'Ж', '𝐀', '𝑎', '\ud835', '\udc00', '!', '«', '。', ' ')})), (text) => {
        expect(characterCounts(text), JSON.stringify(text)).toEqual(expected(text))
      }),
      {numRuns: 3000}
    )
  })
})

describe('the strongest features against a block', () => {
  it('are the three most negative shares, ties by position, as a full sort gives them', () => {
    const width = FEATURE_NAMES.length
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(0, -1, 1, -0.5, Number.NaN), fc.double({min: -5, max: 5, noNaN: true})), {minLength: width + 1, maxLength: width + 1}), (values) => {
        const parts = Float64Array.from(values)
        const expected = FEATURE_NAMES.map((_, feature) => feature)
          .filter((feature) => parts[feature] < 0)
          .sort((a, b) => parts[a] - parts[b] || a - b)
          .slice(0, 3)
          .map((feature) => [FEATURE_NAMES[feature], Math.round(parts[feature] * 100) / 100])
        expect(strongestAgainst(parts)).toEqual(expected)
      }),
      {numRuns: 2000}
    )
  })
})
