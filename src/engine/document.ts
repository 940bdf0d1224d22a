/**
 * The state of one document while rules run over it: its lines, their statistics, which rule claimed
 * which line, inline spans, section boundaries and the title.
 */

import type {Paragraph} from 'nlcst'
import type {Language} from '../language.js'
import {blockStats, type BlockStats} from '../stats.js'
import type {Line} from '../text/lines.js'
import {collapseWhitespace, foldText, normalizeLabel} from '../text/normalize.js'
import type {MatchSource} from './matcher.js'
import type {CompiledRule} from './rule.js'

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

export interface DocumentInit {
  text: string
  lines: Line[]
  paragraphs: Array<Paragraph | undefined>
  language: Language
  path?: string
  url?: string
}

export class DocumentContext {
  readonly text: string
  readonly lines: Line[]
  readonly language: Language
  readonly path: string | undefined
  readonly url: string | undefined
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
  private readonly paragraphs: Array<Paragraph | undefined>
  private readonly statsCache: Array<BlockStats | undefined>
  private readonly foldedCache: Array<string | undefined>
  private readonly labelCache: Array<string | undefined>
  private readonly sourceCache: Array<MatchSource | undefined>

  constructor(init: DocumentInit) {
    this.text = init.text
    this.lines = init.lines
    this.paragraphs = init.paragraphs
    this.language = init.language
    this.path = init.path
    this.url = init.url
    this.claims = new Array(init.lines.length)
    this.statsCache = new Array(init.lines.length)
    this.foldedCache = new Array(init.lines.length)
    this.labelCache = new Array(init.lines.length)
    this.sourceCache = new Array(init.lines.length)
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

  /** Whether a line is free: non-blank, unclaimed, and not a protected title. */
  isFree(index: number): boolean {
    return !this.lines[index].blank && this.claims[index] === undefined && !(this.titleProtected && index === this.title)
  }

  /** The NLCST paragraph of a non-blank line. */
  paragraph(index: number): Paragraph | undefined {
    return this.paragraphs[index]
  }

  stats(index: number): BlockStats {
    let stats = this.statsCache[index]
    if (!stats) {
      const paragraph = this.paragraphs[index]
      stats = paragraph
        ? blockStats(paragraph, this.lines[index].text)
        : {chars: 0, words: 0, sentences: 0, terminal: false}
      this.statsCache[index] = stats
    }
    return stats
  }

  /** The line case-folded with whitespace collapsed. */
  folded(index: number): string {
    let value = this.foldedCache[index]
    if (value === undefined) {
      value = foldText(this.lines[index].text)
      this.foldedCache[index] = value
    }
    return value
  }

  /** `folded`, with decorative punctuation stripped from both ends. */
  label(index: number): string {
    let value = this.labelCache[index]
    if (value === undefined) {
      value = normalizeLabel(this.lines[index].text)
      this.labelCache[index] = value
    }
    return value
  }

  /** The forms of a line that matchers compare against, computed once per line. */
  matchSource(index: number): MatchSource {
    let source = this.sourceCache[index]
    if (!source) {
      const text = this.lines[index].text
      source = {text, collapsed: collapseWhitespace(text), folded: this.folded(index), label: this.label(index)}
      this.sourceCache[index] = source
    }
    return source
  }

  /** Whether two lines read the same (case, whitespace and look-alike letters aside). */
  same(a: number, b: number): boolean {
    if (a < 0 || b < 0 || a >= this.lines.length || b >= this.lines.length) return false
    if (this.lines[a].blank || this.lines[b].blank) return false
    return this.folded(a) === this.folded(b)
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
    let count = 0
    for (let index = from; index <= to; index++) {
      if (!this.isFree(index)) continue
      this.claims[index] = features ? {rule, group, reason, features} : {rule, group, reason}
      count++
    }
    return count
  }

  /** Remove a span inside a line. */
  addSpan(span: Span): void {
    this.spans.push(span)
  }
}
