#!/usr/bin/env node
/**
 * `npm run test:spark`: clean a JSON Lines corpus with a real PySpark job (local mode, two executor
 * threads, `RDD.pipe` through `decruft clean --jsonl`) and check that the joined output is byte for
 * byte what one local `decruft clean --jsonl` writes, in input order.
 *
 * What it needs, installed when missing:
 * - a Java runtime: Debian's `default-jre-headless` (with apt-get, as root);
 * - PySpark, from the Python package index, in a virtual environment of the project's own
 *   (`.spark/venv`, not committed).
 * Exit codes: 0 the outputs are identical, 1 they differ, 2 something it needs could not be had,
 * 3 the test itself failed.
 */

import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin', 'decruft.js')
const venv = path.join(root, '.spark', 'venv')
const python = path.join(venv, 'bin', 'python')
/** Spark 3.5 runs on Java 8, 11 and 17. */
const PYSPARK = 'pyspark>=3.5,<3.6'
const PARTITIONS = 4
const ROUNDS = 40

const log = (message) => process.stderr.write(`test:spark: ${message}\n`)

/** Why the test stops: its message and exit code. */
class Stop extends Error {
  constructor(message, code) {
    super(message)
    this.code = code
  }
}

function fail(message, code = 2) {
  throw new Stop(message, code)
}

/** Run a command, its output shown as it comes; returns its exit status (or fails when it cannot start). */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {stdio: 'inherit', ...options})
  if (result.error) fail(`cannot run ${command}: ${result.error.message}`)
  return result.status ?? 1
}

function quiet(command, args) {
  const result = spawnSync(command, args, {encoding: 'utf8'})
  return result.error ? undefined : result
}

function ensureJava() {
  const found = quiet('java', ['-version'])
  if (found && found.status === 0) {
    log(`java: ${(found.stderr || found.stdout).split('\n')[0]}`)
    return
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !quiet('apt-get', ['--version'])) fail('no Java runtime, and apt-get cannot install one here: install a Java 8, 11 or 17 runtime (Debian: apt-get install default-jre-headless)')
  log('installing Debian’s Java runtime (default-jre-headless)')
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
  if (run('apt-get', ['update'], {env}) !== 0 || run('apt-get', ['install', '-y', '--no-install-recommends', 'default-jre-headless'], {env}) !== 0) fail('apt-get could not install default-jre-headless')
}

function ensurePyspark() {
  if (existsSync(python) && quiet(python, ['-c', 'import pyspark'])?.status === 0) {
    log(`pyspark: ${quiet(python, ['-c', 'import pyspark; print(pyspark.__version__)']).stdout.trim()} in .spark/venv`)
    return
  }
  log('making the virtual environment .spark/venv')
  mkdirSync(path.dirname(venv), {recursive: true})
  if (run('python3', ['-m', 'venv', venv]) !== 0) fail('python3 -m venv failed: install python3 and its venv module (Debian: python3-venv)')
  log(`installing ${PYSPARK} from the Python package index`)
  if (run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', PYSPARK]) !== 0) fail(`pip could not install ${PYSPARK}: the Python package index (or a mirror set in pip's config) must be reachable`)
}

/**
 * The corpus: the shipped seed articles and idempotence fixtures as records of several sites,
 * repeated with their own ids, with a blank line and a record that is not JSON among them (a
 * mapper skips both; decruft names the bad one and exits 1).
 */
function writeCorpus(file) {
  const texts = []
  const seeds = path.join(root, 'fixtures', 'seeds')
  for (const name of readdirSync(seeds).sort()) if (name.endsWith('.txt') && !name.endsWith('.clean.txt')) texts.push(readFileSync(path.join(seeds, name), 'utf8'))
  const idempotence = path.join(root, 'fixtures', 'idempotence')
  for (const name of readdirSync(idempotence).sort()) {
    if (!name.endsWith('.json')) continue
    const data = JSON.parse(readFileSync(path.join(idempotence, name), 'utf8'))
    for (const item of Array.isArray(data) ? data : (data.texts ?? data.cases ?? [])) {
      const text = typeof item === 'string' ? item : item?.text
      if (typeof text === 'string' && text.trim()) texts.push(text)
    }
  }
  const lines = []
  for (let round = 0; round < ROUNDS; round++) {
    texts.forEach((text, index) => lines.push(JSON.stringify({id: `${round}-${index}`, url: `https://site${index % 7}.example/${round}/${index}`, text})))
    if (round === 3) lines.push('')
    if (round === 5) lines.push('{"id": "broken", "text": ')
  }
  writeFileSync(file, lines.join('\n') + '\n')
  return lines.length
}

let directory
try {
  ensureJava()
  ensurePyspark()
  directory = mkdtempSync(path.join(tmpdir(), 'decruft-spark-'))
  const input = path.join(directory, 'corpus.jsonl')
  const lines = writeCorpus(input)
  log(`corpus: ${lines} lines`)
  const local = path.join(directory, 'local.jsonl')
  const command = [process.execPath, bin, 'clean', '--jsonl', '-q', '--workers', '1']
  const status = run(process.execPath, [bin, 'clean', '--jsonl', input, '-o', local, '-q', '--workers', '1'])
  if (status !== 0 && status !== 1) fail(`the local run exited ${status}`)
  const spark = path.join(directory, 'spark.jsonl')
  log(`the PySpark job: local[2], ${PARTITIONS} partitions, RDD.pipe(${path.basename(process.execPath)} decruft clean --jsonl -q --workers 1)`)
  const job = run(python, [path.join(root, 'scripts', 'spark', 'clean_job.py'), input, spark, String(PARTITIONS), ...command], {env: {...process.env, PYSPARK_PYTHON: python, PYSPARK_DRIVER_PYTHON: python}, timeout: 15 * 60 * 1000})
  if (job !== 0) fail(`the PySpark job exited ${job}`)
  const a = readFileSync(local)
  const b = readFileSync(spark)
  const records = a.toString('utf8').split('\n').filter(Boolean).length
  if (!a.equals(b)) {
    let at = 0
    while (at < a.length && a[at] === b[at]) at++
    fail(`the outputs differ: local ${a.length} bytes, Spark ${b.length} bytes, first difference at byte ${at}`, 1)
  }
  log(`identical: ${records} records, ${a.length} bytes, from one local run and from Spark`)
} catch (error) {
  // A failure of the test itself (not of a prerequisite, nor a difference) exits 3.
  log(error instanceof Stop ? error.message : `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = error instanceof Stop ? error.code : 3
} finally {
  if (directory) rmSync(directory, {recursive: true, force: true})
}
