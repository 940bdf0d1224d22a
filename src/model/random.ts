/**
 * A seeded pseudo-random generator for training (row and feature sampling): mulberry32, 32-bit
 * integer steps only, so a seed gives the same stream on every machine and Node version, which
 * Math.random does not.
 */

export type Random = () => number

/** A generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` distinct indices out of `0..total-1`, ascending (a partial Fisher–Yates shuffle). */
export function sampleIndices(total: number, count: number, random: Random): Int32Array {
  const pool = new Int32Array(total)
  for (let index = 0; index < total; index++) pool[index] = index
  for (let index = 0; index < count; index++) {
    const pick = index + Math.floor(random() * (total - index))
    const kept = pool[pick]
    pool[pick] = pool[index]
    pool[index] = kept
  }
  return pool.slice(0, count).sort()
}
