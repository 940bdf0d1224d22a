/**
 * A folder whose file system fills up on demand, for the fault tests. As root on Linux (as here and
 * in CI) it is a small tmpfs mounted for the test file: the kernel's own ENOSPC and short writes. Where
 * mounting is not permitted, the binary runs with `full-disk-preload.mjs`, which gives the folder a
 * capacity and fails writes past it the same way, so the tests still run and still assert.
 */

import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {root} from './run-bin.js'

export type DiskKind = 'tmpfs' | 'injected'

export interface Disk {
  kind: DiskKind
  /** The folder on the disk. */
  folder: string
  /** The environment the binary needs for the disk (none for a real one). */
  env(): Record<string, string>
  /** Leave about `bytes` free (a tmpfs counts whole pages of 4 kB). */
  leave(bytes: number): void
  /** Give all the space back. */
  release(): void
  /** Remove the disk. */
  dispose(): void
}

const SIZE = 2 * 1024 * 1024

/** Whether this process may mount a tmpfs (tried once, on a throwaway folder). */
export function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const folder = mkdtempSync(path.join(tmpdir(), 'decruft-mount-probe-'))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder]).status === 0
  if (mounted) spawnSync('umount', [folder])
  rmSync(folder, {recursive: true, force: true})
  return mounted
}

function used(folder: string): number {
  let total = 0
  for (const entry of readdirSync(folder, {withFileTypes: true})) {
    const file = path.join(folder, entry.name)
    total += entry.isDirectory() ? used(file) : entry.isFile() ? statSync(file).size : 0
  }
  return total
}

export function createDisk(kind: DiskKind): Disk {
  const folder = mkdtempSync(path.join(tmpdir(), `decruft-disk-${kind}-`))
  if (kind === 'tmpfs') {
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', folder], {encoding: 'utf8'})
    if (mount.status !== 0) throw new Error(`cannot mount a tmpfs: ${mount.stderr}`)
    // Filler outside the tests' own folders, which are made under the disk.
    const filler = path.join(folder, 'filler')
    return {
      kind,
      folder,
      env: () => ({}),
      leave(bytes) {
        rmSync(filler, {force: true})
        const {bavail, bsize} = statfsSync(folder)
        writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - bytes)))
      },
      release: () => rmSync(filler, {force: true}),
      dispose() {
        spawnSync('umount', [folder])
        rmSync(folder, {recursive: true, force: true})
      }
    }
  }
  let capacity = Number.MAX_SAFE_INTEGER
  const preload = pathToFileURL(path.join(root, 'test', 'full-disk-preload.mjs')).href
  return {
    kind,
    folder,
    env: () => ({
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(),
      DECRUFT_TEST_DISK: folder,
      DECRUFT_TEST_DISK_BYTES: String(capacity)
    }),
    leave(bytes) {
      capacity = used(folder) + bytes
    },
    release() {
      capacity = Number.MAX_SAFE_INTEGER
    },
    dispose: () => rmSync(folder, {recursive: true, force: true})
  }
}
