/**
 * Where writing a path lands, with symbolic links resolved, so that an output can be compared with
 * the inputs whatever links lie on the way. A path that does not exist yet resolves through its
 * nearest existing folder. A path that is itself a symbolic link has two places: the link (which a
 * writer that renames over its target replaces) and what it points to (which a writer that follows
 * links overwrites, even when that does not exist yet); both are given, so neither kind of writer
 * can reach an input through it.
 */

import {lstat, readdir, readlink, realpath} from 'node:fs/promises'
import path from 'node:path'

/** Links followed at most, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40

export class RealPaths {
  /** Real paths of folders, shared by the many outputs of one folder. */
  private readonly folders = new Map<string, Promise<string>>()
  /** The names of the symbolic links in a folder (one readdir, not a stat per output); undefined if it could not be read. */
  private readonly links = new Map<string, Promise<Set<string> | undefined>>()

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

  private linksIn(folder: string): Promise<Set<string> | undefined> {
    let known = this.links.get(folder)
    if (!known) {
      known = readdir(folder, {withFileTypes: true}).then(
        (entries) => new Set(entries.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name)),
        (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? new Set<string>() : undefined)
      )
      this.links.set(folder, known)
    }
    return known
  }

  /** Whether `file` is a symbolic link. */
  private async isLink(file: string): Promise<boolean> {
    const links = await this.linksIn(path.dirname(file))
    if (links) return links.has(path.basename(file))
    return lstat(file).then(
      (info) => info.isSymbolicLink(),
      () => false
    )
  }

  /**
   * `of` for many files: each folder is resolved and listed once, and only links take a look of their
   * own (a corpus of 20,000 outputs in 200 folders takes 200 realpath and 200 readdir calls).
   */
  async ofMany(files: readonly string[]): Promise<string[][]> {
    const folders = new Map<string, {real: string; links: Set<string> | undefined}>()
    for (const file of files) folders.set(path.dirname(file), {real: '', links: undefined})
    await Promise.all(
      [...folders].map(async ([folder, known]) => {
        ;[known.real, known.links] = await Promise.all([this.folder(folder), this.linksIn(folder)])
      })
    )
    return Promise.all(
      files.map((file) => {
        const {real, links} = folders.get(path.dirname(file))!
        const name = path.basename(file)
        return links && !links.has(name) ? [path.join(real, name)] : this.of(file)
      })
    )
  }

  /** Every real path that writing `file` (absolute) may overwrite. */
  async of(file: string, links = 0): Promise<string[]> {
    const location = path.join(await this.folder(path.dirname(file)), path.basename(file))
    if (links >= MAX_LINKS || !(await this.isLink(file))) return [location]
    let target
    try {
      target = path.resolve(path.dirname(file), await readlink(file))
    } catch {
      return [location]
    }
    return [location, ...(await this.of(target, links + 1))]
  }
}
