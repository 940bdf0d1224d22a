/**
 * Progress of a batch on standard error: on a terminal a progress bar (cli-progress) with
 * documents, megabytes, documents/s, MB/s and, when the input size is known, the share done and
 * the ETA; otherwise a plain line every few seconds (only once a run has lasted that long).
 */

import cliProgress from 'cli-progress'
import {formatDuration} from './summary.js'

export interface ProgressOptions {
  stream: NodeJS.WritableStream
  /** Bytes of input to read (files' sizes on disk), when known: then the bar shows a share and an ETA. */
  total?: number
  /** Milliseconds between plain progress lines (default 5 s; `DECRUFT_PROGRESS_MS` overrides, for tests). */
  interval?: number
}

export class Progress {
  private documents = 0
  private bytes = 0
  private read = 0
  private total: number | undefined
  private readonly started = Date.now()
  private bar: cliProgress.SingleBar | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly options: ProgressOptions) {
    this.total = options.total && options.total > 0 ? options.total : undefined
  }

  start(): void {
    const stream = this.options.stream as NodeJS.WriteStream
    if (stream.isTTY) {
      const format = this.total
        ? '{bar} {percentage}% | {docs} docs | {mb} MB | {dps} docs/s | {mbps} MB/s | ETA {eta_formatted}'
        : '{docs} docs | {mb} MB | {dps} docs/s | {mbps} MB/s'
      this.bar = new cliProgress.SingleBar(
        {format, stream, hideCursor: true, clearOnComplete: true, fps: 4, etaBuffer: 200, barsize: 24, etaAsynchronousUpdate: true},
        cliProgress.Presets.shades_classic
      )
      this.bar.start(this.total ?? 1, 0, this.payload())
      return
    }
    const interval = Number(process.env.DECRUFT_PROGRESS_MS) || this.options.interval || 5000
    this.timer = setInterval(() => stream.write(this.line() + '\n'), interval)
    this.timer.unref()
  }

  /** Raw input bytes read (on disk: compressed for `.gz`), for the share done. */
  addRead(bytes: number): void {
    this.read += bytes
  }

  /** A document done (cleaned, skipped or failed) with its size. */
  addDocument(bytes: number): void {
    this.documents++
    this.bytes += bytes
    if (this.bar) this.bar.update(this.total ? Math.min(this.read, this.total) : 0, this.payload())
  }

  private rates() {
    const seconds = Math.max(Date.now() - this.started, 1) / 1000
    return {seconds, dps: this.documents / seconds, mbps: this.bytes / 1_000_000 / seconds}
  }

  private payload() {
    const {dps, mbps} = this.rates()
    return {docs: this.documents.toLocaleString('en-US'), mb: (this.bytes / 1_000_000).toFixed(1), dps: dps.toFixed(1), mbps: mbps.toFixed(2)}
  }

  /** The plain progress line. */
  line(): string {
    const {seconds, dps, mbps} = this.rates()
    let line = `decruft: ${this.documents.toLocaleString('en-US')} documents, ${(this.bytes / 1_000_000).toFixed(1)} MB, ${dps.toFixed(1)} documents/s, ${mbps.toFixed(2)} MB/s`
    if (this.total) {
      const share = Math.min(this.read / this.total, 1)
      line += `, ${(share * 100).toFixed(0)}%`
      if (share > 0 && share < 1) line += ` (ETA ${formatDuration(((1 - share) / share) * seconds * 1000)})`
    }
    return line
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    if (this.bar) this.bar.stop()
    this.bar = undefined
  }
}
