/**
 * Reading and writing a field of a JSON record by a dotted path such as `inputs.fulltext`.
 * A key that itself holds a dot can be reached when no nested path exists: `a.b` is first tried as
 * the key `a.b`, then as `a` → `b`.
 */

export type JsonRecord = Record<string, unknown>

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Split a dotted path against a record: the parent object and the final key, or undefined. */
function locate(record: unknown, fieldPath: string): {parent: JsonRecord; key: string} | undefined {
  if (!isRecord(record)) return undefined
  if (fieldPath in record || !fieldPath.includes('.')) return {parent: record, key: fieldPath}
  const dot = fieldPath.indexOf('.')
  const head = fieldPath.slice(0, dot)
  return locate(record[head], fieldPath.slice(dot + 1))
}

export function getPath(record: unknown, fieldPath: string): unknown {
  const found = locate(record, fieldPath)
  return found ? found.parent[found.key] : undefined
}

/** Set an existing field; returns false when the path does not lead to an object. */
export function setPath(record: unknown, fieldPath: string, value: unknown): boolean {
  const found = locate(record, fieldPath)
  if (!found) return false
  found.parent[found.key] = value
  return true
}
