/**
 * Documents with what the cleaner removed from them: the input of every `decruft diff` view (the
 * gutter view, the unified diff, the stat table) and of a review page.
 */

import {inputDocuments, type DocumentSourceOptions, type InputError} from '../batch/documents.js'
import {createCleaner, type Cleaner} from '../cleaner.js'
import {loadRunConfig, withPreset} from '../cli/options.js'
import {loadConfig} from '../config/resolve.js'
import type {ReviewDocument as PageDocument} from '../review/data.js'
import type {Removal} from '../types.js'

export interface ReviewDocument {
  /** As the user wrote it, `<stdin>`, or `file:line` for a JSON Lines record. */
  path: string
  /** Relative to its input root (what `clean -o` mirrors); the path in a unified diff. */
  relative: string
  /** A JSON Lines record's `id`. */
  id?: string
  /** A JSON Lines record's number in its file (1-based). */
  record?: number
  /** The document's URL (a JSON Lines record's `url`). */
  url?: string
  lang: string
  title: string | null
  /** The original text (as decoded: without a byte order mark); removal offsets point into it. */
  text: string
  /** The clean text, as `decruft clean` writes it. */
  clean: string
  removed: Removal[]
  /** Whether the input file started with a UTF-8 byte order mark. */
  bom: boolean
}

/** Clean each document of `inputs`; bad inputs come through as error entries, in order. */
export async function* reviewDocuments(
  inputs: readonly string[],
  options: DocumentSourceOptions,
  io: {stdin: NodeJS.ReadableStream; cwd: string},
  cleaner: Cleaner
): AsyncGenerator<ReviewDocument | InputError> {
  for await (const entry of inputDocuments(inputs, options, io)) {
    if (entry.kind === 'error') {
      yield entry
      continue
    }
    const result = cleaner.clean(entry.text, entry.options)
    const document: ReviewDocument = {
      path: entry.path,
      relative: entry.relative,
      lang: result.lang,
      title: result.title,
      text: entry.text,
      clean: result.text,
      removed: result.removed,
      bom: entry.bom
    }
    if (entry.id !== undefined) document.id = entry.id
    if (entry.record !== undefined) document.record = entry.record
    if (entry.options.url !== undefined) document.url = entry.options.url
    yield document
  }
}

export interface CollectOptions extends DocumentSourceOptions {
  /** Config file (default: the nearest `decruft.config.yaml`, else `recommended`). */
  config?: string
  /** The block classifier's preset. */
  preset?: string
}

/**
 * Every document of `inputs` with its removals, for a review page: `{path, lang, title, text, removed}`
 * and more, plus the inputs that failed. Config errors throw `ConfigError`.
 */
export async function collectReview(
  inputs: readonly string[],
  options: CollectOptions,
  io: {stdin: NodeJS.ReadableStream; cwd: string; stderr?: NodeJS.WritableStream}
): Promise<{documents: ReviewDocument[]; errors: InputError[]}> {
  const config = io.stderr ? loadRunConfig({config: options.config, cwd: io.cwd}, io.stderr) : loadConfig({config: options.config, cwd: io.cwd})
  const cleaner = createCleaner(withPreset(config, options.preset))
  const documents: ReviewDocument[] = []
  const errors: InputError[] = []
  for await (const entry of reviewDocuments(inputs, options, io, cleaner)) {
    if ('kind' in entry) errors.push(entry)
    else documents.push(entry)
  }
  return {documents, errors}
}

/** A document as the review page takes it: a JSON Lines record with its number and its id or URL. */
export function pageDocument(document: ReviewDocument): PageDocument {
  const page: PageDocument = {path: document.path, lang: document.lang, title: document.title, text: document.text, removed: document.removed}
  if (document.record !== undefined) {
    page.record = {number: document.record}
    if (document.id !== undefined) page.record.id = document.id
    if (document.url !== undefined) page.record.url = document.url
  }
  return page
}
