/**
 * What the user sees must be true (issue 21, section 3): the summary on standard error and the
 * report say the same thing, outputs go where the options say, `when.path` and `when.domain` see the
 * same document however it was named, nothing is silently ignored, a report says how to reproduce
 * its run, and the library reads no config it was not asked to.
 */

import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {spawnSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {createCleaner} from '../src/cleaner.js'
import {resolveConfig, resolveConfigFile, resolvePack} from '../src/config/resolve.js'
import {rulesSha256} from '../src/config/fingerprint.js'
import {bin, root, runBin} from './run-bin.js'
import {workspace as workspaceOf} from './workspace.js'

const seeds = path.join(root, 'fixtures', 'seeds')
const pages = path.join(root, 'fixtures', 'pages')
const seedInputs = readdirSync(seeds).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))

beforeAll(() => {
  if (!existsSync(bin) || !existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build')
})

function temporary(): string {
  return mkdtempSync(path.join(tmpdir(), 'decruft-truth-'))
}

/** The seeds and the whole web page in one folder. */
function corpus(): string {
  const directory = temporary()
  mkdirSync(path.join(directory, 'in'))
  for (const name of seedInputs) copyFileSync(path.join(seeds, name), path.join(directory, 'in', name))
  copyFileSync(path.join(pages, 'harbour-gazette.txt'), path.join(directory, 'in', 'harbour-gazette.txt'))
  return directory
}

type Counts = Record<string, {removals: number; lines: number; chars: number}>

/** A table of the summary on standard error (`category` or `rule`), read back into counts. */
function summaryTable(stderr: string, header: 'category' | 'rule'): Counts {
  const lines = stderr.split('\n')
  const start = lines.findIndex((line) => new RegExp(`^  ${header}\\s+removals\\s+lines\\s+chars$`).test(line))
  expect(start, `no ${header} table in:\n${stderr}`).toBeGreaterThan(-1)
  const counts: Counts = {}
  for (const line of lines.slice(start + 1)) {
    const match = /^  (\S+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line)
    if (!match || match[1] === 'rule') break
    counts[match[1]] = {removals: Number(match[2]), lines: Number(match[3]), chars: Number(match[4])}
  }
  return counts
}

function withoutCategory(byRule: Record<string, {removals: number; lines: number; chars: number}>): Counts {
  return Object.fromEntries(Object.entries(byRule).map(([rule, {removals, lines, chars}]) => [rule, {removals, lines, chars}]))
}

describe('the summary on standard error is the report', () => {
  it('counts each removal under its own category, with or without --report', () => {
    const directory = corpus()
    const input = path.join(directory, 'in')
    const without = runBin(['clean', input, '-o', path.join(directory, 'a'), '--title', 'none'], {cwd: directory})
    const withReport = runBin(['clean', input, '-o', path.join(directory, 'b'), '--title', 'none', '--report', 'report.json'], {cwd: directory})
    expect(without.code, without.stderr).toBe(0)
    expect(withReport.code, withReport.stderr).toBe(0)
    const report = JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8'))

    // The page's classifier removals fall under several categories: the classifier's two rules (a
    // block the model takes, a block outside the main content), four categories.
    const blocks = report.files.find((file: {path: string}) => file.path.endsWith('harbour-gazette.txt')).removed.filter((removal: {rule: string}) => removal.rule.startsWith('heuristic/'))
    const categories = new Set(blocks.map((removal: {category: string}) => removal.category))
    expect([...categories].sort()).toEqual(['metadata', 'navigation', 'noise', 'related'])

    // The report's figures are those of its own removals.
    const fromRemovals: Counts = {}
    for (const file of report.files) {
      for (const removal of file.removed) {
        const count = (fromRemovals[removal.category] ??= {removals: 0, lines: 0, chars: 0})
        count.removals++
        count.lines += removal.endLine - removal.startLine + 1
        count.chars += removal.end - removal.start
      }
    }
    expect(report.summary.byCategory).toEqual(fromRemovals)
    expect(report.summary.byCategory.metadata.removals).toBe(blocks.filter((removal: {category: string}) => removal.category === 'metadata').length)

    // Both summaries on standard error give the report's figures.
    for (const run of [without, withReport]) {
      expect(summaryTable(run.stderr, 'category')).toEqual(report.summary.byCategory)
      const rules = summaryTable(run.stderr, 'rule')
      expect(Object.keys(rules).length).toBe(10)
      for (const [rule, count] of Object.entries(rules)) expect(count).toEqual(withoutCategory(report.summary.byRule)[rule])
    }
    // A rule that removed under several categories says so, and its counts add up.
    const rule = report.summary.byRule['heuristic/block']
    expect(rule.category).toBe('navigation')
    expect(Object.values(rule.categories as Record<string, number>).reduce((sum, count) => sum + count, 0)).toBe(rule.removals)
    // The model's removals fall under several categories (which ones, besides navigation, moves with
    // the model), most of them navigation.
    const byCategory = rule.categories as Record<string, number>
    expect(Object.keys(byCategory).length).toBeGreaterThan(2)
    expect(Object.keys(byCategory)).toContain('navigation')
    expect(byCategory.navigation).toBe(Math.max(...Object.values(byCategory)))
  })

  it('says the same for JSON Lines records, with or without --report', () => {
    const directory = corpus()
    const records = [...seedInputs.map((name) => path.join(seeds, name)), path.join(pages, 'harbour-gazette.txt')].map((file, index) => JSON.stringify({id: String(index), text: readFileSync(file, 'utf8')}))
    const input = records.join('\n') + '\n'
    const without = runBin(['clean', '--jsonl', '-', '-o', 'a.jsonl', '--title', 'none'], {cwd: directory, input})
    const withReport = runBin(['clean', '--jsonl', '-', '-o', 'b.jsonl', '--title', 'none', '--report', 'report.json'], {cwd: directory, input})
    expect(without.code, without.stderr).toBe(0)
    expect(withReport.code, withReport.stderr).toBe(0)
    const report = JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8'))
    expect(report.summary.byCategory.metadata.removals).toBeGreaterThan(0)
    for (const run of [without, withReport]) expect(summaryTable(run.stderr, 'category')).toEqual(report.summary.byCategory)
  })
})

describe('outputs go where the options say', () => {
  const seed = seedInputs[0]
  const expected = readFileSync(path.join(seeds, seed.replace('.txt', '.clean.txt')), 'utf8')

  function oneInput(): string {
    const directory = temporary()
    copyFileSync(path.join(seeds, seed), path.join(directory, 'article.txt'))
    return directory
  }

  it('writes one input file to -o FILE when FILE has an extension and does not exist, or is a file; a folder stays a folder', () => {
    const directory = oneInput()
    const created = runBin(['clean', 'article.txt', '-o', 'clean.txt', '-q'], {cwd: directory})
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toBe('')
    expect(statSync(path.join(directory, 'clean.txt')).isFile()).toBe(true)
    expect(readFileSync(path.join(directory, 'clean.txt'), 'utf8')).toBe(expected)

    // Into a folder that does not exist yet, too.
    const nested = runBin(['clean', 'article.txt', '-o', 'out/v2/article.clean.txt', '-q'], {cwd: directory})
    expect(nested.code, nested.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'out', 'v2', 'article.clean.txt'), 'utf8')).toBe(expected)

    // An existing file is overwritten, whatever its name.
    writeFileSync(path.join(directory, 'result'), 'old\n')
    const existing = runBin(['clean', 'article.txt', '-o', 'result', '-q'], {cwd: directory})
    expect(existing.code, existing.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'result'), 'utf8')).toBe(expected)

    // A folder stays a folder: one that exists, a name ending in /, a name without an extension.
    for (const out of ['plain', 'slash.txt/']) {
      const result = runBin(['clean', 'article.txt', '-o', out, '-q'], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      expect(readFileSync(path.join(directory, out, 'article.txt'), 'utf8')).toBe(expected)
    }
    mkdirSync(path.join(directory, 'made.txt'))
    const folder = runBin(['clean', 'article.txt', '-o', 'made.txt', '-q'], {cwd: directory})
    expect(folder.code, folder.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'made.txt', 'article.txt'), 'utf8')).toBe(expected)
  })

  it('refuses an existing file as -o for several documents', () => {
    const directory = oneInput()
    copyFileSync(path.join(seeds, seedInputs[1]), path.join(directory, 'second.txt'))
    writeFileSync(path.join(directory, 'result.txt'), 'old\n')
    const result = runBin(['clean', 'article.txt', 'second.txt', '-o', 'result.txt'], {cwd: directory})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--out result.txt is a file')
    expect(readFileSync(path.join(directory, 'result.txt'), 'utf8')).toBe('old\n')
  })

  it('--report - writes the report to standard output', () => {
    const directory = oneInput()
    const result = runBin(['clean', 'article.txt', '-o', 'clean.txt', '--report', '-'], {cwd: directory})
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.summary.documents).toBe(1)
    expect(report.files[0].path).toBe('article.txt')
    expect(existsSync(path.join(directory, '-'))).toBe(false)
    // The summary still goes to standard error.
    expect(result.stderr).toContain('1 document cleaned')

    const jsonl = runBin(['clean', '--jsonl', '-', '-o', 'out.jsonl', '--report', '-', '-q'], {cwd: directory, input: JSON.stringify({text: readFileSync(path.join(seeds, seed), 'utf8')}) + '\n'})
    expect(jsonl.code, jsonl.stderr).toBe(0)
    expect(JSON.parse(jsonl.stdout).summary.documents).toBe(1)
    expect(existsSync(path.join(directory, '-'))).toBe(false)
  })

  it('refuses --report - when the clean text goes to standard output too', () => {
    const directory = oneInput()
    const runs = [
      runBin(['clean', 'article.txt', '--report', '-'], {cwd: directory}),
      runBin(['clean', '-', '--report', '-'], {cwd: directory, input: 'Some text.\n'}),
      runBin(['clean', '--jsonl', '-', '--report', '-'], {cwd: directory, input: '{"text": "Some text."}\n'})
    ]
    for (const result of runs) {
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('--report - writes the report to standard output')
      expect(result.stdout).toBe('')
    }
    expect(existsSync(path.join(directory, '-'))).toBe(false)
  })
})

