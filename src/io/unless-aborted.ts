/**
 * Waiting on a read that may never end (a pipe whose writer is silent) only until the run is
 * interrupted: Ctrl-C must not wait for the next byte of input.
 */

/**
 * `promise`'s value, or `undefined` once `signal` is aborted, whichever comes first. What the
 * promise comes to after an abort is dropped (a rejection too: it is no longer anyone's).
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise
  promise.catch(() => {})
  if (signal.aborted) return Promise.resolve(undefined)
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined)
    signal.addEventListener('abort', onAbort, {once: true})
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}
