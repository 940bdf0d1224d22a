/**
 * Which of many strings occur in a text (`substrings`: Aho–Corasick), or which of them a text
 * starts with (`prefixes`: a trie), in one pass over its UTF-16 code units. Each string carries an
 * id, which is what a scan reports.
 *
 * The automaton is laid out in typed arrays, in memory linear in the total length of the strings:
 * the states in breadth-first order, so that a state's children are consecutive (`firstChild`),
 * each with the character class of its edge; the failure link of each state; and the ids each
 * state ends. Each code unit that occurs in some string is a character class of its own, every
 * other one is class 0, which leads back to the start. The first states (as many as fit in
 * `DENSE_ENTRIES`) also have a full row of transitions, failure links followed in advance: a
 * config's strings use some eighty code units and give a few thousand states, so for them the
 * automaton is one small table (a DFA) that a core's cache holds. A user config of 100,000
 * phrases gives millions of states and hundreds of classes: a full table for all of them took
 * gigabytes and tens of seconds, where the deeper states now take their child edges and follow
 * their failure links.
 *
 * Built automata are kept by their strings' fingerprint, in shared memory: the batch pool hands
 * the main thread's to its worker threads (`knownAutomata`, `rememberAutomata`), which then do not
 * build them again.
 */

import {createHash} from 'node:crypto'

export type AutomatonKind = 'substrings' | 'prefixes'

/** An automaton as plain data: typed arrays over shared memory, which a worker thread receives without a copy. */
export interface AutomatonData {
  kind: AutomatonKind
  /** The class of each code unit (0: in no string). */
  classes: Classes
  /** The number of classes. */
  width: number
  /** How many states (the first ones) have a row in `dense`. */
  denseStates: number
  /** Full rows of transitions: the target at the state times `width` plus the class (for `prefixes`, 0 for none). */
  dense: Uint16Array | Uint32Array
  /** The first child of each state; its children run to the next state's first child (one more entry than states). */
  firstChild: Int32Array
  /** The class of the edge into each state (sorted among siblings). */
  edgeClass: Classes
  /** Failure links (`substrings`; empty for `prefixes`). */
  fail: Int32Array
  /**
   * For `substrings`, the nearest state on each state's failure chain (itself included) that ends
   * some string, or -1 (empty for `prefixes`).
   */
  match: Int32Array
  /** The ids ending at each state: `ids[idStart[state]..idStart[state + 1])`. */
  idStart: Int32Array
  ids: Int32Array
}

/** Character classes: 8 bits when there are fewer than 256, 16 bits, or 32 when strings use every code unit. */
type Classes = Uint8Array | Uint16Array | Uint32Array

/** Shared memory for `length` classes of `width` in all. */
function classArray(width: number, length: number): Classes {
  if (width <= 256) return new Uint8Array(new SharedArrayBuffer(length))
  if (width <= 65536) return new Uint16Array(new SharedArrayBuffer(length * 2))
  return new Uint32Array(new SharedArrayBuffer(length * 4))
}

/** Transition entries of the full rows at most (4 MB of 16-bit entries, 8 MB of 32-bit ones). */
const DENSE_ENTRIES = 1 << 21

/** The child of `state` by class `cls` (children sorted by class, from `firstChild[state]`), or -1. */
function childOf(firstChild: Int32Array, edgeClass: Classes, state: number, cls: number): number {
  let low = firstChild[state]
  let high = firstChild[state + 1] - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const found = edgeClass[middle]
    if (found === cls) return middle
    if (found < cls) low = middle + 1
    else high = middle - 1
  }
  return -1
}

function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4))
}

