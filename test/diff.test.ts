/**
 * `decruft diff`: the gutter view, context and --only, colour, unified diffs checked with the real
 * `patch`, the stat table, JSON Lines and errors. Runs `main()` in process with captured streams;
 * expected values come from the cleaner itself.
 */

import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Readable, Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {main} from '../src/cli/main.js'
import {createCleaner, loadConfig, type CleanResult, type Removal} from '../src/index.js'
import {collectReview} from '../src/diff/review.js'
import {splitLines} from '../src/text/lines.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const seeds = path.join(root, 'fixtures', 'seeds')
const seedInputs = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
const PATCH = '/usr/bin/patch'
const ESC = '\u001b['

class Sink extends Writable {
  chunks: string[] = []
  isTTY?: boolean
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString())
    callback()
  }
  get text(): string {
    return this.chunks.join('')
  }
}

async function diff(args: string[], options: {cwd?: string; input?: string | Buffer; tty?: boolean} = {}) {
  const stdout = new Sink()
  if (options.tty) stdout.isTTY = true
  const stderr = new Sink()
  const stdin = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)])
  const code = await main(['diff', ...args], {stdout, stderr, stdin, cwd: options.cwd ?? temporary()})
  return {code, stdout: stdout.text, stderr: stderr.text}
}

function temporary(): string {
  return mkdtempSync(path.join(tmpdir(), 'decruft-diff-'))
}

/** The cleaner the command uses from `cwd` (no config file there: the recommended pack). */
function cleanAs(text: string, cwd: string, options: {path?: string; title?: 'none'} = {}): CleanResult {
  return createCleaner(loadConfig({cwd})).clean(text, options)
}

interface GutterLine {
  number: number
  marker: string
  label: string
  text: string
}

/** The numbered lines of a plain gutter view. */
function parseGutter(output: string): GutterLine[] {
  const lines: GutterLine[] = []
  for (const line of output.split('\n')) {
    const match = /^ *(\d+) ([-~ ]) (.*?) *│(?: (.*))?$/.exec(line)
    if (match) lines.push({number: Number(match[1]), marker: match[2], label: match[3].trim(), text: match[4] ?? ''})
  }
  return lines
}

/** For each 1-based line, the labels and whether it is wholly removed, from a cleaner result. */
function expectedMarks(text: string, removed: readonly Removal[]): Map<number, {labels: Set<string>; whole: boolean}> {
  const {lines} = splitLines(text)
  const marks = new Map<number, {labels: Set<string>; whole: boolean}>()
  for (const removal of removed) {
    for (let number = removal.startLine; number <= removal.endLine; number++) {
      const line = lines[number - 1]
      const entry = marks.get(number) ?? {labels: new Set<string>(), whole: false}
      entry.labels.add(`${removal.rule} (${removal.category})`)
      if (removal.start <= line.start && removal.end >= line.end) entry.whole = true
      marks.set(number, entry)
    }
  }
  return marks
}

const body =
  'The council met on Monday evening to discuss the budget for the coming year. The debate went on for hours and ended late at night. Members argued about the new library and the bus lanes in the old town.'

/** A German article with English leftovers, as an extractor left it. */
const article = `Stadtrat streitet über den Haushalt

Anzeige

Der Stadtrat hat am Montagabend stundenlang über den Haushalt für das kommende Jahr beraten. Die Debatte dauerte bis tief in die Nacht, am Ende stand kein Beschluss.
Das Rathaus am Marktplatz am Montagabend.
Foto: dpa / Kay Nietfeld

Was sich ändert

„Wir müssen sparen, aber nicht bei den Schulen“, sagte die Bürgermeisterin nach der Sitzung vor Journalisten im Rathaus. Read more »

Lesen Sie auch
Bürgerhaushalt: Wie die Stadt ihre Bürger fragt
Neue Buslinien: Was sich im Frühjahr ändert

Die Opposition kritisierte den Entwurf scharf. Er sei ein Eingeständnis, dass die bisherige Finanzpolitik gescheitert sei, hieß es aus der Fraktion.

Artikel teilen
Schreibe einen Kommentar
`

