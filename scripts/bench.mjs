#!/usr/bin/env node
/**
 * `npm run bench`: how fast `decruft clean` is on a corpus, and how its memory behaves.
 *
 * 1. Builds a JSON Lines corpus of at least BENCH_MB megabytes (default 200) in a temporary folder:
 *    every `inputs.*` text of ../shared/benchdata (both files) and every fixture seed, one record
 *    each (`{"id", "url", "text"}`), repeated.
 * 2. Cleans it JSONL → JSONL through the built binary, with 1 worker and with one per core; reports
 *    MB/s, documents/s and the peak RSS of the process (all threads), and checks that both outputs
 *    are the same bytes. Then once more with one worker per core and `--removed none` (records
 *    without the removals' details, a third of the output's size).
 * 3. Parses the same texts with parse-latin alone (its own `ParseLatin`, as retext-latin runs it:
 *    parse only, no rules): the floor a per-line NLCST pipeline builds on.
 * 4. Cleans one single document of BENCH_BIG_MB megabytes (default "50,100": concatenated article
 *    texts) to show that time stays linear in the size of a document; then the shapes that used to
 *    take time quadratic in it: BENCH_SHORT_LINES short lines (default "500000,1000000": the texts'
 *    lines of up to 40 characters, menus and headings, in order, repeated) and one line of
 *    BENCH_LINE_MB megabytes (default "25,50": the article texts joined with spaces). Each pair
 *    gives the ratio of the larger one's time to the smaller one's. Each run is given the smallest
 *    `--memory-budget` whose document limit takes it in.
 * 4b. Bounded memory: a folder of small files with one BENCH_HUGE_MB (default 200) file on one line
 *    among them, and records with one such record among them, each with one worker per core and
 *    the default budget: the huge document is passed through unchanged, and the peak RSS must stay
 *    within the memory budget (the main thread's and each worker's).
 * 4c. Reads and compiles a config of BENCH_PHRASES phrases (default "50000,100000": runs of three
 *    to five words of the texts, half in a `contains` rule, half in a `prefix` one) in a process
 *    of its own: the time to read the YAML file, to compile it, and the process's peak RSS.
 * 5. Streams BENCH_STREAM_MB megabytes (default 1000) of the same records through standard input
 *    and output with one thread per core, the records written by this script as the run reads them
 *    (nothing on disk): the peak RSS shows whether memory stays flat on a large input.
 * 6. Measures the machine itself: the library cleans the texts in memory (no reading, parsing or
 *    writing of records, no threads) in one process alone, then in one process per core at once.
 *    Their combined speed over the one alone is as far as any number of workers could scale on the
 *    machine as it is during the run; shared virtual machines vary a good deal.
 * 7. Whether cleaning time stays flat in the number of rules: in one process, the library cleans
 *    up to 15 MB of the texts (0.4 × BENCH_MB when less), each given the URL of one of 500 sites,
 *    with the recommended pack, then the pack and BENCH_RULES (default 10000) rules as `decruft
 *    learn` writes them (one phrase of two to four words of the texts each, `exact`, `prefix` or
 *    `contains`, scoped to the site of a text it occurs in), the pack and one `contains` rule of
 *    as many such phrases, and the pack and 100 rules of one regex without a literal for the
 *    prefilter, the pack with the hand-set classifier alone (`classifier: {model: none}`): what the
 *    trained classifier (the default) adds to its time, and last the pack with every site's
 *    language given (`siteLanguages`, each text on a site of its own language, as `learn` writes
 *    them). Each config is compiled first; then the six take turns on each chunk of 50 texts, over
 *    five rounds, and each one's median time is given as a ratio to the pack's. The removals each
 *    made show that the added rules match; the regexes' own matching (each on every line once) is
 *    timed too. Draws are seeded: every run uses the same rules and texts.
 *
 * Prints a Markdown table. Quick run: `BENCH_MB=20 BENCH_BIG_MB=5,10 BENCH_SHORT_LINES=50000,100000
 * BENCH_LINE_MB=2,4 BENCH_STREAM_MB=50 BENCH_HUGE_MB=50 BENCH_RULES=10000 npm run bench`
 * (`BENCH_STREAM_MB=0` skips the stream, `BENCH_HUGE_MB=0` the huge documents, `BENCH_RULES=0` the
 * rules, and `0` any list of sizes). BENCHDATA names another folder of benchmark data.
 */

import {spawn, spawnSync} from 'node:child_process'
import {closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {once} from 'node:events'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
/**
 * The bin's `#!/usr/bin/env -S NAME=value … node …` line: the variables it sets and the Node flags it
 * gives, so that runs start as `npx decruft` starts them.
 */
const shebang = readFileSync(bin, 'utf8').split('\n')[0].split(/\s+/)
const binEnv = Object.fromEntries(shebang.slice(0, shebang.indexOf('node')).filter((word) => /^\w+=/.test(word)).map((word) => word.split('=')))
const nodeFlags = shebang.slice(shebang.indexOf('node') + 1)
const runEnv = {...process.env, ...binEnv}
const benchdata = process.env.BENCHDATA ? path.resolve(process.env.BENCHDATA) : path.resolve(root, '..', 'shared', 'benchdata')
const corpusMb = Number(process.env.BENCH_MB ?? 200)
/** A list of sizes from the environment, e.g. `BENCH_BIG_MB=50,100`. */
const sizes = (name, fallback) => (process.env[name] ?? fallback).split(',').map(Number).filter((value) => value > 0)
const bigMbs = sizes('BENCH_BIG_MB', '50,100')
const shortLineCounts = sizes('BENCH_SHORT_LINES', '500000,1000000')
const lineMbs = sizes('BENCH_LINE_MB', '25,50')
const phraseCounts = sizes('BENCH_PHRASES', '50000,100000')
const streamMb = Number(process.env.BENCH_STREAM_MB ?? 1000)
const hugeMb = Number(process.env.BENCH_HUGE_MB ?? 200)
const ruleCount = Number(process.env.BENCH_RULES ?? 10_000)

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: build first (npm run build)')
  process.exit(1)
}
/** The cores `decruft clean` uses by default (a container's CPU quota counts). */
const {availableCores, DEFAULT_THREAD_BUDGET, memoryFor} = await import(pathToFileURL(path.join(root, 'dist', 'batch', 'pool-size.js')).href)
const {budgetFor: budgetForHeap} = await import(pathToFileURL(path.join(root, 'dist', 'batch', 'heap-limits.js')).href)
const {cleaningHeap, textShape} = await import(pathToFileURL(path.join(root, 'dist', 'batch', 'document-heap.js')).href)
const cores = availableCores()
/** The smallest `--memory-budget` (MB), from the default up, whose thread cleans `file` by its shape. */
function budgetFor(file) {
  return Math.max(DEFAULT_THREAD_BUDGET / 2 ** 20, budgetForHeap(cleaningHeap(textShape(readFileSync(file, 'utf8')))))
}