/** Lay out the automaton of `strings` (`ids[i]` the id of `strings[i]`, each id once; the empty string is never found). */
function build(kind: AutomatonKind, strings: readonly string[], ids: readonly number[]): AutomatonData {
  // The strings sorted: the strings that start with any one prefix are a run of them, and a
  // state of the trie is such a run (its prefix: the state's depth). Its children are the runs
  // within it that share the next code unit, in the order of that code unit.
  const sorted = Array.from(strings.keys())
    .filter((index) => strings[index] !== '')
    .sort((a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0))
  // Their code units one after another (`start[at]..start[at + 1]` the string at `at`): the walk
  // below reads them level by level, which from the strings themselves, all over the heap, took
  // most of the time.
  const start = new Int32Array(sorted.length + 1)
  for (let at = 0; at < sorted.length; at++) start[at + 1] = start[at] + strings[sorted[at]].length
  const units = new Uint16Array(start[sorted.length])
  for (let at = 0; at < sorted.length; at++) {
    const value = strings[sorted[at]]
    for (let unit = 0; unit < value.length; unit++) units[start[at] + unit] = value.charCodeAt(unit)
  }
  // The trie has a state for each code unit of each string past what it shares with the one before.
  let states = 1
  const used = new Uint8Array(65536)
  for (let at = 0; at < sorted.length; at++) {
    const length = start[at + 1] - start[at]
    const previous = at > 0 ? start[at] - start[at - 1] : 0
    let shared = 0
    while (shared < length && shared < previous && units[start[at] + shared] === units[start[at - 1] + shared]) shared++
    states += length - shared
    for (let unit = shared; unit < length; unit++) used[units[start[at] + unit]] = 1
  }

  // Character classes in the order of their code units, so that siblings, in that order, are sorted by class.
  let width = 1
  for (let unit = 0; unit < 65536; unit++) if (used[unit]) width++
  const classes = classArray(width, 65536)
  for (let unit = 0, next = 1; unit < 65536; unit++) if (used[unit]) classes[unit] = next++

  // Breadth-first: each state's run of sorted strings is `from[state]..to[state]`; its children get
  // consecutive numbers, and the ids of the strings that end at it (the first ones of its run) are listed.
  const first = sharedInt32(states + 1)
  const edgeClass = classArray(width, states)
  const idStart = sharedInt32(states + 1)
  const idArray = sharedInt32(sorted.length)
  const from = new Int32Array(states)
  const to = new Int32Array(states)
  to[0] = sorted.length
  let tail = 1
  let listed = 0
  let depth = 0
  let levelEnd = 1
  for (let head = 0; head < states; head++) {
    if (head === levelEnd) {
      depth++
      levelEnd = tail
    }
    let at = from[head]
    const end = to[head]
    idStart[head] = listed
    for (; at < end && start[at + 1] - start[at] === depth; at++) idArray[listed++] = ids[sorted[at]]
    first[head] = tail
    while (at < end) {
      const unit = units[start[at] + depth]
      from[tail] = at
      while (at < end && units[start[at] + depth] === unit) at++
      to[tail] = at
      edgeClass[tail++] = classes[unit]
    }
  }
  first[states] = states
  idStart[states] = listed

  const substrings = kind === 'substrings'
  const fail = sharedInt32(substrings ? states : 0)
  const match = sharedInt32(substrings ? states : 0)
  if (substrings) {
    match[0] = -1
    for (let state = 0; state < states; state++) {
      for (let child = first[state]; child < first[state + 1]; child++) {
        if (state === 0) {
          fail[child] = 0
        } else {
          let fallback = fail[state]
          let target = childOf(first, edgeClass, fallback, edgeClass[child])
          while (target === -1 && fallback !== 0) {
            fallback = fail[fallback]
            target = childOf(first, edgeClass, fallback, edgeClass[child])
          }
          fail[child] = target === -1 ? 0 : target
        }
        match[child] = idStart[child + 1] > idStart[child] ? child : match[fail[child]]
      }
    }
  }

  const denseStates = Math.min(states, Math.max(1, Math.floor(DENSE_ENTRIES / width)))
  const dense = states < 65536 ? new Uint16Array(new SharedArrayBuffer(denseStates * width * 2)) : new Uint32Array(new SharedArrayBuffer(denseStates * width * 4))
  for (let state = 0; state < denseStates; state++) {
    const row = state * width
    // A state's row is its failure link's (filled before it, being nearer the start) but for its own children.
    if (substrings && state !== 0) dense.copyWithin(row, fail[state] * width, fail[state] * width + width)
    for (let child = first[state]; child < first[state + 1]; child++) dense[row + edgeClass[child]] = child
  }

  return {kind, classes, width, denseStates, dense, firstChild: first, edgeClass, fail, match, idStart, ids: idArray}
}

