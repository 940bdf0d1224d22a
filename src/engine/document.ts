/**
 * The state of one document while rules run over it: its lines, their statistics, which rule claimed
 * which line, inline spans, section boundaries and the title.
 */

import type {Paragraph} from 'nlcst'
import type {Language} from '../language.js'
import {blockStats, statsOf, type BlockStats} from '../stats.js'
import {LineParse, paragraphWords, type WordSource} from '../parse.js'
import type {Line} from '../text/lines.js'
import {collapsedLength, collapseWhitespace, foldText, labelOfFolded} from '../text/normalize.js'
import {indexOf, type LineMatcher, type MatcherIndex, type MatchSource} from './matcher.js'
import {slots} from './arrays.js'
import {StatsTable} from './stats-table.js'
import {isAscii} from '../text/fold.js'
import {hasWideCharacters, oneByteCopy} from '../text/one-byte.js'
import {hashText} from '../text/hash.js'
import type {CompiledRule} from './rule.js'
import type {InputKind} from '../types.js'

/** A rule's hold on one or more lines. Lines of one claim form one removal. */
export interface Claim {
  rule: CompiledRule
  group: number
  reason: string
  features?: Record<string, string | number | boolean>
}

/** A span removed from inside a kept line. `start`/`end` are offsets into the whole text. */
export interface Span {
  line: number
  start: number
  end: number
  rule: CompiledRule
  reason: string
}

/** Claim groups are numbered across all documents and passes, so two passes' groups never merge. */
let nextGroup = 0

/** The parse of the line at a position of a document. */
export type ParseOf = (position: number) => Paragraph | LineParse | undefined

export interface DocumentInit {
  text: string
  lines: Line[]
  /**
   * Each line's parse: a paragraph node, or (the cleaner's pipeline) a `LineParse`; by position,
   * or read by position when a rule asks (the cleaner's parses stay in their arena).
   */
  paragraphs: Array<Paragraph | LineParse | undefined> | ParseOf
  language: Language
  path?: string
  url?: string
  /** What the text is, for the block classifier (default `auto`). */
  inputKind?: InputKind
  /** Explain each removal (`DocumentOptions.explain`; default true). */
  explain?: boolean
  /** What earlier passes over the same document worked out per original line, to reuse. */
  shared?: SharedLines
  /** Which parse `paragraphs` holds for unmodified lines: stats are shared between passes with the same. */
  parsedWith?: string
  /** Which pass over the document this is (1, the default, for the first). */
  pass?: number
}

/**
 * Per-line values that depend only on a line's text (and, for stats, on its paragraph), kept across
 * the passes over one document by original line index. A line a span was cut from reads
 * differently: its values are never shared.
 */
export interface SharedLines {
  /** Folded forms of up to `KEPT_FOLDED_LENGTH` characters. */
  folded: Array<string | undefined>
  /**
   * For a line whose folded form is longer (not kept): the form's hash (`hashText`) and its label's
   * length; the length is -1 until the form is first made.
   */
  longFolded: {hash: Int32Array; labelLength: Int32Array}
  /**
   * The prefilter's hits of one matcher index on each line (the slots that may match it). A line's
   * `MatchSource` is made when asked for and not kept: it holds its collapsed form, which few
   * lines need twice, and took some 90 bytes a line.
   */
  hits?: {index: MatcherIndex; lines: Array<readonly number[] | undefined>}
  /** Stats by the parse they were read from (`parsedWith`). */
  stats: Map<string, StatsTable>
  /** `lineValue`s by name (and parse). */
  values: Map<string, unknown[]>
  /** `sharedTable`s by name (and parse). */
  tables: Map<string, unknown>
  /** The slots of an index that may match some original line (a superset for every pass). */
  slotsInUse?: {index: MatcherIndex; slots: Set<number>}
  /**
   * Whether the forms kept per line are copied to one byte a character where they can be
   * (`oneByteCopy`): in a large text (`ONE_BYTE_FORMS_FROM`) that holds a character past U+00FF,
   * whose lines are two-byte strings.
   */
  oneByteForms?: boolean
}

/**
 * From this length on, a two-byte text's folded forms are kept in one byte a character where they
 * can be: they take about as much memory as the text itself. In a smaller text the copies would
 * save little and cost a copy of every line.
 */
