/**
 * `franc(value, {minLength: 10})`, computed the same way but faster.
 *
 * franc scores a sample against every language model of its script, one language at a time: for
 * each distinct trigram of the sample, the distance grows by |count − rank − 1| when the model has
 * the trigram, else by 300. With some 130 Latin-script models of 300 trigrams each, that is most of
 * the time a document takes. Here each script's models are inverted once (trigram → the languages
 * that have it, with its rank), so a sample costs one map look-up per distinct trigram: every
 * language starts at `trigrams × 300`, and only the languages that have a trigram are adjusted.
 * The sums are whole numbers, so they are exact; ties go to the first language in franc's order, as
 * franc's stable sort does. The result is franc's, always (the test suite compares the two).
 */

import {data} from 'franc/data.js'
import {expressions} from 'franc/expressions.js'
import {toLanguage, UNDETERMINED, type Language} from '../language.js'

const MAX_LENGTH = 2048
const MIN_LENGTH = 10
const MAX_DIFFERENCE = 300

interface ScriptModels {
  languages: string[]
  /** Open-addressing table of the models' trigrams (as `trigramKey`s; -1 when empty). */
  keys: Float64Array
  /** For the trigram in each table slot: its entries, pairs (language index, rank), are `entries[from[slot]..from[slot + 1])`. */
  from: Int32Array
  to: Int32Array
  entries: Int32Array
  mask: number
}

const models = new Map<string, ScriptModels>()

/** A well-mixed hash of a trigram's three code units. */
function hashOf(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 0
}

function scriptModels(script: string): ScriptModels {
  let found = models.get(script)
  if (found) return found
  const languages = Object.keys(data[script])
  const lists = new Map<number, {parts: [number, number, number]; list: number[]}>()
  languages.forEach((language, languageIndex) => {
    const model = data[script][language].split('|')
    // franc keeps the first rank of a trigram listed twice.
    const seen = new Set<string>()
    for (let rank = 0; rank < model.length; rank++) {
      const trigram = model[rank]
      if (seen.has(trigram)) continue
      seen.add(trigram)
      // A sample's trigrams are three UTF-16 code units: a model entry of another length never matches.
      if (trigram.length !== 3) continue
      const parts: [number, number, number] = [trigram.charCodeAt(0), trigram.charCodeAt(1), trigram.charCodeAt(2)]
      const key = trigramKey(...parts)
      let item = lists.get(key)
      if (!item) lists.set(key, (item = {parts, list: []}))
      item.list.push(languageIndex, rank)
    }
  })
  let capacity = 16
  while (capacity < lists.size * 2) capacity *= 2
  const mask = capacity - 1
  const keys = new Float64Array(capacity).fill(-1)
  const from = new Int32Array(capacity)
  const to = new Int32Array(capacity)
  const flat: number[] = []
  for (const [key, {parts, list}] of lists) {
    let slot = hashOf(parts[0], parts[1], parts[2]) & mask
    while (keys[slot] !== -1) slot = (slot + 1) & mask
    keys[slot] = key
    from[slot] = flat.length
    flat.push(...list)
    to[slot] = flat.length
  }
  found = {languages, keys, from, to, entries: Int32Array.from(flat), mask}
  models.set(script, found)
  return found
}

const own = Object.prototype.hasOwnProperty

/** Three UTF-16 code units as one exact number (48 bits). */
function trigramKey(a: number, b: number, c: number): number {
  return a * 4294967296 + b * 65536 + c
}

/**
 * franc's script expressions, read once per character: a match is one code unit that is not a
 * surrogate, or one surrogate pair (no expression matches a lone surrogate; the test suite checks
 * this against franc). Bits by expression, in franc's order; bit 30 marks a computed entry.
 */
const scriptNames = Object.keys(expressions).filter((name) => own.call(expressions, name))
const anchored = scriptNames.map((name) => new RegExp(`^(?:${expressions[name].source})`))
const unitScripts = new Int32Array(65536)
const pairScripts = new Map<number, number>()
// Bit 30, not 31: entries stay small integers, which the engine reads without boxing them.
const COMPUTED = 1 << 30
if (scriptNames.length > 30) throw new Error(`franc has ${scriptNames.length} script expressions; the script table holds 30`)

