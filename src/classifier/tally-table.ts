/**
 * The classifier's line tallies (`LineTally`), kept across passes for every original line it
 * counted: twelve 32-bit numbers a line in a few large arrays, found through one number per line,
 * not an object per line. A document of 100 MB has a quarter of a million such lines, and their
 * objects (120 bytes each, and a slot in an array by line) took some 36 MB of its memory.
 */

import type {LineTally} from './features.js'

/** The numbers of one tally. */
const FIELDS = 12
/**
 * Rows per chunk of numbers (3 MB): chunks are added as they fill, never copied. A document of fewer
 * lines has one chunk of a row per line (a line has at most one row), not 3 MB for each of a batch's
 * small documents.
 */
const CHUNK_ROWS = 1 << 16

export class TallyTable {
  /** Per original line: its row, or -1 when it has not been counted. */
  private readonly rowOf: Int32Array
  private readonly chunks: Int32Array[] = []
  private rows = 0

  constructor(lines: number) {
    this.rowOf = new Int32Array(lines).fill(-1)
  }

  /** The row of original line `line`, or -1. */
  row(line: number): number {
    return this.rowOf[line]
  }

  /** Keep `tally` as original line `line`'s; returns its row. */
  add(line: number, tally: LineTally): number {
    const row = this.rows++
    const within = row & (CHUNK_ROWS - 1)
    if (within === 0) this.chunks.push(new Int32Array(Math.min(CHUNK_ROWS, this.rowOf.length) * FIELDS))
    const data = this.chunks[this.chunks.length - 1]
    const at = within * FIELDS
    data[at] = tally.chars
    data[at + 1] = tally.cjk
    data[at + 2] = tally.digits
    data[at + 3] = tally.links
    data[at + 4] = tally.separators
    data[at + 5] = tally.words
    data[at + 6] = tally.stop
    data[at + 7] = tally.capitals
    data[at + 8] = tally.sentences
    data[at + 9] = tally.letters
    data[at + 10] = tally.upper
    data[at + 11] = tally.punctuation
    this.rowOf[line] = row
    return row
  }

  /** Add row `row`'s tally into `sum`. */
  addTo(sum: LineTally, row: number): void {
    const data = this.chunks[row >>> 16]
    const at = (row & (CHUNK_ROWS - 1)) * FIELDS
    sum.chars += data[at]
    sum.cjk += data[at + 1]
    sum.digits += data[at + 2]
    sum.links += data[at + 3]
    sum.separators += data[at + 4]
    sum.words += data[at + 5]
    sum.stop += data[at + 6]
    sum.capitals += data[at + 7]
    sum.sentences += data[at + 8]
    sum.letters += data[at + 9]
    sum.upper += data[at + 10]
    sum.punctuation += data[at + 11]
  }
}
