/**
 * The rule kinds, by name.
 */

import type {RuleKind} from '../engine/rule.js'
import type {RuleKindName} from '../types.js'
import {creditKind} from './credit.js'
import {duplicateKind} from './duplicate.js'
import {inlineKind} from './inline.js'
import {lineKind} from './line.js'
import {sectionKind} from './section.js'
import {tailKind} from './tail.js'
import {heuristicKind} from './heuristic.js'
import {sentencesKind} from './sentences.js'

export const ruleKinds: Record<RuleKindName, RuleKind> = {
  line: lineKind,
  section: sectionKind,
  tail: tailKind,
  duplicate: duplicateKind,
  credit: creditKind,
  inline: inlineKind,
  heuristic: heuristicKind,
  sentences: sentencesKind
}
