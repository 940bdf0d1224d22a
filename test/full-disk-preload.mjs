/**
 * A full disk without mounting one, for the fault tests where a small tmpfs cannot be mounted:
 * loaded with `node --import`, it gives the folder `DECRUFT_TEST_DISK` a capacity of
 * `DECRUFT_TEST_DISK_BYTES`. A file handle's write into that folder that would take the files there
 * past it writes what still fits and returns that count (a short write), and fails with ENOSPC when
 * nothing fits, as a full file system does. Space comes back when files there shrink or go.
 */

import {readdirSync, statSync} from 'node:fs'
import fsPromises from 'node:fs/promises'
import {syncBuiltinESMExports} from 'node:module'
import path from 'node:path'

const root = path.resolve(process.env.DECRUFT_TEST_DISK)
const capacity = Number(process.env.DECRUFT_TEST_DISK_BYTES)

/** Bytes held by the files under `folder` now. */
function used(folder) {
  let total = 0
  for (const entry of readdirSync(folder, {withFileTypes: true})) {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) total += used(file)
    else if (entry.isFile()) total += statSync(file).size
  }
  return total
}

// The handles opened on files in the folder.
const inFolder = new WeakSet()
const open = fsPromises.open
fsPromises.open = async (file, ...rest) => {
  const handle = await open(file, ...rest)
  if (!path.relative(root, path.resolve(String(file))).startsWith('..')) inFolder.add(handle)
  return handle
}
syncBuiltinESMExports()

const probe = await open(process.execPath, 'r')
const FileHandle = Object.getPrototypeOf(probe)
await probe.close()
const write = FileHandle.write
FileHandle.write = async function (buffer, offset, length, position) {
  if (!inFolder.has(this) || !ArrayBuffer.isView(buffer) || typeof position !== 'number') return write.call(this, buffer, offset, length, position)
  const size = (await this.stat()).size
  // Bytes over the file's current end take room; those before it do not.
  const fits = Math.max(0, size - position) + capacity - used(root)
  if (fits <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC', errno: -28, syscall: 'write'})
  return write.call(this, buffer, offset, Math.min(length, fits), position)
}
