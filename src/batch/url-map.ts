/**
 * `--url` and `--url-map`: URLs for documents that have none of their own (text files and standard
 * input), so that `when.domain` and `when.url` rules can apply to them. A JSON Lines record's own
 * `url` field always wins.
 *
 * A URL map is a text file of lines `PATH<TAB>URL`: each path relative to the map file's own folder
 * (or absolute), the URL absolute (`https://…`). Blank lines and lines starting with `#` are skipped.
 * A file is found in the map by the path it was named by, else by its real path (links resolved).
 */

import {readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../cli/usage-error.js'
import {describeReadError} from '../io/regular-file.js'

/** A URL given on the command line or in a map: absolute, with a host; else the reason it is not. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not an absolute URL (like https://example.com/page)'
  }
  return parsed.hostname ? undefined : 'a URL without a host name (when.domain needs one)'
}

export class UrlMap {
  private readonly byPath = new Map<string, {url: string; line: number}>()
  private readonly used = new Set<string>()

  private constructor(readonly file: string) {}

  /** Read a map (`file` relative to `cwd`); a map that cannot be read or has a bad line is a usage error naming it. */
  static read(file: string, cwd: string): UrlMap {
    const absolute = path.resolve(cwd, file)
    let text: string
    try {
      text = readFileSync(absolute, 'utf8')
    } catch (error) {
      throw new UsageError(`--url-map ${file}: ${describeReadError(error)}`)
    }
    const map = new UrlMap(file)
    const folder = path.dirname(absolute)
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return
      const tab = line.indexOf('\t')
      const where = `--url-map ${file}:${index + 1}`
      if (tab === -1) throw new UsageError(`${where}: expected PATH<TAB>URL`)
      const name = line.slice(0, tab)
      const url = line.slice(tab + 1).trim()
      const problem = urlProblem(url)
      if (problem) throw new UsageError(`${where}: ${JSON.stringify(url)} is ${problem}`)
      const key = path.resolve(folder, name)
      const earlier = map.byPath.get(key)
      if (earlier) throw new UsageError(`${where}: ${name} is given a URL already on line ${earlier.line}`)
      map.byPath.set(key, {url, line: index + 1})
    })
    return map
  }

  /** The URL of the file at `absolute` (named so; `real` is where it really is), if the map has it. */
  urlOf(absolute: string, real?: string): string | undefined {
    for (const key of [absolute, real ?? realOrSelf(absolute)]) {
      const entry = this.byPath.get(key)
      if (entry) {
        this.used.add(key)
        return entry.url
      }
    }
    return undefined
  }

  /** The map's paths that no document of the run was found by (relative to `cwd`, for a warning). */
  unused(cwd: string): string[] {
    return [...this.byPath.keys()].filter((key) => !this.used.has(key) && !this.used.has(realOrSelf(key))).map((key) => path.relative(cwd, key) || key)
  }
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return file
  }
}
