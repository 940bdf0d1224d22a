/**
 * Learning a site's boilerplate: thresholds, the content guard, section headers, the written pack
 * (valid, scoped, usable as a config) and `clean --learn`.
 */

import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {createCleaner, resolveConfigFile} from '../src/index.js'
import {Learner, type LearnedRule} from '../src/learn/learn.js'
import {learnedPackYaml} from '../src/learn/pack.js'

function story(index: number, extra = ''): string {
  return [
    `Council story number ${index}`,
    '',
    `The council met on Monday evening to discuss item ${index} of the budget for the coming year, and the debate went on for hours.`,
    '',
    'More from the Gazette',
    `Teaser ${index} about the harbour`,
    `Another teaser ${index + 10} about the school`,
    '',
    'The Gazette is published by Example Media Group since 1887.',
    extra
  ].join('\n')
}

describe('Learner', () => {
  it('learns lines repeated across a site, headers as sections, and not the stories', () => {
    const learner = new Learner({minDocs: 3, minShare: 0.5})
    for (let index = 1; index <= 6; index++) learner.add({site: 'gazette.example', siteKind: 'domain', name: `doc${index}`, text: story(index)})
    const rules = learner.rules()
    expect(rules.map((rule) => [rule.kind, rule.phrase, rule.documents])).toEqual([
      ['section', 'More from the Gazette', 6],
      ['line', 'The Gazette is published by Example Media Group since 1887.', 6]
    ])
    expect(rules[0].examples).toEqual(['doc1:5', 'doc2:5'])
  })

  it('learns a sentence-like line only when it stands in most documents, and nothing from small sites', () => {
    const learner = new Learner({minDocs: 3, minShare: 0.3})
    for (let index = 1; index <= 10; index++) {
      const extra = index <= 4 ? 'Readers can reach the newsroom by phone every weekday between nine and five.' : ''
      learner.add({site: 'gazette.example', siteKind: 'domain', name: `doc${index}`, text: story(index, extra)})
    }
    learner.add({site: 'tiny.example', siteKind: 'domain', name: 'tiny1', text: story(1)})
    const phrases = learner.rules().map((rule) => rule.phrase)
    expect(phrases).not.toContain('Readers can reach the newsroom by phone every weekday between nine and five.')
    expect(learner.rules().every((rule) => rule.site === 'gazette.example')).toBe(true)
  })
})

describe('learned packs', () => {
  it('are valid configs whose rules apply only to their site', () => {
    const learner = new Learner()
    for (let index = 1; index <= 5; index++) learner.add({site: 'news', siteKind: 'path', name: `news/${index}.txt`, text: story(index)})
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-learn-'))
    const file = path.join(directory, 'learned.yaml')
    writeFileSync(file, learnedPackYaml(learner.rules(), 'test pack'))
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('# 5 of 5 documents of news; e.g. news/1.txt:5, news/2.txt:5')
    const cleaner = createCleaner(resolveConfigFile(file))
    const inSite = cleaner.clean(story(7), {path: 'news/7.txt'})
    expect(inSite.removed.filter((removal) => removal.rule.startsWith('learned/')).map((removal) => removal.rule)).toEqual([
      'learned/news/more-from-the-gazette',
      // Ids are cut between words at 40 characters.
      'learned/news/the-gazette-is-published-by-example'
    ])
    expect(cleaner.clean(story(7), {path: 'blog/7.txt'}).removed.some((removal) => removal.rule.startsWith('learned/'))).toBe(false)
  })
})

describe('learned packs written as YAML', () => {
  it('round-trip any phrase and keep comments comments, whatever the site or file names hold', () => {
    const phrase = 'More from: the #Gazette "weekly" \\ — 50% off'
    const rules: LearnedRule[] = [
      {label: 'news\nrules: []', site: 'news', siteKind: 'path', kind: 'line', category: 'promo', phrase, documents: 5, siteDocuments: 6, examples: ['news/a\nb.txt:5', 'news/2.txt:5']},
      {label: 'example.com', site: 'example.com', siteKind: 'domain', kind: 'section', category: 'related', phrase: 'Read also', documents: 3, siteDocuments: 3, examples: ['pages.jsonl:1']}
    ]
    const text = learnedPackYaml(rules, 'two rules\nfrom a test')
    const data = parse(text) as {name: string; rules: Array<Record<string, unknown>>}
    expect(data.name).toBe('learned')
    expect(data.rules).toEqual([
      {id: 'learned/news-rules/more-from-the-gazette-weekly-50-off', kind: 'line', category: 'promo', description: 'site boilerplate line (5 of 6 documents)', phrases: [phrase], when: {path: ['news/**']}, examples: {removes: [phrase]}},
      {id: 'learned/example-com/read-also', kind: 'section', category: 'related', description: 'site section header (3 of 3 documents)', phrases: ['Read also'], when: {domain: ['example.com']}, examples: {removes: ['Read also']}}
    ])
    expect(text.split('\n').slice(0, 3)).toEqual(['# yaml-language-server: $schema=node_modules/decruft/rules/schema.json', '# two rules', '# from a test'])
    expect(text).toContain('    when: {path: ["news/**"]}\n')
    expect(parse(learnedPackYaml([], 'nothing'))).toEqual({name: 'learned', rules: []})
  })
})

