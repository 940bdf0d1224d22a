/**
 * The JSON Lines runner: each record's text field is replaced by its clean text and a `decruft`
 * field (`{title, lang, removed}`) is added; records come out in input order. A line that is not
 * valid UTF-8, not JSON, not an object or has no text at the field is reported with its file and
 * line and skipped.
 */

import {once} from 'node:events'
import {createReadStream} from 'node:fs'
import type {FileInput} from './inputs.js'
import type {Writable} from 'node:stream'
import type {Cleaner} from '../cleaner.js'
import {byteLines} from '../io/byte-lines.js'
import {getPath, setPath, type JsonRecord} from '../io/dotted-path.js'
import {decodeUtf8, DecodeError} from '../io/utf8.js'
import type {ReportBuilder} from '../report/report.js'
import type {DocumentOptions} from '../types.js'

export interface JsonlSource {
  /** Name for messages: the file path, or `<stdin>`. */
  name: string
  stream: AsyncIterable<Buffer | string>
}

/** The sources of the command line's inputs, in their order: `-` is standard input, the rest the files found for each. */
export function jsonlSources(inputs: readonly string[], files: readonly FileInput[], stdin: NodeJS.ReadableStream): JsonlSource[] {
  const sources: JsonlSource[] = []
  // `files` lists each input's files in input order (none for a missing input): take them in turn,
  // so an input given twice is read twice, not four times.
  let next = 0
  for (const input of inputs) {
    if (input === '-') {
      sources.push({name: '<stdin>', stream: stdin as AsyncIterable<Buffer>})
      continue
    }
    for (; next < files.length && files[next].input === input; next++) {
      const file = files[next]
      // Each file is opened when it is read, not all at once.
      sources.push({name: file.display, stream: {[Symbol.asyncIterator]: () => createReadStream(file.absolute)[Symbol.asyncIterator]()}})
    }
  }
  return sources
}

export interface JsonlRunOptions {
  cleaner: Cleaner
  report: ReportBuilder
  out: Writable
  /** Dotted path of the text field (default `text`). */
  textField?: string
  documentOptions?: DocumentOptions
}

class RecordError extends Error {}

function parseRecord(bytes: Buffer, textField: string): {record: JsonRecord; text: string} {
  const line = decodeUtf8(bytes)
  let record: unknown
  try {
    record = JSON.parse(line)
  } catch (error) {
    throw new RecordError(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new RecordError('not a JSON object')
  const text = getPath(record, textField)
  if (typeof text !== 'string') throw new RecordError(`no string at \`${textField}\``)
  return {record: record as JsonRecord, text}
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain')
}

export async function runJsonl(sources: JsonlSource[], options: JsonlRunOptions): Promise<void> {
  const textField = options.textField ?? 'text'
  for (const source of sources) {
    try {
      for await (const {number, bytes} of byteLines(source.stream)) {
        if (bytes.length === 0 || /^\s*$/.test(bytes.toString('latin1'))) continue
        try {
          const {record, text} = parseRecord(bytes, textField)
          const url = typeof record.url === 'string' ? record.url : undefined
          const path = typeof record.path === 'string' ? record.path : undefined
          const result = options.cleaner.clean(text, {...options.documentOptions, url, path})
          setPath(record, textField, result.text)
          record.decruft = {title: result.title, lang: result.lang, removed: result.removed}
          await write(options.out, JSON.stringify(record) + '\n')
          const id = record.id
          options.report.addDocument({
            path: `${source.name}:${number}`,
            id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
            title: result.title,
            lang: result.lang,
            bytesIn: Buffer.byteLength(text),
            bytesOut: Buffer.byteLength(result.text),
            removed: result.removed
          })
        } catch (error) {
          if (!(error instanceof RecordError || error instanceof DecodeError)) throw error
          const message = error instanceof DecodeError ? `not valid UTF-8: byte 0x${error.byte.toString(16).toUpperCase()} at column ${error.column}` : error.message
          options.report.addError({path: source.name, line: number, message})
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      options.report.addError({path: source.name, message: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? String(error)})`})
    }
  }
}
