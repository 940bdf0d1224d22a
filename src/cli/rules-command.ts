/**
 * `decruft rules`: list a config's rules, explain one, validate pack and config files, and test a
 * pack on texts.
 */

import {Command, Option} from 'commander'
import {DEFAULT_TIMEOUT} from '../config/redos.js'
import {RULE_KINDS} from '../types.js'
import type {CommandIo} from './clean-command.js'
import {collect, inputKindOption} from './options.js'
import type {ListOptions, ExplainOptions, ValidateCommandOptions, TestOptions} from './rules-run.js'

export function rulesCommand(io: CommandIo, setExitCode: (code: number) => void): Command {
  const configure = (command: Command) =>
    command
      .exitOverride()
      .showHelpAfterError('(run with --help for usage)')
      .configureOutput({writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text)})
  const configOption = () => new Option('-c, --config <file>', 'config file (default: the nearest decruft.config.yaml, else the recommended pack)')

  const list = configure(new Command('list'))
    .description('List the rules of a config (the default): id, kind, category, on or off, scope, pack and where each is defined.')
    .addOption(configOption())
    .option('--kind <kind>', `only rules of this kind (repeatable or comma-separated: ${RULE_KINDS.join(', ')})`, collect)
    .option('--category <name>', 'only rules of this category (repeatable or comma-separated)', collect)
    .option('--pack <name>', 'only rules defined in this pack (repeatable or comma-separated)', collect)
    .option('--lang <code>', 'only rules that apply to documents in this language (rules without `when.lang` apply to all)')
    .option('--on', 'only rules that are on')
    .option('--off', 'only rules that are switched off')
    .option('--json', 'print the rules as JSON')
    .action(async (options: ListOptions) => setExitCode(await (await import('./rules-run.js')).runList(options, io)))

  const explain = configure(new Command('explain'))
    .description('Explain one rule: what it removes, its phrases and patterns, where it is defined, and examples of text it removes and keeps.')
    .argument('<id>', 'rule id, e.g. en/read-also')
    .addOption(configOption())
    .option('--json', 'print the explanation as JSON')
    .action(async (id: string, options: ExplainOptions) => setExitCode(await (await import('./rules-run.js')).runExplain(id, options, io)))

  const validate = configure(new Command('validate'))
    .description('Check pack and config files and print every problem as file:line:column: message [key].')
    .argument('<files...>', 'pack or config files (YAML), or names of built-in packs')
    .option('--json', 'print the problems as JSON')
    .option('--strict', 'also fail on any super-linear pattern and on patterns recheck could not decide')
    .option('--no-redos', 'skip the check for catastrophic backtracking (recheck)')
    .option('--redos-timeout <ms>', 'time recheck may take for one pattern', (value) => Number(value), DEFAULT_TIMEOUT)
    .option('--no-examples', "skip running each rule's examples")
    .addHelpText(
      'after',
      `
Checks: YAML syntax and the schema (rules/schema.json); \`extends\` entries; duplicate rule ids; rules without
kind, category or description that override no earlier rule; \`off\`/\`on\` ids and globs that match no rule
known after resolving \`extends\` (a file without \`extends\` builds on recommended, as with --config); patterns
that do not compile; and patterns open to catastrophic backtracking (checked with recheck): exponential
backtracking always, polynomial backtracking when a line within the rule's maxChars could cost more than ten
million steps (any line length for an inline rule without maxChars). Results are cached in
~/.cache/decruft (DECRUFT_CACHE_DIR overrides; empty turns the cache off). A pattern holding a control
character (\`"\\b"\` in double quotes is a backspace) is a warning. Last, every rule's \`examples\` are
run as tests, the rule alone on a short article ending with the example: a \`removes\` example the rule
leaves, or a \`keeps\` example it removes, is a problem naming the rule and the example.

Exit codes: 0 no problems (warnings allowed), 1 some problem, 2 usage error.`
    )
    .action(async (files: string[], options: ValidateCommandOptions) => setExitCode(await (await import('./rules-run.js')).runValidate(files, options, io)))

  const test = configure(new Command('test'))
    .description('Show what a pack removes from some texts: every removed line with its rule, and hits per rule.')
    .argument('<file>', 'the pack (or config, or a built-in pack name) to test: its extends are followed, but it does not build on recommended unless it says so')
    .requiredOption('--on <texts...>', 'text files to clean')
    .option('--lang <code>', 'assume this language instead of detecting it')
    .addOption(new Option('--title <mode>', 'how the first line is treated').choices(['auto', 'first-line', 'none']))
    .option('--url <url>', "the documents' URL, for rules scoped with when.domain or when.url")
    .addOption(new Option('--preset <name>', "also run the block classifier with this preset (default: off, only the rules run)").choices(['precision', 'balanced', 'recall', 'off']))
    .addOption(inputKindOption())
    .option('--json', 'print the removals and counts as JSON')
    .action(async (file: string, options: TestOptions) => setExitCode(await (await import('./rules-run.js')).runTest(file, options, io)))

  return configure(new Command('rules'))
    .description("List, explain, validate and test rules: the config's rules, one rule in full, pack and config files, a pack on texts.")
    .addCommand(list, {isDefault: true})
    .addCommand(explain)
    .addCommand(validate)
    .addCommand(test)
    .addHelpText(
      'after',
      `
Examples:
  decruft rules                                  the rules of the config (or recommended), on and off
  decruft rules --kind section --lang de         section rules that apply to German documents
  decruft rules -c decruft.config.yaml --json    the rules as JSON
  decruft rules explain en/read-also             phrases, patterns, source and examples of one rule
  decruft rules validate decruft.config.yaml packs/*.yaml
  decruft rules test packs/site.yaml --on corpus/a.txt corpus/b.txt

Exit codes: 0 success, 1 validate found problems (or test could not read a text), 2 usage or config error.`
    )
}