function scriptsOf(text: string, length: number): number {
  let bits = 0
  for (let script = 0; script < anchored.length; script++) {
    const match = anchored[script].exec(text)
    if (match && match[0].length === length) bits |= 1 << script
  }
  return bits
}

/** franc's top script: the first expression with the most matches (as a share of the sample's length). */
function topScript(value: string): [string | undefined, number] {
  const counts = new Array<number>(scriptNames.length).fill(0)
  countScripts(value, counts)
  let topCount = -1
  let top: string | undefined
  for (let script = 0; script < scriptNames.length; script++) {
    const count = counts[script] / value.length || 0
    if (count > topCount) {
      topCount = count
      top = scriptNames[script]
    }
  }
  return [top, topCount]
}

/** Count the matches of each script expression in `value` into `counts`. (A loop with nothing after it: see `distancesOf`.) */
function countScripts(value: string, counts: number[]): void {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    let bits: number
    if (code < 0xd800 || code > 0xdfff) {
      bits = unitScripts[code]
      if (bits === 0) unitScripts[code] = bits = scriptsOf(value[index], 1) | COMPUTED
    } else {
      const low = value.charCodeAt(index + 1)
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) continue
      const key = code * 65536 + low
      let found = pairScripts.get(key)
      if (found === undefined) pairScripts.set(key, (found = scriptsOf(value.slice(index, index + 2), 2)))
      bits = found
      if (bits !== 0) index++
    }
    // The scripts whose bit is set (usually one or none), lowest first; bit 30 only marks the entry computed.
    for (let rest = bits & ~COMPUTED; rest !== 0; rest &= rest - 1) counts[31 - Math.clz32(rest & -rest)]++
  }
}

const removedRuns = /[\u0021-\u0040]+/g
const spaceRuns = /\s+/g

/** trigram-utils' `clean`: ASCII punctuation, digits and symbols to spaces, whitespace collapsed, trimmed, lower case. */
function cleanSample(value: string): string {
  return value.replace(removedRuns, ' ').replace(spaceRuns, ' ').trim().toLowerCase()
}

/**
 * Per code unit, whether `cleanSample` turns it into a space (white space, or ASCII punctuation,
 * digits and symbols): 1 yes, 2 no, 0 not met yet. Learnt from `cleanSample`'s own expressions the
 * first time a code unit is met.
 */
const cleanedToSpace = new Uint8Array(65536)
const removedOrSpace = new RegExp(`^(?:${removedRuns.source}|${spaceRuns.source})$`)

function isCleanedToSpace(code: number): boolean {
  let known = cleanedToSpace[code]
  if (known === 0) cleanedToSpace[code] = known = removedOrSpace.test(String.fromCharCode(code)) ? 1 : 2
  return known === 1
}

const SAMPLE_CAPACITY = 8192
const sampleKeys = new Float64Array(SAMPLE_CAPACITY)
/** Which sample a table slot was filled for: slots of earlier samples read as empty, with no clearing. */
const sampleStamps = new Int32Array(SAMPLE_CAPACITY)
let stamp = 0
const sampleCounts = new Int32Array(SAMPLE_CAPACITY)
const sampleHashes = new Uint32Array(SAMPLE_CAPACITY)
const sampleSlots = new Int32Array(SAMPLE_CAPACITY)

/**
 * The distinct trigrams of a sample and how often each occurs, as trigram-utils' `asDictionary`
 * counts them in `' ' + cleanSample(value) + ' '` (their order does not matter: distances are sums),
 * in an open-addressing table; returns how many there are (their table slots are
 * `sampleSlots[0..n)`). The cleaned sample is read as it is made, from the sample's lower case: no
 * character `cleanSample` turns into a space changes in lower case, and none becomes one. Only the
 * capital sigma lowers by its context (ς at a word's end), which the removed characters are part of:
 * a sample that holds one is cleaned first.
 */
function trigramCounts(value: string): number {
  if (++stamp === 0x7fffffff) {
    sampleStamps.fill(0)
    stamp = 1
  }
  const lower = value.includes('\u03a3') ? cleanSample(value) : value.toLowerCase()
  const counter = new TrigramCounter()
  countCleaned(lower, counter)
  counter.add(32)
  return counter.size
}