const log = (message) => process.stderr.write(`bench: ${message}\n`)
const mb = (bytes) => bytes / 1_000_000
/** The middle value (the upper one of an even count). */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Every text of the benchmark data and the seeds, as records. */
function baseRecords() {
  const records = []
  for (const name of ['scrapinghub.dev.jsonl', 'trafilatura.dev.jsonl']) {
    const file = path.join(benchdata, name)
    if (!existsSync(file)) continue
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      const record = JSON.parse(line)
      for (const [field, text] of Object.entries(record.inputs ?? {})) {
        if (typeof text === 'string' && text.trim()) records.push({id: `${record.id}:${field}`, url: record.url, text})
      }
    }
  }
  const seeds = path.join(root, 'fixtures', 'seeds')
  for (const name of readdirSync(seeds).sort()) {
    if (name.endsWith('.txt') && !name.endsWith('.clean.txt')) records.push({id: `seed:${name}`, text: readFileSync(path.join(seeds, name), 'utf8')})
  }
  return records
}

/** Write the base records to `stream`, repeated (each round with its own ids), until `megabytes` MB; returns bytes and records written. */
async function writeRecords(stream, records, megabytes) {
  let bytes = 0
  let count = 0
  for (let round = 0; bytes < megabytes * 1_000_000; round++) {
    for (const record of records) {
      const line = JSON.stringify({...record, id: `${record.id}#${round}`}) + '\n'
      bytes += Buffer.byteLength(line)
      count++
      if (!stream.write(line)) await once(stream, 'drain')
    }
  }
  return {bytes, count}
}

/** Write the base records, repeated, until the file holds `megabytes` MB; returns its size and record count. */
async function writeCorpus(file, records, megabytes) {
  const stream = createWriteStream(file)
  const {bytes, count} = await writeRecords(stream, records, megabytes)
  stream.end()
  await once(stream, 'close')
  return {bytes, count}
}

