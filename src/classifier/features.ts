/**
 * What the classifier knows about a block (a line, or a hard-wrapped paragraph): computed from its
 * lines' words and sentences (their NLCST parse) and its text, without any phrase list.
 */

export interface BlockFeatures {
  /** Characters (trimmed); CJK characters count three times, as they carry a word's worth each. */
  length: number
  words: number
  sentences: number
  /** Ends with sentence-final punctuation. */
  terminal: boolean
  /** Share of words that are stopwords of the document's language (undefined without a list). */
  stopwords: number | undefined
  /** Share of words that start with a capital letter. */
  capitals: number
  /** Share of characters that are digits. */
  digits: number
  /** URLs, e-mail addresses, @handles and #hashtags. */
  links: number
  /** Menu separators between items: | » • · › / ▸ ► – at word boundaries. */
  separators: number
  /** Looks like a copyright line, a date or time alone, or a byline. */
  shape: 'copyright' | 'date' | 'byline' | undefined
  /** How often the same line (case and whitespace aside) occurs in the document. */
  repeats: number
  /** Characters of the text (its lines trimmed and joined with one space), CJK counted once. */
  chars: number
  /** Letters, upper-case letters and punctuation marks in the text (`characterCounts`). */
  letters: number
  upper: number
  punctuation: number
  /** The text starts with a list mark (`-`, `•`, `»`, `#` …). */
  startsWithMark: boolean
  /** The text ends with a colon. */
  endsWithColon: boolean
}

const cjkExpression = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const linkExpression = /(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<![\w@])[@#][\p{L}\d_]{2,}/gu
const separatorExpression = /(?:^|\s)(?:\||»|•|·|›|\/|▸|►|>)(?=\s|$)/gu
/** The characters beyond ASCII that `separatorExpression` separates with (`|`, `/` and `>` are checked as ASCII). */
const separatorCharacters = new Set([...'»•·›▸►'].map((character) => character.charCodeAt(0)))

/**
 * What a code unit beyond ASCII is for the counts, learnt from the expressions the first time it is
 * met: a character `cjkExpression` matches, a separator. A surrogate says nothing alone: a line with
 * one is counted by the expression.
 */
const KNOWN = 1
const CJK = 2
const SEPARATOR = 4
const SURROGATE = 8
const LETTER = 16
const UPPER = 32
const PUNCTUATION = 64
/** An ASCII digit (the digit share counts only those). */
const DIGIT = 128
const unitKinds = new Uint8Array(65536)
const cjkCharacter = new RegExp(`^${cjkExpression.source}$`, 'u')

/** Whether a character is a letter, an upper-case letter, a punctuation mark (`\p{L}`, `\p{Lu}`, `\p{P}`). */
function letterKind(character: string): number {
  return (/\p{L}/u.test(character) ? LETTER : 0) | (/\p{Lu}/u.test(character) ? UPPER : 0) | (/\p{P}/u.test(character) ? PUNCTUATION : 0)
}

function learnUnitKind(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return (unitKinds[code] = KNOWN | SURROGATE)
  const character = String.fromCharCode(code)
  return (unitKinds[code] = KNOWN | (cjkCharacter.test(character) ? CJK : 0) | (separatorCharacters.has(code) ? SEPARATOR : 0) | letterKind(character))
}

// ASCII is known from the start: `|`, `/` and `>` separate menu items, and digits are counted.
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code)
  unitKinds[code] = KNOWN | (code === 0x7c || code === 0x2f || code === 0x3e ? SEPARATOR : 0) | (code >= 48 && code <= 57 ? DIGIT : 0) | letterKind(character)
}

