/**
 * Whether `error` says an output is gone: its reader closed the pipe (`EPIPE`, as when the output
 * goes to `head`), or the stream was destroyed or ended since. A command stops writing then; it is
 * not a failure of the input.
 */
export function isClosedOutput(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END'
}