/** Run the binary; returns wall time and the stats it wrote. */
function runClean(args, directory, name) {
  const stats = path.join(directory, `${name}.stats.json`)
  const started = performance.now()
  const result = spawnSync(process.execPath, [...nodeFlags, bin, 'clean', ...args, '-q', '--stats-json', stats], {cwd: directory, env: runEnv, encoding: 'utf8', maxBuffer: 1 << 26})
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0 && result.status !== 1) throw new Error(`decruft clean ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return {seconds, ...JSON.parse(readFileSync(stats, 'utf8'))}
}

/**
 * Feed `megabytes` MB of records to `decruft clean --jsonl` on standard input as it reads them, and
 * count its output; returns wall time, bytes, records and the stats it wrote.
 */
async function runStream(records, megabytes, directory) {
  const stats = path.join(directory, 'stream.stats.json')
  const child = spawn(process.execPath, [...nodeFlags, bin, 'clean', '--jsonl', '-q', '--stats-json', stats], {cwd: directory, env: runEnv, stdio: ['pipe', 'pipe', 'inherit']})
  let out = 0
  child.stdout.on('data', (chunk) => (out += chunk.length))
  const exited = once(child, 'exit')
  const started = performance.now()
  const {bytes, count} = await writeRecords(child.stdin, records, megabytes)
  child.stdin.end()
  const [code] = await exited
  const seconds = (performance.now() - started) / 1000
  if (code !== 0 && code !== 1) throw new Error(`decruft clean --jsonl (stream) exited ${code}`)
  return {seconds, bytes, count, out, ...JSON.parse(readFileSync(stats, 'utf8'))}
}

function sameFiles(a, b) {
  return readFileSync(a).equals(readFileSync(b))
}

/** parse-latin alone over the texts, in this process. */
async function parseFloor(records) {
  const {ParseLatin} = await import('parse-latin')
  const processor = new ParseLatin()
  let bytes = 0
  const started = performance.now()
  for (const {text} of records) {
    processor.parse(text)
    bytes += Buffer.byteLength(text)
  }
  const seconds = (performance.now() - started) / 1000
  return {bytes, seconds}
}

/** The article texts (extractor outputs) and the seeds. */
function articleTexts(records) {
  return records.filter(({id}) => /:(readability_js|readability|trafilatura|newspaper)#?/.test(id) || id.startsWith('seed:')).map(({text}) => text.trim())
}

/** `texts` one after another, repeated, joined by `separator`, until about `megabytes` MB. */
function repeatedTexts(texts, megabytes, separator) {
  const parts = []
  let bytes = 0
  for (let index = 0; bytes < megabytes * 1_000_000; index++) {
    const text = texts[index % texts.length]
    parts.push(text)
    bytes += Buffer.byteLength(text) + Buffer.byteLength(separator)
  }
  return parts.join(separator)
}

/** One document of about `megabytes` MB: article texts one after another. */
function writeBigDocument(file, records, megabytes) {
  writeFileSync(file, repeatedTexts(articleTexts(records), megabytes, '\n\n') + '\n')
  return statSync(file).size
}

/** Write `prefix`, `megabytes` MB of prose on one line and `suffix` to `file`, without holding them; returns the file's size. */
function writeHugeLine(file, megabytes, prefix = '', suffix = '\n') {
  const chunk = Buffer.from('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(13_000))
  const descriptor = openSync(file, 'w')
  writeSync(descriptor, prefix)
  for (let bytes = 0; bytes < megabytes * 1_000_000; ) bytes += writeSync(descriptor, chunk)
  writeSync(descriptor, suffix)
  closeSync(descriptor)
  return statSync(file).size
}

/** One document of `count` short lines: every line of up to 40 characters of the texts, in order, repeated. */
function writeShortLines(file, records, count) {
  const short = records.flatMap(({text}) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0 && line.length <= 40))
  writeFileSync(file, Array.from({length: count}, (_, index) => short[index % short.length]).join('\n') + '\n')
  return statSync(file).size
}

/** One document of one line of about `megabytes` MB: the article texts, each on one line, joined with spaces. */
function writeOneLine(file, records, megabytes) {
  writeFileSync(file, repeatedTexts(articleTexts(records).map((text) => text.replace(/\s+/g, ' ')), megabytes, ' ') + '\n')
  return statSync(file).size
}

/** Clean each document `write(file, size)` makes, one per size, as one file; returns the runs with their sizes in MB. */
function cleanDocuments(directory, name, sizes, write) {
  return sizes.map((size) => {
    const file = path.join(directory, `${name}-${size}.txt`)
    const bytes = write(file, size)
    log(`one ${mb(bytes).toFixed(0)} MB document (${name}, ${size.toLocaleString('en-US')})`)
    const run = runClean([path.basename(file), '-o', `${name}-out`, '--memory-budget', String(budgetFor(file))], directory, `${name}-${size}`)
    rmSync(file, {force: true})
    return {size, megabytes: mb(bytes), ...run}
  })
}

/** A config of `count` phrases, runs of three to five words of the texts, half `contains` and half `prefix`. */
function writePhraseConfig(file, records, count) {
  const words = records.flatMap(({text}) => text.split(/\s+/).filter(Boolean))
  const phrases = new Set()
  for (let index = 0; phrases.size < count; index++) {
    const start = (index * 7919) % (words.length - 5)
    const phrase = words.slice(start, start + 3 + (index % 3)).join(' ')
    // Few texts (the seeds alone) repeat their runs of words: a repeat gets a made-up word.
    phrases.add(phrases.has(phrase) ? `${phrase} ${index.toString(36)}` : phrase)
  }
  const list = [...phrases]
  const rule = (id, match, items) => `  - id: ${id}\n    kind: line\n    category: promo\n    description: ${id}\n    match: ${match}\n    phrases:\n${items.map((phrase) => `      - ${JSON.stringify(phrase)}`).join('\n')}\n`
  writeFileSync(file, `rules:\n${rule('bench/contains', 'contains', list.slice(0, count / 2))}${rule('bench/prefix', 'prefix', list.slice(count / 2))}`)
}

/** In a child process (`BENCH_CHILD=config`): read and compile the config file named by BENCH_CONFIG; print the seconds of each and the peak RSS. */
async function compileConfig() {
  const {createCleaner, loadConfig} = await import(path.join(root, 'dist', 'index.js'))
  let started = performance.now()
  const config = loadConfig({config: process.env.BENCH_CONFIG})
  const read = (performance.now() - started) / 1000
  started = performance.now()
  createCleaner(config, {messages: false})
  const compile = (performance.now() - started) / 1000
  const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024
  console.log(JSON.stringify({read, compile, peak}))
}

/** Read and compile a config of `count` phrases in a process of its own. */
function configRun(directory, records, count) {
  const file = path.join(directory, `phrases-${count}.yaml`)
  writePhraseConfig(file, records, count)
  log(`reading and compiling a config of ${count.toLocaleString('en-US')} phrases`)
  const result = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url)], {env: {...runEnv, BENCH_CHILD: 'config', BENCH_CONFIG: file}, encoding: 'utf8'})
  const bytes = statSync(file).size
  rmSync(file, {force: true})
  if (result.status !== 0) throw new Error(`compiling a config of ${count} phrases exited ${result.status}: ${result.stderr}`)
  return {count, bytes, ...JSON.parse(result.stdout)}
}

/** In a child process (`BENCH_CHILD=in-memory`): clean every text once with the library and print bytes and seconds. */
async function cleanInMemory() {
  const {createCleaner} = await import(path.join(root, 'dist', 'index.js'))
  const cleaner = createCleaner({extends: ['recommended']}, {messages: false})
  const records = baseRecords()
  for (const {text, url} of records.slice(0, 200)) cleaner.clean(text, {url})
  let bytes = 0
  const started = performance.now()
  for (const {text, url} of records) {
    cleaner.clean(text, {url})
    bytes += Buffer.byteLength(text)
  }
  console.log(JSON.stringify({bytes, seconds: (performance.now() - started) / 1000}))
}

/** `processes` children cleaning in memory at once; returns each one's bytes and seconds. */
async function inMemoryRuns(processes) {
  const runs = Array.from({length: processes}, async () => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {env: {...process.env, BENCH_CHILD: 'in-memory'}, stdio: ['ignore', 'pipe', 'inherit']})
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    const [code] = await once(child, 'exit')
    if (code !== 0) throw new Error(`in-memory cleaning exited ${code}`)
    return JSON.parse(out)
  })
  return Promise.all(runs)
}

/** Section 7: the sites the texts are spread over, the rounds, the regexes without a literal. */
const RULE_SITES = 500
const RULE_ROUNDS = 5
/** Texts per turn in section 7: the configs take turns on each chunk of this many (about 0.4 MB). */
const RULE_CHUNK = 50
const RULE_REGEXES = 100
/** The megabytes of text cleaned per round in section 7: 15, or 0.4 × BENCH_MB when less (8 MB in a quick run). */
const ruleTextMb = Math.min(15, corpusMb * 0.4)

/**
 * The texts of section 7: the records in an order drawn with `random`, up to `ruleTextMb` MB, each
 * with the URL of one of RULE_SITES sites, in turn.
 */
function siteTexts(records, random) {
  const order = [...records.keys()]
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[order[index], order[other]] = [order[other], order[index]]
  }
  const texts = []
  let bytes = 0
  for (const position of order) {
    if (bytes >= ruleTextMb * 1_000_000) break
    const host = `news${texts.length % RULE_SITES}.example.com`
    texts.push({text: records[position].text, host, url: `https://${host}/article/${texts.length}`})
    bytes += Buffer.byteLength(records[position].text)
  }
  return {texts, bytes}
}

