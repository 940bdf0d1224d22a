/**
 * Feeding documents to a learner: files (the site is the folder) and JSON Lines records (the site is
 * the URL's host, without `www.`).
 */

import path from 'node:path'
import type {FileInput} from '../batch/inputs.js'
import type {ByteLine} from '../io/byte-lines.js'
import {errorMessage} from '../batch/run-files.js'
import {isBlankLine, readRecord, recordErrorMessage} from '../batch/work.js'
import type {JsonRecord} from '../io/dotted-path.js'
import {readRegularFile} from '../io/regular-file.js'
import {decodeUtf8} from '../io/utf8.js'
import type {ErrorEntry} from '../report/report.js'
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

/** Learn from text files; returns how many were read, and the files that could not be. */
export async function learnFromFiles(learner: Learner, files: FileInput[]): Promise<{documents: number; problems: ErrorEntry[]}> {
  let documents = 0
  const problems: ErrorEntry[] = []
  for (const file of files) {
    let text: string
    try {
      text = decodeUtf8(await readRegularFile(file.absolute))
    } catch (error) {
      problems.push({path: file.display, ...errorMessage(error)})
      continue
    }
    const site = siteOfPath(file.relative)
    // Files straight in an input folder belong to the site the folder is.
    const label = site === '.' ? path.basename(path.resolve(file.input)) || 'files' : site
    learner.add({site, siteKind: 'path', label, name: file.display, text})
    documents++
  }
  return {documents, problems}
}

/**
 * What one JSON Lines record gives a learner: a document, nothing (a blank line, or a record with no
 * URL to tell its site), or a problem (not UTF-8, not JSON, not an object, no text at the field).
 */
export function recordDocument(line: ByteLine, source: string, textField: string): {document: LearnDocument} | {unsited: true} | {problem: string} | undefined {
  if (line.bytes.length === 0 || isBlankLine(line.bytes)) return undefined
  let read: {record: JsonRecord; text: string}
  try {
    read = readRecord(line.bytes, textField)
  } catch (error) {
    const message = recordErrorMessage(error)
    if (message === undefined) throw error
    return {problem: message}
  }
  // The site is the record's `url`, or its `id` when that is a URL; records without one are not learned from.
  const site = siteOfUrl(read.record.url) ?? siteOfUrl(read.record.id)
  if (site === undefined) return {unsited: true}
  return {document: {site, siteKind: 'domain', name: `${source}:${line.number}`, text: read.text}}
}
