/**
 * The config compiled in a thread of its own before a batch runs (`src/batch/compile-check.ts`):
 * its errors reach the main thread whole, its work is handed back for the batch's threads, and the
 * command line's main thread loads none of the cleaner's modules.
 */

import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {checkCompiles} from '../src/batch/compile-check.js'
import {ConfigError} from '../src/config/error.js'
import {loadConfig} from '../src/config/resolve.js'
import {runBin} from './run-bin.js'
import {workspace} from './workspace.js'

const BUDGET = 160 * 1024 * 1024
const distUrl = new URL('../dist/', import.meta.url).href
const dist = fileURLToPath(distUrl)

describe('checkCompiles', () => {
  it('rejects with the config error the thread found, naming the file, line and key', async () => {
    const directory = workspace({
      'decruft.config.yaml': ['extends: [core]', 'rules:', '  - id: site/promo', '    kind: line', '    category: promo', '    description: promo line', '    patterns: ["^buy (now"]', ''].join('\n')
    })
    const config = loadConfig({cwd: directory})
    const error = await checkCompiles(config, BUDGET).then(
      () => undefined,
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(ConfigError)
    const configError = error as ConfigError
    expect(configError.file).toBe(path.join(directory, 'decruft.config.yaml'))
    expect(configError.line).toBe(3)
    expect(configError.key).toBe('patterns[0]')
    expect(configError.message).toContain('rule `site/promo`: pattern 1 does not compile')
  })

  it("hands back the prefilters and phrase automata the thread built, for the batch's threads", async () => {
    const phrases = Array.from({length: 300}, (_, index) => `promo offer number ${index} today`)
    const directory = workspace({
      'decruft.config.yaml': [
        'rules:',
        '  - id: site/offers',
        '    kind: line',
        '    category: promo',
        '    description: offer lines',
        `    phrases: [${phrases.map((phrase) => JSON.stringify(phrase)).join(', ')}]`,
        '  - id: site/teaser',
        '    kind: line',
        '    category: related',
        '    description: teaser lines',
        '    patterns: ["^more from the (?:archive|desk) of \\\\w+$"]',
        ''
      ].join('\n')
    })
    const pattern = '^more from the (?:archive|desk) of \\w+$'
    // The built modules, as the command line runs them: prefilters are taken only from the same
    // code (the fingerprint of literals.js), and the thread runs the built compile-worker.js.
    const built = {
      check: (await import(`${distUrl}batch/compile-check.js`)) as typeof import('../src/batch/compile-check.js'),
      literals: (await import(`${distUrl}engine/literals.js`)) as typeof import('../src/engine/literals.js'),
      automata: (await import(`${distUrl}engine/automaton.js`)) as typeof import('../src/engine/automaton.js')
    }
    const automataBefore = Object.keys(built.automata.knownAutomata()).length
    expect(built.literals.knownPrefilters().patterns[pattern]).toBeUndefined()
    await built.check.checkCompiles(loadConfig({cwd: directory}), BUDGET)
    expect(built.literals.knownPrefilters().patterns[pattern]?.prefixes).toEqual(['more from the ar', 'more from the de'])
    expect(Object.keys(built.automata.knownAutomata()).length).toBeGreaterThan(automataBefore)
  })
})

describe('decruft clean, with rules too large for a thread', () => {
  it('stops before reading a document, with the budget that did not hold them (exit 2)', () => {
    // 100,000 phrases: their compiled automaton does not fit in the smallest budget's heap.
    const phrases = Array.from({length: 100_000}, (_, index) => `      - offer ${index} of the week number ${(index * 7919) % 100_003}`)
    const directory = workspace({
      'decruft.config.yaml': ['rules:', '  - id: site/offers', '    kind: line', '    category: promo', '    description: offer lines', '    phrases:', ...phrases, ''].join('\n'),
      'a.txt': 'A short article line that is long enough to be read as a paragraph of text.\n'
    })
    const result = runBin(['clean', 'a.txt', '-o', 'out', '--memory-budget', '72'], {cwd: directory})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("the rules do not fit in a worker thread's memory (--memory-budget 72); give a larger --memory-budget")
    expect(existsSync(path.join(directory, 'out'))).toBe(false)
    expect(readFileSync(path.join(directory, 'a.txt'), 'utf8')).toBe('A short article line that is long enough to be read as a paragraph of text.\n')
  }, 60_000)
})

/** The modules `file` imports statically (not `import()`), and theirs, as paths under dist/. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = readFileSync(path.join(dist, file), 'utf8')
  for (const match of source.matchAll(/^(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.[^'"]+)['"]/gm)) {
    staticImports(path.relative(dist, path.resolve(path.dirname(path.join(dist, file)), match[1])), seen)
  }
  return seen
}

describe("the command line's main thread", () => {
  it('loads neither the cleaner nor its language models, the model file or the rules engine', () => {
    const loaded = staticImports('cli/main.js')
    expect(loaded.has('cli/clean-command.js')).toBe(true)
    expect(loaded.has('batch/executor.js')).toBe(true)
    for (const heavy of ['cleaner.js', 'text/franc.js', 'classifier/model-file.js', 'engine/compile.js', 'learn/learn.js', 'train/train.js', 'eval/evaluate.js']) {
      expect(loaded.has(heavy), heavy).toBe(false)
    }
  })

  it('reaches each command through the file that runs it, loaded on demand', () => {
    for (const name of ['diff', 'eval', 'learn', 'rules', 'train']) {
      const source = readFileSync(path.join(dist, 'cli', `${name}-command.js`), 'utf8')
      expect(source).toContain(`import('./${name}-run.js')`)
      expect(staticImports('cli/main.js').has(`cli/${name}-run.js`)).toBe(false)
    }
  })
})
