/**
 * What SIGINT and SIGTERM do to the process. While a command runs its own handler (`interruptOn`),
 * that handler decides. Outside one, before a command has set up or after it has returned, the
 * process must not end by the signal's default action at a random point: a signal before the work
 * starts exits 130 at once (nothing has been written), and one after the command has returned
 * ends the process with the command's own exit code: its work is complete, and a process that is
 * slow to wind down can still be stopped.
 */

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** Handlers installed by `interruptOn`: while there is one, the guard leaves the signal to it. */
let active = 0

/**
 * Install the process-wide guard (once, by the executable, before anything else). `finished()`
 * tells it that the command has returned.
 */
export function guardSignals(): {finished: () => void} {
  let done = false
  const guard = () => {
    if (active > 0) return
    process.exit(done ? Number(process.exitCode ?? 0) : 130)
  }
  for (const signal of SIGNALS) process.on(signal, guard)
  return {
    finished() {
      done = true
    }
  }
}

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first calls `onInterrupt` (which stops reading
 * inputs, gives up the documents in flight and lets the run write out what is complete, exit code
 * 130); a second one exits at once. Returns the function that removes the handler.
 */
export function interruptOn(onInterrupt: () => void): () => void {
  let count = 0
  const handler = () => {
    count++
    if (count === 1) onInterrupt()
    else process.exit(130)
  }
  for (const signal of SIGNALS) process.on(signal, handler)
  active++
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler)
    active--
  }
}
