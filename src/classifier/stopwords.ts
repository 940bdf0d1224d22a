/**
 * Stopword lists (stopwords-iso) by ISO 639-1 code, loaded once.
 */

import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
let lists: Record<string, string[]> | undefined
const sets = new Map<string, Set<string> | undefined>()

/** The stopwords of a language, or undefined when stopwords-iso has none for it. */
export function stopwordsFor(code: string): Set<string> | undefined {
  if (sets.has(code)) return sets.get(code)
  lists ??= require('stopwords-iso') as Record<string, string[]>
  const list = lists[code]
  const set = list ? new Set(list.map((word) => word.toLowerCase())) : undefined
  sets.set(code, set)
  return set
}

/** Every stopword list, by ISO 639-1 code (loaded once). */
export function allStopwordLists(): Readonly<Record<string, readonly string[]>> {
  lists ??= require('stopwords-iso') as Record<string, string[]>
  return lists
}