/** The recommended pack plus an inline rule, so the article has a span inside a kept line. */
const inlineConfig = `rules:
  - id: site/read-more
    kind: inline
    category: related
    description: read-more link
    phrases: ["Read more »"]
`

function articleFolder(): string {
  const directory = temporary()
  writeFileSync(path.join(directory, 'artikel.txt'), article)
  writeFileSync(path.join(directory, 'site.yaml'), inlineConfig)
  return directory
}

function articleResult(directory: string): CleanResult {
  return createCleaner(loadConfig({cwd: directory, config: 'site.yaml'})).clean(article, {path: 'artikel.txt'})
}

beforeEach(() => {
  vi.stubEnv('NO_COLOR', '')
  vi.stubEnv('FORCE_COLOR', '')
  vi.stubEnv('TERM', 'xterm-256color')
})

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the gutter view', () => {
  it('marks every removed line of every seed with its rule and category, and nothing else', async () => {
    for (const name of seedInputs) {
      const cwd = temporary()
      const file = path.join(seeds, name)
      const text = readFileSync(file, 'utf8')
      const result = cleanAs(text, cwd, {path: name})
      const {code, stdout} = await diff([file, '-q'], {cwd})
      expect(code).toBe(0)
      expect(stdout.split('\n')[0]).toBe(`${file}  (${result.lang}, ${result.removed.length} removal${result.removed.length === 1 ? '' : 's'})`)
      const shown = parseGutter(stdout)
      // Every line of the original, in order, with its text.
      expect(shown.map((line) => line.number)).toEqual(splitLines(text).lines.map((line) => line.index + 1))
      const original = splitLines(text).lines
      for (const [index, line] of shown.entries()) if (line.marker !== '~') expect(line.text).toBe(original[index].text)
      const marks = expectedMarks(text, result.removed)
      for (const line of shown) {
        const mark = marks.get(line.number)
        if (!mark) {
          expect([line.number, line.marker, line.label]).toEqual([line.number, ' ', ''])
          continue
        }
        expect([line.number, line.marker]).toEqual([line.number, mark.whole ? '-' : '~'])
        expect(line.label.split(', ').sort()).toEqual([...mark.labels].sort())
      }
      expect(shown.filter((line) => line.marker !== ' ').length).toBe(marks.size)
    }
  })

  it('shows the German article’s ad label, credits, read-also block and inline span on their lines', async () => {
    const cwd = articleFolder()
    const result = articleResult(cwd)
    const {code, stdout, stderr} = await diff(['artikel.txt', '-c', 'site.yaml'], {cwd})
    expect(code).toBe(0)
    expect(stderr).toContain(`${result.removed.length} removals`)
    const byNumber = new Map(parseGutter(stdout).map((line) => [line.number, line]))
    const at = (number: number) => byNumber.get(number)!
    expect(at(1)).toMatchObject({marker: ' ', label: '', text: 'Stadtrat streitet über den Haushalt'})
    expect(at(3)).toMatchObject({marker: '-', label: 'de/ad-label (ad)', text: 'Anzeige'})
    expect(at(5)).toMatchObject({marker: ' ', label: ''})
    expect(at(6)).toMatchObject({marker: '-', label: 'core/agency-credit (credit)'})
    expect(at(7)).toMatchObject({marker: '-', label: 'core/agency-credit (credit)', text: 'Foto: dpa / Kay Nietfeld'})
    for (const number of [13, 14, 15]) expect(at(number)).toMatchObject({marker: '-', label: 'de/read-also (related)'})
    expect(at(13).text).toBe('Lesen Sie auch')
    expect(at(11)).toMatchObject({marker: '~', label: 'site/read-more (related)'})
    expect(at(11).text).toBe('„Wir müssen sparen, aber nicht bei den Schulen“, sagte die Bürgermeisterin nach der Sitzung vor Journalisten im Rathaus.[- Read more »-]')
    expect(at(17)).toMatchObject({marker: ' ', label: ''})
    expect(at(19)).toMatchObject({marker: '-', label: 'de/share (social)'})
    expect(at(20)).toMatchObject({marker: '-', label: 'de/comments (comments)'})
    // Agrees with the cleaner, line by line.
    const marks = expectedMarks(article, result.removed)
    expect([...byNumber.values()].filter((line) => line.marker !== ' ').map((line) => line.number)).toEqual([...marks.keys()].sort((a, b) => a - b))
  })

  it('marks sentence spans cut from a long line, each rule’s span apart', async () => {
    const cwd = temporary()
    writeFileSync(path.join(cwd, 'long.txt'), `Advertisement. ${body} ${body} Share this article. Subscribe now.\n`)
    const {stdout} = await diff(['long.txt', '--title', 'none'], {cwd})
    const [line] = parseGutter(stdout)
    expect(line.marker).toBe('~')
    expect(line.label).toBe('en/ad-label (ad), en/share (social), en/subscribe (promo)')
    expect(line.text).toBe(`[-Advertisement. -]${body} ${body}[- Share this article.-][- Subscribe now.-]`)
  })

  it('--context 1 shows only the lines next to removals, under @@ separators', async () => {
    const cwd = articleFolder()
    const result = articleResult(cwd)
    const {stdout} = await diff(['artikel.txt', '-c', 'site.yaml', '--context', '1'], {cwd})
    const lineCount = splitLines(article).lines.length
    const changed = [...expectedMarks(article, result.removed).keys()]
    const expected = new Set<number>()
    for (const number of changed) for (const near of [number - 1, number, number + 1]) if (near >= 1 && near <= lineCount) expected.add(near)
    const shown = parseGutter(stdout).map((line) => line.number)
    expect(shown).toEqual([...expected].sort((a, b) => a - b))
    // One separator before each run of consecutive lines, naming its first line.
    const runs = shown.filter((number, index) => index === 0 || shown[index - 1] !== number - 1)
    expect(stdout.match(/^@@ line \d+ @@$/gm)).toEqual(runs.map((number) => `@@ line ${number} @@`))
    expect(shown).not.toContain(9) // "Was sich ändert" is two lines from any removal
  })

  it('--only filters by rule (with globs) and by category, and skips documents without a match', async () => {
    const cwd = articleFolder()
    const removedLines = async (...only: string[]) => {
      const {stdout} = await diff(['artikel.txt', '-c', 'site.yaml', ...only.flatMap((value) => ['--only', value])], {cwd})
      return parseGutter(stdout)
        .filter((line) => line.marker !== ' ')
        .map((line) => [line.number, line.label])
    }
    expect(await removedLines('de/read-also')).toEqual([
      [13, 'de/read-also (related)'],
      [14, 'de/read-also (related)'],
      [15, 'de/read-also (related)']
    ])
    expect(await removedLines('credit')).toEqual([
      [6, 'core/agency-credit (credit)'],
      [7, 'core/agency-credit (credit)']
    ])
    const german = await removedLines('de/*')
    expect(new Set(german.map(([, label]) => label))).toEqual(new Set(['de/ad-label (ad)', 'de/read-also (related)', 'de/share (social)', 'de/comments (comments)']))
    expect(await removedLines('ad', 'comments')).toEqual([
      [3, 'de/ad-label (ad)'],
      [20, 'de/comments (comments)']
    ])
    const {stdout: header} = await diff(['artikel.txt', '-c', 'site.yaml', '--only', 'de/read-also'], {cwd})
    expect(header.split('\n')[0]).toBe(`artikel.txt  (de, 1 of ${articleResult(cwd).removed.length} removals)`)
    // No legal removal: nothing shown, still exit 0.
    const none = await diff(['artikel.txt', '-c', 'site.yaml', '--only', 'legal'], {cwd})
    expect(none).toMatchObject({code: 0, stdout: ''})
    // Neither a category nor a rule id: a usage error.
    expect((await diff(['artikel.txt', '--only', 'ads'], {cwd})).code).toBe(2)
  })

  it('reads standard input with - or when piped', async () => {
    const text = readFileSync(path.join(seeds, seedInputs[1]), 'utf8')
    for (const args of [['-'], []]) {
      const {code, stdout} = await diff([...args, '-q'], {input: text})
      expect(code).toBe(0)
      expect(stdout.startsWith('<stdin>  (it, ')).toBe(true)
      expect(parseGutter(stdout).filter((line) => line.label.startsWith('en/ad-label')).length).toBeGreaterThan(0)
    }
  })
})

