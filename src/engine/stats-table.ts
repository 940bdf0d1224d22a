/**
 * The `BlockStats` of a document's lines, kept by line in typed arrays (13 bytes a line) rather
 * than as an object per line (some 64 bytes with its slot). `get` gives a new object each time:
 * callers only read it.
 */

import type {BlockStats} from '../stats.js'

export class StatsTable {
  private readonly chars: Int32Array
  /** -1 until the line's stats are set. */
  private readonly words: Int32Array
  private readonly sentences: Int32Array
  private readonly terminal: Uint8Array

  constructor(lines: number) {
    this.chars = new Int32Array(lines)
    this.words = new Int32Array(lines).fill(-1)
    this.sentences = new Int32Array(lines)
    this.terminal = new Uint8Array(lines)
  }

  /** Line `line`'s stats, or undefined when they were never set. */
  get(line: number): BlockStats | undefined {
    const words = this.words[line]
    if (words < 0) return undefined
    return {chars: this.chars[line], words, sentences: this.sentences[line], terminal: this.terminal[line] === 1}
  }

  set(line: number, stats: BlockStats): void {
    this.chars[line] = stats.chars
    this.words[line] = stats.words
    this.sentences[line] = stats.sentences
    this.terminal[line] = stats.terminal ? 1 : 0
  }
}
