/**
 * `--include` and `--exclude` globs for the files of a folder, matched (picomatch) against paths
 * relative to the folder, with `/`. They keep the meaning they had when tinyglobby matched them: a
 * pattern that does not end in `*` also takes what is below it (`--exclude drafts` leaves out
 * `drafts/**`), `!pattern` among the includes excludes, names starting with a dot are matched only by
 * patterns that spell the dot, and an absolute pattern is taken relative to the folder.
 */

import path from 'node:path'
import picomatch from 'picomatch'

export interface PathFilter {
  /** Whether the file at this relative path is an input. */
  takes(relative: string): boolean
  /** Whether a folder at this relative path may hold inputs (if not, it is not read at all). */
  enters(relative: string): boolean
}

const OPTIONS: picomatch.PicomatchOptions = {dot: false, posix: true}

function normalize(pattern: string, root: string): string {
  let result = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern
  if (!result.endsWith('*')) result += '/**'
  return path.posix.isAbsolute(result) ? path.posix.relative(root.split(path.sep).join('/'), result) : path.posix.normalize(result)
}

/** A test of whether a path could be a folder on the way to a match of one of `patterns`, part by part. */
function prefixMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const split = patterns.map((pattern) => {
    const parts = picomatch.scan(pattern, {parts: true}).parts
    return (parts?.length ? parts : [pattern]).map((part) => ({part, isMatch: picomatch(part, OPTIONS)}))
  })
  return (relative) => {
    const names = relative.split('/')
    return split.some((parts) => {
      let index = 0
      for (; index < Math.min(names.length, parts.length); index++) {
        const {part, isMatch} = parts[index]
        if (part.includes('/')) return true
        if (!isMatch(names[index])) return false
        if (part === '**') return true
      }
      return index === names.length
    })
  }
}

/** The filter of a folder's files for these globs; `root` is the folder (for absolute patterns). */
export function pathFilter(include: readonly string[], exclude: readonly string[], root: string): PathFilter {
  const negated = (pattern: string) => pattern.startsWith('!') && !pattern.startsWith('!(')
  const wanted = include.filter((pattern) => pattern && !negated(pattern)).map((pattern) => normalize(pattern, root))
  const unwanted = [...exclude.filter((pattern) => pattern && !negated(pattern)), ...include.filter(negated).map((pattern) => pattern.slice(1))].map((pattern) => normalize(pattern, root))
  const isWanted = picomatch(wanted, OPTIONS)
  const isUnwanted = unwanted.length > 0 ? picomatch(unwanted, OPTIONS) : () => false
  const onTheWay = prefixMatcher(wanted)
  return {
    takes: (relative) => isWanted(relative) && !isUnwanted(relative),
    enters: (relative) => !isUnwanted(relative) && onTheWay(relative)
  }
}
