/**
 * Where a run writes, checked against what it reads before anything is written. Paths are compared
 * by where they land on disk (real-path.ts), so a symbolic link cannot route an output, the report
 * or the review page onto an input or onto another output: an output folder that is an input folder
 * and a file option (`--report`, `--review`, …) that would overwrite an input or an output are usage
 * errors; one output that would overwrite an input or another output is that input's error.
 */

import {stat} from 'node:fs/promises'
import path from 'node:path'
import {UsageError} from '../cli/usage-error.js'
import {PARTIAL_SUFFIX} from '../io/jsonl-output.js'
import {RealPaths} from '../io/real-path.js'
import type {ExpandedInputs, FileInput} from './inputs.js'

/** The real paths a run reads or writes, each with what it is, for messages. */
export class WriteClaims {
  private readonly owners = new Map<string, string>()
  readonly paths = new RealPaths()

  constructor(readonly cwd: string) {}

  /** Claims for a run that reads `files`. */
  static forInputs(files: readonly FileInput[], cwd: string): WriteClaims {
    const claims = new WriteClaims(cwd)
    for (const file of files) claims.claim([file.real], `the input ${file.display}`)
    return claims
  }

  /** What already has one of these real paths. */
  ownerOf(reals: readonly string[]): string | undefined {
    for (const real of reals) {
      const owner = this.owners.get(real)
      if (owner !== undefined) return owner
    }
    return undefined
  }

  /** Mark these real paths as `owner`'s; one claimed already keeps its first owner. */
  claim(reals: readonly string[], owner: string): void {
    for (const real of reals) if (!this.owners.has(real)) this.owners.set(real, owner)
  }

  /** A file the run writes, named by `option` (given as `value`): a usage error if it would overwrite anything claimed. */
  async claimOption(option: string, value: string | undefined): Promise<void> {
    if (value === undefined) return
    const reals = await this.paths.of(path.resolve(this.cwd, value))
    const owner = this.ownerOf(reals)
    if (owner !== undefined) throw new UsageError(`${option} ${value} would overwrite ${owner}`)
    this.claim(reals, `the ${option} file`)
  }

  /** `--jsonl -o FILE`: the output and its partial file, refused (usage error) if either would overwrite an input. */
  async claimJsonlOutput(value: string): Promise<void> {
    const output = path.resolve(this.cwd, value)
    for (const file of [output, output + PARTIAL_SUFFIX]) {
      const reals = await this.paths.of(file)
      const owner = this.ownerOf(reals)
      const what = file === output ? `--out ${value}` : `--out ${value}: its partial file ${path.relative(this.cwd, file)}`
      if (owner !== undefined) throw new UsageError(`${what} would overwrite ${owner}`)
      this.claim(reals, 'the --out file')
    }
  }
}

export interface FileOutputOptions {
  /** `--out DIR` (or, for a single input file, `--out FILE`), as given. */
  out?: string
  inPlace?: boolean
  /** The run's one input is one file (named on the command line, not found in a folder). */
  singleFile?: boolean
}

/** A name like `clean.txt` or `a.out.md`: a last part with an extension, not a dot file (`.hidden`). */
const FILE_LIKE = /^[^.].*\.[^./\\]+$/

/**
 * Whether `--out PATH` names a file rather than a folder, for a run whose one input is one file:
 * an existing regular file (or a link to one), or a path that does not exist, does not end in `/`,
 * and whose last part has an extension (`clean.txt`; `out` and `out/` stay folders). An existing
 * folder is always a folder, the input mirrored under it.
 */
export async function outNamesFile(out: string, cwd: string): Promise<boolean> {
  const absolute = path.resolve(cwd, out)
  const info = await stat(absolute).catch(() => undefined)
  if (info) return info.isFile()
  if (/[\\/]$/.test(out)) return false
  return FILE_LIKE.test(path.basename(absolute))
}

/**
 * Where each input's output goes (none: standard output), or why it has none. With `--in-place` an
 * input is written where it really is (a symbolic link stays a link to the clean file), once.
 */
export async function planFileOutputs(expanded: ExpandedInputs, options: FileOutputOptions, claims: WriteClaims): Promise<Map<FileInput, string | Error>> {
  const outputs = new Map<FileInput, string | Error>()
  if (options.inPlace) {
    const first = new Map<string, FileInput>()
    for (const file of expanded.files) {
      const earlier = first.get(file.real)
      if (earlier) outputs.set(file, new Error(`the same file as ${earlier.display}; cleaned once`))
      else {
        first.set(file.real, file)
        outputs.set(file, file.real)
      }
    }
    return outputs
  }
  if (options.out === undefined) return outputs
  if (!(options.singleFile && expanded.files.length === 1)) {
    const info = await stat(path.resolve(claims.cwd, options.out)).catch(() => undefined)
    if (info?.isFile()) throw new UsageError(`--out ${options.out} is a file: only a single input file is written to a file; several documents need --out DIR`)
  } else if (await outNamesFile(options.out, claims.cwd)) {
    const [file] = expanded.files
    const target = path.resolve(claims.cwd, options.out)
    const reals = await claims.paths.of(target)
    const owner = claims.ownerOf(reals)
    if (owner !== undefined) throw new UsageError(`--out ${options.out} would overwrite ${owner}`)
    claims.claim(reals, `the output of ${file.display}`)
    outputs.set(file, target)
    return outputs
  }
  const outDir = path.resolve(claims.cwd, options.out)
  const outReals = await claims.paths.of(outDir)
  for (const folder of expanded.folders) {
    if (outReals.includes(folder.real)) throw new UsageError(`--out ${options.out} is the input folder ${folder.input}: the outputs would overwrite the inputs; use another --out or --in-place`)
  }
  const targets = expanded.files.map((file) => path.resolve(outDir, file.relative))
  const reals = await claims.paths.ofMany(targets)
  for (const [index, file] of expanded.files.entries()) {
    const owner = claims.ownerOf(reals[index])
    if (owner !== undefined) {
      outputs.set(file, new Error(`output ${path.relative(claims.cwd, targets[index]) || targets[index]} would overwrite ${owner}`))
    } else {
      claims.claim(reals[index], `the output of ${file.display}`)
      outputs.set(file, targets[index])
    }
  }
  return outputs
}
