/**
 * A list with a gap (a gap buffer): removing or inserting items next to the place of the last
 * change costs about nothing, where an array's `splice` moves every item after that place.
 *
 * The segmenter's transforms walk a line's tokens (and then its sentences) from left to right and
 * join, remove or insert items where they stand. With arrays, a line of n sentences or joined words
 * cost about n² item moves (a 16 MB line took 71 s, 30 MB 220 s); here each change moves only the
 * items between it and the change before, so a walk costs about n in all.
 */
export class GapList<T> {
  /** The items before the gap, the gap (stale slots), the items after it. */
  private items: Array<T | undefined> = []
  private gapStart = 0
  private gapEnd = 0

  get length(): number {
    return this.items.length - this.gapEnd + this.gapStart
  }

  /** How many slots the list holds, its gap included. */
  get capacity(): number {
    return this.items.length
  }

  /** The item at `index`, or undefined outside the list (a negative index too, unlike `Array.at`). */
  at(index: number): T | undefined {
    if (index < this.gapStart) return index < 0 ? undefined : this.items[index]
    const slot = index + this.gapEnd - this.gapStart
    return slot < this.items.length ? this.items[slot] : undefined
  }

  /** Empty the list, keeping its slots for reuse. */
  clear(): void {
    this.gapStart = 0
    this.gapEnd = this.items.length
  }

  /** Add `item` at the end. */
  push(item: T): void {
    this.insert(this.length, item)
  }

  /** Remove `count` items from `index` on (fewer at the end of the list). */
  remove(index: number, count: number): void {
    this.moveGap(index)
    this.gapEnd = Math.min(this.items.length, this.gapEnd + count)
  }

  /** Insert `item` before the item at `index` (at the end when `index` is the length). */
  insert(index: number, item: T): void {
    this.moveGap(index)
    if (this.gapStart === this.gapEnd) {
      // At the end, the array grows itself.
      if (this.gapEnd === this.items.length) {
        this.items.push(item)
        this.gapStart = ++this.gapEnd
        return
      }
      this.widen()
    }
    this.items[this.gapStart++] = item
  }

  /** The items `from..to` (`to` excluded) as an array. */
  slice(from: number, to: number): T[] {
    const out: T[] = []
    for (let index = from; index < to; index++) out.push(this.at(index)!)
    return out
  }

  /**
   * The list as an array: the gap is closed and the list's own array returned, not a copy (the
   * segmenter hands it on as a sentence's nodes, and clears the list before it uses it again).
   */
  toArray(): T[] {
    this.moveGap(this.length)
    this.items.length = this.gapStart
    this.gapEnd = this.gapStart
    return this.items as T[]
  }

  /** Put the gap before the item at `index`, moving the items between. */
  private moveGap(index: number): void {
    const items = this.items
    const size = this.gapEnd - this.gapStart
    if (index < this.gapStart) {
      for (let at = this.gapStart - 1; at >= index; at--) items[at + size] = items[at]
    } else {
      for (let at = this.gapStart; at < index; at++) items[at] = items[at + size]
    }
    this.gapStart = index
    this.gapEnd = index + size
  }

  /** Make the gap as large as the list (at least 8 slots): insertions in a row cost a move of the items after the gap once per doubling. */
  private widen(): void {
    const items = this.items
    const extra = Math.max(8, this.length)
    const end = items.length
    // Grow the array by pushing (an array grown by its length would have holes, which read slower).
    for (let count = 0; count < extra; count++) items.push(undefined)
    for (let at = end - 1; at >= this.gapEnd; at--) items[at + extra] = items[at]
    this.gapEnd += extra
  }
}
