/**
 * Splitting a byte stream into lines (at LF) without decoding it first, so that each JSON Lines
 * record can be checked for valid UTF-8 on its own and a bad record names its line.
 */

export interface ByteLine {
  /** 1-based line number. */
  number: number
  bytes: Buffer
}

export async function* byteLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = []
  let number = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let start = 0
    for (let index = buffer.indexOf(0x0a); index !== -1; index = buffer.indexOf(0x0a, start)) {
      pending.push(buffer.subarray(start, index))
      yield {number: ++number, bytes: pending.length === 1 ? pending[0] : Buffer.concat(pending)}
      pending = []
      start = index + 1
    }
    if (start < buffer.length) pending.push(buffer.subarray(start))
  }
  if (pending.length > 0) {
    const bytes = Buffer.concat(pending)
    if (bytes.length > 0) yield {number: ++number, bytes}
  }
}
