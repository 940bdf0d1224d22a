/**
 * The built `decruft` binary on temporary folders: batches, standard input and output, JSON Lines,
 * reports, errors and exit codes.
 */

import {spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'decruft.js')
const seeds = path.join(root, 'fixtures', 'seeds')

function run(args: string[], options: {cwd?: string; input?: string | Buffer} = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {cwd: options.cwd ?? root, input: options.input ?? '', encoding: 'utf8'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

function temporary(): string {
  return mkdtempSync(path.join(tmpdir(), 'decruft-cli-'))
}

const seedInputs = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

describe('decruft clean on folders', () => {
  it('mirrors a folder, writes the report and exits 0', () => {
    const directory = temporary()
    const out = path.join(directory, 'out')
    const result = run(['clean', seeds, '-o', out, '--report', path.join(out, 'report.json')])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('5 documents cleaned, 0 failed')
    for (const name of seedInputs) {
      expect(readFileSync(path.join(out, name), 'utf8')).toBe(readFileSync(path.join(seeds, name.replace('.txt', '.clean.txt')), 'utf8'))
    }
    // The expected outputs (*.clean.txt) are not inputs by default.
    expect(readdirSync(out).filter((name) => name.endsWith('.clean.txt'))).toEqual([])
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))
    expect(report.summary.documents).toBe(5)
    expect(report.summary.byCategory.related.removals).toBe(7)
    const file = report.files.find((entry: {path: string}) => entry.path.endsWith('003_356e37914bdd2a92.txt'))
    const original = readFileSync(path.join(seeds, '003_356e37914bdd2a92.txt'), 'utf8')
    expect(file.lang).toBe('ro')
    for (const removal of file.removed) {
      expect(Object.keys(removal).sort()).toEqual(['category', 'end', 'endLine', 'reason', 'rule', 'start', 'startLine', 'text'])
      expect(original.slice(removal.start, removal.end)).toBe(removal.text)
    }
  })

  it('keeps nested paths, honours --include and --exclude', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in', 'a', 'b'), {recursive: true})
    copyFileSync(path.join(seeds, seedInputs[0]), path.join(directory, 'in', 'a', 'b', 'one.txt'))
    copyFileSync(path.join(seeds, seedInputs[1]), path.join(directory, 'in', 'a', 'two.md'))
    copyFileSync(path.join(seeds, seedInputs[2]), path.join(directory, 'in', 'skip.txt'))
    const result = run(['clean', 'in', '-o', 'out', '--include', '**/*.txt', '--include', '**/*.md', '--exclude', 'skip.txt'], {cwd: directory})
    expect(result.code).toBe(0)
    expect(existsSync(path.join(directory, 'out', 'a', 'b', 'one.txt'))).toBe(true)
    expect(existsSync(path.join(directory, 'out', 'a', 'two.md'))).toBe(true)
    expect(existsSync(path.join(directory, 'out', 'skip.txt'))).toBe(false)
  })

  it('reports a bad file with its path and line, cleans the rest, exits 1', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'in'))
    copyFileSync(path.join(seeds, seedInputs[0]), path.join(directory, 'in', 'good.txt'))
    writeFileSync(path.join(directory, 'in', 'bad.txt'), Buffer.concat([Buffer.from('Title\n\nFirst line\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]))
    const result = run(['clean', 'in', '-o', 'out', '--report', 'report.json'], {cwd: directory})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('in/bad.txt:4: not valid UTF-8: byte 0xE9 at line 4, column 4')
    expect(existsSync(path.join(directory, 'out', 'good.txt'))).toBe(true)
    expect(existsSync(path.join(directory, 'out', 'bad.txt'))).toBe(false)
    const report = JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8'))
    expect(report.summary.failed).toBe(1)
    expect(report.errors).toEqual([{path: 'in/bad.txt', line: 4, message: 'not valid UTF-8: byte 0xE9 at line 4, column 4'}])
  })

  it('reports a missing input and still cleans the others', () => {
    const directory = temporary()
    copyFileSync(path.join(seeds, seedInputs[0]), path.join(directory, 'a.txt'))
    const result = run(['clean', 'a.txt', 'missing.txt', '-o', 'out'], {cwd: directory})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('missing.txt: no such file or directory')
    expect(existsSync(path.join(directory, 'out', 'a.txt'))).toBe(true)
  })

  it('never overwrites inputs unless --in-place is given', () => {
    const directory = temporary()
    const file = path.join(directory, 'a.txt')
    copyFileSync(path.join(seeds, seedInputs[1]), file)
    const before = readFileSync(file, 'utf8')
    expect(run(['clean', directory, '-o', directory]).code).toBe(2)
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(run(['clean', directory]).code).toBe(2)
    expect(run(['clean', directory, '--in-place']).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(seeds, seedInputs[1].replace('.txt', '.clean.txt')), 'utf8'))
  })
})

