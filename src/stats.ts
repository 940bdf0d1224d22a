/**
 * What a block looks like, read off its NLCST paragraph: how many words and sentences it has and
 * whether it ends like prose. Rules use this to tell a body paragraph from a teaser, a caption or a
 * label.
 */

import type {Paragraph, Sentence} from 'nlcst'

export interface BlockStats {
  /** Characters, trimmed. */
  chars: number
  words: number
  sentences: number
  /** Ends with sentence-final punctuation (. ! ? … and CJK full stops), closing quotes allowed after it. */
  terminal: boolean
}

const terminalExpression = /[.!?…。！？]["'”’»«)\]]*\s*$/u

/** Statistics of one paragraph node. */
export function blockStats(paragraph: Paragraph, text: string): BlockStats {
  let words = 0
  let sentences = 0
  for (const child of paragraph.children) {
    if (child.type !== 'SentenceNode') continue
    const count = countWords(child)
    if (count > 0) sentences++
    words += count
  }
  return statsOf({words, sentences}, text)
}

/** Statistics of a block from its word and sentence counts and its text. */
export function statsOf(counts: {words: number; sentences: number}, text: string): BlockStats {
  const trimmed = text.trim()
  return {chars: trimmed.length, words: counts.words, sentences: counts.sentences, terminal: terminalExpression.test(trimmed)}
}

function countWords(sentence: Sentence): number {
  let count = 0
  for (const child of sentence.children) if (child.type === 'WordNode') count++
  return count
}

/**
 * Whether a block reads like a body paragraph: several sentences, or one long sentence that ends
 * like prose.
 */
export function isProse(stats: BlockStats): boolean {
  if (stats.words >= 40) return true
  if (stats.sentences >= 2 && stats.words >= 20 && stats.terminal) return true
  return stats.terminal && stats.words >= 25
}

/**
 * Whether a block looks like a link or teaser title: short, and not ending like a sentence.
 */
export function isLinkLike(stats: BlockStats): boolean {
  return stats.chars <= 160 && stats.words <= 25 && !stats.terminal
}
