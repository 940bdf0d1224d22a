/**
 * The seven evaluation sources as one corpus: the two benchmark files and the five training corpora,
 * each a JSON Lines file of records with a gold text (or `with`/`without` snippets) and several
 * input texts (`inputs.fulltext`, `inputs.readability`, …). Leave-one-source-out validation reads
 * them all at once: the harness hands the six training sources to a cleaner factory.
 */

import {createReadStream, existsSync} from 'node:fs'
import path from 'node:path'
import {byteLines} from '../io/byte-lines.js'
import {decodeUtf8, DecodeError} from '../io/utf8.js'

/** Inputs that hold a whole page's visible text; every other input is an article extractor's output. */
export const WHOLE_PAGE_KINDS: readonly string[] = ['fulltext', 'html-text', 'inscriptis']

export function isWholePage(kind: string): boolean {
  return WHOLE_PAGE_KINDS.includes(kind)
}

export interface CorpusRecord {
  /** The source's name: its file name without `.dev.jsonl` (`scrapinghub`, `cleaneval`, …). */
  source: string
  id: string
  url?: string
  /** ISO 639-3 code from the record, `und` when it has none. */
  lang: string
  /** Gold main text (shingle metric). */
  gold?: string
  /** Snippets that must survive / must go (snippet metric), for records without gold. */
  with?: string[]
  without?: string[]
  /** Input kind → text. */
  inputs: Record<string, string>
}

export interface SourceFile {
  source: string
  file: string
}

/** The files of the seven sources, in this order. */
export const BENCHDATA_SOURCES = ['scrapinghub', 'trafilatura']
export const TRAINDATA_SOURCES = ['cleaneval', 'dragnet', 'l3s-gn1', 'msv-ir', 'daniel']

/** The source files found in the two folders, and the ones missing (by path). */
export function corpusFiles(benchdata: string, traindata: string): {found: SourceFile[]; missing: string[]} {
  const found: SourceFile[] = []
  const missing: string[] = []
  const look = (directory: string, sources: string[]) => {
    for (const source of sources) {
      const file = path.join(directory, `${source}.dev.jsonl`)
      if (existsSync(file)) found.push({source, file})
      else missing.push(file)
    }
  }
  look(benchdata, BENCHDATA_SOURCES)
  look(traindata, TRAINDATA_SOURCES)
  return {found, missing}
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined
}

/** A record of `source` from one parsed line, or the reason it cannot be used. */
export function toCorpusRecord(source: string, value: unknown, fallbackId: string): CorpusRecord | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object'
  const record = value as Record<string, unknown>
  const rawInputs = record.inputs
  if (typeof rawInputs !== 'object' || rawInputs === null || Array.isArray(rawInputs)) return 'no `inputs` object'
  const inputs: Record<string, string> = {}
  for (const [kind, text] of Object.entries(rawInputs)) if (typeof text === 'string') inputs[kind] = text
  const gold = typeof record.gold === 'string' ? record.gold : undefined
  const withSnippets = stringList(record.with)
  const withoutSnippets = stringList(record.without)
  if (gold === undefined && withSnippets === undefined && withoutSnippets === undefined) return 'no `gold` text and no `with`/`without` snippets'
  const id = record.id
  return {
    source,
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : fallbackId,
    url: typeof record.url === 'string' ? record.url : undefined,
    lang: typeof record.lang === 'string' ? record.lang : 'und',
    gold,
    with: gold === undefined ? withSnippets : undefined,
    without: gold === undefined ? withoutSnippets : undefined,
    inputs
  }
}

/**
 * The records of the source files, one file after another, read as a stream. A line that is not a
 * usable record is reported to `onSkip` with its file and line, and skipped.
 */
export async function* readCorpus(files: readonly SourceFile[], onSkip: (where: string, reason: string) => void): AsyncGenerator<CorpusRecord> {
  for (const {source, file} of files) {
    try {
      for await (const {number, bytes} of byteLines(createReadStream(file))) {
        if (bytes.length === 0) continue
        const record = parseLine(source, file, number, bytes)
        if (typeof record === 'string') onSkip(`${file}:${number}`, record)
        else yield record
      }
    } catch (error) {
      // An unreadable file costs its own records only.
      onSkip(file, error instanceof Error ? error.message : String(error))
    }
  }
}

function parseLine(source: string, file: string, number: number, bytes: Uint8Array): CorpusRecord | string {
  let value: unknown
  try {
    value = JSON.parse(decodeUtf8(bytes))
  } catch (error) {
    return error instanceof DecodeError ? `not valid UTF-8: byte 0x${error.byte.toString(16).toUpperCase()} at column ${error.column}` : 'not JSON'
  }
  return toCorpusRecord(source, value, `${path.basename(file)}:${number}`)
}
