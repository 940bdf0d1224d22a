/**
 * A problem with how decruft was called (exit code 2).
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
