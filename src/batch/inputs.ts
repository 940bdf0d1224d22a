/**
 * Expanding the command line's inputs into documents: files as given, directories searched
 * recursively with include/exclude globs (see walk.ts for what is taken and what is an error). Each
 * document keeps the path relative to its input root, which output paths mirror and `when.path`
 * matches, and its real path (symbolic links resolved), which the output checks compare.
 */

import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {describeReadError, fileKind} from '../io/regular-file.js'
import type {ErrorEntry} from '../report/report.js'
import {pathFilter} from './globs.js'
import {walkFolder} from './walk.js'

export interface FileInput {
  /** Absolute path of the file. */
  absolute: string
  /** The path with symbolic links resolved. */
  real: string
  /** Path relative to its input root (the base name for a file given directly), with `/`. */
  relative: string
  /** The path as the user would write it, for messages and the report. */
  display: string
  /** The command-line input it came from. */
  input: string
}

/** A folder given on the command line. */
export interface FolderInput {
  input: string
  /** Its path with symbolic links resolved. */
  real: string
}

export interface ExpandOptions {
  include: string[]
  exclude: string[]
  cwd?: string
  /** Follow symbolic links to folders found in folders (`--follow-symlinks`). */
  followSymlinks?: boolean
}

export interface ExpandedInputs {
  files: FileInput[]
  errors: ErrorEntry[]
  folders: FolderInput[]
}

export const DEFAULT_INCLUDE = ['**/*.txt']
export const DEFAULT_JSONL_INCLUDE = ['**/*.jsonl', '**/*.jsonl.gz']
/** `x.clean.txt` is decruft's name for cleaned or gold text; never clean it again by default. */
export const DEFAULT_EXCLUDE = ['**/*.clean.txt', '**/node_modules/**']

/**
 * The files of `inputs`. A name on the command line is followed if it is a symbolic link; it must
 * be a regular file or a folder.
 */
export async function expandInputs(inputs: string[], options: ExpandOptions): Promise<ExpandedInputs> {
  const cwd = options.cwd ?? process.cwd()
  const expanded: ExpandedInputs = {files: [], errors: [], folders: []}
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input)
    let info
    let real
    try {
      info = await stat(absolute)
      real = await realpath(absolute)
    } catch (error) {
      expanded.errors.push({path: input, message: describeReadError(error)})
      continue
    }
    if (info.isDirectory()) {
      expanded.folders.push({input, real})
      const filter = pathFilter(options.include, options.exclude, absolute)
      const walked = await walkFolder(absolute, input, {filter, followSymlinks: options.followSymlinks})
      expanded.errors.push(...walked.errors)
      for (const file of walked.files) {
        expanded.files.push({absolute: path.join(absolute, file.relative), real: file.real, relative: file.relative, display: path.join(input, file.relative), input})
      }
    } else if (info.isFile()) {
      expanded.files.push({absolute, real, relative: path.basename(absolute), display: input, input})
    } else {
      expanded.errors.push({path: input, message: `not a regular file (${fileKind(info)})`})
    }
  }
  return expanded
}

/** What a command's options say about its inputs. */
export interface InputOptions {
  jsonl?: boolean
  include?: string[]
  exclude?: string[]
  followSymlinks?: boolean
}

/** The files of a command's inputs (`-`, standard input, left out), with the default globs for text or JSON Lines. */
export function expandCommandInputs(inputs: readonly string[], options: InputOptions, cwd: string): Promise<ExpandedInputs> {
  return expandInputs(
    inputs.filter((input) => input !== '-'),
    {include: options.include ?? (options.jsonl ? DEFAULT_JSONL_INCLUDE : DEFAULT_INCLUDE), exclude: options.exclude ?? DEFAULT_EXCLUDE, cwd, followSymlinks: options.followSymlinks}
  )
}
