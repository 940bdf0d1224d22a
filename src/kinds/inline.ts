/**
 * `inline`: a span inside a line (a trailing "Read more »", a leading "ADVERTISEMENT"), the rest of
 * the line kept. The span takes the whitespace that separates it from the kept text. When the span
 * is the whole line, the line is removed.
 */

import type {RuleKind} from '../engine/rule.js'
import {compilePattern, phraseSource} from '../engine/matcher.js'

export const inlineKind: RuleKind = {
  meta: {
    name: 'inline',
    description: 'Removes a matching span inside a line and keeps the rest of the line.',
    phase: 6,
    options: ['phrases', 'patterns', 'position', 'maxChars'],
    needsMatcher: true,
    actsOnMatchedLines: false
  },
  create(rule) {
    const definition = rule.definition
    const position = definition.position ?? 'end'
    const sources = [
      ...(definition.phrases ?? []).map((phrase) => phraseSource(phrase)),
      ...(definition.patterns ?? []).map((pattern, index) => {
        compilePattern(pattern, index)
        return `(?:${pattern})`
      })
    ]
    const body = sources.join('|')
    const expression =
      position === 'end'
        ? compilePattern(`[\\s\\u00A0]*(?:${body})[\\s\\u00A0]*$`, 0)
        : position === 'start'
          ? compilePattern(`^[\\s\\u00A0]*(?:${body})[\\s\\u00A0]*`, 0)
          : compilePattern(`[\\s\\u00A0]*(?:${body})`, 0)
    const maxChars = definition.maxChars ?? Number.POSITIVE_INFINITY

    return {
      apply(document) {
        for (let index = 0; index < document.length; index++) {
          if (!document.isFree(index)) continue
          const line = document.lines[index]
          // A line that already lost a span in an earlier pass is not cut again.
          if (line.modified || line.text.length > maxChars) continue
          const match = expression.exec(line.text)
          if (!match || match[0].length === 0) continue
          const reason = `${rule.description} (“${match[0].trim()}”)`
          const rest = line.text.slice(0, match.index) + line.text.slice(match.index + match[0].length)
          if (rest.trim() === '') {
            document.claim(index, index, rule, reason)
            continue
          }
          document.addSpan({
            line: index,
            start: line.start + match.index,
            end: line.start + match.index + match[0].length,
            rule,
            reason
          })
        }
      }
    }
  }
}
