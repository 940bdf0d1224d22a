/**
 * "Did you mean …?": the known ids closest to a mistyped one.
 */

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const columns = b.length + 1
  const distance: number[][] = Array.from({length: rows}, (_, row) => Array.from({length: columns}, (_, column) => (row === 0 ? column : column === 0 ? row : 0)))
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1
      let best = Math.min(distance[row - 1][column] + 1, distance[row][column - 1] + 1, distance[row - 1][column - 1] + cost)
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) best = Math.min(best, distance[row - 2][column - 2] + 1)
      distance[row][column] = best
    }
  }
  return distance[a.length][b.length]
}

/**
 * Up to `limit` ids close to `wanted`: the same name in another pack (`ad-label` → `en/ad-label`),
 * ids that contain it, and ids within a few edits, closest first.
 */
export function suggestIds(wanted: string, ids: Iterable<string>, limit = 5): string[] {
  const query = wanted.toLowerCase()
  const name = query.includes('/') ? query.slice(query.lastIndexOf('/') + 1) : query
  const scored: Array<{id: string; score: number}> = []
  for (const id of new Set(ids)) {
    const lower = id.toLowerCase()
    const idName = lower.slice(lower.lastIndexOf('/') + 1)
    const distance = editDistance(query, lower)
    let score: number | undefined
    if (distance <= Math.max(2, Math.floor(query.length / 4))) score = distance
    else if (idName === name) score = 3
    else if (name.length >= 3 && lower.includes(name)) score = 4
    else if (editDistance(name, idName) <= Math.max(1, Math.floor(name.length / 4))) score = 5
    if (score !== undefined) scored.push({id, score})
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map(({id}) => id)
}
