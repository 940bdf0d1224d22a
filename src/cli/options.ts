/**
 * Options shared by several commands.
 */

import {Option, type Command} from 'commander'
import type {ResolvedConfig} from '../config/resolve.js'
import {LEARN_DEFAULTS} from '../learn/learn.js'

/** Collect a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** `--min-docs` and `--min-share`, for `learn` and `clean --learn`. */
export function addLearnThresholds(command: Command, prefix = ''): Command {
  return command
    .option('--min-docs <n>', `${prefix}a learned line stands in at least this many documents of its site`, (value) => Number(value), LEARN_DEFAULTS.minDocs)
    .option('--min-share <share>', `${prefix}and in at least this share of its site's documents (0–1)`, (value) => Number(value), LEARN_DEFAULTS.minShare)
}

/** `--preset`: the block classifier's preset, over the config's `heuristics`. */
export function presetOption(): Option {
  return new Option('--preset <name>', "the block classifier's preset, over the config's `heuristics` section").choices(['precision', 'balanced', 'recall', 'off'])
}

/** The config with the preset given on the command line, if any. */
export function withPreset(config: ResolvedConfig, preset: string | undefined): ResolvedConfig {
  return preset ? {...config, heuristics: {preset: preset as 'precision' | 'balanced' | 'recall' | 'off'}} : config
}