describe('decruft clean on one document', () => {
  it('writes a single file to standard output', () => {
    const result = run(['clean', path.join(seeds, seedInputs[4]), '--quiet'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(readFileSync(path.join(seeds, seedInputs[4].replace('.txt', '.clean.txt')), 'utf8'))
    expect(result.stderr).toBe('')
  })

  it('reads standard input with - or when piped', () => {
    const input = readFileSync(path.join(seeds, seedInputs[3]))
    const expected = readFileSync(path.join(seeds, seedInputs[3].replace('.txt', '.clean.txt')), 'utf8')
    expect(run(['clean', '-', '-q'], {input}).stdout).toBe(expected)
    expect(run(['clean', '-q'], {input}).stdout).toBe(expected)
  })

  it('honours --title none', () => {
    const input = 'Advertisement-free title line\n\nA body paragraph that is long enough to read like prose, with a full stop at the end.\n'
    const first = temporary()
    expect(run(['clean', '-', '--report', path.join(first, 'r.json')], {input}).code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(first, 'r.json'), 'utf8')).files[0].title).toBe('Advertisement-free title line')
    const directory = temporary()
    run(['clean', '-', '--title', 'none', '--report', path.join(directory, 'r.json')], {input})
    expect(JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8')).files[0].title).toBeNull()
  })
})

describe('decruft clean --jsonl', () => {
  const records = [
    {id: 'a', url: 'https://www.example.com/x', inputs: {fulltext: readFileSync(path.join(seeds, seedInputs[1]), 'utf8')}},
    {id: 'b', inputs: {fulltext: readFileSync(path.join(seeds, seedInputs[4]), 'utf8')}, extra: [1, 2]}
  ]

  it('replaces the text field, adds decruft, keeps every other field and the order', () => {
    const input = records.map((record) => JSON.stringify(record)).join('\n') + '\n'
    const result = run(['clean', '--jsonl', '--text-field', 'inputs.fulltext', '-q'], {input})
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines.map((line) => line.id)).toEqual(['a', 'b'])
    expect(lines[0].url).toBe('https://www.example.com/x')
    expect(lines[1].extra).toEqual([1, 2])
    expect(lines[0].inputs.fulltext).toBe(readFileSync(path.join(seeds, seedInputs[1].replace('.txt', '.clean.txt')), 'utf8'))
    expect(lines[0].decruft.lang).toBe('it')
    expect(lines[0].decruft.removed.map((removal: {category: string}) => removal.category)).toEqual(['ad', 'ad', 'ad', 'related', 'ad', 'related', 'ad'])
  })

  it('--removed brief keeps each removal\'s rule, category, lines and offsets; none leaves the field out; the text is the same', () => {
    const input = records.map((record) => JSON.stringify(record)).join('\n') + '\n'
    const [full, brief, none] = ['full', 'brief', 'none'].map((detail) => {
      const result = run(['clean', '--jsonl', '--text-field', 'inputs.fulltext', '-q', '--removed', detail], {input})
      expect(result.code).toBe(0)
      return result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    })
    expect(full[0].decruft.removed).toHaveLength(7)
    for (const [index, record] of full.entries()) {
      expect(brief[index].inputs).toEqual(record.inputs)
      expect(none[index].inputs).toEqual(record.inputs)
      expect(brief[index].decruft.removed).toEqual(
        record.decruft.removed.map(({rule, category, startLine, endLine, start, end}: Record<string, unknown>) => ({rule, category, startLine, endLine, start, end}))
      )
      expect(none[index].decruft).toEqual({title: record.decruft.title, lang: record.decruft.lang})
    }
    // The offsets of a brief removal still point into the original text.
    const original = records[0].inputs.fulltext
    const first = full[0].decruft.removed[0]
    expect(original.slice(brief[0].decruft.removed[0].start, brief[0].decruft.removed[0].end)).toBe(first.text)
  })

  it('--removed is a usage error without --jsonl, and takes only full, brief or none', () => {
    const text = run(['clean', '-', '--removed', 'none'], {input: 'Some text.\n'})
    expect(text.code).toBe(2)
    expect(text.stderr).toContain('--removed applies to --jsonl records')
    expect(run(['clean', '--jsonl', '--removed', 'some'], {input: '{"text": "x"}\n'}).code).toBe(2)
  })

  it('skips bad records with their line, writes the rest, exits 1', () => {
    const directory = temporary()
    const file = path.join(directory, 'in.jsonl')
    writeFileSync(file, [JSON.stringify({text: 'First record.\n'}), '{not json', JSON.stringify({other: 1}), '', JSON.stringify([1]), JSON.stringify({text: 'Last record.\n'})].join('\n'))
    const result = run(['clean', '--jsonl', file, '-o', path.join(directory, 'out.jsonl'), '--report', path.join(directory, 'r.json')])
    expect(result.code).toBe(1)
    const out = readFileSync(path.join(directory, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).text)
    expect(out).toEqual(['First record.\n', 'Last record.\n'])
    const report = JSON.parse(readFileSync(path.join(directory, 'r.json'), 'utf8'))
    expect(report.errors.map((error: {line: number; message: string}) => [error.line, error.message.split(':')[0]])).toEqual([
      [2, 'not JSON'],
      [3, 'no string at `text`'],
      [5, 'not a JSON object']
    ])
  })

  it('reads files, folders and standard input in command-line order, each once per mention', () => {
    const directory = temporary()
    mkdirSync(path.join(directory, 'folder'))
    writeFileSync(path.join(directory, 'one.jsonl'), JSON.stringify({id: 'one', text: 'One.\n'}) + '\n')
    writeFileSync(path.join(directory, 'folder', 'a.jsonl'), JSON.stringify({id: 'a', text: 'A.\n'}) + '\n')
    writeFileSync(path.join(directory, 'folder', 'b.jsonl'), JSON.stringify({id: 'b', text: 'B.\n'}) + '\n')
    const input = JSON.stringify({id: 'stdin', text: 'In.\n'}) + '\n'
    const result = run(['clean', '--jsonl', 'one.jsonl', 'folder', '-', 'one.jsonl', '-q'], {cwd: directory, input})
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['one', 'a', 'b', 'stdin', 'one'])
  })

  it('scopes rules by the record url', () => {
    const directory = temporary()
    writeFileSync(
      path.join(directory, 'decruft.config.yaml'),
      'extends: []\nrules:\n  - id: site/footer\n    kind: line\n    category: promo\n    description: footer\n    phrases: ["Visit us"]\n    when:\n      domain: [example.com]\n'
    )
    const input = [JSON.stringify({url: 'https://example.com/a', text: 'Body text here.\n\nVisit us\n'}), JSON.stringify({url: 'https://other.org/a', text: 'Body text here.\n\nVisit us\n'})].join('\n')
    const result = run(['clean', '--jsonl', '-q'], {cwd: directory, input})
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).text)).toEqual(['Body text here.\n', 'Body text here.\n\nVisit us\n'])
  })
})