/**
 * Draws phrases as `decruft learn` finds them, with `random`: two to four words of a line of a text
 * (a whole line of two to four words for `exact`, its first words for `prefix`, words anywhere in it
 * for `contains`), punctuation at the ends left out. Lines are those of up to 150 characters (within
 * every kind's `maxChars`).
 */
function phraseDrawer(texts, random) {
  const wordsOf = (line) => line.split(/\s+/).filter(Boolean)
  const lines = texts.map(({text}) => text.split('\n').map((line) => line.trim()).filter((line) => line.length <= 150 && wordsOf(line).length >= 2))
  const short = lines.map((list) => list.filter((line) => wordsOf(line).length <= 4))
  const withLines = [...lines.keys()].filter((index) => lines[index].length > 0)
  const withShort = [...short.keys()].filter((index) => short[index].length > 0)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const trim = (phrase) => phrase.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')
  /** A phrase of `mode` from one text drawn, and that text's index; undefined when the draw gives none. */
  return (mode) => {
    const pool = mode === 'exact' ? withShort : withLines
    if (pool.length === 0) return undefined
    const index = pick(pool)
    const words = wordsOf(pick(mode === 'exact' ? short[index] : lines[index]))
    const length = mode === 'exact' ? words.length : Math.min(words.length, 2 + Math.floor(random() * 3))
    const start = mode === 'contains' ? Math.floor(random() * (words.length - length + 1)) : 0
    const phrase = trim(words.slice(start, start + length).join(' '))
    return wordsOf(phrase).length >= 2 && /\p{L}/u.test(phrase) ? {phrase, index} : undefined
  }
}

/**
 * `count` distinct draws of `draw()` (by `key`): a draw that gives none, or one already taken, is
 * drawn again, up to 20 times; then (few texts) the last phrase gets a made-up word.
 */
function distinctDraws(count, draw, key) {
  const taken = new Set()
  const out = []
  while (out.length < count) {
    let found
    for (let attempt = 0; attempt < 20 && !found; attempt++) {
      const candidate = draw()
      if (candidate && !taken.has(key(candidate))) found = candidate
    }
    if (!found) {
      const base = draw() ?? {phrase: 'bench phrase', index: 0}
      found = {...base, phrase: `${base.phrase} ${out.length.toString(36)}`}
    }
    taken.add(key(found))
    out.push(found)
  }
  return out
}

/**
 * `count` rules as `decruft learn` writes them (src/learn/pack.ts): one phrase each, scoped to the
 * site of the text it was drawn from; one in ten a `section` header, the others `line` rules; match
 * modes in turn (`exact`, as learn writes them, then `prefix`, `contains`).
 */
function learnedRules(texts, count, random) {
  const draw = phraseDrawer(texts, random)
  const modes = ['exact', 'prefix', 'contains']
  let drawn = 0
  const draws = distinctDraws(count, () => {
    const mode = modes[drawn++ % 3]
    const found = draw(mode)
    return found && {...found, mode}
  }, ({phrase, index, mode}) => `${texts[index].host}\n${mode}\n${phrase.toLowerCase()}`)
  return draws.map(({phrase, index, mode}, position) => {
    const section = position % 10 === 9
    return {
      id: `learned/${texts[index].host.replace(/\./g, '-')}/${position}`,
      kind: section ? 'section' : 'line',
      category: section ? 'related' : 'navigation',
      description: section ? 'site section header' : 'site boilerplate line',
      phrases: [phrase],
      ...(mode === 'exact' ? {} : {match: mode}),
      when: {domain: [texts[index].host]}
    }
  })
}

/** One `contains` rule of `count` phrases drawn as the learned ones, for every site. */
function phraseRule(texts, count, random) {
  const draw = phraseDrawer(texts, random)
  const phrases = distinctDraws(count, () => draw('contains'), ({phrase}) => phrase.toLowerCase()).map(({phrase}) => phrase)
  return {id: 'bench/phrases', kind: 'line', category: 'noise', description: 'one rule of many phrases', match: 'contains', phrases}
}

/** `count` line rules of one pattern each without a literal (`^\p{Lu}\w{2,}\W\d{1}$` and variants): the prefilter cannot pass over any line. */
function regexRules(count) {
  return Array.from({length: count}, (_, index) => ({
    id: `bench/regex-${index}`,
    kind: 'line',
    category: 'noise',
    description: 'a pattern without a literal',
    patterns: [`^\\p{Lu}\\w{${2 + (index % 10)},}\\W\\d{${1 + (Math.floor(index / 10) % 10)}}$`]
  }))
}

