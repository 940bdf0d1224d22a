/**
 * Whether a run's config compiles, found out before any document is read, in a thread of its own
 * (`compile-worker.ts`) that ends once it has answered. The main thread of a batch reads, writes
 * and reports; were it to compile the rules itself, it would keep the cleaner's modules, models and
 * compiled rules for the whole run (about 30 MB), beside the threads that clean.
 *
 * The thread has the memory of a batch thread (`--memory-budget`), so rules that do not fit in one
 * are found here too. It is given the prefilters this thread read with the built-in packs, and what
 * it works out (the other patterns' prefilters, the phrases' automata) is kept by this thread and
 * handed to the batch's threads.
 */

import {Worker} from 'node:worker_threads'
import type {ResolvedConfig} from '../config/resolve.js'
import {ConfigError, type ConfigErrorLocation} from '../config/error.js'
import {knownAutomata, rememberAutomata, type AutomatonData} from '../engine/automaton.js'
import {knownPrefilters, rememberPrefilters, type SavedPrefilters} from '../engine/literals.js'
import {workerResourceLimits} from './heap-limits.js'

/** What the compiling thread answers. */
export type CompileOutcome =
  | {ok: true; prefilters: SavedPrefilters; automata: Record<string, AutomatonData>}
  | {ok: false; config: true; message: string; location: ConfigErrorLocation}
  | {ok: false; config: false; message: string}

/** What the compiling thread is given: the config, and what this thread has worked out already (the built-in packs' saved prefilters). */
export interface CompileInput {
  config: ResolvedConfig
  prefilters: SavedPrefilters
  automata: Record<string, AutomatonData>
}

/** The rules do not fit in a thread's memory. */
export class CompileOutOfMemoryError extends Error {
  constructor() {
    super('out of memory compiling the rules')
    this.name = 'CompileOutOfMemoryError'
  }
}

const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../../dist/batch/compile-worker.js' : './compile-worker.js', import.meta.url)

/**
 * Compile `config` in a thread with `budget` bytes of memory. Resolves once it compiled; rejects
 * with the `ConfigError` the config has (its file, line and key as the thread found them), with
 * `CompileOutOfMemoryError`, or with the thread's own error.
 */
export async function checkCompiles(config: ResolvedConfig, budget: number): Promise<void> {
  const answer = await new Promise<CompileOutcome>((resolve, reject) => {
    const input: CompileInput = {config, prefilters: knownPrefilters(), automata: knownAutomata()}
    const worker = new Worker(WORKER, {workerData: input, resourceLimits: workerResourceLimits(budget)})
    let answered: CompileOutcome | undefined
    worker.once('message', (message: CompileOutcome) => {
      answered = message
    })
    worker.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new CompileOutOfMemoryError() : error))
    worker.once('exit', (code) => {
      if (answered) resolve(answered)
      else reject(new Error(`the thread compiling the rules ended without an answer (exit code ${code})`))
    })
  })
  if (answer.ok) {
    rememberPrefilters(answer.prefilters)
    rememberAutomata(answer.automata)
    return
  }
  if (answer.config) throw configErrorAt(answer.message, answer.location)
  throw new Error(answer.message)
}

/** The `ConfigError` of `message` (already naming its place), with its place's fields. */
function configErrorAt(message: string, location: ConfigErrorLocation): ConfigError {
  const error = new ConfigError(message)
  return Object.assign(error, location)
}
