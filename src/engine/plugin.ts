/**
 * The transformer plugin: runs the compiled rules over the parsed document and records what they
 * remove in `file.data.outcome` and `file.data.removed`, with a vfile message for each removal.
 *
 * Rules run in passes until a pass removes nothing (at most `MAX_PASSES`). Each pass after the first
 * runs on the document as its clean output reads, so decisions that depend on neighbours or on the
 * position in the document (a tail near the end, a teaser list's look-ahead) are taken on the same
 * text a second run would see: cleaning is idempotent by construction.
 */

import type {Paragraph, Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {LineParses, parseLine, parseLineCompact, type LineParse, type LineParser} from '../parse.js'
import type {Language} from '../language.js'
import {findTitle} from '../title.js'
import type {DocumentOptions, InputKind, Removal, TitleMode} from '../types.js'
import type {ScopeTest} from '../scope.js'
import {createSharedLines, DocumentContext, type ParseOf} from './document.js'
import {createOutcome, mergePass, outputView, type Outcome, type ViewLine} from './outcome.js'
import {collectRemovals, reportRemovals} from './removals.js'
import type {CompiledRule} from './rule.js'
import type {MatcherIndex} from './matcher.js'
import {activeRulesOf, type ActiveRules} from './active-rules.js'

declare module 'vfile' {
  interface DataMap {
    /** Per-document options given to the cleaner. */
    decruftOptions: DocumentOptions
    /** What the rules decided, by original line. */
    outcome: Outcome
    /** What the rules removed. */
    removed: Removal[]
    /** The title line's text, or null. */
    title: string | null
  }
}

/**
 * The most passes over one document. Passes are few in practice: over the 5,844 texts of the
 * benchmark and training data, 1,831 took one pass, 3,843 two, 138 three, 20 four, and 12 five to
 * eleven (the trained classifier takes a few more blocks each time its neighbours go). A document
 * stopped short of its fixed point is not idempotent: a second run removes more (with a cap of 4,
 * those 12 texts). Every pass but the last removes at least one line, so this only bounds the time
 * of a pathological text at this many passes.
 */
export const MAX_PASSES = 32

/** A compiled rule with its compiled `when`. */
export interface ScopedRule {
  rule: CompiledRule
  applies: ScopeTest
}

export interface RulesOptions {
  rules: ScopedRule[]
  title?: TitleMode
  /** What the texts are, unless a document's options say (default `auto`). */
  inputKind?: InputKind
  /** `auto` or a fixed language code (read by the parser, which sets the document's language once). */
  lang?: string
  /** Record a vfile message per removal (default true). */
  messages?: boolean
  /** How a line changed by a pass is parsed again (default: the fast segmenter). */
  lineParser?: LineParser
}

/**
 * The active rules that can act on `document`: all but those whose kind acts only on the lines
 * its matcher matches (`actsOnMatchedLines`) and whose matcher the prefilter rules out on every line
 * (most of a config's phrase rules, on any one page).
 */
function rulesAtWork(document: DocumentContext, {rules, indexed: where}: ActiveRules): Set<CompiledRule> {
  const working = new Set<CompiledRule>()
  const used = new Map<MatcherIndex, Set<number>>()
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position]
    const indexed = where[position]
    if (indexed) {
      let slots = used.get(indexed.index)
      if (!slots) used.set(indexed.index, (slots = document.slotsInUse(indexed.index)))
      if (!slots.has(indexed.slot)) continue
    }
    working.add(rule)
  }
  return working
}

/** Let the rules at work that look at the whole document first (`detect`) do so. */
function detectRules(document: DocumentContext, rules: CompiledRule[], working: Set<CompiledRule>): void {
  for (const rule of rules) if (working.has(rule)) rule.runner.detect?.(document)
}

/**
 * Apply `rules[from..to)` that are at work. The loops over a pass's rules have functions of their
 * own: V8 compiles a long loop in the middle of its function (on-stack replacement), and such code
 * in `runPass`, kept for later calls, fell back to the interpreter at the loop time after time.
 */
function applyRules(document: DocumentContext, rules: CompiledRule[], from: number, to: number, working: Set<CompiledRule>): void {
  for (let position = from; position < to; position++) {
    const rule = rules[position]
    if (working.has(rule)) rule.runner.apply(document)
  }
}

