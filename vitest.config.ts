import {availableParallelism} from 'node:os'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Time limits catch a hang, not slowness: on a machine shared with other jobs a test that takes
    // 4 s alone has taken over 30 s, and a beforeAll that runs the binary a few times (the fault
    // tests' reference outputs) over vitest's 10 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time on two cores (vitest's default, one less than the cores, runs them one
    // by one there): most tests wait on one child process or run on one thread.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/global-setup.ts'],
    // The JSON results let .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', {outputFile: 'test-results/vitest.json'}]]
  }
})
