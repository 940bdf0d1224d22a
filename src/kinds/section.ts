/**
 * `section`: a header line ("Lesen Sie auch", "Citește și", "Potrebbe interessarti") starts a block
 * that is removed with the teaser lines that follow it.
 *
 * With `until: paragraph` (the default) the block takes the lines right under the header unless they
 * read like a body paragraph, then goes on across blank lines while what follows is still a teaser
 * list: a title printed twice (with the summary paragraph after it), or short link-like lines
 * followed by more of the same. It stops at the next body paragraph, at another section header, and
 * after `lines` teaser lines (default 30). `until: lines` takes the next `lines` non-blank lines;
 * `until: end` takes everything to the end of the document. Lines already claimed by other rules
 * (an ad label inside a teaser list) keep their own removal and do not stop the block.
 */

import type {DocumentContext} from '../engine/document.js'
import type {RuleKind} from '../engine/rule.js'
import {matchLine} from '../engine/rule.js'
import {isLinkLike, isProse} from '../stats.js'

const DEFAULT_MAX_LINES = 30

interface Block {
  start: number
  end: number
}

function nextBlock(document: DocumentContext, after: number): Block | undefined {
  const start = document.nextNonBlank(after)
  if (start === -1) return undefined
  return {start, end: document.blockEnd(start)}
}

function blockClaimed(document: DocumentContext, block: Block): boolean {
  for (let index = block.start; index <= block.end; index++) if (document.isFree(index)) return false
  return true
}

function blockLinkLike(document: DocumentContext, block: Block): boolean {
  for (let index = block.start; index <= block.end; index++) {
    if (document.isFree(index) && !isLinkLike(document.stats(index))) return false
  }
  return true
}

/** Whether the block after `block` still looks like part of a teaser list (or nothing follows). */
function followedByTeasers(document: DocumentContext, block: Block): boolean {
  const next = nextBlock(document, block.end)
  if (!next) return true
  if (document.boundaries.has(next.start) || blockClaimed(document, next)) return true
  return document.same(next.start, next.start + 1) || blockLinkLike(document, next)
}

/** The last line of a section that starts at `header`, in `until: paragraph` mode. */
function teaserExtent(document: DocumentContext, header: number, maxLines: number): number {
  let end = header
  let taken = 0
  let index = header + 1

  // The lines right under the header.
  for (; index < document.length && !document.isBlank(index); index++) {
    if (document.boundaries.has(index)) return end
    if (!document.isFree(index)) continue
    const paired = document.same(index, index + 1) || document.same(index, index - 1)
    if ((!paired && isProse(document.stats(index))) || taken >= maxLines) return end
    end = index
    taken++
  }
  let afterPair = end > header && document.same(end, end - 1)

  // Further blocks, while they continue the teaser list.
  for (let block = nextBlock(document, index - 1); block && taken < maxLines; block = nextBlock(document, block.end)) {
    if (document.boundaries.has(block.start)) break
    if (blockClaimed(document, block)) continue
    const startsWithPair = document.same(block.start, block.start + 1)
    const summary = afterPair && block.start === block.end
    if (!startsWithPair && !summary && !(blockLinkLike(document, block) && followedByTeasers(document, block))) break
    for (let line = block.start; line <= block.end; line++) {
      if (document.boundaries.has(line)) return end
      if (document.isFree(line)) taken++
      end = line
    }
    afterPair = startsWithPair && document.same(block.end, block.end - 1)
  }
  return end
}

function countedExtent(document: DocumentContext, header: number, count: number): number {
  let end = header
  let taken = 0
  for (let index = header + 1; index < document.length && taken < count; index++) {
    if (document.boundaries.has(index)) break
    if (!document.isFree(index)) continue
    end = index
    taken++
  }
  return end
}

export const sectionKind: RuleKind = {
  meta: {
    name: 'section',
    description: 'Removes a header line and the teaser lines that follow it, up to the next body paragraph.',
    phase: 2,
    options: ['phrases', 'patterns', 'match', 'maxChars', 'until', 'lines'],
    needsMatcher: true,
    actsOnMatchedLines: true
  },
  create(rule) {
    const until = rule.definition.until ?? 'paragraph'
    const headers = new WeakMap<DocumentContext, Array<{index: number; via: string}>>()
    return {
      detect(document) {
        const found: Array<{index: number; via: string}> = []
        for (const index of document.candidateLines(rule.matcher)) {
          if (document.isBlank(index) || index === document.title) continue
          const match = matchLine(rule, document, index)
          if (!match) continue
          found.push({index, via: match.via})
          document.boundaries.add(index)
        }
        headers.set(document, found)
      },
      apply(document) {
        for (const {index, via} of headers.get(document) ?? []) {
          if (!document.isFree(index)) continue
          const end =
            until === 'end'
              ? document.length - 1
              : until === 'lines'
                ? countedExtent(document, index, rule.definition.lines ?? 1)
                : teaserExtent(document, index, rule.definition.lines ?? DEFAULT_MAX_LINES)
          document.claim(index, end, rule, `${rule.description} (${via})`)
        }
      }
    }
  }
}
