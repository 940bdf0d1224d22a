/**
 * How many worker threads a batch cleans with by default: the cores this process may run on.
 *
 * `os.availableParallelism()` counts the cores of the CPU affinity mask, but under Node 20 (libuv
 * 1.46) not a Linux control group's CPU quota: a container limited to 2 CPUs on a 64-core host would
 * start 64 threads, each compiling the rules and holding its own heap, for the time of 2 cores.
 * Later libuv versions read the quota; this module reads it the same way for Node 20: the quota
 * divided by its period, rounded down, at least 1, the smallest over the process's control group
 * and the groups above it (cgroup v2 `cpu.max`, cgroup v1 `cpu.cfs_quota_us` and
 * `cpu.cfs_period_us`), in whichever hierarchies hold the CPU controller.
 */

import {readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A mounted control-group hierarchy: where it is mounted, and which group is its root. */
interface Mount {
  point: string
  root: string
}

/** `readFileSync` as text, or undefined when the file cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** A mountinfo path field: spaces, tabs, newlines and backslashes are octal escapes (`\040`). */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))
}

/**
 * The mounts of `/proc/self/mountinfo` of file system type `type` (`cgroup2`, or `cgroup` with
 * `controller` among its super options).
 */
function mountsOf(mountinfo: string, type: string, controller?: string): Mount[] {
  const mounts: Mount[] = []
  for (const line of mountinfo.split('\n')) {
    // id parent major:minor root mount-point options [optional fields] - type source super-options
    const separator = line.indexOf(' - ')
    if (separator < 0) continue
    const fields = line.slice(0, separator).split(' ')
    const [fsType, , superOptions = ''] = line.slice(separator + 3).split(' ')
    if (fsType !== type || fields.length < 5) continue
    if (controller !== undefined && !superOptions.split(',').includes(controller)) continue
    mounts.push({root: unescapeMountPath(fields[3]), point: unescapeMountPath(fields[4])})
  }
  return mounts
}

/**
 * The directory of group `group` under `mount`: the group is named from the root of all groups, and
 * the mount shows the part below its own root. Undefined when the group is not under that root.
 */
function groupDirectory(mount: Mount, group: string): string | undefined {
  const root = mount.root.replace(/\/+$/, '')
  if (root !== '' && group !== root && !group.startsWith(`${root}/`)) return undefined
  return path.join(mount.point, group.slice(root.length))
}

/** `read(directory)` for the group's directory and each one above it, up to the mount point `top`: the smallest limit. */
function smallestUpward(top: string, directory: string, read: (directory: string) => number | undefined): number | undefined {
  let smallest: number | undefined
  for (let current = directory; ; current = path.dirname(current)) {
    const limit = read(current)
    if (limit !== undefined && (smallest === undefined || limit < smallest)) smallest = limit
    if (current === top || !current.startsWith(`${top}/`)) break
  }
  return smallest
}

/** A quota over a period, in CPUs; undefined for no limit or a text that is not one. */
function cpusOf(quota: string | undefined, period: string | undefined): number | undefined {
  if (quota === undefined || period === undefined || !/^\d+$/.test(quota) || !/^\d+$/.test(period)) return undefined
  const periodValue = Number(period)
  return periodValue > 0 ? Number(quota) / periodValue : undefined
}

/** cgroup v2: `cpu.max` holds `<quota> <period>`, or `max <period>` for none. */
function readCpuMax(directory: string): number | undefined {
  const [quota, period] = (readText(path.join(directory, 'cpu.max')) ?? '').trim().split(/\s+/)
  return cpusOf(quota, period)
}

/** cgroup v1: `cpu.cfs_quota_us` (-1 for none) and `cpu.cfs_period_us`. */
function readCfs(directory: string): number | undefined {
  return cpusOf(readText(path.join(directory, 'cpu.cfs_quota_us'))?.trim(), readText(path.join(directory, 'cpu.cfs_period_us'))?.trim())
}

/**
 * The CPU quota of this process's control groups, in whole CPUs (rounded down, at least 1), or
 * undefined when there is none (or no Linux control groups to read). `root` stands for `/` (tests).
 */
export function cgroupCpuLimit(root = '/'): number | undefined {
  const groups = readText(path.join(root, 'proc/self/cgroup'))
  const mountinfo = readText(path.join(root, 'proc/self/mountinfo'))
  if (groups === undefined || mountinfo === undefined) return undefined
  const limits: number[] = []
  for (const line of groups.split('\n')) {
    // hierarchy-id:controllers:group ("0::/group" for cgroup v2)
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim())
    if (!match) continue
    const [, id, controllers, group] = match
    const v2 = id === '0' && controllers === ''
    if (!v2 && !controllers.split(',').includes('cpu')) continue
    for (const mount of v2 ? mountsOf(mountinfo, 'cgroup2') : mountsOf(mountinfo, 'cgroup', 'cpu')) {
      const point = path.resolve(root, `.${mount.point}`)
      const directory = groupDirectory({point, root: mount.root}, group)
      if (directory === undefined) continue
      const limit = smallestUpward(point, directory, v2 ? readCpuMax : readCfs)
      if (limit !== undefined) limits.push(limit)
    }
  }
  if (limits.length === 0) return undefined
  return Math.max(1, Math.floor(Math.min(...limits)))
}

/** The number of cores a batch uses by default: `os.availableParallelism()`, capped by the control group's CPU quota. */
export function availableCores(): number {
  return Math.min(os.availableParallelism(), cgroupCpuLimit() ?? Number.POSITIVE_INFINITY)
}
