/**
 * Smoothing per-block decisions over a document's block sequence with a two-state hidden Markov
 * model: the states are the classifier's classes (1 and 0), transitions are counted from labelled
 * documents, and each block's emission is the classifier's posterior divided by the class prior
 * (the "hybrid" HMM use of a discriminative classifier), in log space. A lone doubtful block
 * between confident ones then follows its neighbours, while a long confident run still switches.
 * Both passes are linear in the number of blocks.
 */

/** Log probabilities of the chain; state s is class s. */
export interface Transitions {
  /** log P(first state = s), indexed by s. */
  start: [number, number]
  /** log P(next state = t | state = s), indexed [s][t]. */
  next: [[number, number], [number, number]]
}

export interface EmissionOptions {
  /** The share of class 1 in the classifier's training data (default 0.5, which cancels out). */
  prior?: number
  /** Added to every logit first: moves the operating point towards class 1 (> 0) or 0 (< 0). */
  bias?: number
}

/**
 * Transition log probabilities from label sequences (one per document), each count weighted by its
 * document's weight (default 1), with add-one smoothing so an unseen transition stays possible.
 */
export function fitTransitions(sequences: readonly Uint8Array[], weights?: ArrayLike<number>): Transitions {
  if (weights && weights.length !== sequences.length) {
    throw new RangeError(`fitTransitions: ${weights.length} weights for ${sequences.length} sequences`)
  }
  const start = [1, 1]
  const next = [
    [1, 1],
    [1, 1]
  ]
  sequences.forEach((sequence, index) => {
    const weight = weights ? weights[index] : 1
    if (sequence.length === 0) return
    for (let at = 0; at < sequence.length; at++) {
      if (sequence[at] > 1) throw new RangeError(`fitTransitions: sequence ${index} has state ${sequence[at]} at ${at}, states are 0 or 1`)
    }
    start[sequence[0]] += weight
    for (let at = 1; at < sequence.length; at++) next[sequence[at - 1]][sequence[at]] += weight
  })
  const logShares = (counts: number[]): [number, number] => {
    const total = counts[0] + counts[1]
    return [Math.log(counts[0] / total), Math.log(counts[1] / total)]
  }
  return {start: logShares(start), next: [logShares(next[0]), logShares(next[1])]}
}

/** Per block, the log emission of state 0 then state 1: log posterior less log prior. */
function emissions(logits: Float64Array, options: EmissionOptions): Float64Array {
  const prior = options.prior ?? 0.5
  const bias = options.bias ?? 0
  if (!(prior > 0 && prior < 1)) throw new RangeError(`the class prior must be in (0, 1), not ${prior}`)
  const logPrior1 = Math.log(prior)
  const logPrior0 = Math.log1p(-prior)
  const result = new Float64Array(logits.length * 2)
  for (let at = 0; at < logits.length; at++) {
    const logit = logits[at] + bias
    if (!Number.isFinite(logit)) throw new RangeError(`logit ${at} is ${logits[at]}, logits must be finite`)
    result[2 * at] = -softplus(logit) - logPrior0
    result[2 * at + 1] = -softplus(-logit) - logPrior1
  }
  return result
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))
}

/** log(e^a + e^b) without overflow. */
function logAdd(a: number, b: number): number {
  const high = Math.max(a, b)
  return high === -Infinity ? -Infinity : high + Math.log1p(Math.exp(Math.min(a, b) - high))
}

/**
 * The most likely state sequence given each block's classifier logit (log odds of class 1).
 * Where two paths score the same, state 1 wins.
 */
export function viterbi(logits: Float64Array, transitions: Transitions, options: EmissionOptions = {}): Uint8Array {
  const blocks = logits.length
  const states = new Uint8Array(blocks)
  if (blocks === 0) return states
  const emission = emissions(logits, options)
  const {start, next} = transitions
  // back[2t + s]: the state at t-1 on the best path into state s at t.
  const back = new Uint8Array(blocks * 2)
  let score0 = start[0] + emission[0]
  let score1 = start[1] + emission[1]
  for (let at = 1; at < blocks; at++) {
    const into0From0 = score0 + next[0][0]
    const into0From1 = score1 + next[1][0]
    const into1From0 = score0 + next[0][1]
    const into1From1 = score1 + next[1][1]
    back[2 * at] = into0From1 >= into0From0 ? 1 : 0
    back[2 * at + 1] = into1From1 >= into1From0 ? 1 : 0
    score0 = Math.max(into0From0, into0From1) + emission[2 * at]
    score1 = Math.max(into1From0, into1From1) + emission[2 * at + 1]
  }
  let state = score1 >= score0 ? 1 : 0
  for (let at = blocks - 1; at >= 0; at--) {
    states[at] = state
    state = back[2 * at + state]
  }
  return states
}

/**
 * Each block's probability of state 1 given the whole sequence (forward–backward in log space), to
 * threshold at an operating point.
 */
export function forwardBackward(logits: Float64Array, transitions: Transitions, options: EmissionOptions = {}): Float64Array {
  const blocks = logits.length
  const marginals = new Float64Array(blocks)
  if (blocks === 0) return marginals
  const emission = emissions(logits, options)
  const {start, next} = transitions
  const forward = new Float64Array(blocks * 2)
  forward[0] = start[0] + emission[0]
  forward[1] = start[1] + emission[1]
  for (let at = 1; at < blocks; at++) {
    const previous0 = forward[2 * at - 2]
    const previous1 = forward[2 * at - 1]
    forward[2 * at] = logAdd(previous0 + next[0][0], previous1 + next[1][0]) + emission[2 * at]
    forward[2 * at + 1] = logAdd(previous0 + next[0][1], previous1 + next[1][1]) + emission[2 * at + 1]
  }
  // Backward scores of the blocks after `at`, starting from log 1 at the last block.
  let after0 = 0
  let after1 = 0
  for (let at = blocks - 1; at >= 0; at--) {
    const total0 = forward[2 * at] + after0
    const total1 = forward[2 * at + 1] + after1
    marginals[at] = 1 / (1 + Math.exp(total0 - total1))
    if (at === 0) break
    const with0 = emission[2 * at] + after0
    const with1 = emission[2 * at + 1] + after1
    after0 = logAdd(next[0][0] + with0, next[0][1] + with1)
    after1 = logAdd(next[1][0] + with0, next[1][1] + with1)
  }
  return marginals
}
