import {describeReadError, NotRegularFileError} from './regular-file.js'

/**
 * A system error in words, with its code: `no space left on device (ENOSPC)`. Node's message for it
 * starts with the code and ends with the call and path (`ENOSPC: no space left on device, write`);
 * messages name their file themselves, so only the reason is kept.
 */
export function systemErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const message = error instanceof Error ? error.message : String(error)
  if (!code) return message
  const reason = message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, [a-z]+(?: '.*)?$/, '') : message
  return `${reason} (${code})`
}

/** Codes of a file that could not be opened at all, as against one that failed while it was read. */
const UNOPENED = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR'])

/** Whether a read that failed before its first line failed to open the file (so nothing of it was read). */
export function isUnopened(error: unknown, lastLine: number): boolean {
  return lastLine === 0 && (error instanceof NotRegularFileError || UNOPENED.has((error as NodeJS.ErrnoException | undefined)?.code ?? ''))
}

/**
 * Why a file of lines could not be read, and how far it was: `cannot read past line 41: unexpected
 * end of file (Z_BUF_ERROR); the compressed data is cut short or corrupt`.
 */
export function readFailureMessage(error: unknown, lastLine: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  // A file that was never opened: what it is, or why it could not be.
  if (isUnopened(error, lastLine)) return describeReadError(error)
  const where = lastLine > 0 ? `cannot read past line ${lastLine}` : 'cannot read'
  // zlib's codes: a .gz file that ends early (a download cut short) or holds something else.
  const gzip = code?.startsWith('Z_') ? '; the compressed data is cut short or corrupt' : ''
  return `${where}: ${systemErrorText(error)}${gzip}`
}
