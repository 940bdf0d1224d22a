/**
 * The default number of worker threads: the cores, capped by a Linux control group's CPU quota and
 * by the memory the process may use. Each case lays out the files the kernel would show (`/proc/self/cgroup`, `/proc/self/mountinfo`
 * and the control-group files) under a temporary root.
 */

import os from 'node:os'
import {describe, expect, it} from 'vitest'
import {availableCores, cgroupCpuLimit, cgroupMemoryLimit, defaultWorkers, workersForMemory} from '../src/batch/pool-size.js'
import {workspace} from './workspace.js'

/** A root holding `files` (path → content). */
function fakeRoot(files: Record<string, string>): string {
  return workspace(files, 'decruft-pool-size-')
}

const v2Mount = '29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n'

describe('cgroupCpuLimit', () => {
  it('reads cgroup v2 cpu.max in a container with its own cgroup namespace', () => {
    const root = fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount, 'sys/fs/cgroup/cpu.max': '200000 100000\n'})
    expect(cgroupCpuLimit(root)).toBe(2)
  })

  it('finds no limit where cpu.max says max, or where there is no cpu.max', () => {
    expect(cgroupCpuLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount, 'sys/fs/cgroup/cpu.max': 'max 100000\n'}))).toBeUndefined()
    expect(cgroupCpuLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount}))).toBeUndefined()
  })

  it('rounds a fractional quota down, to at least one CPU', () => {
    const quota = (value: string) => cgroupCpuLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount, 'sys/fs/cgroup/cpu.max': value}))
    expect(quota('250000 100000')).toBe(2)
    expect(quota('50000 100000')).toBe(1)
  })

  it('takes the smallest quota of the group and the groups above it', () => {
    const root = fakeRoot({
      'proc/self/cgroup': '0::/batch.slice/job.scope\n',
      'proc/self/mountinfo': v2Mount,
      'sys/fs/cgroup/batch.slice/cpu.max': '300000 100000\n',
      'sys/fs/cgroup/batch.slice/job.scope/cpu.max': 'max 100000\n',
      'sys/fs/cgroup/cpu.max': '800000 100000\n'
    })
    expect(cgroupCpuLimit(root)).toBe(3)
  })

  it('reads a group below the root of its mount (a container without a cgroup namespace)', () => {
    const mountinfo = '29 23 0:26 /docker/abc123 /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n'
    const root = fakeRoot({
      'proc/self/cgroup': '0::/docker/abc123/worker\n',
      'proc/self/mountinfo': mountinfo,
      'sys/fs/cgroup/worker/cpu.max': '100000 100000\n',
      'sys/fs/cgroup/cpu.max': '400000 100000\n'
    })
    expect(cgroupCpuLimit(root)).toBe(1)
    // A group outside what the mount shows is not read.
    expect(cgroupCpuLimit(fakeRoot({'proc/self/cgroup': '0::/other\n', 'proc/self/mountinfo': mountinfo, 'sys/fs/cgroup/cpu.max': '400000 100000\n'}))).toBeUndefined()
  })

  it('reads cgroup v1 cpu.cfs_quota_us and cpu.cfs_period_us of the cpu controller', () => {
    const files = {
      'proc/self/cgroup': '12:memory:/docker/abc123\n4:cpu,cpuacct:/docker/abc123\n0::/\n',
      'proc/self/mountinfo':
        '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n' +
        '32 31 0:29 /docker/abc123 /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n' +
        '35 31 0:32 /docker/abc123 /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n',
      'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '50000\n'
    }
    expect(cgroupCpuLimit(fakeRoot({...files, 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '150000\n'}))).toBe(3)
    expect(cgroupCpuLimit(fakeRoot({...files, 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '-1\n'}))).toBeUndefined()
  })

  it('decodes escaped mount points', () => {
    const root = fakeRoot({
      'proc/self/cgroup': '0::/\n',
      'proc/self/mountinfo': '29 23 0:26 / /cgroup\\040root rw - cgroup2 cgroup2 rw\n',
      'cgroup root/cpu.max': '100000 100000\n'
    })
    expect(cgroupCpuLimit(root)).toBe(1)
  })

  it('finds nothing without control groups, or in files it cannot read as such', () => {
    expect(cgroupCpuLimit(fakeRoot({}))).toBeUndefined()
    expect(cgroupCpuLimit(fakeRoot({'proc/self/cgroup': 'not a cgroup line\n', 'proc/self/mountinfo': 'nor a mount\n'}))).toBeUndefined()
    expect(cgroupCpuLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount, 'sys/fs/cgroup/cpu.max': 'lots 100000\n'}))).toBeUndefined()
  })
})