/** Letters, upper-case letters and punctuation marks in `text` (as `/\p{L}/gu`, `/\p{Lu}/gu`, `/\p{P}/gu` count them). */
export function characterCounts(text: string): {letters: number; upper: number; punctuation: number} {
  let letters = 0
  let upper = 0
  let punctuation = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    let kind = unitKinds[code] || learnUnitKind(code)
    // A surrogate is no character of its own: a pair is classed as the character it makes.
    if (kind & SURROGATE) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        kind = letterKind(text.slice(index, index + 2))
        index++
      } else kind = 0
    }
    letters += (kind & LETTER) >> 4
    upper += (kind & UPPER) >> 5
    punctuation += (kind & PUNCTUATION) >> 6
  }
  return {letters, upper, punctuation}
}
const copyrightExpression = /^(?:©|\(c\)|copyright\b)|\u00A9\s*\d{4}/iu
const dateOnlyExpression =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})(?:[,\s]+(?:at\s+|um\s+|à\s+|alle\s+|-\s*)?\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|uhr|h|gmt|utc|cet|est|et|pt|[+-]\d{2}:?\d{2}))?)?$|^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h))?$|^(?:updated|published|posted|aktualisiert|veröffentlicht|publié|publicado|pubblicato)\b.{0,40}\d.{0,40}$|^(?:vor\s+|il y a\s+|hace\s+)?\d+\s*(?:s|sec|secs|seconds|m|min|mins|minutes|h|hr|hrs|hours|d|days?|weeks?|months?|years?|std|stunden|tagen?|minuten|wochen|heures?|jours?|horas?|días?)\.?(?:\s+(?:ago|read|lesezeit))?(?:\s+(?:at|um|à|a las)\s+\d{1,2}[:.]\d{2}(?:\s*(?:am|pm))?)?(?:\s+\d{1,2}[:.]\d{2})?$/iu
const bylineExpression = /^(?:by|von|par|por|di|door|av|autor|author|written by|text|texte)\s*:?\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}(?:\s*(?:,|and|und|et|y|e|&)\s*[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3})?$/u

/**
 * What the classifier counts in one line. A block's features are the sums over its lines (lines of
 * a block are joined with one space, which no count here can see across), so each line is counted
 * once per document, not once per pass.
 */
export interface LineTally {
  /** Characters, trimmed. */
  chars: number
  cjk: number
  digits: number
  links: number
  separators: number
  words: number
  /** Words that are stopwords. */
  stop: number
  /** Words that start with a capital letter. */
  capitals: number
  /** Sentences with at least one word. */
  sentences: number
  /** Letters, upper-case letters and punctuation marks (`characterCounts`). */
  letters: number
  upper: number
  punctuation: number
}

import {LineParse, type WordSource} from '../parse.js'
import {isAscii} from '../text/fold.js'

const upperExpression = /^\p{Lu}/u

/** Whether the word of `text` from `start` to `end` starts with a capital letter. */
function startsWithCapital(text: string, start: number, end: number): boolean {
  if (start >= end) return false
  const code = text.charCodeAt(start)
  if (code < 128) return code >= 65 && code <= 90
  return upperExpression.test(text.slice(start, end))
}

/**
 * The ASCII words of a stopword list in an open-addressing table, so that a word of ASCII letters is
 * looked up where it stands in its line (lower-cased as it is read) instead of as a new string.
 */
class AsciiWords {
  private readonly words: Array<string | undefined>
  private readonly hashes: Int32Array
  private readonly mask: number

  constructor(list: Iterable<string>) {
    const ascii = [...list].filter(isAscii)
    let capacity = 16
    while (capacity < ascii.length * 2) capacity *= 2
    this.mask = capacity - 1
    this.words = new Array<string | undefined>(capacity).fill(undefined)
    this.hashes = new Int32Array(capacity)
    for (const word of ascii) {
      const hash = AsciiWords.hash(word, 0, word.length)
      let slot = hash & this.mask
      while (this.words[slot] !== undefined && this.words[slot] !== word) slot = (slot + 1) & this.mask
      this.words[slot] = word
      this.hashes[slot] = hash
    }
  }

  /** The hash of `text` from `start` to `end`, ASCII capitals read as small letters; -1 when a character is not ASCII. */
  static hash(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5
    for (let index = start; index < end; index++) {
      let code = text.charCodeAt(index)
      if (code >= 128) return -1
      if (code >= 65 && code <= 90) code += 32
      hash = Math.imul(hash ^ code, 0x01000193)
    }
    return hash & 0x7fffffff
  }

