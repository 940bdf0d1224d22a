/**
 * How many worker threads a batch cleans with by default: the cores this process may run on, as
 * many as its memory allows.
 *
 * `os.availableParallelism()` counts the cores of the CPU affinity mask, but under Node 20 (libuv
 * 1.46) not a Linux control group's CPU quota: a container limited to 2 CPUs on a 64-core host would
 * start 64 threads, each compiling the rules and holding its own heap, for the time of 2 cores.
 * Later libuv versions read the quota; this module reads it the same way for Node 20: the quota
 * divided by its period, rounded down, at least 1, the smallest over the process's control group
 * and the groups above it (cgroup v2 `cpu.max`, cgroup v1 `cpu.cfs_quota_us` and
 * `cpu.cfs_period_us`), in whichever hierarchies hold the CPU controller.
 *
 * Each thread also needs memory of its own (55–80 MB on news pages, more for a large document),
 * so the count is capped by the memory the process may use as well: the control group's limit
 * (cgroup v2 `memory.max`, cgroup v1 `memory.limit_in_bytes`), read the same way, or the machine's.
 * A container with 16 CPUs and 1 GiB would otherwise start 16 threads and be killed for its memory.
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

/** cgroup v2: `memory.max` holds bytes, or `max` for none. */
function readMemoryMax(directory: string): number | undefined {
  const value = readText(path.join(directory, 'memory.max'))?.trim()
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}

/** cgroup v1 writes "no limit" as the largest page count it can hold, in bytes (about 2^63). */
const V1_NO_MEMORY_LIMIT = 2 ** 62

/** cgroup v1: `memory.limit_in_bytes`. */
function readMemoryLimit(directory: string): number | undefined {
  const value = readText(path.join(directory, 'memory.limit_in_bytes'))?.trim()
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  const bytes = Number(value)
  return bytes >= V1_NO_MEMORY_LIMIT ? undefined : bytes
}

/**
 * The smallest limit that `readV2` (cgroup v2) or `readV1` (cgroup v1, in the hierarchy of
 * `controller`) finds for this process's control groups and the groups above them; undefined when
 * there is none, or no Linux control groups to read. `root` stands for `/` (tests).
 */
function cgroupLimit(root: string, controller: string, readV2: (directory: string) => number | undefined, readV1: (directory: string) => number | undefined): number | undefined {
  const groups = readText(path.join(root, 'proc/self/cgroup'))
  const mountinfo = readText(path.join(root, 'proc/self/mountinfo'))
  if (groups === undefined || mountinfo === undefined) return undefined
  let smallest: number | undefined
  for (const line of groups.split('\n')) {
    // hierarchy-id:controllers:group ("0::/group" for cgroup v2)
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim())
    if (!match) continue
    const [, id, controllers, group] = match
    const v2 = id === '0' && controllers === ''
    if (!v2 && !controllers.split(',').includes(controller)) continue
    for (const mount of v2 ? mountsOf(mountinfo, 'cgroup2') : mountsOf(mountinfo, 'cgroup', controller)) {
      const point = path.resolve(root, `.${mount.point}`)
      const directory = groupDirectory({point, root: mount.root}, group)
      if (directory === undefined) continue
      const limit = smallestUpward(point, directory, v2 ? readV2 : readV1)
      if (limit !== undefined && (smallest === undefined || limit < smallest)) smallest = limit
    }
  }
  return smallest
}

/**
 * The CPU quota of this process's control groups, in whole CPUs (rounded down, at least 1), or
 * undefined when there is none (or no Linux control groups to read). `root` stands for `/` (tests).
 */
export function cgroupCpuLimit(root = '/'): number | undefined {
  const cpus = cgroupLimit(root, 'cpu', readCpuMax, readCfs)
  return cpus === undefined ? undefined : Math.max(1, Math.floor(cpus))
}

/** The memory limit of this process's control groups, in bytes, or undefined when there is none. */
export function cgroupMemoryLimit(root = '/'): number | undefined {
  return cgroupLimit(root, 'memory', readMemoryMax, readMemoryLimit)
}

/** The number of cores a batch may use: `os.availableParallelism()`, capped by the control group's CPU quota. */
export function availableCores(): number {
  return Math.min(os.availableParallelism(), cgroupCpuLimit() ?? Number.POSITIVE_INFINITY)
}

const MB = 1024 * 1024
/** What the main thread is given: the runtime, the modules, the records read ahead and written (some 110–120 MB). */
const MAIN_THREAD_BYTES = 160 * MB
/**
 * What each worker thread is given by default (`--memory-budget`). On the benchmark's news pages one
 * holds 55–80 MB (5 MB of records peaked at 228, 335 and 466 MB with two, four and six workers);
 * the rest is room for a document: its heap limit and the largest document it cleans follow from
 * this (heap-limits.ts).
 */
export const DEFAULT_THREAD_BUDGET = 160 * MB

/** The memory a run with `workers` threads of `budget` bytes each may take: the main thread's and theirs. */
export function memoryFor(workers: number, budget = DEFAULT_THREAD_BUDGET): number {
  return MAIN_THREAD_BYTES + workers * budget
}

/** How many worker threads `bytes` of memory hold with `budget` bytes each (at least one). */
export function workersForMemory(bytes: number, budget = DEFAULT_THREAD_BUDGET): number {
  return Math.max(1, Math.floor((bytes - MAIN_THREAD_BYTES) / budget))
}

/**
 * The default number of worker threads: the cores a batch may use (`availableCores`), no more than
 * the memory allows (`workersForMemory` of the control group's limit, or of the machine's memory,
 * with `budget` bytes per thread).
 */
export function defaultWorkers(memoryLimit = cgroupMemoryLimit(), budget = DEFAULT_THREAD_BUDGET): number {
  return Math.min(availableCores(), workersForMemory(Math.min(memoryLimit ?? Number.POSITIVE_INFINITY, os.totalmem()), budget))
}
