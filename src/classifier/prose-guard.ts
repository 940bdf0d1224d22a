/**
 * The last word on a document's removals: no single decision may take most of a text's prose. When
 * the classifier's removals hold more than `PROSE_GUARD_SHARE` of the characters of the prose-like
 * blocks (a dozen words or more, ending like a sentence), the main-content region that removed them
 * is in doubt, and the prose-like blocks it put outside stay. Removals on structural evidence (a
 * sure shape, a block printed twice, a comment thread cut at its time stamps) and the trained
 * model's own removals, each judged block by block, still go.
 */

import type {Block} from './classify.js'
import {isProseLike} from './vector.js'

/** Past this share of a document's prose, the region's prose removals are undone. */
export const PROSE_GUARD_SHARE = 0.5

/** What the guard needs of one removal. */
export interface GuardedRemoval {
  block: Block
  /** Removed for standing outside the main-content region. */
  outsideMain: boolean
  /** Removed on structural evidence. */
  sure: boolean
}

/** The removed blocks that stay: none, unless the removals take more than the share of the prose. */
export function keptByProseGuard(blocks: readonly Block[], removals: readonly GuardedRemoval[]): Set<Block> {
  const kept = new Set<Block>()
  let prose = 0
  for (const block of blocks) if (isProseLike(block)) prose += block.features.length
  let taken = 0
  for (const {block} of removals) if (isProseLike(block)) taken += block.features.length
  if (prose === 0 || taken <= PROSE_GUARD_SHARE * prose) return kept
  for (const {block, outsideMain, sure} of removals) if (outsideMain && !sure && isProseLike(block)) kept.add(block)
  return kept
}