/** A news folder: four articles of the Gazette with its footer lines, and one of another site with the same line. */
function newsFolder(): string {
  const files: Record<string, string> = {}
  const places = ['the harbour', 'the old library', 'the cycle lanes', 'the fishing fleet']
  places.forEach((place, index) => {
    files[`news/gazette/${index + 1}.txt`] =
      `A story about ${place}\n\n` +
      `The council met on Tuesday to discuss ${place}, and members agreed after a long debate that the work would begin before the end of the summer.\n\n` +
      `More from the Gazette\nCouncil votes on ${place}\n\n` +
      'The Gazette is published by Example Media Group since 1887.\n'
  })
  files['news/other/1.txt'] = 'Another paper\n\nThis article comes from another paper, which prints a line it copied from the Gazette at its end.\n\nThe Gazette is published by Example Media Group since 1887.\n'
  const directory = temporary()
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    writeFileSync(path.join(directory, name), text)
  }
  return directory
}

/** The rules that removed something in a run, by id, with their removals. */
function removalsByRule(report: {summary: {byRule: Record<string, {removals: number}>}}): Record<string, number> {
  return Object.fromEntries(Object.entries(report.summary.byRule).map(([rule, count]) => [rule, count.removals]))
}

describe('when.path sees the same file however it was named', () => {
  const config = 'extends: []\nrules:\n  - id: site/gazette-footer\n    kind: line\n    category: promo\n    description: the Gazette footer\n    phrases: ["The Gazette is published by Example Media Group since 1887."]\n    when: {path: ["gazette/**"]}\n'

  it('fires for the folder above, the folder, the file, an absolute path and from inside the folder; not for another folder', () => {
    const directory = newsFolder()
    writeFileSync(path.join(directory, 'site.yaml'), config)
    const runs: Array<{cwd: string; input: string; removals: number}> = [
      {cwd: directory, input: 'news', removals: 4},
      {cwd: directory, input: 'news/gazette', removals: 4},
      {cwd: directory, input: 'news/gazette/2.txt', removals: 1},
      {cwd: directory, input: path.join(directory, 'news', 'gazette'), removals: 4},
      {cwd: path.join(directory, 'news', 'gazette'), input: '.', removals: 4},
      {cwd: path.join(directory, 'news', 'gazette'), input: '3.txt', removals: 1},
      {cwd: directory, input: 'news/other', removals: 0}
    ]
    for (const [index, {cwd, input, removals}] of runs.entries()) {
      const report = path.join(directory, `report-${index}.json`)
      const result = runBin(['clean', input, '-c', path.join(directory, 'site.yaml'), '-o', path.join(directory, `out-${index}`), '--report', report, '-q'], {cwd})
      expect(result.code, result.stderr).toBe(0)
      expect(removalsByRule(JSON.parse(readFileSync(report, 'utf8'))), `clean ${input} in ${path.relative(directory, cwd) || '.'}`).toEqual(removals ? {'site/gazette-footer': removals} : {})
    }
  })

  it('in the library, matches a document path or any trailing part of it', () => {
    const cleaner = createCleaner(resolveConfig(parse(config), '/virtual/site.yaml'))
    const text = 'A story\n\nThe council met on Tuesday to discuss the harbour, and members agreed that the work would begin soon.\n\nThe Gazette is published by Example Media Group since 1887.\n'
    const removedBy = (documentPath: string) => cleaner.clean(text, {path: documentPath}).removed.map((removal) => removal.rule)
    for (const documentPath of ['gazette/a.txt', 'news/gazette/a.txt', '/data/news/gazette/a.txt', 'C:\\data\\news\\gazette\\a.txt']) expect(removedBy(documentPath), documentPath).toEqual(['site/gazette-footer'])
    for (const documentPath of ['a.txt', 'news/other/a.txt', '/data/gazette-old/a.txt', 'news/my-gazette/a.txt']) expect(removedBy(documentPath), documentPath).toEqual([])
  })

  it('fires for eval --gold on the folder itself', () => {
    const article = 'A story\n\nThe council met on Tuesday to discuss the harbour, and members agreed that the work would begin soon.\n\n'
    const directory = workspaceOf({'site.yaml': config, 'news/gazette/a.txt': article + 'The Gazette is published by Example Media Group since 1887.\n', 'news/gazette/a.clean.txt': article.trimEnd() + '\n'})
    for (const gold of ['news/gazette', 'news']) {
      const result = runBin(['eval', '--gold', gold, '-c', 'site.yaml'], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout, `eval --gold ${gold}`).toMatch(/site\/gazette-footer\s+1\s/)
      expect(result.stdout).toMatch(/decruft\s+1\.000\s+1\.000\s+1\.000/)
    }
  })

  it('a pack learned from a folder removes its lines when the folder, a subfolder or a file of it is cleaned', () => {
    const directory = newsFolder()
    const learned = runBin(['learn', 'news', '-o', 'learned.yaml'], {cwd: directory})
    expect(learned.code, learned.stderr).toBe(0)
    const pack = readFileSync(path.join(directory, 'learned.yaml'), 'utf8')
    expect(pack).toContain('when: {path: ["gazette/**"]}')
    writeFileSync(path.join(directory, 'use-learned.yaml'), 'extends: [./learned.yaml]\n')
    const expected = {'learned/gazette/more-from-the-gazette': 4, 'learned/gazette/the-gazette-is-published-by-example': 4}
    for (const [index, input] of ['news', 'news/gazette', 'news/gazette/1.txt'].entries()) {
      const report = `report-${index}.json`
      const result = runBin(['clean', input, '-c', 'use-learned.yaml', '-o', `out-${index}`, '--report', report, '-q'], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      const byRule = removalsByRule(JSON.parse(readFileSync(path.join(directory, report), 'utf8')))
      if (input.endsWith('.txt')) expect(byRule, `clean ${input}`).toEqual({'learned/gazette/more-from-the-gazette': 1, 'learned/gazette/the-gazette-is-published-by-example': 1})
      else expect(byRule, `clean ${input}`).toEqual(expected)
    }
    const clean = readFileSync(path.join(directory, 'out-1', '1.txt'), 'utf8')
    expect(clean).not.toContain('The Gazette is published')
    expect(clean).toContain('The council met on Tuesday')
  })
})

describe('files and standard input can have a URL and a path', () => {
  const footer = 'The Gazette is published by Example Media Group since 1887.'
  const article = `A story\n\nThe council met on Tuesday to discuss the harbour, and members agreed that the work would begin soon.\n\n${footer}\n`
  const config =
    'extends: []\nrules:\n' +
    `  - id: site/by-domain\n    kind: line\n    category: promo\n    description: the Gazette footer, by domain\n    phrases: [${JSON.stringify(footer)}]\n    when: {domain: [gazette.example]}\n` +
    `  - id: site/by-path\n    kind: line\n    category: promo\n    description: the Gazette footer, by path\n    phrases: [${JSON.stringify(footer)}]\n    when: {path: ["gazette/**"]}\n`

  function site(): string {
    return workspaceOf({'site.yaml': config, 'in/a.txt': article, 'in/b.txt': article, 'in/deep/c.txt': article})
  }

  function rulesOf(directory: string, report = 'report.json'): Record<string, string[]> {
    const parsed = JSON.parse(readFileSync(path.join(directory, report), 'utf8'))
    return Object.fromEntries(parsed.files.map((file: {path: string; removed: Array<{rule: string}>}) => [file.path, file.removed.map((removal) => removal.rule)]))
  }

  it('--url gives every text file, standard input and record without a url one URL for when.domain', () => {
    const directory = site()
    const files = runBin(['clean', 'in', '-c', 'site.yaml', '--url', 'https://www.gazette.example/news', '-o', 'out', '--report', 'report.json', '-q'], {cwd: directory})
    expect(files.code, files.stderr).toBe(0)
    expect(rulesOf(directory)).toEqual({'in/a.txt': ['site/by-domain'], 'in/b.txt': ['site/by-domain'], 'in/deep/c.txt': ['site/by-domain']})
    expect(readFileSync(path.join(directory, 'out', 'a.txt'), 'utf8')).not.toContain(footer)

    const stdin = runBin(['clean', '-', '-c', 'site.yaml', '--url', 'https://gazette.example/a', '-q'], {cwd: directory, input: article})
    expect(stdin.code, stdin.stderr).toBe(0)
    expect(stdin.stdout).not.toContain(footer)
    const without = runBin(['clean', '-', '-c', 'site.yaml', '-q'], {cwd: directory, input: article})
    expect(without.stdout).toContain(footer)

    // A record's own url wins over --url.
    const records = [{id: 'own', url: 'https://other.example/x', text: article}, {id: 'none', text: article}].map((record) => JSON.stringify(record)).join('\n') + '\n'
    const jsonl = runBin(['clean', '--jsonl', '-', '-c', 'site.yaml', '--url', 'https://gazette.example/', '-q'], {cwd: directory, input: records})
    expect(jsonl.code, jsonl.stderr).toBe(0)
    const out = jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(out.map((record) => [record.id, record.decruft.removed.map((removal: {rule: string}) => removal.rule)])).toEqual([['own', []], ['none', ['site/by-domain']]])

    const bad = runBin(['clean', 'in/a.txt', '--url', 'gazette.example'], {cwd: directory})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--url gazette.example: not an absolute URL')
  })

  it('--url-map gives each text file its own URL, paths relative to the map file, over --url', () => {
    const directory = site()
    mkdirSync(path.join(directory, 'maps'))
    writeFileSync(path.join(directory, 'maps', 'urls.tsv'), '# path<TAB>url\n../in/a.txt\thttps://gazette.example/a\n\n../in/deep/c.txt\thttps://www.gazette.example/c\n../in/gone.txt\thttps://gazette.example/gone\n')
    const result = runBin(['clean', 'in', '-c', 'site.yaml', '--url-map', 'maps/urls.tsv', '--url', 'https://other.example/', '-o', 'out', '--report', 'report.json', '-q'], {cwd: directory})
    expect(result.code, result.stderr).toBe(0)
    expect(rulesOf(directory)).toEqual({'in/a.txt': ['site/by-domain'], 'in/b.txt': [], 'in/deep/c.txt': ['site/by-domain']})
    // An entry that names no input is not silently ignored.
    expect(result.stderr).toContain('warning: 1 path of --url-map maps/urls.tsv named no input of this run (first: in/gone.txt)')

    // A single file and standard input (named by --stdin-filename) are found in the map too.
    const single = runBin(['clean', 'in/deep/c.txt', '-c', 'site.yaml', '--url-map', 'maps/urls.tsv', '-q'], {cwd: directory})
    expect(single.stdout).not.toContain(footer)
    const stdin = runBin(['clean', '-', '-c', 'site.yaml', '--url-map', 'maps/urls.tsv', '--stdin-filename', 'in/a.txt', '-q'], {cwd: directory, input: article})
    expect(stdin.code, stdin.stderr).toBe(0)
    expect(stdin.stdout).not.toContain(footer)

    writeFileSync(path.join(directory, 'maps', 'bad.tsv'), '../in/a.txt\thttps://gazette.example/a\n../in/b.txt https://gazette.example/b\n')
    const bad = runBin(['clean', 'in', '-c', 'site.yaml', '--url-map', 'maps/bad.tsv', '-o', 'out2'], {cwd: directory})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--url-map maps/bad.tsv:2: expected PATH<TAB>URL')
    expect(existsSync(path.join(directory, 'out2'))).toBe(false)
  })

  it('--stdin-filename lets when.path rules scope standard input', () => {
    const directory = site()
    const named = runBin(['clean', '-', '-c', 'site.yaml', '--stdin-filename', 'news/gazette/today.txt', '--report', 'report.json', '-o', 'today.txt', '-q'], {cwd: directory, input: article})
    expect(named.code, named.stderr).toBe(0)
    expect(Object.values(rulesOf(directory))).toEqual([['site/by-path']])
    expect(readFileSync(path.join(directory, 'today.txt'), 'utf8')).not.toContain(footer)
    const elsewhere = runBin(['clean', '-', '-c', 'site.yaml', '--stdin-filename', 'news/other/today.txt', '-q'], {cwd: directory, input: article})
    expect(elsewhere.stdout).toContain(footer)
    const noStdin = runBin(['clean', 'in/a.txt', '-c', 'site.yaml', '--stdin-filename', 'x.txt'], {cwd: directory})
    expect(noStdin.code).toBe(2)
    expect(noStdin.stderr).toContain('--stdin-filename names the document on standard input')
  })
})

describe('nothing is silently ignored', () => {
  it('a folder where no file matches the include globs is a usage error naming the folder and the globs', () => {
    const directory = workspaceOf({'notes/a.md': '# Notes\n', 'notes/b.html': '<p>b</p>\n', 'empty/.keep': '', 'good/a.txt': readFileSync(path.join(seeds, seedInputs[0]), 'utf8')})
    mkdirSync(path.join(directory, 'bare'))
    const cases: Array<{args: string[]; message: string}> = [
      {args: ['clean', 'notes', '-o', 'out'], message: 'no files in the folder notes match the globs (--include **/*.txt, --exclude **/*.clean.txt **/node_modules/**); give --include to take others'},
      {args: ['clean', 'bare', '-o', 'out'], message: 'no files in the folder bare match the globs (--include **/*.txt'},
      {args: ['clean', 'empty', 'good', '-o', 'out'], message: 'no files in the folder empty match the globs'},
      {args: ['clean', 'notes', '-o', 'out', '--include', '**/*.htm', '--exclude', 'drafts'], message: 'no files in the folder notes match the globs (--include **/*.htm, --exclude drafts)'},
      {args: ['clean', '--jsonl', 'good', '-o', 'out.jsonl'], message: 'no files in the folder good match the globs (--include **/*.jsonl **/*.jsonl.gz'}
    ]
    for (const {args, message} of cases) {
      const result = runBin(args, {cwd: directory})
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain(message)
      expect(existsSync(path.join(directory, 'out'))).toBe(false)
      expect(existsSync(path.join(directory, 'out.jsonl'))).toBe(false)
    }
    // The globs that do match clean the folder.
    const taken = runBin(['clean', 'notes', '-o', 'out', '--include', '**/*.md', '-q'], {cwd: directory})
    expect(taken.code, taken.stderr).toBe(0)
    expect(readFileSync(path.join(directory, 'out', 'a.md'), 'utf8')).toBe('# Notes\n')
  })

  it('warns that HTML is not supported yet when an input looks like HTML, and cleans it as text', () => {
    const page = '<!DOCTYPE html>\n<html lang="en">\n<head><title>Harbour ferry</title></head>\n<body>\n<p>The old harbour ferry carried its first passengers in two years on Saturday morning.</p>\n</body>\n</html>\n'
    const fragment = '<div class="story">\n<h1>Harbour ferry returns</h1>\n<p>The old <a href="/ferry">harbour ferry</a> is back.</p>\n<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>\n</div>\n'
    // Prose with a few tags and angle brackets is text.
    const prose = readFileSync(path.join(seeds, seedInputs[1]), 'utf8') + '\nThis paragraph quotes <b>bold</b> markup and says that a < b and b > c, which is still text.\n'
    const directory = workspaceOf({'in/page.txt': page, 'in/fragment.txt': fragment, 'in/prose.txt': prose, 'text/prose.txt': prose})

    const files = runBin(['clean', 'in', '-o', 'out', '--report', 'report.json', '-q'], {cwd: directory})
    expect(files.code, files.stderr).toBe(0)
    expect(files.stderr).toContain('decruft: warning: 2 documents look like HTML (first: in/fragment.txt); HTML is not supported yet: cleaned as plain text')
    expect(JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8')).summary.html).toEqual({documents: 2, first: 'in/fragment.txt'})
    // Cleaned as text all the same: the tags are still there.
    expect(readFileSync(path.join(directory, 'out', 'page.txt'), 'utf8')).toContain('<p>The old harbour ferry carried')

    const stdin = runBin(['clean', '-'], {cwd: directory, input: page})
    expect(stdin.code, stdin.stderr).toBe(0)
    expect(stdin.stderr).toContain('decruft: warning: 1 document looks like HTML (first: <stdin>)')
    expect(stdin.stdout).toContain('<p>The old harbour ferry')

    const records = [JSON.stringify({text: prose}), JSON.stringify({text: fragment})].join('\n') + '\n'
    const jsonl = runBin(['clean', '--jsonl', '-', '-q'], {cwd: directory, input: records})
    expect(jsonl.code, jsonl.stderr).toBe(0)
    expect(jsonl.stderr).toContain('1 document looks like HTML (first: <stdin>:2)')

    const text = runBin(['clean', 'text', '-o', 'out-text'], {cwd: directory})
    expect(text.code, text.stderr).toBe(0)
    expect(text.stderr).not.toContain('HTML')
  })
})

describe('a report says how to reproduce its run', () => {
  const rule = (order: 'a' | 'b') =>
    order === 'a'
      ? '  - id: site/footer\n    kind: line\n    category: promo\n    description: the Gazette footer\n    phrases: ["The Gazette is published by Example Media Group since 1887."]\n'
      : '  - description: the Gazette footer\n    phrases: ["The Gazette is published by Example Media Group since 1887."]\n    category: promo\n    kind: line\n    id: site/footer\n'

  it('records the decruft version, the config files read and a SHA-256 of the resolved rules', () => {
    const article = readFileSync(path.join(seeds, seedInputs[0]), 'utf8')
    const directory = workspaceOf({
      'in/a.txt': article,
      'config/decruft.yaml': 'extends: [core, ../packs/site.yaml]\nsettings: {title: none}\n',
      'packs/site.yaml': 'name: site\nrules:\n' + rule('a'),
      'inline.yaml': 'extends: [core]\nsettings:\n  title: none\nrules:\n' + rule('b'),
      'other.yaml': 'extends: [core, ./packs/site.yaml]\nsettings: {title: none}\noff: [site/footer]\n'
    })
    const reportOf = (args: string[], name: string) => {
      const result = runBin(['clean', 'in', '-o', `out-${name}`, '--report', `${name}.json`, '-q', ...args], {cwd: directory})
      expect(result.code, result.stderr).toBe(0)
      return JSON.parse(readFileSync(path.join(directory, `${name}.json`), 'utf8'))
    }
    const packageVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version
    const split = reportOf(['-c', 'config/decruft.yaml'], 'split')
    expect(split.version).toBe(packageVersion)
    expect(split.config.files).toEqual(['config/decruft.yaml', 'builtin:core', 'packs/site.yaml'])
    expect(split.config.rulesSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(split.config.rules).toBe(resolveConfigFile(path.join(directory, 'config', 'decruft.yaml')).rules.length)
    // The hash is that of the resolved config, computed the same way by the library.
    expect(split.config.rulesSha256).toBe(rulesSha256(resolveConfigFile(path.join(directory, 'config', 'decruft.yaml'))))

    // The same rules written otherwise (one file, other key order) give the same hash; a run again, too.
    expect(reportOf(['-c', 'inline.yaml'], 'inline').config.rulesSha256).toBe(split.config.rulesSha256)
    expect(reportOf(['-c', 'config/decruft.yaml'], 'again').config.rulesSha256).toBe(split.config.rulesSha256)
    // Other rules, or another classifier preset, give another.
    expect(reportOf(['-c', 'other.yaml'], 'other').config.rulesSha256).not.toBe(split.config.rulesSha256)
    expect(reportOf(['-c', 'config/decruft.yaml', '--preset', 'recall'], 'recall').config.rulesSha256).not.toBe(split.config.rulesSha256)

    // Without a config: the built-in packs, named as such (no machine path).
    const builtin = reportOf([], 'builtin')
    expect(builtin.config.files[0]).toBe('builtin:recommended')
    expect(builtin.config.files.every((file: string) => file.startsWith('builtin:'))).toBe(true)
    expect(builtin.config.rulesSha256).toBe(rulesSha256(resolvePack('recommended')))
  })
})

describe('the library reads no config it is not asked to', () => {
  const text =
    'Harbour ferry returns\n\nThe old harbour ferry carried its first passengers in two years on Saturday morning, after a long refit.\n\nAdvertisement\n\n' +
    'About three hundred people waited on the quay before eight o’clock to ride the short crossing to the island.\n\nThe Harbour Gazette house footer\n'
  const config = 'off: [en/ad-label]\nrules:\n  - id: site/house-footer\n    kind: line\n    category: promo\n    description: house footer\n    phrases: ["The Harbour Gazette house footer"]\n'

  /** What the built library gives in a process whose working directory is `cwd`. */
  function library(cwd: string, script: string): Record<string, string[]> {
    const code = `import {clean, createCleaner} from ${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'index.js')).href)}\nconst text = ${JSON.stringify(text)}\nconst rules = (result) => result.removed.map((removal) => removal.rule)\n${script}`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {cwd, encoding: 'utf8'})
    expect(result.status, result.stderr).toBe(0)
    return JSON.parse(result.stdout)
  }

  it('clean() and createCleaner() without a config both use recommended, in a folder with a decruft.config.yaml', () => {
    const directory = workspaceOf({'decruft.config.yaml': config, 'article.txt': text})
    const found = library(directory, 'console.log(JSON.stringify({clean: rules(clean(text)), createCleaner: rules(createCleaner().clean(text)), recommended: rules(createCleaner({extends: ["recommended"]}).clean(text))}))')
    expect(found.clean).toEqual(['en/ad-label'])
    expect(found.createCleaner).toEqual(found.clean)
    expect(found.recommended).toEqual(found.clean)
  })

  it('findConfig reads the nearest config, from the working directory or a given folder; the command line still does', () => {
    const directory = workspaceOf({'decruft.config.yaml': config, 'article.txt': text, 'elsewhere/.keep': ''})
    const script = (from: string) =>
      `const from = ${from}\nconsole.log(JSON.stringify({clean: rules(clean(text, {findConfig: from})), createCleaner: rules(createCleaner(undefined, {findConfig: from}).clean(text))}))`
    expect(library(directory, script('true'))).toEqual({clean: ['site/house-footer'], createCleaner: ['site/house-footer']})
    expect(library(path.join(directory, 'elsewhere'), script(JSON.stringify(directory)))).toEqual({clean: ['site/house-footer'], createCleaner: ['site/house-footer']})
    // A folder below the config finds it upwards; `false` is the default.
    expect(library(path.join(directory, 'elsewhere'), script('true'))).toEqual({clean: ['site/house-footer'], createCleaner: ['site/house-footer']})
    expect(library(directory, script('false'))).toEqual({clean: ['en/ad-label'], createCleaner: ['en/ad-label']})

    const cli = runBin(['clean', 'article.txt', '--report', 'report.json', '-o', 'clean.txt', '-q'], {cwd: directory})
    expect(cli.code, cli.stderr).toBe(0)
    expect(Object.keys(JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8')).summary.byRule)).toEqual(['site/house-footer'])
  })
})
