/**
 * `credit`: photo credit lines ("Foto: Reuters", "Getty Images", "Bild: dpa") and, unless
 * `caption: false`, the caption line directly above a credit.
 */

import type {RuleKind} from '../engine/rule.js'
import {matchLine} from '../engine/rule.js'
import type {DocumentContext} from '../engine/document.js'
import {isProse} from '../stats.js'

const CAPTION_MAX_CHARS = 200

function isCaption(document: DocumentContext, index: number): boolean {
  if (index < 0 || !document.isFree(index) || index === document.title) return false
  const stats = document.stats(index)
  return stats.chars <= CAPTION_MAX_CHARS && !isProse(stats)
}

export const creditKind: RuleKind = {
  meta: {
    name: 'credit',
    description: 'Removes photo credit lines and the caption line directly above a credit.',
    phase: 5,
    options: ['phrases', 'patterns', 'match', 'maxChars', 'caption'],
    needsMatcher: true,
    actsOnMatchedLines: true
  },
  create(rule) {
    const caption = rule.definition.caption ?? true
    return {
      detect(document) {
        // A photo credit on the first line is not a title; the engine reads this before it settles the title.
        const first = document.nextNonBlank(-1)
        if (first !== -1 && matchLine(rule, document, first)) document.creditLines.add(first)
      },
      apply(document) {
        for (const index of document.candidateLines(rule.matcher)) {
          if (!document.isFree(index) || index === document.title) continue
          const match = matchLine(rule, document, index)
          if (!match) continue
          document.claim(index, index, rule, `${rule.description} (${match.via})`)
          if (caption && isCaption(document, index - 1)) {
            document.claim(index - 1, index - 1, rule, 'image caption (the line above a photo credit)')
          }
        }
      }
    }
  }
}
