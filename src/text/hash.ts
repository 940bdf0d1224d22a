/**
 * A 32-bit hash of a text (FNV-1a over its UTF-16 code units). Equal texts hash alike; texts that
 * hash alike may still differ: a hash finds candidates, and only a comparison proves them equal.
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  return hash | 0
}
