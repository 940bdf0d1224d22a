/**
 * The `decruft` command line.
 */

import type {Writable} from 'node:stream'
import {Command, CommanderError} from 'commander'
import {ConfigError} from '../config/error.js'
import {isClosedOutput} from '../io/closed-output.js'
import {WriteError} from '../io/write.js'
import {cleanCommand, type CommandIo} from './clean-command.js'
import {diffCommand} from './diff-command.js'
import {evalCommand} from './eval-command.js'
import {learnCommand} from './learn-command.js'
import {rulesCommand} from './rules-command.js'
import {trainCommand} from './train-command.js'
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
  for (const command of [cleanCommand, evalCommand, learnCommand, rulesCommand, diffCommand, trainCommand]) program.addCommand(routeOutput(command(io, setExitCode).exitOverride(), io))
  return program
}

/**
 * Send a command's own messages (usage errors, help) to the streams `main` was given, as the
 * program's are: commander copies a program's output settings only to the subcommands it makes
 * itself, not to those added with `addCommand`, which would write to the process's streams.
 */
function routeOutput(command: Command, io: CommandIo): Command {
  command.configureOutput({...command.configureOutput(), writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text)})
  for (const subcommand of command.commands) routeOutput(subcommand, io)
  return command
}

/**
 * Exit code when standard output's reader went away (`decruft clean --jsonl big.jsonl | head`):
 * 128 + SIGPIPE, what a shell reports for a program the signal stopped. Node ignores the signal and
 * reports a failed write (EPIPE) instead; the run stops there, quietly.
 */
export const OUTPUT_CLOSED_EXIT = 141

/**
 * Watch `stream` for a closed pipe. A failed write that nothing awaits is emitted as an event, which
 * would end the process with a stack trace; other errors keep that default.
 */
function watchClosedPipe(stream: NodeJS.WritableStream): {closed: () => boolean; flush: () => Promise<void>; stop: () => void} {
  let closed = false
  const onError = (error: unknown) => {
    if (isClosedOutput(error)) closed = true
    else if (stream.listenerCount('error') === 1) throw error
  }
  stream.on('error', onError)
  return {
    closed: () => closed,
    /**
     * Wait until what was written has left the stream's buffer, or the stream failed: a write to a
     * pipe whose reader left fails after the command is done (a single clean text is written last).
     */
    async flush() {
      // A write that failed at once reports it on the next tick: let that come first.
      await new Promise((resolve) => setImmediate(resolve))
      if (closed || !(stream as Partial<Writable>).writableLength) return
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ['drain', 'error', 'close']) stream.off(event, done)
          resolve()
        }
        for (const event of ['drain', 'error', 'close']) stream.on(event, done)
      })
    },
    stop: () => stream.off('error', onError)
  }
}

/** The exit code for an error a command threw, with its message on standard error. */
function failure(error: unknown, io: CommandIo): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
    return 2
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`decruft: config error: ${error.message}\n`)
    return 2
  }
  if (error instanceof UsageError) {
    io.stderr.write(`decruft: ${error.message}\n`)
    return 2
  }
  if (error instanceof WriteError) {
    // A full disk or a folder that cannot be written to: the message names the file and the reason.
    io.stderr.write(`decruft: ${error.message}\n`)
    return 1
  }
  io.stderr.write(`decruft: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return 1
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
  const output = watchClosedPipe(fullIo.stdout)
  try {
    await program.parseAsync(argv, {from: 'user'})
  } catch (error) {
    // A write that failed because the reader left ends the run quietly.
    exitCode = output.closed() || isClosedOutput(error) ? OUTPUT_CLOSED_EXIT : failure(error, fullIo)
  }
  await output.flush()
  output.stop()
  return output.closed() ? OUTPUT_CLOSED_EXIT : exitCode
}