describe('the CLI', () => {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const bin = path.join(root, 'bin', 'decruft.js')

  it('decruft learn writes a pack, and clean --learn uses it in one run', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-learn-cli-'))
    mkdirSync(path.join(directory, 'in', 'gazette'), {recursive: true})
    for (let index = 1; index <= 5; index++) writeFileSync(path.join(directory, 'in', 'gazette', `${index}.txt`), story(index))
    const learn = spawnSync(process.execPath, [bin, 'learn', 'in', '-o', 'learned.yaml'], {cwd: directory, encoding: 'utf8'})
    expect(learn.status).toBe(0)
    expect(learn.stderr).toContain('learned 2 rules and the language of 1 site from 5 documents')
    const pack = readFileSync(path.join(directory, 'learned.yaml'), 'utf8')
    expect(pack).toContain('phrases: ["More from the Gazette"]')
    expect(pack).toContain('- {lang: "en", when: {path: ["gazette/**"]}}')
    const without = spawnSync(process.execPath, [bin, 'learn', 'in', '--no-site-languages'], {cwd: directory, encoding: 'utf8'})
    expect(without.stderr).toContain('learned 2 rules from 5 documents')
    expect(without.stdout).not.toContain('siteLanguages')
    const clean = spawnSync(process.execPath, [bin, 'clean', 'in', '--learn', '-o', 'out', '-q'], {cwd: directory, encoding: 'utf8'})
    expect(clean.status).toBe(0)
    const out = readFileSync(path.join(directory, 'out', 'gazette', '3.txt'), 'utf8')
    expect(out).not.toContain('More from the Gazette')
    expect(out).not.toContain('Teaser 3 about the harbour')
    expect(out).not.toContain('published by Example Media Group')
    expect(out).toContain('item 3 of the budget')
  })

  it('decruft learn names each file and record it cannot read, learns from the rest, exits 1', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'decruft-learn-bad-'))
    const records = [1, 2, 3, 4, 5].map((index) => JSON.stringify({url: `https://www.gazette.example/${index}`, text: story(index)}))
    const lines = [
      records[0],
      '{"url": "https://www.gazette.example/broken", "text": ',
      records[1],
      '',
      JSON.stringify({text: story(9)}),
      records[2],
      '["an array"]',
      records[3],
      JSON.stringify({url: 'https://www.gazette.example/6', body: 'no text field'}),
      records[4]
    ]
    const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from('{"url": "https://gazette.example/7", "text": "Caf'), Buffer.from([0xe9]), Buffer.from('"}\n')])
    writeFileSync(path.join(directory, 'pages.jsonl'), bytes)
    const learn = spawnSync(process.execPath, [bin, 'learn', '--jsonl', 'pages.jsonl', '-o', 'learned.yaml'], {cwd: directory, encoding: 'utf8'})
    expect(learn.status).toBe(1)
    expect(learn.stderr).toMatch(/pages\.jsonl:2: not JSON: .*; not learned from/)
    expect(learn.stderr).toContain('pages.jsonl:7: not a JSON object; not learned from')
    expect(learn.stderr).toContain('pages.jsonl:9: no string at `text`; not learned from')
    expect(learn.stderr).toMatch(/pages\.jsonl:11: not valid UTF-8: byte 0xE9 at column \d+; not learned from/)
    expect(learn.stderr).toContain('1 record without a URL')
    expect(learn.stderr).toContain('learned 2 rules and the language of 1 site from 5 documents')
    expect(readFileSync(path.join(directory, 'learned.yaml'), 'utf8')).toContain('phrases: ["More from the Gazette"]')

    mkdirSync(path.join(directory, 'in', 'gazette'), {recursive: true})
    for (let index = 1; index <= 5; index++) writeFileSync(path.join(directory, 'in', 'gazette', `${index}.txt`), story(index))
    writeFileSync(path.join(directory, 'in', 'gazette', 'bad.txt'), Buffer.concat([Buffer.from('Title\n\nCaf'), Buffer.from([0xe9]), Buffer.from('\n')]))
    const files = spawnSync(process.execPath, [bin, 'learn', 'in', 'missing-folder', '-o', 'files.yaml'], {cwd: directory, encoding: 'utf8'})
    expect(files.status).toBe(1)
    expect(files.stderr).toContain(`${path.join('in', 'gazette', 'bad.txt')}:3: not valid UTF-8: byte 0xE9 at line 3, column 4; not learned from`)
    expect(files.stderr).toContain('missing-folder: no such file or directory; not learned from')
    expect(files.stderr).toContain('learned 2 rules and the language of 1 site from 5 documents')
  })
})