/** One pass of every active rule over `document`. */
function runPass(document: DocumentContext, active: ActiveRules, mode: TitleMode, headline: number | undefined): void {
  const {rules, late} = active
  const working = rulesAtWork(document, active)
  document.title = findTitle(document, mode)
  // A page headline kept by an earlier pass is the title once it leads the text.
  if (document.title === undefined && mode === 'auto' && headline !== undefined) {
    const first = document.nextNonBlank(-1)
    if (first !== -1 && document.lines[first].index === headline) document.title = first
  }
  document.titleProtected = mode === 'first-line'
  detectRules(document, rules, working)
  applyRules(document, rules, 0, late, working)
  // Line rules may take the first line ("- Advertisement -"), or it is a photo credit; then there is no title.
  if (late < rules.length) {
    if (document.title !== undefined && (document.isClaimed(document.title) || document.creditLines.has(document.title))) document.title = undefined
    document.titleProtected = document.title !== undefined
    applyRules(document, rules, late, rules.length, working)
  }
  if (document.title !== undefined && document.isClaimed(document.title)) document.title = undefined
  // The page around a kept headline goes with this pass's removals: the headline then leads the text.
  if (document.title === undefined && mode === 'auto' && document.headline !== undefined) document.title = document.headline
}

/**
 * The parse of each line of a pass's view, by position: an unmodified line's as the parser read it
 * (from the arena, when it is one), a modified line's read again with `read`.
 */
function passParses(view: ViewLine[], parsed: LineParses | Array<Paragraph | undefined>, read: (line: ViewLine, language: Language) => Paragraph | LineParse, language: Language): ParseOf {
  const modified = new Map<number, Paragraph | LineParse>()
  for (let position = 0; position < view.length; position++) {
    const line = view[position]
    if (line.modified && !line.blank) modified.set(position, read(line, language))
  }
  const original = parsed instanceof LineParses ? (index: number) => parsed.get(index) : (index: number) => parsed[index]
  return (position) => {
    const line = view[position]
    return line.blank ? undefined : line.modified ? modified.get(position) : original(line.index)
  }
}

/** Run `rules` over a parsed document, to a fixed point. */
export function runRules(file: VFile, options: RulesOptions): Outcome {
  const documentOptions = file.data.decruftOptions ?? {}
  const lines = file.data.lines ?? []
  // The cleaner's pipeline keeps compact parses; a tree's paragraphs when decruftParse ran without `compact`.
  const compact = file.data.lineParses !== undefined
  const parsed: LineParses | Array<Paragraph | undefined> = file.data.lineParses ?? file.data.paragraphs ?? []
  const mode = documentOptions.title ?? options.title ?? 'auto'
  const outcome = createOutcome(lines)

  // Even the first pass reads the document as its output would (blank runs collapsed, no blank
  // lines at the ends), so that no decision depends on layout the output does not keep.
  let view: ViewLine[] = outputView(outcome)
  // The language is the document's, read once by the parser from a sample of its prose: every pass
  // runs in it and nothing is parsed again for another language. (The passes' removals seldom touch
  // the prose, so a second run on the output nearly always reads the same language.)
  const language = file.data.language ?? {iso6393: 'und', code: 'und'}
  file.data.language = language
  const shared = createSharedLines(lines.length)
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const paragraphs = passParses(view, parsed, compact ? (options.lineParser ?? parseLineCompact) : parseLine, language)
    const document = new DocumentContext({
      text: String(file.value),
      lines: view,
      paragraphs,
      language,
      path: documentOptions.path,
      url: documentOptions.url,
      inputKind: documentOptions.inputKind ?? options.inputKind,
      explain: documentOptions.explain,
      shared,
      parsedWith: 'parsed',
      pass
    })
    const active = activeRulesOf(options.rules, {language, path: documentOptions.path, url: documentOptions.url})
    document.activeRules = active.set
    runPass(document, active, mode, outcome.headline)
    const added = mergePass(outcome, document)
    if (added === 0) break
    view = outputView(outcome)
  }
  return outcome
}

/**
 * Run `rules` over a document `decruftParse` (or the retext plugin) has read, and record the
 * outcome, the removals and the title in `file.data`, with a message per removal unless
 * `messages` is false.
 */
export function cleanParsedFile(file: VFile, options: RulesOptions): void {
  const outcome = runRules(file, options)
  const removed = collectRemovals(outcome, String(file.value))
  file.data.outcome = outcome
  file.data.removed = removed
  file.data.title = outcome.title === undefined ? null : outcome.lines[outcome.title].text
  if (options.messages !== false) reportRemovals(file, removed, outcome)
}

/** unified plugin: the rule engine (after `decruftParse`; in a retext pipeline use `retextDecruft`). */
export const decruftRules: Plugin<[RulesOptions], Root, Root> = function (options) {
  return (_tree, file) => {
    if (!file.data.lines) throw new Error('decruft: decruftRules reads what decruftParse parsed; after retext-english or retext-latin use retextDecruft')
    cleanParsedFile(file, options)
  }
}
