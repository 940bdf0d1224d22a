/**
 * The command line's inputs as a stream of documents, in command-line order: text files (named or
 * found in folders with include/exclude globs), standard input (`-`), or JSON Lines records
 * (`--jsonl`, with the text at a dotted field). Each document carries the per-document options the
 * cleaner needs (a file's absolute `path` and its `--url-map` URL, the record's `url` and `path`
 * for records), so every command scopes rules the same way `clean` does.
 *
 * A file or record that cannot be used (missing, unreadable, not valid UTF-8; a record that is not
 * JSON, not an object, or has no string at the text field) is yielded as an error entry naming its
 * path and line, and the iteration goes on.
 */

import {byteLines} from '../io/byte-lines.js'
import {readFailureMessage} from '../io/system-error.js'
import {readRegularFile} from '../io/regular-file.js'
import {decodeUtf8} from '../io/utf8.js'
import type {DocumentOptions} from '../types.js'
import {expandCommandInputs} from './inputs.js'
import {errorMessage, fileOptions} from './run-files.js'
import type {UrlMap} from './url-map.js'
import {jsonlSources} from './run-jsonl.js'
import {idOf, isBlankLine, readRecord, recordErrorMessage, recordOptions} from './work.js'

/** One document to clean. */
export interface InputDocument {
  kind: 'document'
  /** The path for messages and output: as the user wrote it, `<stdin>`, or `file:line` for a record. */
  path: string
  /** The path relative to its input root (the base name of a file given directly); for records and standard input, `path`. */
  relative: string
  /** A JSON Lines record's `id`, when it has one. */
  id?: string
  /** A JSON Lines record's number in its file (1-based, blank lines not counted). */
  record?: number
  /** The decoded text (a UTF-8 byte order mark is dropped). */
  text: string
  /** Whether the file started with a UTF-8 byte order mark (dropped from `text`). */
  bom: boolean
  /** Size of the input in bytes (of the text field, for records). */
  bytes: number
  /** What to pass to the cleaner for this document. */
  options: DocumentOptions
}

/** An input that could not be read as a document. */
export interface InputError {
  kind: 'error'
  path: string
  line?: number
  message: string
}

export type InputEntry = InputDocument | InputError

export interface DocumentSourceOptions {
  /** Read JSON Lines records instead of text files. */
  jsonl?: boolean
  /** With `jsonl`: the dotted path of the text field (default `text`). */
  textField?: string
  /** Globs for files in folders (defaults as for `clean`). */
  include?: string[]
  exclude?: string[]
  /** Follow symbolic links to folders found in folders. */
  followSymlinks?: boolean
  /** Options for every document (`lang`, `title`); per-document `path` and `url` are added. */
  documentOptions?: DocumentOptions
  /** `--url-map`: text files' URLs, over `documentOptions.url`. */
  urls?: UrlMap
}

export interface DocumentSourceIo {
  stdin: NodeJS.ReadableStream
  cwd: string
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

function fileError(path: string, error: unknown): InputError {
  const {message, line} = errorMessage(error)
  return line === undefined ? {kind: 'error', path, message} : {kind: 'error', path, line, message}
}

/**
 * The documents of the command line's inputs, in order. Without `jsonl`, `-` reads all of standard
 * input as one document; with it, standard input is read as records like any file.
 */
export async function* inputDocuments(inputs: readonly string[], options: DocumentSourceOptions, io: DocumentSourceIo): AsyncGenerator<InputEntry> {
  const base = options.documentOptions ?? {}
  const {files, errors} = await expandCommandInputs(inputs, options, io.cwd)
  for (const error of errors) yield {kind: 'error', ...error}

  if (options.jsonl) {
    const textField = options.textField ?? 'text'
    for (const source of jsonlSources(inputs, files, io.stdin)) {
      const lines = byteLines(source.stream)
      let last = 0
      let records = 0
      while (true) {
        let next: IteratorResult<{number: number; bytes: Buffer}>
        try {
          next = await lines.next()
        } catch (error) {
          yield {kind: 'error', path: source.name, message: readFailureMessage(error, last)}
          break
        }
        if (next.done) break
        const {number, bytes} = next.value
        last = number
        if (isBlankLine(bytes)) continue
        records++
        let entry: InputEntry
        try {
          const {record, text} = readRecord(bytes, textField)
          const name = `${source.name}:${number}`
          entry = {kind: 'document', path: name, relative: name, id: idOf(record), record: records, text, bom: false, bytes: Buffer.byteLength(text), options: recordOptions(record, base)}
        } catch (error) {
          const message = recordErrorMessage(error)
          if (message === undefined) throw error
          entry = {kind: 'error', path: source.name, line: number, message}
        }
        yield entry
      }
    }
    return
  }

  // Text files and standard input, in command-line order: `files` lists each input's files in turn.
  let next = 0
  for (const input of inputs) {
    if (input === '-') {
      try {
        const bytes = await readAll(io.stdin)
        const text = decodeUtf8(bytes)
        yield {kind: 'document', path: '<stdin>', relative: '<stdin>', text, bom: hasBom(bytes), bytes: bytes.length, options: {...base}}
      } catch (error) {
        yield fileError('<stdin>', error)
      }
      continue
    }
    for (; next < files.length && files[next].input === input; next++) {
      const file = files[next]
      let entry: InputEntry
      try {
        const bytes = await readRegularFile(file.absolute)
        const text = decodeUtf8(bytes)
        entry = {kind: 'document', path: file.display, relative: file.relative, text, bom: hasBom(bytes), bytes: bytes.length, options: fileOptions(base, file, options.urls)}
      } catch (error) {
        entry = fileError(file.display, error)
      }
      yield entry
    }
  }
}
