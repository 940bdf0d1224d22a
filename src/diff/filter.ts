/**
 * `--only RULE|CATEGORY`: which removals a view shows. A value is a category name (`ad`, `related`,
 * …) or a rule id (`de/read-also`), where a star matches anything (`de/` then a star: every German rule).
 */

import {CATEGORIES, type Removal} from '../types.js'
import {UsageError} from '../cli/usage-error.js'

export type RemovalFilter = (removal: Removal) => boolean

function globExpression(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`)
}

/** A filter from `--only` values; all removals when there are none. Throws `UsageError` for a value that is neither. */
export function removalFilter(values: readonly string[] | undefined): RemovalFilter {
  if (!values || values.length === 0) return () => true
  const categories = new Set<string>()
  const rules: RegExp[] = []
  for (const value of values) {
    if ((CATEGORIES as readonly string[]).includes(value)) categories.add(value)
    else if (value.includes('/') || value.includes('*')) rules.push(globExpression(value))
    else throw new UsageError(`--only ${value}: not a category (${CATEGORIES.join(', ')}) nor a rule id such as de/read-also or de/*`)
  }
  return (removal) => categories.has(removal.category) || rules.some((expression) => expression.test(removal.rule))
}
