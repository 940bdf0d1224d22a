/**
 * The signal guard (src/cli/signals.ts): a SIGINT or SIGTERM outside a command's own handler never
 * ends the process by the default action. Before the work it exits 130; after the command has
 * returned it exits with the command's code; while a handler runs, the handler decides. Each case is
 * a small node process that signals itself at that point.
 */

import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {root} from './run-bin.js'

const signals = pathToFileURL(path.join(root, 'dist', 'cli', 'signals.js')).href

function run(body: string) {
  const script = `import {guardSignals, interruptOn} from ${JSON.stringify(signals)}\n${body}`
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})
  return {code: result.status, signal: result.signal, stdout: result.stdout}
}

/** Keep the event loop alive long enough for a signal to be delivered. */
const WAIT = 'await new Promise((resolve) => setTimeout(resolve, 300))'

describe.each(['SIGINT', 'SIGTERM'])('%s', (signal) => {
  it('before a command has set up: exit 130, not death by the signal', () => {
    expect(run(`guardSignals()\nprocess.kill(process.pid, '${signal}')\n${WAIT}\nconsole.log('went on')`)).toEqual({code: 130, signal: null, stdout: ''})
  })

  it('after the command has returned: the command\'s own exit code', () => {
    const body = `const guard = guardSignals()\nprocess.exitCode = 1\nguard.finished()\nprocess.kill(process.pid, '${signal}')\n${WAIT}\nconsole.log('went on')`
    expect(run(body)).toEqual({code: 1, signal: null, stdout: ''})
  })

  it('while a command listens: its handler is called once and the process goes on; a second signal exits 130', () => {
    const body = [
      'guardSignals()',
      `const stop = interruptOn(() => console.log('interrupted'))`,
      `process.kill(process.pid, '${signal}')`,
      WAIT,
      `console.log('went on')`,
      `process.kill(process.pid, '${signal}')`,
      WAIT,
      `console.log('not reached')`
    ].join('\n')
    expect(run(body)).toEqual({code: 130, signal: null, stdout: 'interrupted\nwent on\n'})
  })

  it('once the command has stopped listening, the guard takes over again', () => {
    const body = `guardSignals()\nconst stop = interruptOn(() => console.log('interrupted'))\nstop()\nprocess.kill(process.pid, '${signal}')\n${WAIT}\nconsole.log('went on')`
    expect(run(body)).toEqual({code: 130, signal: null, stdout: ''})
  })
})

it('without the guard a signal kills the process: the cases above are not vacuous', () => {
  expect(run(`process.kill(process.pid, 'SIGINT')\n${WAIT}\nconsole.log('went on')`)).toMatchObject({code: null, signal: 'SIGINT'})
})