describe('decruft eval', () => {
  it('scores the seeds against their expected output, with attribution', () => {
    const result = run(['eval', '--gold', seeds])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/decruft\s+1\.000\s+1\.000\s+1\.000/)
    expect(result.stdout).toContain('ro/read-also')
  })

  it('scores JSON Lines records with snippets and writes JSON results', () => {
    const directory = temporary()
    const body = 'The council met on Monday to discuss the budget for the coming year and the new library in the old town.'
    writeFileSync(path.join(directory, 'r.jsonl'), JSON.stringify({id: 'x', page: `${body}\n\nShare this article\n`, with: [body], without: ['Share this article']}) + '\n')
    const result = run(['eval', '--jsonl', 'r.jsonl', '--text-field', 'page', '--json', 'out.json'], {cwd: directory})
    expect(result.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(directory, 'out.json'), 'utf8'))
    expect(report.snippets.raw.fp).toBe(1)
    expect(report.snippets.cleaned).toMatchObject({tp: 1, fp: 0, fn: 0, tn: 1})
  })

  it('clean and eval take the classifier preset from --preset', () => {
    const directory = temporary()
    const page = ['Home', 'World', 'Politics', 'Business', 'Science', 'Health', 'Sports', 'Video', 'Travel', 'Opinion', 'Weather', 'Local', 'Culture', 'Climate', 'Education']
      .concat(Array.from({length: 6}, (_, index) => `The council met on Monday to discuss item ${index} of the budget for the coming year, and the debate about the libraries and the bus lanes went on for hours.`))
      .concat(['About us', 'Careers', 'Privacy policy', 'Terms of use'])
      .join('\n')
    writeFileSync(path.join(directory, 'page.txt'), page + '\n')
    const on = run(['clean', 'page.txt', '-q'], {cwd: directory})
    const off = run(['clean', 'page.txt', '-q', '--preset', 'off'], {cwd: directory})
    expect(on.stdout).not.toContain('Politics')
    expect(off.stdout).toContain('Politics')
    expect(run(['clean', 'page.txt', '--preset', 'greedy'], {cwd: directory}).code).toBe(2)
  })

  it('needs exactly one source of records', () => {
    expect(run(['eval']).code).toBe(2)
    expect(run(['eval', '--gold', seeds, '--jsonl', 'x.jsonl']).code).toBe(2)
  })
})

describe('usage and config errors', () => {
  it('prints help for every command', () => {
    const top = run(['--help'])
    expect(top.code).toBe(0)
    for (const command of ['clean', 'eval', 'learn']) expect(top.stdout).toContain(command)
    const clean = run(['clean', '--help'])
    for (const option of ['--out', '--in-place', '--report', '--jsonl', '--text-field', '--include', '--exclude', '--config', '--title', '--lang', '--concurrency']) {
      expect(clean.stdout).toContain(option)
    }
  })

  it('exits 2 for an unknown option or a bad --title', () => {
    expect(run(['clean', '--bogus']).code).toBe(2)
    expect(run(['clean', '-', '--title', 'sometimes']).code).toBe(2)
  })

  it('exits 2 with file, line and key for a bad config', () => {
    const directory = temporary()
    writeFileSync(path.join(directory, 'bad.yaml'), 'extends: [core]\nrules:\n  - id: x/y\n    kind: line\n    category: adverts\n    description: d\n    phrases: [a]\n')
    const result = run(['clean', '-', '--config', 'bad.yaml'], {cwd: directory, input: 'text\n'})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${path.join(directory, 'bad.yaml')}:5:15:`)
    expect(result.stderr).toContain('rules[0].category')
  })
})