export const ONE_BYTE_FORMS_FROM = 1 << 20

/**
 * The longest folded form kept across passes: a title's (`TITLE_MAX_CHARS`) and the lines most rules
 * are tried on (240 characters by default). A longer one is a paragraph of prose, which the matchers
 * seldom read and the repeat counts read by hash: it is made again when asked for. Kept, the forms of
 * such lines took about a byte per byte of a large document's text.
 */
export const KEPT_FOLDED_LENGTH = 250

export function createSharedLines(lines = 0): SharedLines {
  // Every field from the start: one shape for every document's table, whatever is filled first.
  const longFolded = {hash: new Int32Array(lines), labelLength: new Int32Array(lines).fill(-1)}
  return {folded: slots(lines), longFolded, stats: new Map(), values: new Map(), tables: new Map(), hits: undefined, slotsInUse: undefined, oneByteForms: undefined}
}

// Not frozen: a frozen array has elements of another kind, and loops over both kinds (for…of over
// candidate lines and hits) ran slower and allocated an iterator result per item. `readonly` keeps
// them empty.
const NO_LINES: readonly number[] = []
const NO_HITS: readonly number[] = []
/** The words of a blank line: none. */
const NO_WORDS: WordSource = {eachWord() {}}

const NO_STATS: BlockStats = Object.freeze({chars: 0, words: 0, sentences: 0, terminal: false}) as BlockStats

export class DocumentContext {
  readonly text: string
  readonly lines: Line[]
  readonly language: Language
  readonly path: string | undefined
  readonly url: string | undefined
  /** What the text is, for the block classifier. */
  readonly inputKind: InputKind
  /** Whether removals are explained: a reason in full and the features that decided (default true). */
  readonly explain: boolean
  /** Line index of the title, once decided. */
  title: number | undefined
  /** A page's headline the classifier kept above the main content: the title once the page around it is gone. */
  headline: number | undefined
  /** Whether the title may not be claimed by any rule (`--title first-line`). */
  titleProtected = false
  readonly claims: Array<Claim | undefined>
  readonly spans: Span[] = []
  /** The rules that apply to this document (set by the engine). */
  activeRules: Set<CompiledRule> | undefined
  /** Lines a credit rule matches: never a title. */
  readonly creditLines = new Set<number>()
  /** Lines where a section or tail starts: a section never runs past one. */
  readonly boundaries = new Set<number>()
  private readonly parseOf: ParseOf
  /** Caches by key: the original line index of an unmodified line (shared across passes), else `-1 - position`. */
  private readonly keys: Int32Array
  private readonly statsCache: StatsTable
  private readonly foldedCache: Array<string | undefined>
  private readonly longFolded: SharedLines['longFolded']
  private readonly local = new Map<number, {stats?: BlockStats; folded?: string; hits?: readonly number[]; hitsIndex?: MatcherIndex; values?: Map<string, unknown>}>()
  private readonly parsedWith: string
  private readonly charsCache: Int32Array
  private readonly shared: SharedLines
  private readonly pass: number

  constructor(init: DocumentInit) {
    this.text = init.text
    this.lines = init.lines
    const paragraphs = init.paragraphs
    this.parseOf = typeof paragraphs === 'function' ? paragraphs : (position) => paragraphs[position]
    this.language = init.language
    this.path = init.path
    this.url = init.url
    this.inputKind = init.inputKind ?? 'auto'
    this.explain = init.explain ?? true
    this.claims = slots(init.lines.length)
    this.charsCache = new Int32Array(init.lines.length).fill(-1)
    const shared = init.shared ?? createSharedLines()
    this.shared = shared
    this.keys = new Int32Array(init.lines.length)
    for (let position = 0; position < init.lines.length; position++) {
      const line = init.lines[position]
      this.keys[position] = init.shared && !line.modified ? line.index : -1 - position
    }
    this.parsedWith = init.parsedWith ?? ''
    this.pass = init.pass ?? 1
    let stats = shared.stats.get(init.parsedWith ?? '')
    if (!stats) shared.stats.set(init.parsedWith ?? '', (stats = new StatsTable(shared.folded.length)))
    this.statsCache = stats
    this.foldedCache = shared.folded
    this.longFolded = shared.longFolded
  }

