/**
 * `tail`: from a matching line near the end of the document to the end.
 */

import type {RuleKind} from '../engine/rule.js'
import {matchLine} from '../engine/rule.js'
import type {DocumentContext} from '../engine/document.js'
import {isSentenceShaped} from '../classifier/features.js'

const DEFAULT_WITHIN = 0.3

/** Near the end: always the last few non-blank lines, and the last `within` share of them. */
const ALWAYS_NEAR = 5

/**
 * A tail that would remove a long run of prose-like lines (a dozen words or more, ending like a
 * sentence) needs the document to hold at least half as much such prose before it: a comment
 * thread follows its article. A header that stands above the article (a sidebar widget of recent
 * comments in a whole page's text, a "Comments" link among the share buttons) would otherwise take
 * the article with it. 600 characters are four or five sentences: on the seven sources' whole pages
 * it kept more gold than 1,500 on three sources and the same on the other four. A tail never takes
 * every prose-like line of a document, however short the run: a news item of four sentences under
 * a menu that held "Readers' Comments" went whole.
 */
const PROSE_RUN = 600

function proseChars(document: DocumentContext, from: number, to: number): number {
  let chars = 0
  for (let index = from; index <= to; index++) {
    if (document.isBlank(index)) continue
    const stats = document.stats(index)
    if (isSentenceShaped(stats)) chars += stats.chars
  }
  return chars
}

/** Whether claiming `start` to the end would take more prose than the document has before it, or all of its prose. */
export function takesTheArticle(document: DocumentContext, start: number): boolean {
  const after = proseChars(document, start, document.length - 1)
  if (after === 0) return false
  const before = proseChars(document, 0, start - 1)
  return before === 0 || (after >= PROSE_RUN && after > 2 * before)
}

/** The first line index a tail may start at. */
function earliestStart(document: DocumentContext, within: number): number {
  const nonBlank = document.nonBlankLines()
  if (nonBlank.length === 0) return document.length
  const near = Math.max(ALWAYS_NEAR, Math.ceil(nonBlank.length * within))
  return nonBlank[Math.max(1, nonBlank.length - near)] ?? document.length
}

export const tailKind: RuleKind = {
  meta: {
    name: 'tail',
    description: 'Removes everything from a matching line near the end of the document to the end.',
    phase: 3,
    options: ['phrases', 'patterns', 'match', 'maxChars', 'within'],
    needsMatcher: true,
    actsOnMatchedLines: true
  },
  create(rule) {
    const within = rule.definition.within ?? DEFAULT_WITHIN
    const starts = new WeakMap<DocumentContext, number>()
    return {
      detect(document) {
        const from = earliestStart(document, within)
        for (const index of document.candidateLines(rule.matcher)) {
          if (index < from || document.isBlank(index) || index === document.title) continue
          const match = matchLine(rule, document, index)
          if (match) {
            if (takesTheArticle(document, index)) continue
            // A tail that starts at a short line of its own (`maxChars`: an author's bio, a citation)
            // is an end note: what follows it is a sign-off and buttons, not more paragraphs (a
            // roundup of opinion pieces puts each author's bio under each piece).
            if (rule.definition.maxChars !== undefined && proseChars(document, index + 1, document.length - 1) >= PROSE_RUN) continue
            document.boundaries.add(index)
            starts.set(document, index)
            return
          }
        }
      },
      apply(document) {
        const start = starts.get(document)
        if (start === undefined) return
        // A line rule may already hold the start line ("Leave a Reply"); the tail still runs from it.
        const match = matchLine(rule, document, start)
        document.claim(start, document.length - 1, rule, `${rule.description} (${match?.via ?? 'tail'})`)
      }
    }
  }
}
