/**
 * `line`: a line matching one of the rule's phrases or patterns is removed.
 */

import type {RuleKind} from '../engine/rule.js'
import {matchLine} from '../engine/rule.js'

export const lineKind: RuleKind = {
  meta: {
    name: 'line',
    description: 'Removes every line that matches a phrase or pattern.',
    phase: 1,
    options: ['phrases', 'patterns', 'match', 'maxChars'],
    needsMatcher: true,
    actsOnMatchedLines: true
  },
  create(rule) {
    return {
      apply(document) {
        for (const index of document.candidateLines(rule.matcher)) {
          // A line that reads as in the first pass gave this rule its answer there.
          if (!document.isFree(index) || !document.untested(index)) continue
          const match = matchLine(rule, document, index)
          if (match) document.claim(index, index, rule, `${rule.description} (${match.via})`)
        }
      }
    }
  }
}