  /** The cache entry of a modified line (never shared). */
  private localEntry(index: number) {
    let entry = this.local.get(index)
    // Every field from the start: entries filled in different orders share one shape.
    if (!entry) this.local.set(index, (entry = {stats: undefined, folded: undefined, hits: undefined, hitsIndex: undefined, values: undefined}))
    return entry
  }

  get length(): number {
    return this.lines.length
  }

  isBlank(index: number): boolean {
    return this.lines[index].blank
  }

  isClaimed(index: number): boolean {
    return this.claims[index] !== undefined
  }

  /**
   * Whether rules that judge a line by its text alone (the `line` kind) must test line `index` in
   * this pass: in the first pass every line; in a later one only a line a span was cut from. Every
   * other line reads as it did in the first pass, where each such rule either found no match in it
   * or found it taken (removed, so not here) or the protected title (protected again).
   */
  untested(index: number): boolean {
    return this.pass === 1 || this.keys[index] < 0
  }

  /** Whether a line is free: non-blank, unclaimed, and not a protected title. */
  isFree(index: number): boolean {
    return !this.lines[index].blank && this.claims[index] === undefined && !(this.titleProtected && index === this.title)
  }

  /** The NLCST paragraph of a non-blank line (built anew from a `LineParse` on each call). */
  paragraph(index: number): Paragraph | undefined {
    const parsed = this.parseOf(index)
    return parsed instanceof LineParse ? parsed.toParagraph(this.lines[index].text) : parsed
  }

  /** The start and end offsets (in the whole text) of each sentence of a non-blank line, in order. */
  sentenceSpans(index: number): Array<[number, number]> {
    const parsed = this.parseOf(index)
    if (!parsed) return []
    if (parsed instanceof LineParse) return parsed.sentenceSpans()
    const spans: Array<[number, number]> = []
    for (const child of parsed.children) {
      const position = child.type === 'SentenceNode' ? child.position : undefined
      if (position?.start.offset !== undefined && position.end.offset !== undefined) spans.push([position.start.offset, position.end.offset])
    }
    return spans
  }

  stats(index: number): BlockStats {
    const key = this.keys[index]
    let stats = key >= 0 ? this.statsCache.get(key) : this.localEntry(index).stats
    if (!stats) {
      const paragraph = this.parseOf(index)
      stats = !paragraph ? {...NO_STATS} : paragraph instanceof LineParse ? statsOf(paragraph.counts(), this.lines[index].text) : blockStats(paragraph, this.lines[index].text)
      if (key >= 0) this.statsCache.set(key, stats)
      else this.localEntry(index).stats = stats
    }
    return stats
  }

  /**
   * A value computed from a non-blank line's words and text, kept across passes like `stats`.
   * `name` must name everything else the value depends on (a language, a setting).
   */
  lineValue<T>(name: string, index: number, compute: (words: WordSource, text: string) => T): T {
    const key = this.keys[index]
    if (key < 0) {
      const entry = this.localEntry(index)
      entry.values ??= new Map()
      if (!entry.values.has(name)) entry.values.set(name, this.computeLineValue(index, compute))
      return entry.values.get(name) as T
    }
    // Called for every line in every pass: the shared table of each name is looked up once.
    let values = this.valueTables.get(name)
    if (!values) {
      const slot = `${this.parsedWith}\u0000${name}`
      values = this.shared.values.get(slot)
      if (!values) this.shared.values.set(slot, (values = slots(this.shared.folded.length)))
      this.valueTables.set(name, values)
    }
    let value = values[key] as T | undefined
    if (value === undefined) values[key] = value = this.computeLineValue(index, compute)
    return value
  }

  private readonly valueTables = new Map<string, unknown[]>()

  /**
   * A table of the caller's own, one per document and `name` (which must name everything its
   * contents depend on, as for `lineValue`), made by `create` with room for every original line:
   * for values kept across passes in typed arrays rather than one object per line. Its rows are
   * found by `sharedKey`.
   */
  sharedTable<T>(name: string, create: (lines: number) => T): T {
    const slot = `${this.parsedWith}\u0000${name}`
    let table = this.shared.tables.get(slot) as T | undefined
    if (table === undefined) this.shared.tables.set(slot, (table = create(this.shared.folded.length)))
    return table
  }

