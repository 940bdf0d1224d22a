/**
 * `decruft eval`: score decruft's output against gold data, with the two public benchmarks' metrics
 * and attribution to rules.
 */

import {Command, Option} from 'commander'
import {INPUT_KINDS} from '../types.js'
import type {CommandIo} from './clean-command.js'
import {addGoldSourceOptions, followSymlinksOption, presetOption} from './options.js'
import type {EvalCommandOptions} from './eval-run.js'

export function evalCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  return addGoldSourceOptions(
    new Command('eval').description("Score decruft's output against gold clean text (4-word shingles) or keep/remove snippets, and show which rules removed gold content.")
  )
    .option('--benchdata <dir>', 'score every input kind of scrapinghub.dev.jsonl and trafilatura.dev.jsonl in this folder, as one table')
    .option('--cv', 'with --benchdata: leave-one-source-out over the seven sources of --benchdata and --traindata, with the C4 and jusText baselines, as one table')
    .option('--traindata <dir>', 'with --cv: the five training corpora (default: the traindata folder next to --benchdata)')
    .option('--previous <file>', "with --cv: an earlier --cv --json report for the \"previous\" column (default: the previous release's figures)")
    .option('--workers <n>', 'with --cv: threads that clean documents (default: the number of cores)', (value) => Number(value))
    .option('--keep-title', 'with --jsonl: score the title line too (by default a detected title is dropped: benchmark gold has no headline)')
    .option('-c, --config <file>', 'config file (default: the nearest decruft.config.yaml, else the recommended pack)')
    .addOption(presetOption())
    .addOption(
      new Option('--input-kind <kind>', "what the texts are: an extractor's output, a whole page's text, auto (judged per text), or with --cv known (each input's own kind)").choices([...INPUT_KINDS, 'known'])
    )
    .addOption(followSymlinksOption())
    .option('--rules <n>', 'how many rules to list', (value) => Number(value), 15)
    .option('--model <file>', "with --gold or --jsonl: clean with this classifier model (from decruft train) and compare it with the config's own classifier")
    .option('--json <file>', 'also write the full results as JSON')
    .addHelpText(
      'after',
      `
Metrics: shingles are runs of 4 words (Unicode letters, digits, _), compared as multisets; precision and
recall are averaged over documents and F1 taken from the averages. Snippets: each "with" snippet found in
the output is a true positive, each "without" snippet found a false positive, summed over the corpus.
A catastrophic document keeps under half of the gold its input had (shingle recall, or "with" snippets).
--cv holds out each source in turn and prints raw, C4, jusText and decruft F1 for every input kind.

Examples:
  decruft eval --gold fixtures/seeds
  decruft eval --jsonl pages.jsonl --text-field inputs.fulltext --gold-field gold
  decruft eval --benchdata ../shared/benchdata
  decruft eval --cv --benchdata ../shared/benchdata --traindata ../shared/traindata --json cv.json`
    )
    .action(async (options: EvalCommandOptions) => {
      const {runEval} = await import('./eval-run.js')
      setExitCode(await runEval(options, io))
    })
}