/**
 * Feed the cleaned sample of `lower` to `counter`, but for its final space. (A loop in a function of
 * its own, with nothing after it: see `distancesOf`.)
 */
function countCleaned(lower: string, counter: TrigramCounter): void {
  let space = false
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index)
    if (isCleanedToSpace(code)) {
      // Runs collapse to one space, and none is kept at the start or the end.
      space = counter.made > 1
      continue
    }
    if (space) {
      counter.add(32)
      space = false
    }
    counter.add(code)
  }
}

/** Counts the trigrams of the padded, cleaned sample into the sample table, one code unit at a time. */
class TrigramCounter {
  /** The last two code units, and how many the padded sample has so far (its leading space is one). */
  private a = 0
  private b = 32
  made = 1
  /** How many distinct trigrams the table holds. */
  size = 0

  add(c: number): void {
    const a = this.a
    const b = this.b
    this.a = b
    this.b = c
    if (this.made++ < 2) return
    const key = trigramKey(a, b, c)
    const hash = hashOf(a, b, c)
    const mask = SAMPLE_CAPACITY - 1
    let slot = hash & mask
    while (sampleStamps[slot] === stamp && sampleKeys[slot] !== key) slot = (slot + 1) & mask
    if (sampleStamps[slot] === stamp) sampleCounts[slot]++
    else {
      sampleStamps[slot] = stamp
      sampleKeys[slot] = key
      sampleCounts[slot] = 1
      sampleHashes[slot] = hash
      sampleSlots[this.size++] = slot
    }
  }
}

/** The trigrams `francLanguage` counts in a sample, with their counts (for tests). */
export function sampleTrigrams(value: string): Map<string, number> {
  const trigrams = new Map<string, number>()
  const size = trigramCounts(value)
  for (let item = 0; item < size; item++) {
    const slot = sampleSlots[item]
    const key = sampleKeys[slot]
    trigrams.set(String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536), sampleCounts[slot])
  }
  return trigrams
}

/**
 * franc's distance of the sample's `size` trigrams (from `trigramCounts`) to each language of
 * `models`: per trigram the difference of ranks, or the maximum where a language lacks it.
 *
 * The loop has a function of its own: code that V8 compiles in the middle of a long loop (on-stack
 * replacement) knows nothing yet of what follows the loop, and when that code was kept for later
 * calls, it fell back to the interpreter at that point time after time.
 */
function distancesOf(models: ScriptModels, size: number): Int32Array {
  const {languages, keys, from, to, entries, mask} = models
  // Whole numbers well inside 32 bits (at most 300 per trigram of a 2,048-character sample).
  const distances = new Int32Array(languages.length).fill(size * MAX_DIFFERENCE)
  for (let item = 0; item < size; item++) {
    const sampleSlot = sampleSlots[item]
    const key = sampleKeys[sampleSlot]
    let slot = sampleHashes[sampleSlot] & mask
    while (keys[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & mask
    if (keys[slot] === -1) continue
    const count = sampleCounts[sampleSlot]
    for (let at = from[slot]; at < to[slot]; at += 2) {
      let difference = count - entries[at + 1] - 1
      if (difference < 0) difference = -difference
      distances[entries[at]] += difference - MAX_DIFFERENCE
    }
  }
  return distances
}

/** The index of the smallest of `values` (the first of equals). */
function smallest(values: Int32Array): number {
  let best = 0
  for (let at = 1; at < values.length; at++) if (values[at] < values[best]) best = at
  return best
}

/** The language franc gives `value` (ISO 639-3, or `und`), with franc's `minLength: 10`. */
export function francLanguage(value: string): string {
  if (!value || value.length < MIN_LENGTH) return 'und'
  value = value.slice(0, MAX_LENGTH)
  const [script, share] = topScript(value)
  if (!script || !(script in data)) {
    if (!script || share === 0) return 'und'
    return script
  }
  const models = scriptModels(script)
  if (models.languages.length === 0) return 'und'
  return models.languages[smallest(distancesOf(models, trigramCounts(value)))]
}

/** `detectSampleLanguage` of `language.ts` (franc; `sco` read as English), computed with `francLanguage`. */
export function detectLanguage(sample: string): Language {
  const detected = francLanguage(sample)
  if (detected === 'und') return UNDETERMINED
  return toLanguage(detected === 'sco' ? 'eng' : detected)
}