  /**
   * Where line `index`'s values are kept in a `sharedTable`: its original line's index, or -1 for a
   * line that a pass changed (whose values hold for that pass only, and are not kept).
   */
  sharedKey(index: number): number {
    const key = this.keys[index]
    return key >= 0 ? key : -1
  }

  /** `compute` called with line `index`'s words and text (what `lineValue` keeps). */
  withWords<T>(index: number, compute: (words: WordSource, text: string) => T): T {
    return this.computeLineValue(index, compute)
  }

  private computeLineValue<T>(index: number, compute: (words: WordSource, text: string) => T): T {
    const parsed = this.parseOf(index)
    const words: WordSource = parsed === undefined ? NO_WORDS : parsed instanceof LineParse ? parsed : paragraphWords(parsed)
    return compute(words, this.lines[index].text)
  }

  /** `stats(index).chars` (the trimmed length; 0 for a blank line) without reading the paragraph. */
  chars(index: number): number {
    let chars = this.charsCache[index]
    if (chars < 0) {
      const line = this.lines[index]
      chars = line.blank ? 0 : line.text.trim().length
      this.charsCache[index] = chars
    }
    return chars
  }

  /**
   * The line case-folded with whitespace collapsed. Kept across passes up to `KEPT_FOLDED_LENGTH`
   * characters (a modified line's for its pass, whatever its length); a longer one is made on each
   * call, and its hash and its label's length are kept.
   */
  folded(index: number, collapsed?: string): string {
    const key = this.keys[index]
    let value = key >= 0 ? this.foldedCache[key] : this.localEntry(index).folded
    if (value !== undefined) return value
    // When the line's collapsed form is ASCII, its normal form is that in lower case (the test
    // suite checks this): given it, the line is not collapsed a second time.
    value = collapsed !== undefined && isAscii(collapsed) ? collapsed.toLowerCase() : foldText(this.lines[index].text)
    if (key >= 0 && value.length > KEPT_FOLDED_LENGTH) {
      if (this.longFolded.labelLength[key] < 0) {
        this.longFolded.hash[key] = hashText(value)
        this.longFolded.labelLength[key] = labelOfFolded(value).length
      }
      return value
    }
    if ((this.shared.oneByteForms ??= this.text.length >= ONE_BYTE_FORMS_FROM && hasWideCharacters(this.text))) value = oneByteCopy(value)
    if (key >= 0) this.foldedCache[key] = value
    else this.localEntry(index).folded = value
    return value
  }

  /**
   * `folded`, with decorative punctuation stripped from both ends. Made from the folded form on each
   * call, not kept: it is that form or a slice of it, found by looking at its ends, and a table of
   * them took a slot and a slice per line.
   */
  label(index: number): string {
    return labelOfFolded(this.folded(index))
  }

  /** `label(index).length`, without making a long folded form again. */
  labelLength(index: number): number {
    const key = this.keys[index]
    if (key < 0) return this.label(index).length
    // Made once, the form is kept or its label's length noted.
    if (this.foldedCache[key] === undefined && this.longFolded.labelLength[key] < 0) this.folded(index)
    return this.foldedCache[key] === undefined ? this.longFolded.labelLength[key] : this.label(index).length
  }

  /**
   * A key of the line's folded form: the form itself when it is up to `KEPT_FOLDED_LENGTH` long,
   * else its hash. Lines that read the same have the same key; two long forms with the same key may
   * still differ (`sameLongForm` tells).
   */
  private foldedKey(index: number): string | number {
    const key = this.keys[index]
    if (key >= 0 && this.longFolded.labelLength[key] >= 0) return this.longFolded.hash[key]
    const value = this.folded(index)
    if (value.length <= KEPT_FOLDED_LENGTH) return value
    return key >= 0 ? this.longFolded.hash[key] : hashText(value)
  }

  /** Whether two lines whose long folded forms hash alike read the same: the same text does at once. */
  private sameLongForm(a: number, b: number): boolean {
    return this.lines[a].text === this.lines[b].text || this.folded(a) === this.folded(b)
  }

