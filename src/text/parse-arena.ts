/**
 * The numbers of every line's parse (`LineParse`'s layout) in a few large `Int32Array`s, not one
 * typed array per line: an `Int32Array` and its `ArrayBuffer` cost some 110 bytes of heap and a
 * block of native memory each, more than a short line's numbers, and a document of 50 MB has half
 * a million lines. A line's numbers are found by its index: the chunk that holds them and where
 * they start in it.
 *
 * Numbers go into chunks one after another; a line's numbers are never split between two chunks.
 * Chunks are allocated as they fill (no copy of what is written, as growing one array would make),
 * the first sized for the document and each later one as large as all before it together, up to
 * `CHUNK` numbers (or a line's numbers, when more): a first guess that falls short costs a small
 * document little.
 */

/** The most numbers a chunk is given room for beyond one line's (4 MB). */
const CHUNK = 1 << 20

/** The smallest first chunk. */
const MIN_FIRST_CHUNK = 64

export class ParseArena {
  private readonly chunks: Int32Array[] = []
  /** Per line: the chunk of its numbers, or -1 when it has none (a blank line). */
  private readonly chunkOf: Int32Array
  /** Per line: where its numbers start in their chunk. */
  private readonly startOf: Int32Array
  /** Per line: a small number its reader is given with its numbers (how they are laid out). */
  private readonly flags: Uint8Array
  private current: Int32Array
  private used = 0
  /** Numbers all chunks have room for. */
  private allocated: number

  /**
   * An arena for `lines` lines whose numbers are about `expected` in all (the first chunk's size,
   * up to `CHUNK`).
   */
  constructor(lines: number, expected: number) {
    this.chunkOf = new Int32Array(lines).fill(-1)
    this.startOf = new Int32Array(lines)
    this.flags = new Uint8Array(lines)
    this.current = new Int32Array(Math.min(CHUNK, Math.max(MIN_FIRST_CHUNK, Math.ceil(expected))))
    this.chunks.push(this.current)
    this.allocated = this.current.length
  }

  /** How many lines the arena has room for. */
  get lines(): number {
    return this.chunkOf.length
  }

  /** Keep `numbers[0..length)` as line `line`'s, with `flag` (0 to 255). */
  add(line: number, numbers: Int32Array, length: number, flag = 0): void {
    if (this.used + length > this.current.length) {
      this.current = new Int32Array(Math.max(length, Math.min(CHUNK, this.allocated)))
      this.chunks.push(this.current)
      this.allocated += this.current.length
      this.used = 0
    }
    this.current.set(length === numbers.length ? numbers : numbers.subarray(0, length), this.used)
    this.chunkOf[line] = this.chunks.length - 1
    this.startOf[line] = this.used
    this.flags[line] = flag
    this.used += length
  }

  /** Whether line `line` has numbers. */
  has(line: number): boolean {
    return line >= 0 && line < this.chunkOf.length && this.chunkOf[line] >= 0
  }

  /** The array that holds line `line`'s numbers (from `start(line)`); only for a line that `has` them. */
  data(line: number): Int32Array {
    return this.chunks[this.chunkOf[line]]
  }

  /** Where line `line`'s numbers start in `data(line)`. */
  start(line: number): number {
    return this.startOf[line]
  }

  /** The flag line `line`'s numbers were added with. */
  flag(line: number): number {
    return this.flags[line]
  }

  /** Bytes of numbers allocated (for tests and measurements). */
  get byteLength(): number {
    let bytes = this.chunkOf.byteLength + this.startOf.byteLength + this.flags.byteLength
    for (const chunk of this.chunks) bytes += chunk.byteLength
    return bytes
  }
}
