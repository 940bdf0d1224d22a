/**
 * Expanding the command line's inputs into documents: files as given, directories searched
 * recursively with include/exclude globs. Each document keeps the path relative to its input root,
 * which output paths mirror and `when.path` matches.
 */

import {stat} from 'node:fs/promises'
import path from 'node:path'
import {glob} from 'tinyglobby'
import {describeReadError, fileKind} from '../io/regular-file.js'
import type {ErrorEntry} from '../report/report.js'

export interface FileInput {
  /** Absolute path of the file. */
  absolute: string
  /** Path relative to its input root (the base name for a file given directly), with `/`. */
  relative: string
  /** The path as the user would write it, for messages and the report. */
  display: string
  /** The command-line input it came from. */
  input: string
}

export interface ExpandOptions {
  include: string[]
  exclude: string[]
  cwd?: string
}

export const DEFAULT_INCLUDE = ['**/*.txt']
export const DEFAULT_JSONL_INCLUDE = ['**/*.jsonl', '**/*.jsonl.gz']
/** `x.clean.txt` is decruft's name for cleaned or gold text; never clean it again by default. */
export const DEFAULT_EXCLUDE = ['**/*.clean.txt', '**/node_modules/**']

export async function expandInputs(inputs: string[], options: ExpandOptions): Promise<{files: FileInput[]; errors: ErrorEntry[]}> {
  const cwd = options.cwd ?? process.cwd()
  const files: FileInput[] = []
  const errors: ErrorEntry[] = []
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input)
    let info
    try {
      info = await stat(absolute)
    } catch (error) {
      errors.push({path: input, message: describeReadError(error)})
      continue
    }
    if (info.isDirectory()) {
      const matches = await glob(options.include, {cwd: absolute, ignore: options.exclude, onlyFiles: true, dot: false})
      matches.sort()
      for (const match of matches) {
        files.push({absolute: path.join(absolute, match), relative: match, display: path.join(input, match), input})
      }
    } else if (info.isFile()) {
      files.push({absolute, relative: path.basename(absolute), display: input, input})
    } else {
      errors.push({path: input, message: `not a regular file (${fileKind(info)})`})
    }
  }
  return {files, errors}
}
