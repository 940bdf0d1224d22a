/**
 * `decruft learn`: write the boilerplate lines and section headers that repeat across a site's
 * documents as a rule pack.
 */

import {Command} from 'commander'
import {LEARN_DEFAULTS} from '../learn/options.js'
import type {CommandIo} from './clean-command.js'
import {addLearnThresholds, collect, followSymlinksOption} from './options.js'
import type {LearnCommandOptions} from './learn-run.js'

export function learnCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const command = new Command('learn')
    .description("Learn a site's boilerplate: lines and section headers that repeat across many of its documents, written as a rule pack to review.")
    .argument('[inputs...]', 'files, directories (each folder is a site), or JSON Lines with --jsonl (each URL host is a site); - for standard input')
    .option('-o, --out <file>', 'write the pack here (default: standard output)')
    .option('--jsonl', 'read JSON Lines records')
    .option('--text-field <path>', 'with --jsonl: the dotted path of the text field', 'text')
    .option('--include <glob>', 'in directories, read files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'in directories, skip files matching this glob (repeatable)', collect)
    .addOption(followSymlinksOption())
  return addLearnThresholds(command)
    .addHelpText(
      'after',
      `
A line that reads like content (a sentence of 8 words or more, or 20 words) is learned only when it
stands in at least ${LEARN_DEFAULTS.contentShare * 100}% of its site's documents. Lines longer than ${LEARN_DEFAULTS.maxChars} characters are never learned.
A short line followed by different lines in different documents is learned as a section header.

Examples:
  decruft learn corpus/ -o rules/learned.yaml
  decruft learn --jsonl pages.jsonl --text-field inputs.fulltext -o learned.yaml --min-docs 5`
    )
    .action(async (inputs: string[], options: LearnCommandOptions) => {
      const {runLearn} = await import('./learn-run.js')
      setExitCode(await runLearn(inputs, options, io))
    })
}