/** Automata built or received, by the fingerprint of their kind, strings and ids. */
const known = new Map<string, AutomatonData>()

/** A hash of the code units themselves (as UTF-8, every lone surrogate would read as U+FFFD). */
function fingerprint(kind: AutomatonKind, strings: readonly string[], ids: readonly number[]): string {
  return createHash('sha256')
    .update(`${kind}\u0000${ids.join(',')}\u0000${strings.map((value) => value.length).join(',')}\u0000${strings.join('')}`, 'utf16le')
    .digest('hex')
}

/** The automaton of `strings` with `ids` (built, or taken from those already known). */
export function automatonOf(kind: AutomatonKind, strings: readonly string[], ids: readonly number[]): Automaton {
  const key = fingerprint(kind, strings, ids)
  let data = known.get(key)
  if (!data) known.set(key, (data = build(kind, strings, ids)))
  return new Automaton(data)
}

/** Every automaton this thread has built or received, for `rememberAutomata` in another thread. */
export function knownAutomata(): Record<string, AutomatonData> {
  return Object.fromEntries(known)
}

/** Automata another thread built (`knownAutomata`): `automatonOf` takes them instead of building them again. */
export function rememberAutomata(saved: Record<string, AutomatonData>): void {
  for (const [key, data] of Object.entries(saved)) if (!known.has(key)) known.set(key, data)
}

export class Automaton {
  private readonly classes: Classes
  private readonly width: number
  private readonly denseStates: number
  private readonly dense: Uint16Array | Uint32Array
  private readonly firstChild: Int32Array
  private readonly edgeClass: Classes
  private readonly fail: Int32Array
  private readonly match: Int32Array
  private readonly idStart: Int32Array
  private readonly ids: Int32Array
  /** Whether no string was given (every text is passed over at once). */
  readonly empty: boolean

  constructor(readonly data: AutomatonData) {
    this.classes = data.classes
    this.width = data.width
    this.denseStates = data.denseStates
    this.dense = data.dense
    this.firstChild = data.firstChild
    this.edgeClass = data.edgeClass
    this.fail = data.fail
    this.match = data.match
    this.idStart = data.idStart
    this.ids = data.ids
    this.empty = data.firstChild[0] === data.firstChild[1]
  }

  /** The state after `state` reads a code unit of class `cls` (`substrings`). */
  private next(state: number, cls: number): number {
    for (;;) {
      if (state < this.denseStates) return this.dense[state * this.width + cls]
      const child = childOf(this.firstChild, this.edgeClass, state, cls)
      if (child !== -1) return child
      state = this.fail[state]
    }
  }

  /** `substrings`: call `found(id, end)` for every occurrence of a string in `text`, `end` the index after it. */
  each(text: string, found: (id: number, end: number) => void): void {
    if (this.empty) return
    const {classes, match, fail, idStart, ids} = this
    let state = 0
    for (let index = 0; index < text.length; index++) {
      const cls = classes[text.charCodeAt(index)]
      state = cls === 0 ? 0 : this.next(state, cls)
      for (let ender = match[state]; ender > 0; ender = match[fail[ender]]) {
        for (let at = idStart[ender]; at < idStart[ender + 1]; at++) found(ids[at], index + 1)
      }
    }
  }

  /** `prefixes`: call `found(id, end)` for every string `text` starts with, `end` its length. */
  eachPrefix(text: string, found: (id: number, end: number) => void): void {
    const {classes, idStart, ids} = this
    let state = 0
    for (let index = 0; index < text.length; index++) {
      const cls = classes[text.charCodeAt(index)]
      if (cls === 0) return
      state = state < this.denseStates ? this.dense[state * this.width + cls] : childOf(this.firstChild, this.edgeClass, state, cls)
      if (state <= 0) return
      for (let at = idStart[state]; at < idStart[state + 1]; at++) found(ids[at], index + 1)
    }
  }
}
