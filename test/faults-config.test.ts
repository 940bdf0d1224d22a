/**
 * A config built to exhaust the YAML parser (aliases of aliases, the "billion laughs"): a config
 * error naming the file, never a stack trace.
 */

import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {workspace} from './workspace.js'

const bin = path.join(fileURLToPath(new URL('..', import.meta.url)), 'bin', 'decruft.js')

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd, encoding: 'utf8', input: '', timeout: 60_000})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Nine aliases of nine aliases, six levels deep: 531,441 values from a few lines. */
const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcde'[index]}`).join(', ')}]`), 'rules: []', ''].join('\n')

describe('a YAML alias bomb', () => {
  it('is a config error naming the file for clean (exit 2)', () => {
    const directory = workspace({'decruft.config.yaml': bomb, 'a.txt': 'One short paragraph of text.\n'})
    const result = run(['clean', 'a.txt'], directory)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('decruft.config.yaml')
    expect(result.stderr).toContain('aliases expand too far')
    expect(result.stderr).not.toContain('ReferenceError')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('is a problem of the file for rules validate, as invalid YAML is', () => {
    const directory = workspace({'pack.yaml': bomb})
    const result = run(['rules', 'validate', 'pack.yaml'], directory)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('pack.yaml: invalid YAML: aliases expand too far')
    expect(result.stdout + result.stderr).not.toContain('ReferenceError')
  })
})
