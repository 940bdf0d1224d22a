/**
 * Feeding documents to a learner: files (the site is the folder) and JSON Lines records (the site is
 * the URL's host, without `www.`).
 */

import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {FileInput} from '../batch/inputs.js'
import type {ByteLine} from '../io/byte-lines.js'
import {getPath} from '../io/dotted-path.js'
import {decodeUtf8} from '../io/utf8.js'
import {hostOf} from '../scope.js'
import type {LearnDocument, Learner} from './learn.js'

export function siteOfPath(relative: string): string {
  const directory = path.posix.dirname(relative.split(path.sep).join('/'))
  return directory === '' ? '.' : directory
}

/** The host of a URL without `www.`, or undefined. */
export function siteOfUrl(url: unknown): string | undefined {
  const host = typeof url === 'string' ? hostOf(url) : undefined
  return host ? host.replace(/^www\./, '') : undefined
}

/** Learn from text files; unreadable or invalid files are skipped (cleaning reports them). */
export async function learnFromFiles(learner: Learner, files: FileInput[]): Promise<number> {
  let count = 0
  for (const file of files) {
    try {
      const text = decodeUtf8(await readFile(file.absolute))
      const site = siteOfPath(file.relative)
      // Files straight in an input folder belong to the site the folder is.
      const label = site === '.' ? path.basename(path.resolve(file.input)) || 'files' : site
      learner.add({site, siteKind: 'path', label, name: file.display, text})
      count++
    } catch {
      // Reported when the file is cleaned.
    }
  }
  return count
}

/** A learner document from one JSON Lines record, or undefined for a record that is not usable. */
export function recordDocument(line: ByteLine, source: string, textField: string): LearnDocument | undefined {
  try {
    const record = JSON.parse(decodeUtf8(line.bytes)) as Record<string, unknown>
    const text = getPath(record, textField)
    // The site is the record's `url`, or its `id` when that is a URL; records without one are not learned from.
    const site = siteOfUrl(record.url) ?? siteOfUrl(record.id)
    if (typeof text !== 'string' || site === undefined) return undefined
    return {site, siteKind: 'domain', name: `${source}:${line.number}`, text}
  } catch {
    return undefined
  }
}
