/**
 * Strict UTF-8 decoding with an error that says where the first bad byte is.
 */

const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

export class DecodeError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly byte: number
  ) {
    super(`not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column}`)
    this.name = 'DecodeError'
  }
}

/** Length of a valid UTF-8 sequence starting at `index`, or 0 when it is invalid. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index]
  if (first < 0x80) return 1
  let length: number
  let min: number
  if (first >= 0xc2 && first <= 0xdf) {
    length = 2
    min = 0x80
  } else if (first >= 0xe0 && first <= 0xef) {
    length = 3
    min = 0x800
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4
    min = 0x10000
  } else return 0
  if (index + length > bytes.length) return 0
  let code = first & (0xff >> (length + 1))
  for (let offset = 1; offset < length; offset++) {
    const next = bytes[index + offset]
    if ((next & 0xc0) !== 0x80) return 0
    code = (code << 6) | (next & 0x3f)
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0
  return length
}

/** Where the first invalid byte is (1-based line, 1-based column in characters). */
export function locateInvalid(bytes: Uint8Array): DecodeError | undefined {
  let line = 1
  let column = 1
  for (let index = 0; index < bytes.length; ) {
    const length = sequenceLength(bytes, index)
    if (length === 0) return new DecodeError(line, column, bytes[index])
    if (bytes[index] === 0x0a) {
      line++
      column = 1
    } else column++
    index += length
  }
  return undefined
}

/** Decode UTF-8 (a leading byte order mark is dropped); throws `DecodeError` on invalid input. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw locateInvalid(bytes) ?? new DecodeError(1, 1, 0)
  }
}