  /**
   * For each of `positions` (lines), where in `positions` the first line that reads the same
   * (the same folded form) is: its own place for the first of its kind.
   */
  firstSame(positions: readonly number[]): Int32Array {
    const first = new Int32Array(positions.length)
    // By key: the first line of its form (a kept form), or the first line of each form with that hash.
    const firsts = new Map<string | number, number | number[]>()
    for (let at = 0; at < positions.length; at++) {
      const key = this.foldedKey(positions[at])
      const known = firsts.get(key)
      if (known === undefined) {
        firsts.set(key, typeof key === 'string' ? at : [at])
        first[at] = at
      } else if (typeof known === 'number') first[at] = known
      else {
        let found = known.find((earlier) => this.sameLongForm(positions[earlier], positions[at]))
        if (found === undefined) known.push((found = at))
        first[at] = found
      }
    }
    return first
  }

  /**
   * The lines' match sources asked for in this pass. Not kept across passes: a source holds its
   * collapsed form (some 90 bytes a line), and most lines are never asked for one. A rule the
   * prefilter cannot rule out (a pattern without a literal) asks for every line's; a hundred such
   * rules made each line's a hundred times.
   */
  private readonly sources = new Map<number, MatchSource>()

  /**
   * The forms of a line that matchers compare against, made once per pass (the folded form is kept
   * across passes); with the prefilter's hits on it when they are known.
   */
  matchSource(index: number): MatchSource {
    const kept = this.sources.get(index)
    if (kept) return kept
    const source = this.makeMatchSource(index)
    this.sources.set(index, source)
    return source
  }

  private makeMatchSource(index: number): MatchSource {
    const text = this.lines[index].text
    const collapsed = collapseWhitespace(text)
    const folded = this.folded(index, collapsed)
    const source: MatchSource = {text, collapsed, folded, label: labelOfFolded(folded), hits: undefined, hitsIndex: undefined}
    const key = this.keys[index]
    if (key < 0) {
      const entry = this.localEntry(index)
      source.hits = entry.hits
      source.hitsIndex = entry.hitsIndex
    } else if (this.shared.hits) {
      const hits = this.shared.hits.lines[key]
      if (hits) {
        source.hits = hits
        source.hitsIndex = this.shared.hits.index
      }
    }
    return source
  }

  /** The prefilter's hits of `matchers` on line `index`, kept per line (across passes for an unmodified line). */
  private hitsOf(index: number, matchers: MatcherIndex): readonly number[] {
    const key = this.keys[index]
    if (key < 0) {
      const entry = this.localEntry(index)
      if (entry.hitsIndex !== matchers || !entry.hits) {
        entry.hits = this.computeHits(index, matchers)
        entry.hitsIndex = matchers
      }
      return entry.hits
    }
    let table = this.shared.hits
    if (table?.index !== matchers) this.shared.hits = table = {index: matchers, lines: slots(this.foldedCache.length)}
    let hits = table.lines[key]
    if (!hits) table.lines[key] = hits = this.computeHits(index, matchers)
    return hits
  }

  private computeHits(index: number, matchers: MatcherIndex): readonly number[] {
    // A line longer than any indexed matcher is tried on can match none: its forms are not made.
    const longest = matchers.longest
    const tooLong = this.chars(index) > longest && collapsedLength(this.lines[index].text) > longest
    if (tooLong) return NO_HITS
    const text = this.lines[index].text
    const collapsed = collapseWhitespace(text)
    const folded = this.folded(index, collapsed)
    return matchers.hits({text, collapsed, folded, label: labelOfFolded(folded), hits: undefined, hitsIndex: undefined})
  }

  /** Whether `matcher` may match line `index`, by its index's prefilter (kept per line). */
  mayMatch(index: number, matcher: LineMatcher): boolean {
    const indexed = indexOf(matcher)
    return indexed ? this.mayMatchIndexed(index, indexed) : true
  }

  private mayMatchIndexed(index: number, indexed: {index: MatcherIndex; slot: number}): boolean {
    const hits = this.hitsOf(index, indexed.index)
    return hits.length > 0 && hits.includes(indexed.slot)
  }

  private linesBySlot: {index: MatcherIndex; lines: Map<number, number[]>} | undefined
  private allLines: number[] | undefined