  /** Whether `text` from `start` to `end`, lower-cased, is in the list; undefined when it is not all ASCII. */
  has(text: string, start: number, end: number): boolean | undefined {
    const hash = AsciiWords.hash(text, start, end)
    if (hash === -1) return undefined
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const word = this.words[slot]
      if (word === undefined) return false
      if (this.hashes[slot] === hash && word.length === end - start && equalsLowered(word, text, start)) return true
    }
  }
}

/** Whether `word` (small letters) is `text` from `start` on, ASCII capitals read as small letters. */
function equalsLowered(word: string, text: string, start: number): boolean {
  for (let index = 0; index < word.length; index++) {
    let code = text.charCodeAt(start + index)
    if (code >= 65 && code <= 90) code += 32
    if (code !== word.charCodeAt(index)) return false
  }
  return true
}

const asciiWords = new WeakMap<Set<string>, AsciiWords>()

/** What `countWord` counts into: the line being counted, its tally and its stopwords. */
interface WordCount {
  tally: LineTally
  table: AsciiWords | undefined
  stopwords: Set<string> | undefined
  line: string
}

/** Count the word of `count.line` from `start` to `end`: no string per word unless it has a character beyond ASCII. */
function countWord(count: WordCount, start: number, end: number): void {
  const {tally, table, line} = count
  tally.words++
  if (table) {
    const found = table.has(line, start, end)
    if (found === undefined ? count.stopwords!.has(line.slice(start, end).toLowerCase()) : found) tally.stop++
  }
  if (startsWithCapital(line, start, end)) tally.capitals++
}

/** Count one line: its text, and its words through `source`. */
export function lineTally(source: WordSource, text: string, stopwords: Set<string> | undefined): LineTally {
  const tally: LineTally = {chars: 0, cjk: 0, digits: 0, links: 0, separators: 0, words: 0, stop: 0, capitals: 0, sentences: 0, letters: 0, upper: 0, punctuation: 0}
  let table: AsciiWords | undefined
  if (stopwords) {
    table = asciiWords.get(stopwords)
    if (!table) asciiWords.set(stopwords, (table = new AsciiWords(stopwords)))
  }
  const count: WordCount = {tally, table, stopwords, line: text}
  // A compact parse is read where its numbers stand, with no closure per line (this runs for every line).
  if (source instanceof LineParse) tally.sentences = source.eachWordSpanOf(count, countWord)
  else
    source.eachWord(
      text,
      (value) => {
        count.line = value
        countWord(count, 0, value.length)
      },
      (words) => {
        if (words > 0) tally.sentences++
      }
    )
  const trimmed = text.trim()
  tally.chars = trimmed.length
  const found = countUnits(trimmed, tally)
  // Han has characters beyond the BMP, written as surrogate pairs: the expression counts those
  // lines, and their letters are counted pair by pair.
  if (found & SURROGATE) {
    tally.cjk = trimmed.match(cjkExpression)?.length ?? 0
    Object.assign(tally, characterCounts(trimmed))
  }
  if (mayHaveLinks(trimmed)) tally.links = trimmed.match(linkExpression)?.length ?? 0
  // The expression needs one of the separator characters: most lines have none.
  if (found & SEPARATOR) tally.separators = trimmed.match(separatorExpression)?.length ?? 0
  return tally
}

/**
 * Count the digits, CJK characters, letters, upper-case letters and punctuation marks of `text`
 * into `tally`; returns whether it has surrogates and separator characters (the `SURROGATE` and
 * `SEPARATOR` bits). A function of its own, with nothing after the loop but its answer: V8
 * compiles a long loop in the middle of its function (on-stack replacement), before the code after
 * the loop ever ran, and such code, kept for later calls, fell back to the interpreter there time
 * after time.
 */
function countUnits(text: string, tally: LineTally): number {
  let found = 0
  let digits = 0
  let cjk = 0
  let letters = 0
  let upper = 0
  let punctuation = 0
  // Added, not tested: letters and spaces alternate too often for a branch to be guessed right.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const kind = unitKinds[code] || learnUnitKind(code)
    found |= kind
    digits += kind >> 7
    cjk += (kind & CJK) >> 1
    letters += (kind & LETTER) >> 4
    upper += (kind & UPPER) >> 5
    punctuation += (kind & PUNCTUATION) >> 6
  }
  tally.digits = digits
  tally.cjk = cjk
  tally.letters = letters
  tally.upper = upper
  tally.punctuation = punctuation
  return found & (SEPARATOR | SURROGATE)
}

