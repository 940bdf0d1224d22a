/**
 * Config errors: each names the file, line, column and the offending key.
 */

export interface ConfigErrorLocation {
  file?: string
  line?: number
  column?: number
  /** Path to the offending key, e.g. `rules[3].kind`. */
  key?: string
}

export class ConfigError extends Error {
  readonly file: string | undefined
  readonly line: number | undefined
  readonly column: number | undefined
  readonly key: string | undefined

  constructor(problem: string, location: ConfigErrorLocation = {}) {
    const where = [location.file, location.line, location.line === undefined ? undefined : location.column]
      .filter((part) => part !== undefined)
      .join(':')
    const key = location.key ? ` (at \`${location.key}\`)` : ''
    super(`${where ? `${where}: ` : ''}${problem}${key}`)
    this.name = 'ConfigError'
    this.file = location.file
    this.line = location.line
    this.column = location.column
    this.key = location.key
  }
}

/** `rules[3].kind` from `['rules', 3, 'kind']`. */
export function formatKey(path: ReadonlyArray<string | number>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${part}` : part
  }
  return out
}
