/**
 * A short-lived thread that compiles a run's config (`compile-check.ts`): it reports whether the
 * rules compile, with the prefilters and automata it worked out, and ends. The main thread so never
 * loads the cleaner's modules and rules, which the batch's own threads load again for themselves.
 */

import {parentPort, workerData} from 'node:worker_threads'
import {createCleaner} from '../cleaner.js'
import type {ResolvedConfig} from '../config/resolve.js'
import {ConfigError} from '../config/error.js'
import {knownAutomata, rememberAutomata} from '../engine/automaton.js'
import {knownPrefilters, rememberPrefilters} from '../engine/literals.js'
import type {CompileInput, CompileOutcome} from './compile-check.js'

function outcome(config: ResolvedConfig): CompileOutcome {
  try {
    createCleaner(config, {messages: false})
    return {ok: true, prefilters: knownPrefilters(), automata: knownAutomata()}
  } catch (error) {
    if (error instanceof ConfigError) {
      return {ok: false, config: true, message: error.message, location: {file: error.file, line: error.line, column: error.column, key: error.key}}
    }
    return {ok: false, config: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
  }
}

const input = workerData as CompileInput
rememberPrefilters(input.prefilters)
rememberAutomata(input.automata)
parentPort!.postMessage(outcome(input.config))