/** Whether a text has the characters a link, address, handle or hashtag needs. */
function mayHaveLinks(text: string): boolean {
  return text.includes('@') || text.includes('#') || text.includes('://') || text.includes('www.')
}

const copyrightStart = /^(?:\(c\)|copyright)/iu

/** `copyrightExpression.test`, with the cheap tests its two branches need first (most blocks have no ©). */
function isCopyright(text: string): boolean {
  return (text.includes('\u00A9') || copyrightStart.test(text)) && copyrightExpression.test(text)
}

/** Whether a text ends with sentence-final punctuation, closing quotes and brackets allowed after it. */
export function endsLikeProse(text: string): boolean {
  let end = text.length
  while (end > 0 && closers.has(text[end - 1])) end--
  return end > 0 && terminals.has(text[end - 1])
}

const terminals = new Set(['.', '!', '?', '…', '。', '！', '？'])
/** The list marks a block may start with. */
const marks = new Set([...'-–—•·*►▸›»>|/+#'].map((character) => character.charCodeAt(0)))
const closers = new Set(['"', "'", '”', '’', '»', '«', ')', ']'])

/**
 * A block shaped like a sentence of prose: it ends like a sentence and has a dozen words or more.
 * The shape alone, whatever the language: a second run over a cleaned text may read it in another
 * language (a text of several), and what depends on this must not move with that.
 */
export function isSentenceShaped(features: Pick<BlockFeatures, 'terminal' | 'words'>): boolean {
  return features.terminal && features.words >= 12
}

/**
 * Features of a block: the tallies of its lines (one, or a hard-wrapped paragraph's) and its text
 * (the lines trimmed and joined with one space).
 */
export function blockFeatures(tallies: readonly LineTally[], text: string, stopwords: Set<string> | undefined, repeats: number): BlockFeatures {
  const sum = emptySum(tallies.length)
  for (const tally of tallies) addTally(sum, tally)
  return featuresOfSum(sum, text, stopwords, repeats)
}

/**
 * The tally a block of `lines` lines starts its sum from: no counts, and the spaces that join its
 * lines in its text among its characters.
 */
export function emptySum(lines: number): LineTally {
  return {chars: lines - 1, cjk: 0, digits: 0, links: 0, separators: 0, words: 0, stop: 0, capitals: 0, sentences: 0, letters: 0, upper: 0, punctuation: 0}
}

/** Add a line's tally into a block's sum. */
export function addTally(sum: LineTally, tally: LineTally): void {
  sum.letters += tally.letters
  sum.upper += tally.upper
  sum.punctuation += tally.punctuation
  sum.chars += tally.chars
  sum.cjk += tally.cjk
  sum.digits += tally.digits
  sum.links += tally.links
  sum.separators += tally.separators
  sum.words += tally.words
  sum.stop += tally.stop
  sum.capitals += tally.capitals
  sum.sentences += tally.sentences
}

/** The shapes `BlockFeatures.shape` names, by their code in a `FeatureTable` (0: none). */
const SHAPES = [undefined, 'copyright', 'date', 'byline'] as const
const TERMINAL = 1
const STARTS_WITH_MARK = 2
const ENDS_WITH_COLON = 4
/** The shape's code sits above the three flags. */
const SHAPE_SHIFT = 3
/** Whole-number features per block in `FeatureTable.counts`, and the shares per block in `FeatureTable.shares`. */
const COUNTS = 10
const SHARES = 3

/**
 * The features of a document's blocks, in typed arrays: a block's ten counts side by side, its
 * three shares (the stopword share NaN where there is none), and its flags and shape in one byte.
 * A large document has a hundred thousand blocks and more in each pass; as one object of 17
 * properties each (the shares boxed), they took about 210 bytes a block, and here 65 with the
 * block's view (`TableFeatures`) 105.
 */
export class FeatureTable {
  readonly counts: Int32Array
  readonly shares: Float64Array
  readonly flags: Uint8Array

