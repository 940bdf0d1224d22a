/**
 * Types shared by the rule engine, the config loader, the CLI and the report.
 */

/** What a removal is, in words a reviewer understands. */
export const CATEGORIES = [
  'ad',
  'related',
  'promo',
  'credit',
  'social',
  'comments',
  'navigation',
  'legal',
  'duplicate',
  'metadata',
  'noise'
] as const

export type Category = (typeof CATEGORIES)[number]

/** The rule kinds a config can use. */
export const RULE_KINDS = ['line', 'section', 'tail', 'inline', 'duplicate', 'credit'] as const

/** The kinds the engine runs: the config's, and the block classifier's. */
export type RuleKindName = (typeof RULE_KINDS)[number] | 'heuristic' | 'sentences'

/** How the first line is treated. */
export type TitleMode = 'auto' | 'first-line' | 'none'

/**
 * What a text is, for the block classifier: `auto` judges each text (a whole page when most of its
 * blocks are short and menus come before the first paragraph); `extractor` is an extractor's output
 * (never a whole page: no main-content region is looked for, only sure shapes at its edges go);
 * `page` is a whole page's visible text (a main-content region is always looked for).
 */
export type InputKind = 'auto' | 'page' | 'extractor'

export const INPUT_KINDS: readonly InputKind[] = ['auto', 'page', 'extractor']

/** Restricts a rule (or a whole pack) to some documents. */
export interface When {
  /** ISO 639-1 or 639-3 codes, e.g. `de` or `deu`. */
  lang?: string[]
  /** Globs matched against the document's path, relative to its input root. */
  path?: string[]
  /** Host names; a rule for `example.com` also applies to `www.example.com`. */
  domain?: string[]
  /** Globs matched against the whole URL. */
  url?: string[]
}

/** Examples that document a rule and are checked by the test suite. */
export interface RuleExamples {
  removes?: string[]
  keeps?: string[]
}

/** A rule as it is written in a YAML pack or a user config. */
export interface RuleDefinition {
  id: string
  kind: RuleKindName
  category: Category
  description: string
  /** Literal phrases, compared case- and whitespace-insensitively. */
  phrases?: string[]
  /** Regular expressions (JavaScript syntax, compiled with the `iu` flags). */
  patterns?: string[]
  /** How phrases match a line: the whole line, its beginning, or anywhere. */
  match?: 'exact' | 'prefix' | 'contains'
  /** Lines longer than this (in characters, trimmed) are never matched. */
  maxChars?: number
  /** `section`: where the removed block ends. */
  until?: 'paragraph' | 'end' | 'lines'
  /** `section` with `until: lines`: how many non-blank lines follow the header. `section`: cap on teaser lines. */
  lines?: number
  /** `tail`: how far from the end (share of non-blank lines) the start may be. */
  within?: number
  /** `duplicate`: what counts as a repeat. */
  target?: 'title' | 'adjacent' | 'any'
  /** `duplicate`: how similar a near-repeat of the title must be (0..1). */
  similarity?: number
  /** `duplicate` (`any`, `adjacent`): ignore repeated lines shorter than this. */
  minChars?: number
  /** `credit`: also remove a caption line directly above the credit. */
  caption?: boolean
  /** `inline`: where in the line the span may stand. */
  position?: 'start' | 'end' | 'any'
  when?: When
  examples?: RuleExamples
  /** `false` switches the rule off. */
  enabled?: boolean
}

/** Where a rule was defined, for error messages and `decruft rules`. */
export interface RuleSource {
  pack: string
  file?: string
  line?: number
  column?: number
}

/** One thing that was stripped from a document. */
export interface Removal {
  /** The rule's id; `heuristic/…` for the classifier, `layout/invisible-line` for an invisible line. */
  rule: string
  category: Category
  /** 1-based, inclusive; never a blank line at either end (but an invisible line's own removal). */
  startLine: number
  endLine: number
  /** JavaScript string offsets into the original text: `original.slice(start, end) === text`. */
  start: number
  end: number
  text: string
  /** Why this text was removed, in a few words. */
  reason: string
  /** For classifier decisions: the features that decided. */
  features?: Record<string, string | number | boolean>
}

/** What cleaning one document gives. */
export interface CleanResult {
  text: string
  title: string | null
  lang: string
  removed: Removal[]
  messages: import('vfile-message').VFileMessage[]
}

/** Per-document options. */
export interface DocumentOptions {
  /**
   * Path of the document, for `when.path`: a pattern matches it or any trailing part of it (after a
   * `/`), so an absolute path, one relative to the working directory and one relative to an input
   * folder all match the same patterns. The command line gives each file's absolute path.
   */
  path?: string
  /** URL of the document, for `when.domain` and `when.url`. */
  url?: string
  /** Language (ISO 639-1 or 639-3) or `auto`. */
  lang?: string
  title?: TitleMode
  /** What the text is (see `InputKind`); the config's `settings.inputKind` by default. */
  inputKind?: InputKind
  /**
   * Explain each removal (default true). With false, the block classifier's removals carry only
   * their decision as the reason and no `features`, and the trained classifier does not work out
   * which features pushed hardest: for callers that read the text and at most each removal's rule
   * and place (a batch without a report writes only the removals' counts by rule). The text, the
   * title and every removal's rule, category and place are the same either way.
   */
  explain?: boolean
}
