/**
 * Splitting a byte stream into lines (at LF) without decoding it first, so that each JSON Lines
 * record can be checked for valid UTF-8 on its own and a bad record names its line.
 *
 * With `maxLineBytes`, a line is never held whole past that many bytes: a longer one comes as its
 * first part and the rest of it, read as the consumer reads it (a record too large to clean is
 * passed through as it is read). The next line is read once that rest is: whatever of it the
 * consumer has not read is then skipped.
 */

export interface ByteLine {
  /** 1-based line number. */
  number: number
  /** The line without its LF; only its first part when `rest` is set. */
  bytes: Buffer
  /** A line longer than `maxLineBytes`: the bytes after `bytes`, up to (not including) its LF. */
  rest?: AsyncIterable<Buffer>
}

/** The rest of a line that has none left. */
async function* noMore(): AsyncGenerator<Buffer> {}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk
}

export async function* byteLines(stream: AsyncIterable<Buffer | string>, options: {maxLineBytes?: number} = {}): AsyncGenerator<ByteLine> {
  const limit = options.maxLineBytes ?? Number.POSITIVE_INFINITY
  const iterator = stream[Symbol.asyncIterator]()
  /** What a long line's rest read past its LF: the start of the next line. */
  let carried: Buffer | undefined
  let ended = false
  const nextChunk = async (): Promise<Buffer | undefined> => {
    if (carried) {
      const chunk = carried
      carried = undefined
      return chunk
    }
    if (ended) return undefined
    const next = await iterator.next()
    if (next.done) {
      ended = true
      return undefined
    }
    return toBuffer(next.value)
  }
  /** The rest of a long line, up to its LF (or the end of the stream). No `return`: a consumer that stops early leaves it for `byteLines` to skip. */
  const restOfLine = (): AsyncIterableIterator<Buffer> => {
    let done = false
    const rest: AsyncIterableIterator<Buffer> = {
      [Symbol.asyncIterator]: () => rest,
      async next(): Promise<IteratorResult<Buffer>> {
        if (done) return {done: true, value: undefined}
        const chunk = await nextChunk()
        if (chunk === undefined) {
          done = true
          return {done: true, value: undefined}
        }
        const end = chunk.indexOf(0x0a)
        if (end === -1) return {done: false, value: chunk}
        done = true
        if (end + 1 < chunk.length) carried = chunk.subarray(end + 1)
        return end === 0 ? {done: true, value: undefined} : {done: false, value: chunk.subarray(0, end)}
      }
    }
    return rest
  }

  let pending: Buffer[] = []
  let pendingBytes = 0
  let number = 0
  try {
    for (let buffer = await nextChunk(); buffer !== undefined; buffer = await nextChunk()) {
      let start = 0
      for (let index = buffer.indexOf(0x0a); index !== -1; index = buffer.indexOf(0x0a, start)) {
        pending.push(buffer.subarray(start, index))
        const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending)
        // A line that ends in the chunk that took it past the limit is as long as one that does not.
        yield bytes.length > limit ? {number: ++number, bytes, rest: noMore()} : {number: ++number, bytes}
        pending = []
        pendingBytes = 0
        start = index + 1
      }
      if (start < buffer.length) {
        pending.push(buffer.subarray(start))
        pendingBytes += buffer.length - start
      }
      if (pendingBytes > limit) {
        const rest = restOfLine()
        yield {number: ++number, bytes: Buffer.concat(pending), rest}
        pending = []
        pendingBytes = 0
        for await (const _ of rest) {
          // Skip what the consumer did not read.
        }
      }
    }
    if (pending.length > 0) {
      const bytes = Buffer.concat(pending)
      if (bytes.length > 0) yield {number: ++number, bytes}
    }
  } finally {
    // A consumer that stops early closes the stream (a file is closed).
    if (!ended) await iterator.return?.()
  }
}