/**
 * In a child process (`BENCH_CHILD=rules`): the recommended pack, and the pack with BENCH_RULES
 * learned rules, with one rule of as many phrases, and with RULE_REGEXES regexes without a literal,
 * each compiled first, then cleaning the same texts taking turns on each chunk of RULE_CHUNK texts
 * (A B C D E F, B C D E F A, …), RULE_ROUNDS times. Prints
 * each config's compile time, cleaning times and removals.
 */
async function cleanWithRules() {
  const {createCleaner} = await import(path.join(root, 'dist', 'index.js'))
  const {seededRandom} = await import(path.join(root, 'dist', 'model', 'random.js'))
  const {patternPrefilter} = await import(path.join(root, 'dist', 'engine', 'literals.js'))
  const random = seededRandom(20_261_206)
  const {texts, bytes} = siteTexts(baseRecords(), random)
  const regexes = regexRules(RULE_REGEXES)
  for (const {patterns} of regexes) {
    const prefilter = patternPrefilter(patterns[0])
    if (prefilter.literals || prefilter.prefixes) throw new Error(`/${patterns[0]}/ has a literal for the prefilter`)
  }
  const runs = [
    {name: 'pack', rules: [], added: () => false},
    {name: 'learned', rules: learnedRules(texts, ruleCount, random), added: (id) => id.startsWith('learned/')},
    {name: 'phrases', rules: [phraseRule(texts, ruleCount, random)], added: (id) => id === 'bench/phrases'},
    {name: 'regexes', rules: regexes, added: (id) => id.startsWith('bench/regex-')},
    // The recommended pack with the hand-set classifier alone: what the trained one (the default) adds.
    {name: 'hand-set', rules: [], config: {classifier: {model: 'none'}}, added: () => false},
    // The pack with each site's language given, as `learn` writes it: each text on a site of its own
    // language (the one the pack's cleaner found), so every text may take its site's language.
    {name: 'site languages', rules: [], added: () => false, sited: true}
  ]
  const languages = new Array(texts.length)
  for (const run of runs) {
    const started = performance.now()
    if (run.sited) {
      const hosts = new Map()
      run.urls = texts.map(({host}, index) => {
        const sited = `${languages[index]}.${host}`
        hosts.set(sited, languages[index])
        return `https://${sited}/article/${index}`
      })
      run.config = {siteLanguages: [...hosts].filter(([, lang]) => lang !== 'und').map(([host, lang]) => ({lang, when: {domain: [host]}}))}
    }
    run.cleaner = createCleaner({extends: ['recommended'], rules: run.rules, ...run.config}, {messages: false})
    run.compile = (performance.now() - started) / 1000
    // The first config's cleaner tells each text's language, for the site languages' config.
    if (run === runs[0]) for (let index = 0; index < texts.length; index++) languages[index] = run.cleaner.clean(texts[index].text, {url: texts[index].url}).lang
    for (const [index, {text, url}] of texts.slice(0, 200).entries()) run.cleaner.clean(text, {url: run.urls?.[index] ?? url})
    run.seconds = []
  }
  // The regexes' own matching, for comparison: each once on every line they may be tried on (the
  // whitespace collapsed, up to 240 characters, the line rules' `maxChars`).
  const expressions = regexes.map(({patterns}) => new RegExp(patterns[0], 'iu'))
  const subjectsOf = (slice) => slice.flatMap(({text}) => text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line.length > 0 && line.length <= 240))
  // The configs take turns on each chunk of RULE_CHUNK texts (each chunk's turns in another order),
  // so that a slow second of the machine falls on all of them alike: taking turns a round at a time,
  // a round of one config took from 5.1 to 8.9 s within minutes.
  const chunks = []
  for (let start = 0; start < texts.length; start += RULE_CHUNK) chunks.push({start, end: Math.min(texts.length, start + RULE_CHUNK), subjects: subjectsOf(texts.slice(start, start + RULE_CHUNK))})
  const matching = {seconds: new Array(RULE_ROUNDS).fill(0), matches: 0, lines: chunks.reduce((sum, {subjects}) => sum + subjects.length, 0)}
  for (const run of runs) {
    run.seconds = new Array(RULE_ROUNDS).fill(0)
    run.removals = 0
    run.byAdded = 0
    run.matchedRules = new Set()
    run.matchedPhrases = new Set()
  }
  for (let round = 0; round < RULE_ROUNDS; round++) {
    for (const [position, {start, end, subjects}] of chunks.entries()) {
      const started = performance.now()
      let matches = 0
      for (const subject of subjects) for (const expression of expressions) if (expression.test(subject)) matches++
      matching.seconds[round] += (performance.now() - started) / 1000
      if (round === 0) matching.matches += matches
      for (let turn = 0; turn < runs.length; turn++) {
        const run = runs[(position + round + turn) % runs.length]
        const removed = []
        const started = performance.now()
        for (let index = start; index < end; index++) removed.push(run.cleaner.clean(texts[index].text, {url: run.urls?.[index] ?? texts[index].url}).removed)
        run.seconds[round] += (performance.now() - started) / 1000
        if (round > 0) continue
        // What the rules removed: all removals, those of the added rules, and which rules and phrases made them.
        for (const list of removed) {
          run.removals += list.length
          for (const {rule, reason} of list) {
            if (!run.added(rule)) continue
            run.byAdded++
            run.matchedRules.add(rule)
            run.matchedPhrases.add(/\(phrase “(.*)”\)$/.exec(reason)?.[1] ?? reason)
          }
        }
      }
    }
  }
  for (const run of runs) {
    run.rulesMatched = run.matchedRules.size
    run.phrasesMatched = run.matchedPhrases.size
  }
  console.log(JSON.stringify({
    bytes,
    documents: texts.length,
    sites: new Set(texts.map(({host}) => host)).size,
    matching: {lines: matching.lines, median: median(matching.seconds), matches: matching.matches},
    runs: runs.map(({name, rules, compile, seconds, removals, byAdded, rulesMatched, phrasesMatched}) => ({name, rules: rules.length, compile, seconds, median: median(seconds), removals, byAdded, rulesMatched, phrasesMatched}))
  }))
}