describe('cgroupMemoryLimit', () => {
  const MB = 1024 * 1024

  it('reads cgroup v2 memory.max, the smallest of the group and the groups above it', () => {
    const root = fakeRoot({
      'proc/self/cgroup': '0::/batch.slice/job.scope\n',
      'proc/self/mountinfo': v2Mount,
      'sys/fs/cgroup/batch.slice/memory.max': `${2048 * MB}\n`,
      'sys/fs/cgroup/batch.slice/job.scope/memory.max': `${512 * MB}\n`,
      'sys/fs/cgroup/memory.max': 'max\n'
    })
    expect(cgroupMemoryLimit(root)).toBe(512 * MB)
  })

  it('finds no limit where memory.max says max or is missing', () => {
    expect(cgroupMemoryLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount, 'sys/fs/cgroup/memory.max': 'max\n'}))).toBeUndefined()
    expect(cgroupMemoryLimit(fakeRoot({'proc/self/cgroup': '0::/\n', 'proc/self/mountinfo': v2Mount}))).toBeUndefined()
  })

  it('reads cgroup v1 memory.limit_in_bytes of the memory controller, its "no limit" as none', () => {
    const files = {
      'proc/self/cgroup': '12:memory:/docker/abc123\n4:cpu,cpuacct:/docker/abc123\n0::/\n',
      'proc/self/mountinfo':
        '32 31 0:29 /docker/abc123 /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n' +
        '35 31 0:32 /docker/abc123 /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n',
      // The CPU hierarchy's files are not the memory limit.
      'sys/fs/cgroup/cpu,cpuacct/memory.limit_in_bytes': `${64 * MB}\n`
    }
    expect(cgroupMemoryLimit(fakeRoot({...files, 'sys/fs/cgroup/memory/memory.limit_in_bytes': `${1024 * MB}\n`}))).toBe(1024 * MB)
    expect(cgroupMemoryLimit(fakeRoot({...files, 'sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n'}))).toBeUndefined()
  })
})

describe('workersForMemory and defaultWorkers', () => {
  const MB = 1024 * 1024

  it('give each thread 160 MB after 160 MB for the main thread, and never fewer than one', () => {
    expect(workersForMemory(1024 * MB)).toBe(5)
    expect(workersForMemory(512 * MB)).toBe(2)
    expect(workersForMemory(480 * MB)).toBe(2)
    expect(workersForMemory(479 * MB)).toBe(1)
    expect(workersForMemory(100 * MB)).toBe(1)
  })

  it('take the cores, no more than the memory allows', () => {
    expect(defaultWorkers(256 * MB)).toBe(1)
    expect(defaultWorkers(64 * 1024 * MB)).toBe(Math.min(availableCores(), workersForMemory(os.totalmem())))
    expect(defaultWorkers(undefined)).toBe(Math.min(availableCores(), workersForMemory(os.totalmem())))
  })
})

describe('availableCores', () => {
  it('is at least one and at most the cores Node reports', () => {
    const cores = availableCores()
    expect(cores).toBeGreaterThanOrEqual(1)
    expect(cores).toBeLessThanOrEqual(os.availableParallelism())
    expect(cores).toBe(Math.min(os.availableParallelism(), cgroupCpuLimit() ?? Number.POSITIVE_INFINITY))
  })
})
