/**
 * Labels for training, derived from each record's gold by alignment.
 *
 * - With a gold text: a block of four words or more is content when at least half of its 4-word
 *   shingles (the benchmark metric's unit) occur in the gold; a shorter block is content when its
 *   words occur in the gold as a run (a subheading, a short paragraph). Its weight grows with its
 *   words (a long paragraph lost costs more of the metric than a short line), on a log scale.
 * - With snippets only (trafilatura's records): a block that contains a `with` snippet, or is
 *   contained in one, is content; one that contains or is contained in a `without` snippet is
 *   boilerplate; the others say nothing (weight 0).
 */

const wordExpression = /[\p{L}\p{N}_]+/gu

export function words(text: string): string[] {
  return text.match(wordExpression) ?? []
}

/** The gold's shingles and short word runs, to look blocks up in. */
export interface GoldIndex {
  shingles: Set<string>
  /** Runs of one to three words. */
  runs: Set<string>
}

const SEPARATOR = '\u0001'

export function goldIndex(gold: string): GoldIndex {
  const tokens = words(gold)
  const shingles = new Set<string>()
  const runs = new Set<string>()
  for (let index = 0; index < tokens.length; index++) {
    if (index + 4 <= tokens.length) shingles.add(tokens.slice(index, index + 4).join(SEPARATOR))
    for (let size = 1; size <= 3 && index + size <= tokens.length; size++) runs.add(tokens.slice(index, index + size).join(SEPARATOR))
  }
  return {shingles, runs}
}

export interface Label {
  /** 1 content, 0 boilerplate. */
  label: 0 | 1
  /** How much the block counts in training (0: no evidence). */
  weight: number
  /** Share of the block's shingles found in the gold (NaN for snippet labels). */
  share: number
}

function weightOf(tokens: number): number {
  return Math.log2(2 + tokens)
}

/** A block's label against a gold text. */
export function goldLabel(text: string, gold: GoldIndex): Label {
  const tokens = words(text)
  if (tokens.length === 0) return {label: 0, weight: 0.5, share: 0}
  if (tokens.length < 4) {
    const found = gold.runs.has(tokens.join(SEPARATOR))
    return {label: found ? 1 : 0, weight: weightOf(tokens.length) * 0.5, share: found ? 1 : 0}
  }
  let found = 0
  const total = tokens.length - 3
  for (let index = 0; index + 4 <= tokens.length; index++) if (gold.shingles.has(tokens.slice(index, index + 4).join(SEPARATOR))) found++
  const share = found / total
  return {label: share >= 0.5 ? 1 : 0, weight: weightOf(tokens.length), share}
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/** A block's label against `with` / `without` snippets (whitespace collapsed, as the metric compares them). */
export function snippetLabel(text: string, withSnippets: readonly string[], withoutSnippets: readonly string[]): Label {
  const block = collapse(text)
  if (block.length === 0) return {label: 0, weight: 0, share: Number.NaN}
  const tokens = words(block).length
  const touches = (snippet: string) => {
    const collapsed = collapse(snippet)
    if (collapsed.length === 0) return false
    return block.includes(collapsed) || (tokens >= 3 && collapsed.includes(block))
  }
  if (withSnippets.some(touches)) return {label: 1, weight: weightOf(tokens), share: Number.NaN}
  if (withoutSnippets.some(touches)) return {label: 0, weight: weightOf(tokens), share: Number.NaN}
  return {label: 0, weight: 0, share: Number.NaN}
}
