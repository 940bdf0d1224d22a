/**
 * Where writing a path lands, with symbolic links resolved, so that an output can be compared with
 * the inputs whatever links lie on the way. A path that does not exist yet resolves through its
 * nearest existing folder. A path that is itself a symbolic link has two places: the link (which a
 * writer that renames over its target replaces) and what it points to (which a writer that follows
 * links overwrites, even when that does not exist yet); both are given, so neither kind of writer
 * can reach an input through it.
 */

import {lstat, readlink, realpath} from 'node:fs/promises'
import path from 'node:path'

/** Links followed at most, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40

export class RealPaths {
  /** Real paths of folders, shared by the many outputs of one folder. */
  private readonly folders = new Map<string, Promise<string>>()

  /** The real path of a folder that may not exist yet (its nearest existing ancestor resolved). */
  folder(absolute: string): Promise<string> {
    let known = this.folders.get(absolute)
    if (!known) {
      known = realpath(absolute).catch((error: NodeJS.ErrnoException) => {
        const parent = path.dirname(absolute)
        // Not there yet (or a file on the way, which writing will report): resolve what is.
        if ((error.code === 'ENOENT' || error.code === 'ENOTDIR') && parent !== absolute) return this.folder(parent).then((real) => path.join(real, path.basename(absolute)))
        return absolute
      })
      this.folders.set(absolute, known)
    }
    return known
  }

  /** Every real path that writing `file` (absolute) may overwrite. */
  async of(file: string, links = 0): Promise<string[]> {
    const location = path.join(await this.folder(path.dirname(file)), path.basename(file))
    let info
    try {
      info = await lstat(file)
    } catch {
      return [location]
    }
    if (!info.isSymbolicLink() || links >= MAX_LINKS) return [location]
    let target
    try {
      target = path.resolve(path.dirname(file), await readlink(file))
    } catch {
      return [location]
    }
    return [location, ...(await this.of(target, links + 1))]
  }
}
