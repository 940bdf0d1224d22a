/**
 * What `decruft diff` does, loaded when it runs (diff-command.ts defines its options).
 *
 * `decruft diff`: show what cleaning removes, without writing anything. Inputs and config as for
 * `clean`. Three views: the original text with removed lines and spans marked and the removing rule
 * in a gutter (the default), a unified diff that `patch` applies, and a per-document stat table.
 */

import {once} from 'node:events'
import path from 'node:path'
import type {InputError} from '../batch/documents.js'
import {expandCommandInputs} from '../batch/inputs.js'
import {WriteClaims} from '../batch/output-plan.js'
import {createCleaner} from '../cleaner.js'
import {annotate} from '../diff/annotate.js'
import {colorEnabled, palette} from '../diff/color.js'
import {removalFilter} from '../diff/filter.js'
import {pageDocument, reviewDocuments} from '../diff/review.js'
import {documentStat, formatStat, type DocumentStat} from '../diff/stat.js'
import {colorPatch, unifiedPatch} from '../diff/unified.js'
import {isClosedOutput} from '../io/closed-output.js'
import {writeAtomic} from '../io/write.js'
import {describeError} from '../report/report.js'
import {reviewHtml, reviewRulesOf, type ReviewDocument as PageDocument} from '../review/index.js'
import type {DocumentOptions} from '../types.js'
import {version} from './version.js'
import type {CommandIo} from './clean-command.js'
import {loadRunConfig, withInputKind, withPreset, type CleaningOptions} from './options.js'
import {UsageError} from './usage-error.js'

export interface DiffCommandOptions extends CleaningOptions {
  format: 'gutter' | 'unified'
  stat?: boolean
  context?: number
  only?: string[]
  color?: boolean
  quiet?: boolean
  html?: string
}

/** Writes to the output, waiting when it is full, and stops quietly when the reader has gone (`| head`). */
function outputWriter(stream: NodeJS.WritableStream): {write: (chunk: string) => Promise<void>; closed: () => boolean} {
  let closed = false
  let failure: unknown
  // A failed write that nothing awaits comes as an event: it marks the output closed (the reader
  // left) or keeps the error for the next write. `main` waits for what is left to be written.
  stream.on?.('error', (error: unknown) => {
    closed = true
    if (!isClosedOutput(error)) failure ??= error
  })
  return {
    async write(chunk) {
      if (failure) throw failure
      if (closed || chunk === '') return
      let flushed: boolean
      try {
        flushed = stream.write(chunk)
      } catch (error) {
        if (!isClosedOutput(error)) throw error
        closed = true
        return
      }
      if (flushed || typeof stream.once !== 'function') return
      try {
        await Promise.race([once(stream, 'drain'), once(stream, 'close')])
      } catch (error) {
        if (!isClosedOutput(error)) throw error
        closed = true
      }
    },
    closed: () => closed
  }
}

/** Run `diff`; resolves to the exit code. */
export async function runDiff(inputs: string[], options: DiffCommandOptions, io: CommandIo): Promise<number> {
  if (inputs.length === 0) {
    if ((io.stdin as NodeJS.ReadStream).isTTY) throw new UsageError('no inputs: give files, directories, or `-` for standard input')
    inputs = ['-']
  }
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('`-` (standard input) can be given once')
  const filter = removalFilter(options.only)
  if (options.html) await WriteClaims.forInputs((await expandCommandInputs(inputs, options, io.cwd)).files, io.cwd).claimOption('--html', options.html)
  const cleaner = createCleaner(withInputKind(withPreset(loadRunConfig({config: options.config, cwd: io.cwd}, io.stderr), options.preset), options.inputKind))
  const documentOptions: DocumentOptions = {}
  if (options.title) documentOptions.title = options.title
  if (options.lang) documentOptions.lang = options.lang

  const view = options.stat ? 'stat' : options.format
  // The unified diff is meant for `patch`: coloured on a terminal or with --color, never by FORCE_COLOR alone.
  const isTty = Boolean((io.stdout as {isTTY?: boolean}).isTTY)
  const color = view === 'unified' ? (options.color ?? (isTty && colorEnabled({env: process.env, stream: io.stdout}))) : colorEnabled({flag: options.color, env: process.env, stream: io.stdout})
  const colors = palette(color)
  const out = outputWriter(io.stdout)
  // With --html the batch goes to the review page (every removal, whatever --only says) instead of standard output.
  const page: PageDocument[] | undefined = options.html ? [] : undefined

  const errors: InputError[] = []
  const stats: DocumentStat[] = []
  let documents = 0
  let length = 0
  let shownDocuments = 0
  let shownRemovals = 0
  let totalRemovals = 0
  const source = reviewDocuments(inputs, {jsonl: options.jsonl, textField: options.textField, include: options.include, exclude: options.exclude, followSymlinks: options.followSymlinks, documentOptions}, io, cleaner)
  for await (const entry of source) {
    if ('kind' in entry) {
      errors.push(entry)
      continue
    }
    documents++
    length += entry.text.length
    totalRemovals += entry.removed.length
    if (page) {
      page.push(pageDocument(entry))
      continue
    }
    const shown = entry.removed.filter(filter)
    // A document without a shown removal is skipped; without --only, the unified diff still
    // carries it when cleaning changed its layout (blank lines, final newline), so `patch` gives the clean text.
    if (shown.length === 0 && (view !== 'unified' || options.only?.length)) continue
    let output: string
    if (view === 'unified') {
      output = unifiedPatch(entry, {context: options.context})
      if (output === '') continue
      if (color) output = colorPatch(output, colors)
    } else if (view === 'stat') {
      stats.push(documentStat(entry, shown))
      output = ''
    } else {
      output = (shownDocuments > 0 ? '\n' : '') + annotate(entry, shown, {palette: colors, context: options.context, total: entry.removed.length})
    }
    shownDocuments++
    shownRemovals += shown.length
    await out.write(output)
    if (out.closed()) break
  }
  if (page && options.html) {
    await writeAtomic(path.resolve(io.cwd, options.html), reviewHtml({documents: page, rules: reviewRulesOf(cleaner.rules), version}))
    shownDocuments = page.length
    shownRemovals = totalRemovals
  } else if (view === 'stat') await out.write(formatStat(stats, {documents, length}))

  // The reader left (`| head`): the view stopped there, and its summary would only be noise.
  if (out.closed()) return 0
  const errorLines = errors.map((error) => `  error: ${describeError(error)}`)
  if (!options.quiet) {
    const filtered = options.only?.length ? ` (${shownRemovals} shown by --only)` : ''
    io.stderr.write(
      `decruft: ${documents} document${documents === 1 ? '' : 's'}, ${shownDocuments} shown; ` +
        `${totalRemovals} removal${totalRemovals === 1 ? '' : 's'}${filtered}; ${errors.length} failed\n`
    )
  }
  if (errorLines.length > 0) io.stderr.write(errorLines.join('\n') + '\n')
  return errors.length > 0 ? 1 : 0
}
