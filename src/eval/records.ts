/**
 * Reading evaluation records: `x.txt` / `x.clean.txt` pairs from a folder, or JSON Lines records
 * whose text, gold text and snippet lists are given by (dotted) field paths.
 */

import path from 'node:path'
import {expandInputs, type FileInput} from '../batch/inputs.js'
import {WriteClaims} from '../batch/output-plan.js'
import {errorMessage} from '../batch/run-files.js'
import {byteLines} from '../io/byte-lines.js'
import {readFileChunks} from '../io/compress.js'
import {getPath} from '../io/dotted-path.js'
import {describeReadError, readRegularFile} from '../io/regular-file.js'
import {decodeUtf8} from '../io/utf8.js'
import type {ErrorEntry} from '../report/report.js'
import type {EvalRecord} from './evaluate.js'

/**
 * Pairs `x.txt` (input) and `x.clean.txt` (gold) among the files of a folder (`expandInputs`); a gold
 * file without its input is not a pair. A file of a pair that cannot be read goes to `onError`.
 */
export async function* goldPairRecords(files: readonly FileInput[], onError: (error: ErrorEntry) => void): AsyncGenerator<EvalRecord> {
  const byRelative = new Map(files.map((file) => [file.relative, file]))
  for (const goldFile of files) {
    if (!goldFile.relative.endsWith('.clean.txt')) continue
    const inputFile = byRelative.get(goldFile.relative.replace(/\.clean\.txt$/, '.txt'))
    if (!inputFile) continue
    const texts: string[] = []
    for (const file of [inputFile, goldFile]) {
      try {
        texts.push(decodeUtf8(await readRegularFile(file.absolute)))
      } catch (error) {
        onError({path: file.display, ...errorMessage(error)})
        break
      }
    }
    if (texts.length < 2) continue
    yield {id: inputFile.relative, text: texts[0], gold: texts[1], path: inputFile.absolute}
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

/**
 * Records of a JSON Lines file (gzip when its name ends in `.gz`); records without a string at the
 * text field are skipped. Why the file cannot be read goes to `onError` if given (else it is thrown).
 */
export async function* jsonlRecords(file: string, fields: JsonlFields, onError?: (message: string) => void): AsyncGenerator<EvalRecord> {
  const lines = byteLines(readFileChunks(file))
  while (true) {
    let next: IteratorResult<{number: number; bytes: Buffer}>
    try {
      next = await lines.next()
    } catch (error) {
      if (!onError) throw error
      onError(describeReadError(error))
      return
    }
    if (next.done) return
    const {number, bytes} = next.value
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

/** Where `decruft eval` and `decruft train` read records with gold: `--gold DIR` or `--jsonl FILE`. */
export interface GoldSource extends JsonlFields {
  gold?: string
  jsonl?: string
  followSymlinks?: boolean
}

/**
 * The records of `--gold DIR` or `--jsonl FILE`, read as every command reads its inputs, with the
 * file the command writes (`option` given as `value`) refused when it would overwrite one of them.
 * `records()` reads them afresh on each call; what cannot be read is in `problems` once.
 */
export async function goldSourceRecords(source: GoldSource, cwd: string, writes: {option: string; value: string | undefined}): Promise<{records: () => AsyncIterable<EvalRecord>; problems: ErrorEntry[]}> {
  const given = source.gold ?? source.jsonl!
  const expanded = await expandInputs([given], {include: source.gold ? ['**/*.txt'] : ['**/*.jsonl', '**/*.jsonl.gz'], exclude: [], cwd, followSymlinks: source.followSymlinks})
  await WriteClaims.forInputs(expanded.files, cwd).claimOption(writes.option, writes.value)
  const problems: ErrorEntry[] = [...expanded.errors]
  const fields: JsonlFields = {textField: source.textField, goldField: source.goldField, withField: source.withField, withoutField: source.withoutField}
  let reading = 0
  const records = (): AsyncIterable<EvalRecord> => {
    const report = reading++ === 0 ? (error: ErrorEntry) => problems.push(error) : () => {}
    if (source.gold) return goldPairRecords(expanded.files, report)
    return (async function* () {
      for (const file of expanded.files) yield* jsonlRecords(file.absolute, fields, (message) => report({path: file.display, message}))
    })()
  }
  return {records, problems}
}