describe('colour', () => {
  const run = (args: string[], tty: boolean) => diff([path.join(seeds, seedInputs[0]), '-q', ...args], {tty})

  it('is on for a terminal and off for a pipe', async () => {
    const onTerminal = await run([], true)
    expect(onTerminal.stdout).toContain(ESC)
    expect(onTerminal.stdout).toContain(`${ESC}31m`) // removed text in red
    expect((await run([], false)).stdout).not.toContain(ESC)
  })

  it('honours NO_COLOR, FORCE_COLOR and the flags', async () => {
    vi.stubEnv('NO_COLOR', '1')
    expect((await run([], true)).stdout).not.toContain(ESC)
    expect((await run(['--color'], false)).stdout).toContain(ESC)
    vi.stubEnv('NO_COLOR', '')
    vi.stubEnv('FORCE_COLOR', '1')
    expect((await run([], false)).stdout).toContain(ESC)
    expect((await run(['--no-color'], false)).stdout).not.toContain(ESC)
    vi.stubEnv('FORCE_COLOR', '0')
    expect((await run([], true)).stdout).not.toContain(ESC)
  })

  it('colours spans instead of bracketing them', async () => {
    const cwd = articleFolder()
    const {stdout} = await diff(['artikel.txt', '-c', 'site.yaml', '--color'], {cwd})
    expect(stdout).not.toContain('[-')
    // Red and struck through (picocolors' codes: each style closed by its own reset).
    expect(stdout).toContain(`${ESC}31m${ESC}9m Read more »${ESC}29m${ESC}39m`)
  })

  it('never colours a saved unified diff because of FORCE_COLOR', async () => {
    vi.stubEnv('FORCE_COLOR', '1')
    expect((await run(['--format', 'unified'], false)).stdout).not.toContain(ESC)
    expect((await run(['--format', 'unified'], true)).stdout).toContain(ESC)
  })
})

