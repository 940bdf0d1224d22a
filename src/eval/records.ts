/**
 * Reading evaluation records: `x.txt` / `x.clean.txt` pairs from a folder, or JSON Lines records
 * whose text, gold text and snippet lists are given by (dotted) field paths.
 */

import path from 'node:path'
import {glob} from 'tinyglobby'
import {byteLines} from '../io/byte-lines.js'
import {readFileChunks} from '../io/compress.js'
import {getPath} from '../io/dotted-path.js'
import {readRegularFile} from '../io/regular-file.js'
import {decodeUtf8} from '../io/utf8.js'
import type {EvalRecord} from './evaluate.js'

/** Pairs `x.txt` (input) and `x.clean.txt` (gold) below `directory`. */
export async function* goldDirectoryRecords(directory: string): AsyncGenerator<EvalRecord> {
  const cleanFiles = (await glob(['**/*.clean.txt'], {cwd: directory, onlyFiles: true})).sort()
  for (const cleanFile of cleanFiles) {
    const inputFile = cleanFile.replace(/\.clean\.txt$/, '.txt')
    let text: string
    try {
      text = decodeUtf8(await readRegularFile(path.join(directory, inputFile)))
    } catch {
      continue
    }
    const gold = decodeUtf8(await readRegularFile(path.join(directory, cleanFile)))
    yield {id: inputFile, text, gold, path: inputFile}
  }
}

export interface JsonlFields {
  textField: string
  goldField?: string
  withField?: string
  withoutField?: string
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined
}

/** Records of a JSON Lines file (gzip when its name ends in `.gz`); records without a string at the text field are skipped. */
export async function* jsonlRecords(file: string, fields: JsonlFields): AsyncGenerator<EvalRecord> {
  for await (const {number, bytes} of byteLines(readFileChunks(file))) {
    if (bytes.length === 0) continue
    const record = JSON.parse(decodeUtf8(bytes)) as Record<string, unknown>
    const text = getPath(record, fields.textField)
    if (typeof text !== 'string') continue
    const gold = getPath(record, fields.goldField ?? 'gold')
    const id = record.id
    yield {
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${path.basename(file)}:${number}`,
      text,
      gold: typeof gold === 'string' ? gold : undefined,
      with: stringList(getPath(record, fields.withField ?? 'with')),
      without: stringList(getPath(record, fields.withoutField ?? 'without')),
      url: typeof record.url === 'string' ? record.url : undefined
    }
  }
}
