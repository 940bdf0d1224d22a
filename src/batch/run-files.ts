/**
 * The batch runner for plain-text files, after unified-engine's pipeline: for each file, read →
 * decode → clean (parse, transform) → stringify → write, with p-map bounding how many are in flight.
 * A file that fails is reported and skipped; the batch goes on.
 */

import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Writable} from 'node:stream'
import pMap from 'p-map'
import type {Cleaner} from '../cleaner.js'
import {decodeUtf8, DecodeError} from '../io/utf8.js'
import {writeAtomic} from '../io/write.js'
import type {ReportBuilder} from '../report/report.js'
import type {DocumentOptions} from '../types.js'
import type {FileInput} from './inputs.js'

export interface FileRunOptions {
  cleaner: Cleaner
  report: ReportBuilder
  /** Mirror relative paths under this directory. */
  outDir?: string
  /** Overwrite the inputs. */
  inPlace?: boolean
  /** Write the (single) result here instead of a file. */
  stdout?: Writable
  concurrency?: number
  documentOptions?: DocumentOptions
}

function errorMessage(error: unknown): {message: string; line?: number} {
  if (error instanceof DecodeError) return {message: error.message, line: error.line}
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES') return {message: 'permission denied'}
  if (code === 'EISDIR') return {message: 'is a directory'}
  if (code === 'ENOENT') return {message: 'no such file or directory'}
  return {message: error instanceof Error ? error.message : String(error)}
}

/** Where each input's output goes; inputs whose output clashes with an input or another output are errors. */
function planOutputs(files: FileInput[], options: FileRunOptions): Map<FileInput, string | Error> {
  const plan = new Map<FileInput, string | Error>()
  const inputs = new Set(files.map((file) => file.absolute))
  const taken = new Map<string, string>()
  for (const file of files) {
    if (options.inPlace) {
      plan.set(file, file.absolute)
      continue
    }
    if (!options.outDir) continue
    const output = path.resolve(options.outDir, file.relative)
    if (inputs.has(output)) {
      plan.set(file, new Error(`output ${output} would overwrite an input; use another --out or --in-place`))
    } else if (taken.has(output)) {
      plan.set(file, new Error(`output ${output} is also the output of ${taken.get(output)}`))
    } else {
      taken.set(output, file.display)
      plan.set(file, output)
    }
  }
  return plan
}

export async function runFiles(files: FileInput[], options: FileRunOptions): Promise<void> {
  const plan = planOutputs(files, options)
  await pMap(
    files,
    async (file) => {
      try {
        const planned = plan.get(file)
        if (planned instanceof Error) throw planned
        const bytes = await readFile(file.absolute)
        const text = decodeUtf8(bytes)
        const result = options.cleaner.clean(text, {...options.documentOptions, path: file.relative})
        if (planned) await writeAtomic(planned, result.text)
        else options.stdout?.write(result.text)
        options.report.addDocument({
          path: file.display,
          output: planned ? path.relative(process.cwd(), planned) || planned : undefined,
          title: result.title,
          lang: result.lang,
          bytesIn: bytes.length,
          bytesOut: Buffer.byteLength(result.text),
          removed: result.removed
        })
      } catch (error) {
        options.report.addError({path: file.display, ...errorMessage(error)})
      }
    },
    {concurrency: Math.max(1, options.concurrency ?? 8)}
  )
}

export {errorMessage}