/** Section 7 in a process of its own. */
function rulesRun() {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {env: {...process.env, BENCH_CHILD: 'rules'}, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`cleaning with added rules exited ${result.status}`)
  return JSON.parse(result.stdout)
}

if (process.env.BENCH_CHILD === 'in-memory') {
  await cleanInMemory()
  process.exit(0)
}
if (process.env.BENCH_CHILD === 'config') {
  await compileConfig()
  process.exit(0)
}
if (process.env.BENCH_CHILD === 'rules') {
  await cleanWithRules()
  process.exit(0)
}

const directory = mkdtempSync(path.join(os.tmpdir(), 'decruft-bench-'))
try {
  const records = baseRecords()
  log(`${records.length} texts; writing a ${corpusMb} MB corpus to ${directory}`)
  const corpus = path.join(directory, 'corpus.jsonl')
  const {bytes, count} = await writeCorpus(corpus, records, corpusMb)

  const rows = []
  const workerCounts = [...new Set([1, cores])]
  const outputs = []
  for (const workers of workerCounts) {
    log(`cleaning ${mb(bytes).toFixed(0)} MB with ${workers} worker${workers === 1 ? '' : 's'}`)
    const out = path.join(directory, `out-${workers}.jsonl`)
    const run = runClean(['--jsonl', 'corpus.jsonl', '-o', out, '--workers', String(workers)], directory, `jsonl-${workers}`)
    outputs.push(out)
    rows.push({
      what: `JSONL → JSONL, ${workers} worker${workers === 1 ? '' : 's'}`,
      size: `${mb(bytes).toFixed(0)} MB, ${count.toLocaleString('en-US')} docs`,
      seconds: run.seconds,
      mbps: mb(bytes) / run.seconds,
      dps: count / run.seconds,
      rss: run.maxRssBytes
    })
  }
  const identical = outputs.every((out) => sameFiles(out, outputs[0]))
  const fullBytes = statSync(outputs[0]).size
  for (const out of outputs) rmSync(out, {force: true})
  if (rows.length === 2) rows[1].speedup = rows[0].seconds / rows[1].seconds

  // The same run writing only the clean text and each record's title and language (`--removed none`).
  log(`cleaning ${mb(bytes).toFixed(0)} MB with ${cores} worker${cores === 1 ? '' : 's'}, --removed none`)
  const leanOut = path.join(directory, 'out-lean.jsonl')
  const lean = runClean(['--jsonl', 'corpus.jsonl', '-o', leanOut, '--workers', String(cores), '--removed', 'none'], directory, 'jsonl-lean')
  const leanBytes = statSync(leanOut).size
  rmSync(leanOut, {force: true})
  rows.push({
    what: `JSONL → JSONL, ${cores} worker${cores === 1 ? '' : 's'}, \`--removed none\``,
    size: `${mb(bytes).toFixed(0)} MB, ${count.toLocaleString('en-US')} docs`,
    seconds: lean.seconds,
    mbps: mb(bytes) / lean.seconds,
    dps: count / lean.seconds,
    rss: lean.maxRssBytes
  })

  log('parse-latin alone on the same texts')
  const floor = await parseFloor(records)
  rows.push({what: 'parse-latin alone (no rules), 1 core', size: `${mb(floor.bytes).toFixed(0)} MB of text`, seconds: floor.seconds, mbps: mb(floor.bytes) / floor.seconds, dps: records.length / floor.seconds})

  const big = cleanDocuments(directory, 'big', bigMbs, (file, megabytes) => writeBigDocument(file, records, megabytes))
  for (const run of big) rows.push({what: 'one document', size: `${run.megabytes.toFixed(0)} MB`, seconds: run.seconds, mbps: run.megabytes / run.seconds, dps: undefined, rss: run.maxRssBytes})

  // The shapes that took time quadratic in their size: many short lines, many sentences on one line.
  const shortLines = cleanDocuments(directory, 'short-lines', shortLineCounts, (file, count) => writeShortLines(file, records, count))
  for (const run of shortLines) rows.push({what: `one document, ${run.size.toLocaleString('en-US')} short lines`, size: `${run.megabytes.toFixed(0)} MB`, seconds: run.seconds, mbps: run.megabytes / run.seconds, dps: undefined, rss: run.maxRssBytes})
  const oneLine = cleanDocuments(directory, 'one-line', lineMbs, (file, megabytes) => writeOneLine(file, records, megabytes))
  for (const run of oneLine) rows.push({what: 'one document on one line', size: `${run.megabytes.toFixed(0)} MB`, seconds: run.seconds, mbps: run.megabytes / run.seconds, dps: undefined, rss: run.maxRssBytes})
  const configs = phraseCounts.map((count) => configRun(directory, records, count))
  for (const run of configs) rows.push({what: `config of ${run.count.toLocaleString('en-US')} phrases: read ${run.read.toFixed(1)} s, compiled ${run.compile.toFixed(1)} s`, size: `${mb(run.bytes).toFixed(1)} MB of YAML`, seconds: run.read + run.compile, mbps: undefined, dps: undefined, rss: run.peak})

  const bounded = []
  if (hugeMb > 0) {
    // A folder of small files (the texts, once each) with one huge file on one line among them.
    const folder = path.join(directory, 'folder')
    mkdirSync(folder)
    records.forEach(({text}, index) => writeFileSync(path.join(folder, `${String(index).padStart(5, '0')}.txt`), text))
    const hugeFile = path.join(folder, `${String(Math.floor(records.length / 2)).padStart(5, '0')}-huge.txt`)
    const hugeBytes = writeHugeLine(hugeFile, hugeMb)
    log(`${records.length} files with one ${mb(hugeBytes).toFixed(0)} MB file among them, ${cores} workers`)
    const files = runClean(['folder', '-o', 'folder-out', '--workers', String(cores), '--report', 'folder-report.json'], directory, 'folder-huge')
    bounded.push({what: `folder, ${records.length.toLocaleString('en-US')} files and one ${mb(hugeBytes).toFixed(0)} MB file, ${cores} workers`, run: files, report: JSON.parse(readFileSync(path.join(directory, 'folder-report.json'), 'utf8')), same: sameFiles(hugeFile, path.join(directory, 'folder-out', path.basename(hugeFile)))})
    rmSync(folder, {recursive: true, force: true})
    rmSync(path.join(directory, 'folder-out'), {recursive: true, force: true})
    // The records, with one huge record among them.
    const jsonl = path.join(directory, 'huge.jsonl')
    const half = Math.floor(records.length / 2)
    const line = (record) => JSON.stringify(record) + '\n'
    const before = records.slice(0, half).map(line).join('')
    const after = records.slice(half).map(line).join('')
    const hugeLine = writeHugeLine(jsonl, hugeMb, before + '{"id": "huge", "text": "', '"}\n' + after) - Buffer.byteLength(before + after) - 1
    log(`${records.length} records with one ${hugeMb} MB record among them, ${cores} workers`)
    const lines = runClean(['--jsonl', 'huge.jsonl', '-o', 'huge-out.jsonl', '--workers', String(cores), '--report', 'huge-report.json'], directory, 'jsonl-huge')
    const report = JSON.parse(readFileSync(path.join(directory, 'huge-report.json'), 'utf8'))
    // Its line is too long to read: the report gives the bytes copied.
    const copied = report.skipped.length === 1 && report.skipped[0].bytes === hugeLine
    bounded.push({what: `JSONL, ${records.length.toLocaleString('en-US')} records and one ${hugeMb} MB record, ${cores} workers`, run: lines, report, same: copied})
    rmSync(jsonl, {force: true})
    rmSync(path.join(directory, 'huge-out.jsonl'), {force: true})
    for (const {what, run, report} of bounded) {
      const bytes = report.summary.bytesIn + report.summary.skippedBytes
      rows.push({what, size: `${mb(bytes).toFixed(0)} MB, ${(report.summary.documents + report.summary.skipped).toLocaleString('en-US')} docs`, seconds: run.seconds, mbps: mb(bytes) / run.seconds, dps: (report.summary.documents + report.summary.skipped) / run.seconds, rss: run.maxRssBytes})
    }
  }

  if (streamMb > 0) {
    log(`streaming ${streamMb} MB through standard input, ${cores} workers`)
    const stream = await runStream(records, streamMb, directory)
    rows.push({what: `JSONL stream, stdin → stdout, ${stream.workers} workers`, size: `${mb(stream.bytes).toFixed(0)} MB, ${stream.count.toLocaleString('en-US')} docs`, seconds: stream.seconds, mbps: mb(stream.bytes) / stream.seconds, dps: stream.count / stream.seconds, rss: stream.maxRssBytes})
  }

  let ceiling
  if (cores > 1) {
    log(`the machine: cleaning in memory, 1 process, then ${cores} at once`)
    const [alone] = await inMemoryRuns(1)
    const together = await inMemoryRuns(cores)
    const combined = together.reduce((sum, run) => sum + mb(run.bytes) / run.seconds, 0)
    ceiling = combined / (mb(alone.bytes) / alone.seconds)
    rows.push({what: 'in memory (library, no I/O), 1 process', size: `${mb(alone.bytes).toFixed(0)} MB of text`, seconds: alone.seconds, mbps: mb(alone.bytes) / alone.seconds, dps: records.length / alone.seconds})
    rows.push({what: `in memory, ${cores} processes at once (${ceiling.toFixed(2)}× one)`, size: `${mb(together[0].bytes).toFixed(0)} MB each`, seconds: Math.max(...together.map((run) => run.seconds)), mbps: combined, dps: undefined})
  }

  let rules
  if (ruleCount > 0) {
    log(`rules: the recommended pack, +${ruleCount.toLocaleString('en-US')} learned rules, one rule of ${ruleCount.toLocaleString('en-US')} phrases, +${RULE_REGEXES} regexes without a literal; in memory, 1 process, ${RULE_ROUNDS} rounds`)
    rules = rulesRun()
    const [pack] = rules.runs
    const what = {
      pack: `in memory, recommended pack, texts of ${rules.sites} sites (median of ${RULE_ROUNDS} rounds)`,
      learned: `in memory, +${ruleCount.toLocaleString('en-US')} learned rules`,
      phrases: `in memory, one rule of ${ruleCount.toLocaleString('en-US')} phrases`,
      regexes: `in memory, +${RULE_REGEXES} regexes without a literal`,
      'hand-set': 'in memory, recommended pack, hand-set classifier alone (`classifier: {model: none}`)',
      'site languages': 'in memory, recommended pack, every site\'s language given (`siteLanguages`)'
    }
    for (const run of rules.runs) {
      run.ratio = run.median / pack.median
      // Each round's own ratio to the pack's time in that round, whose median follows the machine's
      // load from round to round less than the ratio of the medians does.
      run.paired = median(run.seconds.map((seconds, round) => seconds / pack.seconds[round]))
      rows.push({what: `${what[run.name]}${run === pack ? '' : ` (${run.ratio.toFixed(2)}× the pack)`}`, size: `${mb(rules.bytes).toFixed(0)} MB of text, ${rules.documents.toLocaleString('en-US')} docs`, seconds: run.median, mbps: mb(rules.bytes) / run.median, dps: rules.documents / run.median})
    }
  }

  const fixed = (value, digits = 1) => (value === undefined ? '' : value.toFixed(digits))
  const lines = [
    `Node ${process.versions.node}, ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString().slice(0, 10)}; recommended config.`,
    '',
    '| run | input | time (s) | MB/s | documents/s | peak RSS (MB) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.what}${row.speedup ? ` (${row.speedup.toFixed(2)}× one)` : ''} | ${row.size} | ${fixed(row.seconds)} | ${fixed(row.mbps, 2)} | ${fixed(row.dps, 0)} | ${row.rss ? (row.rss / 1_000_000).toFixed(0) : ''} |`)
  ]
  for (const {what, run, report, same} of bounded) {
    const within = run.maxRssBytes <= memoryFor(run.workers)
    lines.push('', `${what}: peak RSS ${(run.maxRssBytes / 1_000_000).toFixed(0)} MB, ${within ? 'within' : 'OVER'} the memory budget of ${(memoryFor(run.workers) / 1_000_000).toFixed(0)} MB; ${report.skipped.map((entry) => `${entry.reason} ${(entry.bytes / 1_000_000).toFixed(0)} MB`).join(', ')}${same ? ', passed through unchanged' : ', NOT passed through'}.`)
    if (!within || !same) process.exitCode = 1
  }
  if (big.length === 2) lines.push('', `One document: ${big[1].megabytes.toFixed(0)} MB took ${(big[1].seconds / big[0].seconds).toFixed(2)}× the time of ${big[0].megabytes.toFixed(0)} MB.`)
  if (shortLines.length === 2) lines.push('', `Short lines: ${shortLines[1].size.toLocaleString('en-US')} took ${(shortLines[1].seconds / shortLines[0].seconds).toFixed(2)}× the time of ${shortLines[0].size.toLocaleString('en-US')}.`)
  if (oneLine.length === 2) lines.push('', `One line: ${oneLine[1].megabytes.toFixed(0)} MB took ${(oneLine[1].seconds / oneLine[0].seconds).toFixed(2)}× the time of ${oneLine[0].megabytes.toFixed(0)} MB.`)
  if (configs.length === 2) lines.push('', `Config: ${configs[1].count.toLocaleString('en-US')} phrases compiled in ${(configs[1].compile / configs[0].compile).toFixed(2)}× the time of ${configs[0].count.toLocaleString('en-US')}, read in ${(configs[1].read / configs[0].read).toFixed(2)}×.`)
  lines.push('', `Outputs with ${workerCounts.join(' and ')} workers: ${identical ? 'identical' : 'DIFFERENT'}; ${mb(fullBytes).toFixed(0)} MB written with every removal's details, ${mb(leanBytes).toFixed(0)} MB with \`--removed none\`.`)
  if (ceiling !== undefined && rows[1]?.speedup) lines.push('', `${cores} workers ran ${rows[1].speedup.toFixed(2)}× one; ${cores} independent processes cleaning in memory ran ${ceiling.toFixed(2)}× one process in the same run.`)
  if (rules) {
    const [, learned, phrases, regexes, handSet, sited] = rules.runs
    const count = ruleCount.toLocaleString('en-US')
    const times = (run) => `${run.ratio.toFixed(2)}× (rounds' own: ${run.paired.toFixed(2)}×)`
    lines.push('', `Rules: +${count} learned rules ${times(learned)} the recommended pack's time, one rule of ${count} phrases ${times(phrases)}, +${RULE_REGEXES} regexes without a literal ${times(regexes)} (taking turns on every ${RULE_CHUNK} texts, ${RULE_ROUNDS} rounds, in one process; compiled beforehand in ${learned.compile.toFixed(1)}, ${phrases.compile.toFixed(1)} and ${regexes.compile.toFixed(1)} s, the pack in ${rules.runs[0].compile.toFixed(1)} s).`)
    lines.push('', `Classifier: the recommended pack with the trained classifier (the default) took ${(1 / handSet.ratio).toFixed(2)}× the time of the same pack with the hand-set classifier alone (\`classifier: {model: none}\`); the median of the rounds' own ratios, ${(1 / handSet.paired).toFixed(2)}× (each round: ${handSet.seconds.map((seconds, round) => (rules.runs[0].seconds[round] / seconds).toFixed(2)).join(', ')}).`)
    lines.push('', `Site languages: with every site's language given (\`siteLanguages\`, each text on a site of its own language), the pack took ${times(sited)} its time, with ${sited.removals === rules.runs[0].removals ? 'the same' : 'DIFFERENT'} removals (${sited.removals.toLocaleString('en-US')}).`)
    if (sited.removals !== rules.runs[0].removals) process.exitCode = 1
    const at = (run) => (run.byAdded === 0 ? 'NO removals' : `${run.byAdded.toLocaleString('en-US')} removals`)
    lines.push('', `Rules at work: the pack alone made ${rules.runs[0].removals.toLocaleString('en-US')} removals; the learned rules ${at(learned)} (${learned.rulesMatched.toLocaleString('en-US')} of the ${count} rules), the rule of ${count} phrases ${at(phrases)} (${phrases.phrasesMatched.toLocaleString('en-US')} of its phrases), the regexes ${at(regexes)} (${regexes.rulesMatched} of the ${RULE_REGEXES}). The regexes' own matching, each once on each of the ${rules.matching.lines.toLocaleString('en-US')} lines of up to 240 characters, took ${rules.matching.median.toFixed(1)} s; with them the cleaning took ${(regexes.median - rules.runs[0].median).toFixed(1)} s more than the pack's.`)
    // Rules that match nothing would measure nothing.
    if (learned.byAdded === 0 || phrases.byAdded === 0) process.exitCode = 1
  }
  console.log(lines.join('\n'))
  if (!identical) process.exitCode = 1
} finally {
  rmSync(directory, {recursive: true, force: true})
}
