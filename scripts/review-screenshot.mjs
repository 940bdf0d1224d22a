#!/usr/bin/env node
/**
 * Screenshot of the review page for docs/review.md (docs/review.png): the seed articles cleaned with the
 * recommended rules, light theme, 1400×900, one article open with a removal focused.
 *
 *   npm run build && node scripts/review-screenshot.mjs [out.png]
 *
 * Uses the built library (dist/) and playwright-core with Debian's Chromium (/usr/bin/chromium, or
 * $CHROMIUM).
 */

import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import {createCleaner} from '../dist/index.js'
import {reviewHtml, reviewRulesOf} from '../dist/review/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'review.png'))
const seeds = path.join(root, 'fixtures', 'seeds')
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version

const cleaner = createCleaner({extends: ['recommended']})
const documents = readdirSync(seeds)
  .filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
  .map((name) => {
    const text = readFileSync(path.join(seeds, name), 'utf8')
    const relative = `fixtures/seeds/${name}`
    const result = cleaner.clean(text, {path: relative})
    return {path: relative, lang: result.lang, title: result.title, text, removed: result.removed}
  })

const directory = mkdtempSync(path.join(tmpdir(), 'decruft-review-shot-'))
const file = path.join(directory, 'review.html')
writeFileSync(file, reviewHtml({documents, rules: reviewRulesOf(cleaner.rules), version}))

// The article with the largest share removed, opened from the address; then its third removal is focused.
const removedShare = (document) => document.removed.reduce((sum, removal) => sum + removal.end - removal.start, 0) / document.text.length
const shown = documents.reduce((most, document) => (removedShare(document) > removedShare(most) ? document : most))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = await browser.newPage({viewport: {width: 1400, height: 900}, colorScheme: 'light', deviceScaleFactor: 1})
  await page.goto(pathToFileURL(file).href + '#' + encodeURIComponent(shown.path))
  await page.waitForSelector('html[data-ready="true"]')
  for (let step = 0; step < 3; step++) await page.keyboard.press('n')
  await page.screenshot({path: out})
  console.log(`decruft: wrote ${path.relative(process.cwd(), out) || out}`)
} finally {
  await browser.close()
  rmSync(directory, {recursive: true, force: true})
}
