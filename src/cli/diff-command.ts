/**
 * `decruft diff`: show what cleaning removes, without writing anything. Inputs and config as for
 * `clean`. Three views: the original text with removed lines and spans marked and the removing rule
 * in a gutter (the default), a unified diff that `patch` applies, and a per-document stat table.
 */

import {Command, InvalidArgumentError, Option} from 'commander'
import type {CommandIo} from './clean-command.js'
import {addCleaningOptions, collect} from './options.js'
import type {DiffCommandOptions} from './diff-run.js'

function contextValue(value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) throw new InvalidArgumentError('must be a whole number ≥ 0')
  return number
}

export function diffCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  return addCleaningOptions(
    new Command('diff')
      .description('Show what cleaning removes, and by which rule, without writing anything: the text with removals marked, a unified diff, or a stat table.')
      .argument('[inputs...]', 'files, directories (searched recursively), or - for standard input (the default when input is piped)')
      .addOption(new Option('--format <format>', 'gutter: the text with removals marked and the rule in a gutter; unified: a diff that `patch -p1` applies').choices(['gutter', 'unified']).default('gutter'))
      .option('--stat', 'per document: lines and share of characters removed, top rules; then a total')
      .option('--context <n>', 'show only n lines around removals (gutter), or n context lines per hunk (unified; default 3)', contextValue)
      .option('--only <rule|category>', 'show only removals by this rule (globs: de/*) or of this category (repeatable); documents without one are skipped', collect)
      .option('--color', 'colour the output even when it is not a terminal')
      .option('--no-color', 'never colour the output')
      .option('--jsonl', 'read JSON Lines records (a record’s `url` scopes rules as in clean)'),
    'take'
  )
    .option('--html <file>', 'write a self-contained HTML review page of the whole batch to this file instead of printing a view')
    .option('-q, --quiet', 'do not print the summary (errors are still printed)')
    .addHelpText(
      'after',
      `
The gutter view prints, for each document with removals, a header (path, language, removals) and
its lines, numbered: removed lines are marked "-", lines with a removed span "~" (the span shown
as [-…-], or in red), with "rule (category)" in the gutter. Documents without removals are skipped.

--stat replaces the other views. With --format unified, --only picks documents (those with a
matching removal); their patches stay whole, so that patch still gives exactly the clean text.

Colour: --color / --no-color; else FORCE_COLOR (0 turns it off), else NO_COLOR; else colour when
the output is a terminal. The unified diff is coloured only on a terminal or with --color.

Examples:
  decruft diff article.txt                         the article with every removal marked
  decruft diff corpus/ --context 1 --only related  only related-article removals, one line around each
  decruft diff corpus/ --only 'de/*' --only ad     German rules and ad labels
  decruft diff corpus/ --stat                      lines and characters removed per document
  decruft diff corpus/ --format unified > clean.patch
  cp -r corpus copy && (cd copy && patch -p1 < ../clean.patch)   copy now holds the clean texts
  decruft diff --jsonl pages.jsonl --text-field inputs.fulltext --stat
  decruft diff corpus/ --html review.html         a review page for the whole batch, to open in a browser

Exit codes: 0 all inputs read, 1 some input failed (listed on standard error), 2 usage or config error.`
    )
    .action(async (inputs: string[], options: DiffCommandOptions) => {
      const {runDiff} = await import('./diff-run.js')
      setExitCode(await runDiff(inputs, options, io))
    })
}
