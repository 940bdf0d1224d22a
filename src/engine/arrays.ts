/**
 * Arrays of one slot per line. `new Array(n)` for a long document (hundreds of thousands of lines)
 * gives V8's slow dictionary elements, and every rule reads these per line: they are filled with
 * `undefined` instead, which keeps them fast (packed) arrays.
 */
export function slots<T>(length: number): Array<T | undefined> {
  const array: Array<T | undefined> = []
  for (let index = 0; index < length; index++) array.push(undefined)
  return array
}