  constructor(readonly size: number) {
    this.counts = new Int32Array(size * COUNTS)
    this.shares = new Float64Array(size * SHARES)
    this.flags = new Uint8Array(size)
  }
}

/** One block's features read from its row of a `FeatureTable`. */
class TableFeatures implements BlockFeatures {
  constructor(
    private readonly table: FeatureTable,
    private readonly row: number
  ) {}

  get length(): number {
    return this.table.counts[this.row * COUNTS]
  }

  get words(): number {
    return this.table.counts[this.row * COUNTS + 1]
  }

  get sentences(): number {
    return this.table.counts[this.row * COUNTS + 2]
  }

  get links(): number {
    return this.table.counts[this.row * COUNTS + 3]
  }

  get separators(): number {
    return this.table.counts[this.row * COUNTS + 4]
  }

  get repeats(): number {
    return this.table.counts[this.row * COUNTS + 5]
  }

  get chars(): number {
    return this.table.counts[this.row * COUNTS + 6]
  }

  get letters(): number {
    return this.table.counts[this.row * COUNTS + 7]
  }

  get upper(): number {
    return this.table.counts[this.row * COUNTS + 8]
  }

  get punctuation(): number {
    return this.table.counts[this.row * COUNTS + 9]
  }

  get stopwords(): number | undefined {
    const share = this.table.shares[this.row * SHARES]
    return share === share ? share : undefined
  }

  /** The classifier drops every block's share where the document's stopword list barely matches. */
  set stopwords(share: number | undefined) {
    this.table.shares[this.row * SHARES] = share ?? Number.NaN
  }

  get capitals(): number {
    return this.table.shares[this.row * SHARES + 1]
  }

  get digits(): number {
    return this.table.shares[this.row * SHARES + 2]
  }

  get terminal(): boolean {
    return (this.table.flags[this.row] & TERMINAL) !== 0
  }

  get startsWithMark(): boolean {
    return (this.table.flags[this.row] & STARTS_WITH_MARK) !== 0
  }

  get endsWithColon(): boolean {
    return (this.table.flags[this.row] & ENDS_WITH_COLON) !== 0
  }

  get shape(): BlockFeatures['shape'] {
    return SHAPES[this.table.flags[this.row] >> SHAPE_SHIFT]
  }
}

/**
 * `blockFeatures` from the sum of the block's tallies (`emptySum`, `addTally`), written into row
 * `row` of `table` (by default a table of its own) and read from there.
 */
export function featuresOfSum(sum: LineTally, text: string, stopwords: Set<string> | undefined, repeats: number, table = new FeatureTable(1), row = 0): BlockFeatures {
  const trimmed = text
  const shape = isCopyright(trimmed) ? 1 : trimmed.length <= 60 && dateOnlyExpression.test(trimmed) ? 2 : trimmed.length <= 80 && bylineExpression.test(trimmed) ? 3 : 0
  const {counts, shares, flags} = table
  const at = row * COUNTS
  counts[at] = sum.chars + 2 * sum.cjk
  counts[at + 1] = sum.words
  counts[at + 2] = sum.sentences
  counts[at + 3] = sum.links
  counts[at + 4] = sum.separators
  counts[at + 5] = repeats
  counts[at + 6] = sum.chars
  counts[at + 7] = sum.letters
  counts[at + 8] = sum.upper
  counts[at + 9] = sum.punctuation
  shares[row * SHARES] = stopwords && sum.words > 0 ? sum.stop / sum.words : Number.NaN
  shares[row * SHARES + 1] = sum.words > 0 ? sum.capitals / sum.words : 0
  shares[row * SHARES + 2] = sum.chars > 0 ? sum.digits / sum.chars : 0
  flags[row] =
    (endsLikeProse(trimmed) ? TERMINAL : 0) |
    (marks.has(trimmed.charCodeAt(0)) ? STARTS_WITH_MARK : 0) |
    (trimmed.endsWith(':') || trimmed.endsWith('：') ? ENDS_WITH_COLON : 0) |
    (shape << SHAPE_SHIFT)
  return new TableFeatures(table, row)
}
