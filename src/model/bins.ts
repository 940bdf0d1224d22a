/**
 * Quantising features once before training, as histogram GBDTs (LightGBM, XGBoost's "hist") do:
 * each feature's training values are cut at quantiles into at most `bins` value bins, and a tree
 * then only looks at bin numbers. Bin 255 holds the missing values (NaN).
 */

export const MISSING_BIN = 255
/** Value bins a feature may have: 0..254, bin 255 being the missing one. */
export const MAX_VALUE_BINS = 255

export interface BinnedFeatures {
  /** Per feature, ascending cut points: bin j holds the values in (cuts[j-1], cuts[j]]. */
  cuts: Float64Array[]
  /**
   * Bin numbers, feature-major (feature f's bins are bins[f × rows ..]): a histogram is built one
   * feature at a time, which keeps that feature's 256 bins in the cache.
   */
  bins: Uint8Array
}

/**
 * The shortest decimal t with lo <= t < hi: a threshold that splits the training values exactly
 * as the bins do and still reads short in the model file (it is never rounded afterwards).
 */
export function thresholdBetween(lo: number, hi: number): number {
  const middle = lo + (hi - lo) / 2
  for (let digits = 1; digits < 17; digits++) {
    const candidate = Number(middle.toPrecision(digits))
    if (lo <= candidate && candidate < hi) return candidate
  }
  return middle
}

/**
 * Cut points of one feature from its sorted non-missing values: between every two distinct values
 * when there are few enough, else after the values at equal-count quantiles (a run of equal values
 * stays in one bin, so heavy ties give fewer bins).
 */
export function quantileCuts(sorted: Float32Array, maxBins: number): Float64Array {
  const count = sorted.length
  const cuts: number[] = []
  let distinct = count === 0 ? 0 : 1
  for (let index = 1; index < count && distinct <= maxBins; index++) {
    if (sorted[index] !== sorted[index - 1]) distinct++
  }
  if (distinct <= maxBins) {
    for (let index = 1; index < count; index++) {
      if (sorted[index] !== sorted[index - 1]) cuts.push(thresholdBetween(sorted[index - 1], sorted[index]))
    }
    return Float64Array.from(cuts)
  }
  for (let bin = 1; bin < maxBins; bin++) {
    const lo = sorted[Math.floor((bin * count) / maxBins) - 1]
    const above = firstAbove(sorted, lo)
    if (above === count) break
    const cut = thresholdBetween(lo, sorted[above])
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut)
  }
  return Float64Array.from(cuts)
}

/** The index of the first value greater than `value` in an ascending array. */
function firstAbove(sorted: Float32Array, value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] <= value) low = middle + 1
    else high = middle
  }
  return low
}

/** The bin of a value: the first cut it does not exceed (the last bin past every cut). */
export function binOf(cuts: Float64Array, value: number): number {
  if (value !== value) return MISSING_BIN
  let low = 0
  let high = cuts.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (value <= cuts[middle]) high = middle
    else low = middle + 1
  }
  return low
}

/** Cuts from the training values and every row's bins. */
export function binFeatures(rows: number, featureCount: number, values: Float32Array, maxBins: number): BinnedFeatures {
  const cuts: Float64Array[] = []
  const column = new Float32Array(rows)
  for (let feature = 0; feature < featureCount; feature++) {
    let present = 0
    for (let row = 0, at = feature; row < rows; row++, at += featureCount) {
      const value = values[at]
      if (value === value) column[present++] = value
    }
    cuts.push(quantileCuts(column.subarray(0, present).sort(), maxBins))
  }
  const bins = new Uint8Array(rows * featureCount)
  for (let feature = 0, at = 0; feature < featureCount; feature++) {
    const featureCuts = cuts[feature]
    for (let row = 0; row < rows; row++, at++) bins[at] = binOf(featureCuts, values[row * featureCount + feature])
  }
  return {cuts, bins}
}