  /**
   * The positions of the lines `matcher` may match by its index's prefilter, in order: every line
   * when the matcher is not indexed. Kinds loop over these instead of asking every line.
   */
  candidateLines(matcher: LineMatcher | undefined): readonly number[] {
    const indexed = matcher ? indexOf(matcher) : undefined
    if (!indexed) {
      if (!this.allLines) this.allLines = Array.from({length: this.lines.length}, (_, index) => index)
      return this.allLines
    }
    if (this.linesBySlot?.index !== indexed.index) {
      const lines = new Map<number, number[]>()
      for (let index = 0; index < this.lines.length; index++) {
        if (this.lines[index].blank) continue
        for (const slot of this.hitsOf(index, indexed.index)) {
          const list = lines.get(slot)
          if (!list) lines.set(slot, [index])
          else if (list[list.length - 1] !== index) list.push(index)
        }
      }
      this.linesBySlot = {index: indexed.index, lines}
    }
    return this.linesBySlot.lines.get(indexed.slot) ?? NO_LINES
  }

  /**
   * The slots of `matchers` that may match some line of the document (by its prefilter): a rule
   * whose matcher is not among them matches no line.
   */
  slotsInUse(matchers: MatcherIndex): Set<number> {
    const lineHits = (index: number) => this.hitsOf(index, matchers)
    // Unmodified lines, as the first pass reads them (every non-blank line: later passes read a
    // subset): one union for every pass.
    if (this.shared.slotsInUse?.index !== matchers) {
      const used = new Set<number>()
      for (let index = 0; index < this.lines.length; index++) if (this.keys[index] >= 0) for (const slot of lineHits(index)) used.add(slot)
      this.shared.slotsInUse = {index: matchers, slots: used}
    }
    const shared = this.shared.slotsInUse.slots
    let used = shared
    // Lines a span was cut from read differently: their own hits.
    for (let index = 0; index < this.lines.length; index++) {
      if (this.keys[index] >= 0) continue
      for (const slot of lineHits(index)) {
        if (used.has(slot)) continue
        if (used === shared) used = new Set(shared)
        used.add(slot)
      }
    }
    return used
  }

  /** Whether two lines read the same (case, whitespace and look-alike letters aside). */
  same(a: number, b: number): boolean {
    if (a < 0 || b < 0 || a >= this.lines.length || b >= this.lines.length) return false
    if (this.lines[a].blank || this.lines[b].blank) return false
    const key = this.foldedKey(a)
    return key === this.foldedKey(b) && (typeof key === 'string' || this.sameLongForm(a, b))
  }

  private nonBlankCache: number[] | undefined

  /** Positions of the non-blank lines, in order. */
  nonBlankLines(): readonly number[] {
    if (!this.nonBlankCache) {
      this.nonBlankCache = []
      for (let index = 0; index < this.lines.length; index++) if (!this.lines[index].blank) this.nonBlankCache.push(index)
    }
    return this.nonBlankCache
  }

  /** The next non-blank line after `index`, or -1. */
  nextNonBlank(index: number): number {
    for (let i = index + 1; i < this.lines.length; i++) if (!this.lines[i].blank) return i
    return -1
  }

  /** The last line of the run of non-blank lines that contains `index`. */
  blockEnd(index: number): number {
    let end = index
    while (end + 1 < this.lines.length && !this.lines[end + 1].blank) end++
    return end
  }

  /**
   * Claim the free lines from `from` to `to` (inclusive) for `rule` as one removal.
   * Lines already claimed keep their claim. Returns how many lines were claimed.
   */
  claim(from: number, to: number, rule: CompiledRule, reason: string, features?: Claim['features']): number {
    const group = nextGroup++
    // One object for all the lines of the claim (claims are only read): a section, a tail or a
    // hard-wrapped paragraph claims many lines at once.
    let claim: Claim | undefined
    let count = 0
    for (let index = from; index <= to; index++) {
      if (!this.isFree(index)) continue
      this.claims[index] = claim ??= features ? {rule, group, reason, features} : {rule, group, reason}
      count++
    }
    return count
  }

  /** Remove a span inside a line. */
  addSpan(span: Span): void {
    this.spans.push(span)
  }
}
