/**
 * Walking a folder for input files. Every problem is an error entry naming its path, and the walk
 * goes on: a folder that cannot be read, a matching name that is not a regular file (a FIFO would
 * block the reader, a device never ends), a link to nothing. Symbolic links to files are followed
 * (the file is read, its name is the link's). Symbolic links to folders are not followed unless
 * `followSymlinks` (as ripgrep's `-L`): then a link to a folder the walk is already inside is a loop,
 * reported and not followed (folders are told apart by device and inode).
 */

import type {Dirent} from 'node:fs'
import {readdir, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {ErrorEntry} from '../report/report.js'
import {describeReadError, fileKind} from '../io/regular-file.js'
import type {PathFilter} from './globs.js'

export interface WalkedFile {
  /** Path relative to the folder walked, with `/`. */
  relative: string
  /** The path with symbolic links resolved: what reading it reads (and writing it in place writes). */
  real: string
}

export interface WalkOptions {
  filter: PathFilter
  followSymlinks?: boolean
}

interface Folder {
  absolute: string
  real: string
  relative: string
}

/**
 * The files below `root` that the filter takes, sorted by relative path, and the problems met (in
 * the order of a walk by name); error paths are `display` joined with the relative path.
 */
export async function walkFolder(root: string, display: string, options: WalkOptions): Promise<{files: WalkedFile[]; errors: ErrorEntry[]}> {
  const files: WalkedFile[] = []
  const errors: ErrorEntry[] = []
  const {filter, followSymlinks = false} = options
  const shown = (relative: string) => (relative ? path.join(display, relative) : display)
  // The folders the walk is inside (device:inode), when links to folders are followed.
  const ancestors = new Set<string>()
  const identity = async (folder: string) => {
    const {dev, ino} = await stat(folder, {bigint: true})
    return `${dev}:${ino}`
  }

  const visit = async (folder: Folder): Promise<void> => {
    let entries: Dirent[]
    let id: string | undefined
    try {
      entries = await readdir(folder.absolute, {withFileTypes: true})
      if (followSymlinks) id = await identity(folder.absolute)
    } catch (error) {
      errors.push({path: shown(folder.relative), message: `cannot read folder (${describeReadError(error)})`})
      return
    }
    if (id) ancestors.add(id)
    // By name, so that errors come in the same order on every file system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const relative = folder.relative ? `${folder.relative}/${entry.name}` : entry.name
      const absolute = path.join(folder.absolute, entry.name)
      if (entry.isDirectory()) {
        if (filter.enters(relative)) await visit({absolute, real: path.join(folder.real, entry.name), relative})
      } else if (entry.isFile()) {
        if (filter.takes(relative)) files.push({relative, real: path.join(folder.real, entry.name)})
      } else if (entry.isSymbolicLink()) {
        await link(absolute, relative)
      } else if (filter.takes(relative)) {
        errors.push({path: shown(relative), message: `not a regular file (${fileKind(entry)})`})
      }
    }
    if (id) ancestors.delete(id)
  }

  const link = async (absolute: string, relative: string): Promise<void> => {
    let target
    try {
      target = await stat(absolute)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (filter.takes(relative)) errors.push({path: shown(relative), message: code === 'ENOENT' ? 'a symbolic link to nothing' : describeReadError(error)})
      return
    }
    try {
      if (target.isDirectory()) {
        if (!followSymlinks || !filter.enters(relative)) return
        if (ancestors.has(await identity(absolute))) {
          errors.push({path: shown(relative), message: 'a symbolic link to a folder it is in (a loop); not followed'})
          return
        }
        await visit({absolute, real: await realpath(absolute), relative})
      } else if (filter.takes(relative)) {
        if (target.isFile()) files.push({relative, real: await realpath(absolute)})
        else errors.push({path: shown(relative), message: `not a regular file (${fileKind(target)})`})
      }
    } catch (error) {
      // Changed under the walk (removed, or made unreadable).
      errors.push({path: shown(relative), message: describeReadError(error)})
    }
  }

  // A root that cannot be resolved cannot be read either: `visit` reports it.
  await visit({absolute: root, real: await realpath(root).catch(() => root), relative: ''})
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
  return {files, errors}
}
