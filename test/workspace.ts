/** A temporary directory for a test, holding `files` (relative path → content; folders are made as needed). */

import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

export function workspace(files: Record<string, string> = {}, prefix = 'decruft-test-'): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    writeFileSync(path.join(directory, name), content)
  }
  return directory
}
