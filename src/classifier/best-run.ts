/**
 * The maximum-score run of a range of block scores, found by Kadane's scan, for many ranges of one
 * array without scanning each range anew.
 *
 * Kadane's scan of `from..to` keeps a running sum that restarts at a block when the sum before it
 * is not positive, and answers the first block where the sum is highest (if positive), with the
 * block where that sum started. Two scans that restart at the same block read the same sums from
 * there on, whatever came before: the scan of a range can stop where it restarts at a block where
 * the scan already stored for that part of the array restarts too, and take the stored sums from
 * there. The sums are added in the same order as a scan of the range alone would add them, so the
 * answers are the same to the last bit.
 *
 * That holds when the stored sums from that block on are one unbroken scan, as they are for the
 * ranges `contentRegions` asks about: the whole array first, then ranges inside an earlier range
 * and beside the run found in it, never across a place where an earlier range started. A search
 * that finds runs one after another down a long page then costs about one scan in all, where it
 * used to rescan the rest of the page for each run.
 */

export interface Run {
  range: [number, number]
  score: number
}

export class BestRun {
  /** The running sum at each block, and the block it started at (-1: not scanned yet). */
  private readonly sums: Float64Array
  private readonly starts: Int32Array
  /** A segment tree over the blocks: each node holds the block of its range with the highest sum (the first, on a tie). */
  private readonly tree: Int32Array
  private readonly size: number

  constructor(private readonly scores: Float64Array) {
    const count = scores.length
    this.sums = new Float64Array(count)
    this.starts = new Int32Array(count).fill(-1)
    let size = 1
    while (size < count) size *= 2
    this.size = size
    this.tree = new Int32Array(2 * size).fill(-1)
  }

  /** The block of `a` and `b` (either may be -1: none) with the higher sum, the earlier on a tie. */
  private higher(a: number, b: number): number {
    if (a < 0) return b
    if (b < 0) return a
    const sumA = this.sums[a]
    const sumB = this.sums[b]
    return sumA > sumB || (sumA === sumB && a < b) ? a : b
  }

  private store(index: number, sum: number, start: number): void {
    this.sums[index] = sum
    this.starts[index] = start
    let node = this.size + index
    this.tree[node] = index
    for (node >>= 1; node >= 1; node >>= 1) this.tree[node] = this.higher(this.tree[2 * node], this.tree[2 * node + 1])
  }

  /** The block of `from..to` with the highest stored sum (the first, on a tie). */
  private highest(from: number, to: number): number {
    let best = -1
    for (let low = from + this.size, high = to + this.size + 1; low < high; low >>= 1, high >>= 1) {
      if (low & 1) best = this.higher(best, this.tree[low++])
      if (high & 1) best = this.higher(best, this.tree[--high])
    }
    return best
  }

  /** Kadane's maximum-score run of `scores[from..to]`, or undefined when none is positive. */
  find(from: number, to: number): Run | undefined {
    if (from > to) return undefined
    let sum = 0
    let start = from
    for (let index = from; index <= to; index++) {
      if (sum <= 0) {
        // The stored scan restarts here too: from here on it is this scan.
        if (this.starts[index] === index) break
        sum = this.scores[index]
        start = index
      } else sum += this.scores[index]
      this.store(index, sum, start)
    }
    const best = this.highest(from, to)
    const score = this.sums[best]
    return score > 0 ? {range: [this.starts[best], best], score} : undefined
  }
}
