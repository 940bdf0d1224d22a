/**
 * The `decruft` command line.
 */

import {Command, CommanderError} from 'commander'
import {ConfigError} from '../config/error.js'
import {cleanCommand, type CommandIo} from './clean-command.js'
import {diffCommand} from './diff-command.js'
import {evalCommand} from './eval-command.js'
import {learnCommand} from './learn-command.js'
import {rulesCommand} from './rules-command.js'
import {UsageError} from './usage-error.js'
import {version} from './version.js'

/** Build the program. `setExitCode` receives each command's exit code. */
export function createProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
  const program = new Command('decruft')
    .description('Strip boilerplate (ad labels, read-also blocks, teasers, captions, credits, promo and comment footers) from article text, and report what was removed, by which rule, and why.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text)
    })
    .exitOverride()
  program.addCommand(cleanCommand(io, setExitCode).exitOverride())
  program.addCommand(evalCommand(io, setExitCode).exitOverride())
  program.addCommand(learnCommand(io, setExitCode).exitOverride())
  program.addCommand(rulesCommand(io, setExitCode).exitOverride())
  program.addCommand(diffCommand(io, setExitCode).exitOverride())
  return program
}

/** Run the command line; resolves to the process exit code. */
export async function main(argv: string[], io?: Partial<CommandIo>): Promise<number> {
  const fullIo: CommandIo = {
    stdin: io?.stdin ?? process.stdin,
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    cwd: io?.cwd ?? process.cwd()
  }
  let exitCode = 0
  const program = createProgram(fullIo, (code) => {
    exitCode = code
  })
  try {
    await program.parseAsync(argv, {from: 'user'})
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
      return 2
    }
    if (error instanceof ConfigError) {
      fullIo.stderr.write(`decruft: config error: ${error.message}\n`)
      return 2
    }
    if (error instanceof UsageError) {
      fullIo.stderr.write(`decruft: ${error.message}\n`)
      return 2
    }
    fullIo.stderr.write(`decruft: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 1
  }
}
