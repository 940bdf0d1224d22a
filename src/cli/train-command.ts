/**
 * `decruft train`: train a block classifier on your own gold (`x.txt` / `x.clean.txt` pairs, or JSON
 * Lines records with a gold text or `with`/`without` snippets) and write a model file that a config
 * uses (`classifier: {model: ./model.json}`) and `decruft eval --model` compares with the built-in one.
 */

import {Command} from 'commander'
import {DEFAULT_TRAIN_OPTIONS} from '../train/options.js'
import type {CommandIo} from './clean-command.js'
import {addGoldSourceOptions, inputKindOption} from './options.js'
import type {TrainCommandOptions} from './train-run.js'

export function trainCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  return addGoldSourceOptions(new Command('train').description('Train a block classifier on your own gold and write a model file for a config (classifier: {model: FILE}).'))
    .requiredOption('-o, --out <file>', 'the model file to write')
    .option('-c, --config <file>', 'config whose rules run before the classifier (default: the nearest decruft.config.yaml, else the recommended pack)')
    .option('--trees <n>', 'boosted trees', (value) => Number(value), DEFAULT_TRAIN_OPTIONS.trees.trees)
    .option('--depth <n>', 'depth of each tree', (value) => Number(value), DEFAULT_TRAIN_OPTIONS.trees.maxDepth)
    .option('--folds <n>', 'folds the operating points are chosen on (out-of-fold predictions)', (value) => Number(value), DEFAULT_TRAIN_OPTIONS.folds)
    .option('--seed <n>', 'seed of the row and feature sampling (the same data and seed give the same file)', (value) => Number(value), DEFAULT_TRAIN_OPTIONS.trees.seed)
    .addOption(inputKindOption())
    .option('-q, --quiet', 'no progress')
    .addHelpText(
      'after',
      `
Examples:
  decruft train --gold my-gold/ -o model.json
  decruft train --jsonl pages.jsonl --text-field inputs.fulltext --gold-field gold -o model.json
  decruft eval --gold held-out/ --model model.json     compare with the built-in model`
    )
    .action(async (options: TrainCommandOptions) => {
      const {runTrain} = await import('./train-run.js')
      setExitCode(await runTrain(options, io))
    })
}