function applyPatch(directory: string, patch: string, args: string[]): void {
  const result = spawnSync(PATCH, [...args, '--batch', '--silent'], {cwd: directory, input: patch, encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`patch failed (${result.status}): ${result.stdout}${result.stderr}`)
}

describe('--format unified', () => {
  it('has a patch program to check with', () => {
    expect(existsSync(PATCH)).toBe(true)
  })

  it('gives, for every seed, a patch that turns the original into exactly the expected output', async () => {
    for (const name of seedInputs) {
      const directory = temporary()
      cpSync(path.join(seeds, name), path.join(directory, name))
      const {code, stdout} = await diff([name, '--format', 'unified', '-q'], {cwd: directory})
      expect(code).toBe(0)
      expect(stdout.split('\n').slice(0, 2)).toEqual([`--- a/${name}`, `+++ b/${name}`])
      applyPatch(directory, stdout, ['-p1'])
      expect(readFileSync(path.join(directory, name), 'utf8')).toBe(readFileSync(path.join(seeds, name.replace('.txt', '.clean.txt')), 'utf8'))
    }
  })

  it('gives one multi-file patch for a folder that patch -p1 applies in a copy of it', async () => {
    const copy = path.join(temporary(), 'copy')
    cpSync(seeds, copy, {recursive: true})
    mkdirSync(path.join(copy, 'nested'))
    cpSync(path.join(seeds, seedInputs[2]), path.join(copy, 'nested', 'again.txt'))
    const source = path.join(temporary(), 'source')
    cpSync(copy, source, {recursive: true})
    const {code, stdout} = await diff([source, '--format', 'unified', '-q'])
    expect(code).toBe(0)
    expect(stdout.match(/^--- a\/.*$/gm)).toEqual([...seedInputs, 'nested/again.txt'].sort().map((name) => `--- a/${name}`))
    applyPatch(copy, stdout, ['-p1'])
    for (const name of seedInputs) {
      expect(readFileSync(path.join(copy, name), 'utf8')).toBe(readFileSync(path.join(seeds, name.replace('.txt', '.clean.txt')), 'utf8'))
    }
    expect(readFileSync(path.join(copy, 'nested', 'again.txt'), 'utf8')).toBe(readFileSync(path.join(seeds, seedInputs[2].replace('.txt', '.clean.txt')), 'utf8'))
  })

  it('handles texts without a final newline, CRLF, a byte order mark and names with spaces', async () => {
    const paragraph = 'Die Opposition kritisierte den Entwurf scharf. Er sei ein Eingeständnis, dass die bisherige Finanzpolitik gescheitert sei.'
    const files: Record<string, string | Buffer> = {
      // The last line is removed and has no newline.
      'tail.txt': `Stadtrat streitet über den Haushalt\n\n${paragraph}\n\nSchreibe einen Kommentar`,
      // The last line is kept and has no newline: the clean text gets one.
      'kept.txt': `Stadtrat streitet über den Haushalt\n\nAnzeige\n\n${paragraph}`,
      'crlf.txt': `Stadtrat streitet über den Haushalt\r\n\r\nAnzeige\r\n\r\n${paragraph}\r\n\r\nArtikel teilen`,
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Stadtrat streitet über den Haushalt\n\nAnzeige\n\n${paragraph}\n`)]),
      'with space.txt': `Stadtrat streitet über den Haushalt\n\nAnzeige\n\n${paragraph}\n`,
      'unchanged.txt': `Stadtrat streitet über den Haushalt\n\n${paragraph}\n`
    }
    const input = temporary()
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(input, name), content)
    const copy = temporary()
    cpSync(input, copy, {recursive: true})
    const out = temporary()
    expect(await main(['clean', input, '-o', out, '-q'], {stdout: new Sink(), stderr: new Sink(), stdin: Readable.from([]), cwd: input})).toBe(0)

    const {code, stdout} = await diff([input, '--format', 'unified', '-q'])
    expect(code).toBe(0)
    expect(stdout).toContain('\\ No newline at end of file')
    expect(stdout).not.toContain('unchanged.txt')
    applyPatch(copy, stdout, ['-p1'])
    for (const name of Object.keys(files)) {
      expect([name, readFileSync(path.join(copy, name))]).toEqual([name, readFileSync(path.join(out, name))])
    }
    expect(readFileSync(path.join(copy, 'kept.txt'), 'utf8').endsWith(`${paragraph}\n`)).toBe(true)
    expect(readFileSync(path.join(copy, 'tail.txt'), 'utf8').endsWith(`${paragraph}\n`)).toBe(true)
  })

  it('applies to a single file given to patch by name, from standard input', async () => {
    const directory = temporary()
    const text = `Stadtrat streitet über den Haushalt\n\nAnzeige\n\n${body}`
    writeFileSync(path.join(directory, 'page.txt'), text)
    const {stdout} = await diff(['-', '--format', 'unified', '-q'], {input: text})
    applyPatch(directory, stdout, ['page.txt'])
    expect(readFileSync(path.join(directory, 'page.txt'), 'utf8')).toBe(cleanAs(text, directory).text)
  })
})

describe('--stat', () => {
  it('gives lines, the share of characters and the top rules per document, then the total', async () => {
    const cwd = temporary()
    const {code, stdout} = await diff([seeds, '--stat', '-q'], {cwd})
    expect(code).toBe(0)
    const rows = stdout.trimEnd().split('\n')
    expect(rows[0]).toMatch(/^ {2}document +lines +chars +rules$/)
    let totalLines = 0
    let totalChars = 0
    let totalLength = 0
    const totalRules = new Map<string, number>()
    const withRemovals = seedInputs.filter((name) => cleanAs(readFileSync(path.join(seeds, name), 'utf8'), cwd, {path: name}).removed.length > 0)
    expect(rows).toHaveLength(withRemovals.length + 2)
    for (const name of seedInputs) {
      const text = readFileSync(path.join(seeds, name), 'utf8')
      const {removed} = cleanAs(text, cwd, {path: name})
      totalLength += text.length
      if (removed.length === 0) continue
      const lines = new Set(removed.flatMap((removal) => Array.from({length: removal.endLine - removal.startLine + 1}, (_, index) => removal.startLine + index))).size
      // Removals do not overlap: their characters add up.
      const chars = removed.reduce((sum, removal) => sum + removal.text.length, 0)
      const counts = new Map<string, number>()
      for (const removal of removed) counts.set(removal.rule, (counts.get(removal.rule) ?? 0) + 1)
      for (const [rule, count] of counts) totalRules.set(rule, (totalRules.get(rule) ?? 0) + count)
      totalLines += lines
      totalChars += chars
      const row = rows.find((candidate) => candidate.startsWith(`  ${path.join(seeds, name)} `))
      expect(row, name).toBeDefined()
      const match = /^ {2}(\S+) +(\d+) +(\d+\.\d)% {2}(.*)$/.exec(row!)
      expect(match, row).not.toBeNull()
      expect(Number(match![2])).toBe(lines)
      expect(match![3]).toBe(((chars / text.length) * 100).toFixed(1))
      const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      expect(match![4].split(', ').slice(0, 3)).toEqual(top.slice(0, 3).map(([rule, count]) => `${rule} ×${count}`))
    }
    const total = /^ {2}total \((\d+) documents, (\d+) with removals\) +(\d+) +(\d+\.\d)% {2}(.*)$/.exec(rows.at(-1)!)
    expect(total).not.toBeNull()
    expect(total!.slice(1, 5)).toEqual([String(seedInputs.length), String(withRemovals.length), String(totalLines), ((totalChars / totalLength) * 100).toFixed(1)])
    const [topRule, topCount] = [...totalRules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
    expect(total![5].startsWith(`${topRule} ×${topCount}`)).toBe(true)
    // Columns are aligned: the chars column ends at the same place in every row.
    const ends = rows.map((row) => /^.*?(chars|\d+\.\d%)/.exec(row)![0].length)
    expect(new Set(ends).size).toBe(1)
  })

  it('counts only the removals --only selects', async () => {
    const cwd = articleFolder()
    const {stdout} = await diff(['artikel.txt', '-c', 'site.yaml', '--stat', '--only', 'de/read-also'], {cwd})
    const removal = articleResult(cwd).removed.find((candidate) => candidate.rule === 'de/read-also')!
    expect(stdout).toMatch(new RegExp(`^ {2}artikel\\.txt +3 +${((removal.text.length / article.length) * 100).toFixed(1)}% {2}de/read-also ×1$`, 'm'))
  })
})

describe('an output whose reader left', () => {
  /** Standard output as a pipe whose reader goes away after the first chunk (`decruft diff | head -1`). */
  class ClosingSink extends Writable {
    chunks: string[] = []
    override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
      if (this.chunks.length > 0) return callback(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
      this.chunks.push(chunk.toString())
      callback()
    }
  }

  it('stops the view and exits 141, without its summary', async () => {
    const stdout = new ClosingSink()
    const stderr = new Sink()
    const code = await main(['diff', seeds], {stdout, stderr, stdin: Readable.from([]), cwd: temporary()})
    expect(code).toBe(141)
    expect(stdout.chunks).toHaveLength(1)
    expect(stdout.chunks[0]).toContain(seedInputs[0])
    expect(stderr.text).toBe('')
  })
})

describe('JSON Lines and errors', () => {
  it('shows each record as file:line, reports bad records with their line, goes on and exits 1', async () => {
    const cwd = temporary()
    const good = readFileSync(path.join(seeds, seedInputs[4]), 'utf8')
    const lines = [
      Buffer.from(JSON.stringify({id: 'a', inputs: {fulltext: article}})),
      Buffer.from('{not json'),
      Buffer.concat([Buffer.from('{"inputs": {"fulltext": "Caf'), Buffer.from([0xe9]), Buffer.from('"}}')]),
      Buffer.from(JSON.stringify({id: 'b', inputs: {}})),
      Buffer.from(JSON.stringify({id: 'c', inputs: {fulltext: good}}))
    ]
    writeFileSync(path.join(cwd, 'in.jsonl'), Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])))
    const {code, stdout, stderr} = await diff(['--jsonl', 'in.jsonl', '--text-field', 'inputs.fulltext'], {cwd})
    expect(code).toBe(1)
    expect(stdout).toMatch(/^in\.jsonl:1 {2}\(de, \d+ removals\)$/m)
    expect(stdout).toMatch(/^in\.jsonl:5 {2}\(de, \d+ removals?\)$/m)
    expect(stderr).toContain('in.jsonl:2: not JSON')
    expect(stderr).toContain('in.jsonl:3: not valid UTF-8: byte 0xE9')
    expect(stderr).toContain('in.jsonl:4: no string at `inputs.fulltext`')
    expect(stderr).toContain('2 documents')
  })

  it('scopes rules by the record url, as clean does', async () => {
    const cwd = temporary()
    writeFileSync(
      path.join(cwd, 'decruft.config.yaml'),
      'extends: []\nrules:\n  - id: site/footer\n    kind: line\n    category: promo\n    description: footer\n    phrases: ["Visit us"]\n    when:\n      domain: [example.com]\n'
    )
    const input = [JSON.stringify({url: 'https://example.com/a', text: 'Body text here.\n\nVisit us\n'}), JSON.stringify({url: 'https://other.org/a', text: 'Body text here.\n\nVisit us\n'})].join('\n')
    const {code, stdout} = await diff(['--jsonl', '--stat', '-q'], {cwd, input})
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ {2}<stdin>:1 +1 +\d+\.\d% {2}site\/footer ×1$/m)
    expect(stdout).not.toContain('<stdin>:2')
  })

  it('reports a file that is not UTF-8 with its line and shows the others', async () => {
    const cwd = temporary()
    mkdirSync(path.join(cwd, 'in'))
    cpSync(path.join(seeds, seedInputs[0]), path.join(cwd, 'in', 'good.txt'))
    writeFileSync(path.join(cwd, 'in', 'bad.txt'), Buffer.concat([Buffer.from('Title\n\nFirst line\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]))
    const {code, stdout, stderr} = await diff(['in', 'missing.txt'], {cwd})
    expect(code).toBe(1)
    expect(stdout).toMatch(/^in\/good\.txt {2}\(nl, /m)
    expect(stderr).toContain('in/bad.txt:4: not valid UTF-8: byte 0xE9 at line 4, column 4')
    expect(stderr).toContain('missing.txt: no such file or directory')
  })

  it('exits 2 for usage and config errors', async () => {
    const cwd = temporary()
    writeFileSync(path.join(cwd, 'bad.yaml'), 'rules:\n  - id: x/y\n    kind: line\n    category: adverts\n    description: d\n    phrases: [a]\n')
    expect((await diff(['-', '--config', 'bad.yaml'], {cwd, input: 'text\n'})).code).toBe(2)
    // Usage errors go to the standard error main() is given, not to the process's.
    expect(await diff(['-', '--context', 'two'], {cwd, input: 'text\n'})).toMatchObject({code: 2, stderr: expect.stringContaining("error: option '--context <n>' argument 'two' is invalid")})
    expect(await diff(['-', '--format', 'side-by-side'], {cwd, input: 'text\n'})).toMatchObject({code: 2, stderr: expect.stringContaining("argument 'side-by-side' is invalid")})
    expect((await diff(['-', '-'], {cwd, input: 'text\n'})).code).toBe(2)
  })
})

describe('collecting documents for review', () => {
  it('gives every document with its path, language, title, original text and removals', async () => {
    const cwd = temporary()
    const {documents, errors} = await collectReview([seeds], {}, {stdin: Readable.from([]), cwd})
    expect(errors).toEqual([])
    expect(documents.map((document) => path.basename(document.path))).toEqual(seedInputs)
    for (const document of documents) {
      const text = readFileSync(document.path, 'utf8')
      const result = cleanAs(text, cwd, {path: document.relative})
      expect(document).toMatchObject({text, lang: result.lang, title: result.title, clean: result.text, removed: result.removed})
    }
  })
})

describe('the built command', () => {
  it('is listed in the help, with its options, and plain when piped', () => {
    const bin = path.join(root, 'bin', 'decruft.js')
    if (!existsSync(path.join(root, 'dist', 'cli', 'diff-command.js'))) throw new Error('build first: npm run build')
    const env = {...process.env, NO_COLOR: '', FORCE_COLOR: ''}
    const top = spawnSync(process.execPath, [bin, '--help'], {encoding: 'utf8', env})
    expect(top.stdout).toContain('diff')
    const help = spawnSync(process.execPath, [bin, 'diff', '--help'], {encoding: 'utf8', env})
    expect(help.status).toBe(0)
    for (const option of ['--format', '--stat', '--context', '--only', '--color', '--no-color', '--jsonl', '--text-field', '--include', '--exclude', '--config', '--preset', '--lang', '--title', '--quiet']) {
      expect(help.stdout).toContain(option)
    }
    const run = spawnSync(process.execPath, [bin, 'diff', path.join(seeds, seedInputs[1]), '-q'], {encoding: 'utf8', env})
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('- en/ad-label (ad)')
    expect(run.stdout).not.toContain(ESC)
  })
})

describe('diff --html', () => {
  it('writes one review page for the batch, with every document and removal, and nothing on standard output', async () => {
    const cwd = temporary()
    const {code, stdout, stderr} = await diff([seeds, '--html', 'review.html'], {cwd})
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(`${seedInputs.length} documents`)
    const page = readFileSync(path.join(cwd, 'review.html'), 'utf8')
    expect(page.startsWith('<!doctype html>') || page.startsWith('<!DOCTYPE html>')).toBe(true)
    // No external assets: nothing is loaded from another address.
    expect(page).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=["']?https?:/i)
    const json = page.match(/<script type="application\/json" id="decruft-data">([\s\S]*?)<\/script>/)
    expect(json).not.toBeNull()
    const model = JSON.parse(json![1].replace(/\\u003c/g, '<')) as {documents: unknown[]}
    expect(model.documents).toHaveLength(seedInputs.length)
    const input = seedInputs.reduce((sum, name) => sum + readFileSync(path.join(seeds, name)).length, 0)
    expect(page.length).toBeLessThan(3 * input)
  })
})

describe('clean --review', () => {
  it('writes the review page from the originals, also with --in-place, and refuses standard input', async () => {
    const cwd = temporary()
    cpSync(seeds, path.join(cwd, 'corpus'), {recursive: true})
    const run = async (args: string[]) => {
      const stdout = new Sink()
      const stderr = new Sink()
      const code = await main(['clean', ...args], {stdout, stderr, stdin: Readable.from([]), cwd})
      return {code, stderr: stderr.text}
    }
    expect((await run(['corpus', '--in-place', '--review', 'review.html', '-q'])).code).toBe(0)
    const page = readFileSync(path.join(cwd, 'review.html'), 'utf8')
    const json = page.match(/<script type="application\/json" id="decruft-data">([\s\S]*?)<\/script>/)
    const model = JSON.parse(json![1].replace(/\\u003c/g, '<')) as {documents: Array<Record<string, unknown>>}
    expect(model.documents).toHaveLength(seedInputs.length)
    // The page holds the original texts (the files themselves are clean now).
    const original = readFileSync(path.join(seeds, seedInputs[0]), 'utf8')
    expect(JSON.stringify(model)).toContain(JSON.stringify(original.split('\n')[2]).slice(1, -1))
    expect(readFileSync(path.join(cwd, 'corpus', seedInputs[0]), 'utf8')).toBe(readFileSync(path.join(seeds, seedInputs[0].replace('.txt', '.clean.txt')), 'utf8'))
    const stdin = await run(['-', '--review', 'other.html'])
    expect(stdin.code).toBe(2)
    expect(stdin.stderr).toContain('--review')
    expect(existsSync(path.join(cwd, 'other.html'))).toBe(false)
  })
})
