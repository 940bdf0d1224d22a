/**
 * Turning an outcome's claims and spans into removal objects, and removal objects into vfile
 * messages.
 */

import type {VFile} from 'vfile'
import {isWhitespace, type Line} from '../text/lines.js'
import type {Removal} from '../types.js'
import type {Outcome} from './outcome.js'

/** The id of the removal of an invisible line: the layout's, not a rule's. */
export const INVISIBLE_LINE_RULE = 'layout/invisible-line'

/**
 * An invisible line (zero-width spaces, joiners, U+FEFF, and whitespace) is blank for the layout,
 * so it is never written; unlike whitespace, what it holds is reported.
 */
function invisibleLineRemoval(line: Line): Removal {
  return {
    rule: INVISIBLE_LINE_RULE,
    category: 'noise',
    startLine: line.index + 1,
    endLine: line.index + 1,
    start: line.start,
    end: line.end,
    text: line.text,
    reason: 'a line of invisible characters only, blank for the layout'
  }
}

/**
 * One removal per run of lines held by the same claim (blank lines inside a run belong to it), one
 * per invisible line outside such a run, and one per inline span on a kept line, in document order.
 */
export function collectRemovals(outcome: Outcome, text: string): Removal[] {
  const removals: Removal[] = []
  const {lines, claims} = outcome
  let open: {group: number; first: number; last: number} | undefined
  // Invisible lines since the last non-blank line: inside the open run if the next line extends it.
  let invisible: Line[] = []
  const flushInvisible = () => {
    for (const line of invisible) removals.push(invisibleLineRemoval(line))
    invisible = []
  }

  const close = () => {
    if (!open) return
    const claim = claims[open.first]!
    const start = lines[open.first].start
    const end = lines[open.last].end
    const removal: Removal = {
      rule: claim.rule.id,
      category: claim.rule.category,
      startLine: open.first + 1,
      endLine: open.last + 1,
      start,
      end,
      text: text.slice(start, end),
      reason: claim.reason
    }
    if (claim.features) removal.features = claim.features
    removals.push(removal)
    open = undefined
  }

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (line.blank) {
      if (!isWhitespace(line.text)) invisible.push(line)
      continue
    }
    const claim = claims[index]
    if (open && claim && claim.group === open.group) {
      open.last = index
      invisible = []
      continue
    }
    close()
    flushInvisible()
    if (claim) open = {group: claim.group, first: index, last: index}
  }
  close()
  flushInvisible()

  for (const span of outcome.spans) {
    // A line removed whole in a later pass takes its spans with it.
    if (claims[span.line]) continue
    removals.push({
      rule: span.rule.id,
      category: span.rule.category,
      startLine: span.line + 1,
      endLine: span.line + 1,
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      reason: span.reason
    })
  }

  return removals.sort((a, b) => a.start - b.start || a.end - b.end)
}

/**
 * Record one message per removal on `file`, with the rule id, category and removed text.
 *
 * A vfile message is an `Error`, and V8 walks the stack for every one made, which vfile-message
 * then replaces with an empty string: with many removals that walk was a sixth of cleaning's time.
 * So no frames are captured while the messages are made (`Error.stackTraceLimit`, V8's setting for
 * it), and the setting is put back after.
 */
export function reportRemovals(file: VFile, removals: Removal[], outcome: Outcome): void {
  if (removals.length === 0) return
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    addMessages(file, removals, outcome)
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** The messages of `reportRemovals`. */
function addMessages(file: VFile, removals: Removal[], outcome: Outcome): void {
  for (const removal of removals) {
    const startLine = outcome.lines[removal.startLine - 1]
    const endLine = outcome.lines[removal.endLine - 1]
    const message = file.message(`${removal.category}: ${removal.reason}`, {
      place: {
        start: {line: removal.startLine, column: removal.start - startLine.start + 1, offset: removal.start},
        end: {line: removal.endLine, column: removal.end - endLine.start + 1, offset: removal.end}
      },
      ruleId: removal.rule,
      source: 'decruft'
    })
    message.actual = removal.text
    Object.assign(message, {category: removal.category})
  }
}
