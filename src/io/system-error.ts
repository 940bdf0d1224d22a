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

