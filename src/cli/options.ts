/**
 * Options shared by several commands.
 */

import type {Command} from 'commander'
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
