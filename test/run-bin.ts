/** The built `decruft` binary as a child process, for the fault tests. */

import {spawn, spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))
export const bin = path.join(root, 'bin', 'decruft.js')

export interface BinResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface BinOptions {
  cwd: string
  input?: string | Buffer
  env?: Record<string, string>
}

/** Run the binary to its end. */
export function runBin(args: string[], options: BinOptions): BinResult {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env: {...process.env, ...options.env}, maxBuffer: 1 << 28})
  return {code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr}
}

/** Start the binary; `done` settles when it has exited. */
export function startBin(args: string[], options: BinOptions) {
  const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd, env: {...process.env, ...options.env}})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin.end(options.input ?? '')
  const done = new Promise<BinResult>((resolve) => child.on('close', (code, signal) => resolve({code, signal, stdout, stderr})))
  return {child, done}
}
