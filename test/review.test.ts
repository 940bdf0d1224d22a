/**
 * The review page: the embedded model (offsets, shared tables, escaping, size), the clean text the
 * page computes, the script minifier, and the page itself in Chromium (summary, filters, document
 * view, tooltips, keys) on the seed articles and on a batch of 10,000 documents.
 */

import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Readable} from 'node:stream'
import {pathToFileURL} from 'node:url'
import {chromium, type Browser, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createCleaner} from '../src/cleaner.js'
import {collectReview, pageDocument} from '../src/diff/review.js'
import {buildReviewModel, cleanText, embedJson, REMOVAL_STRIDE, reviewHtml, reviewRulesOf, type ReviewDocument, type ReviewInput} from '../src/review/index.js'
import {clientScript} from '../src/review/script.js'
import type {CleanResult} from '../src/types.js'

const cleaner = createCleaner({extends: ['recommended']})
const rules = reviewRulesOf(cleaner.rules)
const seedDirectory = new URL('../fixtures/seeds/', import.meta.url)
const seedNames = readdirSync(seedDirectory).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))

interface Cleaned extends ReviewDocument {
  result: CleanResult
}

function cleaned(relative: string, text: string, options: {title?: 'none'} = {}): Cleaned {
  const result = cleaner.clean(text, {path: relative, ...options})
  return {path: relative, lang: result.lang, title: result.title, text, removed: result.removed, result}
}

const seeds = seedNames.map((name) => cleaned(`fixtures/seeds/${name}`, readFileSync(new URL(name, seedDirectory), 'utf8')))

/** A whole web page (menus, teasers, footer around an article): the block classifier decides most of it. */
const menu = ['Home', 'News', 'Local', 'Economy', 'Culture', 'Sport', 'Weather', 'Opinion', 'Photos', 'Podcasts', 'Events', 'Jobs', 'Travel', 'Food', 'Health', 'Science', 'Motoring', 'Property', 'Puzzles', 'Obituaries', 'Search']
const article = [
  'Harbour ferry returns after two years of repairs',
  'The old harbour ferry carried its first passengers in two years on Saturday morning, after a refit that took far longer and cost far more than the port authority had promised when the work began.',
  'About three hundred people waited on the quay before eight o’clock, many of them with children, to ride the short crossing to the island and back again in the thin autumn sunshine.',
  'A long road back',
  'The ferry was taken out of service when inspectors found rust in its hull, and the shipyard that won the contract went bankrupt halfway through the job, leaving the vessel in a dry dock for most of a year.',
  'The port authority said on Saturday that the final bill was almost twice the first estimate, but that the ferry should now run for another twenty years without any major work on the hull or the engines.',
  '“People here have missed it more than we expected,” the harbour master said, as the boat pulled away from the pier with its horn sounding, and added that the timetable would return to normal next week.'
]
const footer = ['Around the coast', 'Council votes to close the old library', 'Storm warning for the coast on Monday', 'New cycle lanes open in the centre', 'Fishing fleet lands a record catch', 'About', 'Contact', 'Advertise', 'Privacy', '© 2024 Harbour Gazette Ltd']
const webPage = cleaned('pages/harbour-ferry.txt', [...menu, ...article, ...footer].join('\n') + '\n', {title: 'none'})

/** Text that tries to end the data element, open a comment, and inject markup. */
const hostileText =
  'Notes on </script> and <!-- comments\n\n' +
  'This paragraph quotes </script><script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> and <b>bold</b> markup, which must stay text.\n\n' +
  'Advertisement\n\n' +
  'A last paragraph ends the article with an ampersand &amp; and a plain < sign.\n'
const hostile = cleaned('odd/</script>.txt', hostileText)

function inputOf(documents: ReviewDocument[], title?: string): ReviewInput {
  return {documents, rules, version: '0.1.0-test', ...(title === undefined ? {} : {title})}
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** The embedded model, read back out of a page the way the browser reads it. */
function embeddedModel(html: string) {
  const match = /<script type="application\/json" id="decruft-data">([^]*?)<\/script>/.exec(html)
  if (!match) throw new Error('no data element')
  return {raw: match[1], model: JSON.parse(match[1]) as ReturnType<typeof buildReviewModel>}
}

describe('the embedded model', () => {
  const documents = [...seeds, webPage, hostile]
  const model = buildReviewModel(inputOf(documents))

  it('has heuristic and rule removals in the test batch', () => {
    expect(seeds.every((seed) => seed.removed.length > 0)).toBe(true)
    expect(webPage.removed.filter((removal) => removal.rule.startsWith('heuristic/')).length).toBeGreaterThan(5)
    expect(hostile.removed.map((removal) => removal.rule)).toEqual(['en/ad-label'])
  })

  it('stores each text once and every removal as offsets into it, with its rule, category, reason and features', () => {
    expect(model.documents).toHaveLength(documents.length)
    model.documents.forEach(([path, lang, title, text, flat], index) => {
      const source = documents[index]
      expect(path).toBe(source.path)
      expect(model.langs[lang]).toBe(source.lang)
      expect(text).toBe(source.text)
      expect(title === null ? null : typeof title === 'string' ? title : text.slice(title[0], title[1])).toBe(source.title)
      expect(flat.length).toBe(source.removed.length * REMOVAL_STRIDE)
      source.removed.forEach((removal, n) => {
        const [start, end, rule, category, reason, features] = flat.slice(n * REMOVAL_STRIDE, (n + 1) * REMOVAL_STRIDE)
        expect(text.slice(start, end)).toBe(removal.text)
        expect(model.rules[rule][0]).toBe(removal.rule)
        expect(model.categories[category]).toBe(removal.category)
        expect(model.reasons[reason]).toBe(removal.reason)
        if (removal.features) {
          const row = model.features[features - 1]
          const back = Object.fromEntries(Array.from({length: row.length / 2}, (_, k) => [model.featureKeys[row[2 * k] as number], row[2 * k + 1]]))
          expect(back).toEqual(removal.features)
        } else {
          expect(features).toBe(0)
        }
      })
    })
  })

  it('lists only the rules that fired; known ones with their description, others (the classifier) by their id', () => {
    const fired = new Set(documents.flatMap((document) => document.removed.map((removal) => removal.rule)))
    expect(new Set(model.rules.map((rule) => rule[0]))).toEqual(fired)
    const adLabel = model.rules.find((rule) => rule[0] === 'en/ad-label')!
    expect(adLabel.slice(1, 3)).toEqual(['line', rules.find((rule) => rule.id === 'en/ad-label')!.description])
    const outside = model.rules.find((rule) => rule[0] === 'heuristic/outside-main')!
    expect(outside.slice(1, 3)).toEqual(['heuristic', ''])
  })

  it('gives JSON Lines records read from the command line their number and id or URL', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'decruft-review-records-'))
    const body = article.slice(1).join('\n\n')
    const lines = [JSON.stringify({id: 'a1', text: body}), '', JSON.stringify({url: 'https://example.com/b', text: body}), JSON.stringify({id: 7, url: 'https://example.com/c', text: body})]
    writeFileSync(path.join(cwd, 'pages.jsonl'), lines.join('\n') + '\n')
    const {documents} = await collectReview(['pages.jsonl'], {jsonl: true}, {stdin: Readable.from([]), cwd})
    const model = buildReviewModel(inputOf(documents.map(pageDocument)))
    expect(model.documents.map((document) => [document[0], document[5]])).toEqual([
      ['pages.jsonl:1', 'record 1 · id a1'],
      ['pages.jsonl:3', 'record 2 · https://example.com/b'],
      ['pages.jsonl:4', 'record 3 · id 7']
    ])
    rmSync(cwd, {recursive: true, force: true})
  })

  it('never holds the removed text or the clean text again', () => {
    const html = reviewHtml(inputOf(seeds))
    const texts = seeds.map((seed) => seed.text).join('\n')
    const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1
    for (const removal of seeds.flatMap((seed) => seed.removed).filter((removal) => removal.text.length > 20)) {
      // As often as in the original texts (a repeated title stands there twice), and no more.
      expect(occurrences(html, JSON.stringify(removal.text).slice(1, -1))).toBe(occurrences(texts, removal.text))
    }
    // Each document is [path, language, title, text, removals]: no field for the clean text.
    expect(embeddedModel(html).model.documents.every((document) => document.length === 5)).toBe(true)
  })

  it('escapes every < so no text can close the data element', () => {
    const html = reviewHtml(inputOf([hostile]))
    const {raw, model: back} = embeddedModel(html)
    expect(raw).not.toContain('<')
    expect(back.documents[0][3]).toBe(hostileText)
    expect(back.documents[0][0]).toBe('odd/</script>.txt')
    expect(embedJson(buildReviewModel(inputOf([hostile])))).not.toMatch(/<\/script|<!--/i)
    // The page's own </script> tags: the data element's and the script's, nothing from the text.
    expect(html.match(/<\/script>/g)).toHaveLength(2)
  })

  it('escapes the page title', () => {
    const html = reviewHtml(inputOf(seeds, 'Review of <b>"batch"</b> & more'))
    expect(html).toContain('<title>Review of &#60;b&#62;&#34;batch&#34;&#60;/b&#62; &#38; more</title>')
    expect(html).not.toContain('<b>"batch"')
  })

  it('rejects offsets that do not fit the text (a clean text passed instead of the original)', () => {
    const [seed] = seeds
    expect(() => buildReviewModel(inputOf([{...seed, text: seed.result.text}]))).toThrow(/does not match the text|outside the text/)
    const broken = {...seed, removed: [{...seed.removed[0], end: seed.text.length + 5, text: undefined as unknown as string}]}
    expect(() => buildReviewModel(inputOf([broken]))).toThrow(/outside the text/)
  })

  it('keeps the page under three times the input text for the seed articles', () => {
    const html = reviewHtml(inputOf(seeds))
    const input = seeds.reduce((sum, seed) => sum + bytes(seed.text), 0)
    expect(bytes(html)).toBeLessThan(3 * input)
  })

  it('makes no network request: a strict Content-Security-Policy and no external references', () => {
    const html = reviewHtml(inputOf(seeds))
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/)
    expect(html).not.toMatch(/(?:src|href)="(?!data:)[^"]+"|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  })
})

describe('the clean text computed from the offsets', () => {
  it('is exactly what the cleaner wrote, for every seed and for a whole web page', () => {
    for (const document of [...seeds, webPage, hostile]) {
      const ranges = document.removed.flatMap((removal) => [removal.start, removal.end])
      expect(cleanText(document.text, ranges)).toBe(document.result.text)
    }
  })

  it('keeps CRLF line endings, drops blank runs and edges, and removes spans inside lines', () => {
    const text = '\r\nTitle\r\n\r\nAd\r\n\r\n\r\nBody text. Read more »\r\n  \r\n'
    const ad = text.indexOf('Ad')
    const more = text.indexOf(' Read more »')
    expect(cleanText(text, [ad, ad + 2, more, more + ' Read more »'.length])).toBe('Title\r\n\r\nBody text.\r\n')
    expect(cleanText(text, [0, text.length])).toBe('')
  })
})

describe('the page script', () => {
  it('is client.ts bundled and minified by esbuild at build time, called with the page options', () => {
    const source = readFileSync(new URL('../src/review/client.ts', import.meta.url), 'utf8')
    const script = clientScript('decruft-data')
    expect(script.startsWith("'use strict';\nvar decruftReview=")).toBe(true)
    expect(script.endsWith(`\ndecruftReview.reviewClient({"dataId":"decruft-data","stride":${REMOVAL_STRIDE}});`)).toBe(true)
    expect(script.length).toBeLessThan(source.length * 0.5)
    // No comments and no type annotations survive.
    expect(script).not.toContain('Document text only ever')
    expect(script).not.toContain('ClientOptions')
    // The bundle is read from the build (dist/review/client.min.js), which the test setup refreshes.
    expect(script).toContain(readFileSync(new URL('../dist/review/client.min.js', import.meta.url), 'utf8').trimEnd())
  })

  it('gives the page script that parses, with no way out of its element', () => {
    const script = clientScript('decruft-data')
    expect(() => new Function(script)).not.toThrow()
    expect(script).not.toMatch(/<\/script|<!--/i)
  })
})

// -- In Chromium ------------------------------------------------------------------------------

describe('in Chromium', () => {
  const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  let browser: Browser
  let directory: string

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'decruft-review-'))
    // No skip when Chromium is missing: this must fail loudly. `npm test` installs Debian's Chromium
    // first when it is missing (scripts/ensure-chromium.mjs); CHROMIUM names another one.
    const executablePath = process.env.CHROMIUM || '/usr/bin/chromium'
    try {
      browser = await chromium.launch({executablePath, args: launchArgs})
    } catch (error) {
      throw new Error(`could not start Chromium at ${executablePath} (run \`node scripts/ensure-chromium.mjs\`, or set CHROMIUM): ${error instanceof Error ? error.message : String(error)}`)
    }
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    if (directory) rmSync(directory, {recursive: true, force: true})
  })

  /** Write a page, open it, and collect every console error and uncaught exception. */
  async function open(name: string, html: string, options: {hash?: string} = {}): Promise<{page: Page; errors: string[]}> {
    const file = path.join(directory, name)
    writeFileSync(file, html)
    const page = await browser.newPage({viewport: {width: 1400, height: 900}, colorScheme: 'light'})
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) errors.push('request: ' + request.url())
    })
    await page.goto(pathToFileURL(file).href + (options.hash ?? ''))
    await page.waitForSelector('html[data-ready="true"]')
    return {page, errors}
  }

  const count = async (page: Page) => Number(await page.locator('#list-count').getAttribute('data-count'))
  const tally = <T,>(items: T[]) => items.reduce((map, item) => map.set(item, (map.get(item) ?? 0) + 1), new Map<T, number>())

  describe('the page', () => {
    const documents = [...seeds, webPage, hostile]
    const removals = documents.flatMap((document) => document.removed)

    it('renders the summary with the right counts', async () => {
      const {page, errors} = await open('summary.html', reviewHtml(inputOf(documents)))
      const bars = async (field: string) =>
        new Map(
          await page.locator(`#summary button[data-field="${field}"]`).evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-name')!, Number(node.getAttribute('data-count'))] as const))
        )
      expect(await bars('category')).toEqual(tally(removals.map((removal) => removal.category)))
      expect(await bars('rule')).toEqual(tally(removals.map((removal) => removal.rule)))
      const perLang = new Map<string, number>()
      for (const document of documents) perLang.set(document.lang, (perLang.get(document.lang) ?? 0) + document.removed.length)
      expect(await bars('lang')).toEqual(perLang)

      // The histogram: one bin per 10% of text removed, and a bin for nothing removed.
      const bins = await page.locator('#chart-share [data-field="bin"]').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-count'))))
      const expected = new Array(11).fill(0)
      for (const document of documents) {
        const share = document.removed.reduce((sum, removal) => sum + removal.end - removal.start, 0) / document.text.length
        expected[Math.min(10, Math.ceil(share * 10))]++
      }
      expect(bins).toEqual(expected)
      expect(await page.locator('#chart-share svg').count()).toBe(1)
      expect(await page.locator('#totals').innerText()).toContain(`${documents.length}\nDOCUMENTS`)
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('filters the list by rule, category, language, share and search text', async () => {
      const {page, errors} = await open('filters.html', reviewHtml(inputOf(documents)))
      expect(await count(page)).toBe(documents.length)
      expect(await page.locator('#rows .row').count()).toBe(documents.length)

      await page.selectOption('#f-rule', 'en/ad-label')
      const withAds = documents.filter((document) => document.removed.some((removal) => removal.rule === 'en/ad-label'))
      expect(withAds.length).toBeLessThan(documents.length)
      expect(await count(page)).toBe(withAds.length)
      expect((await page.locator('#rows .row-path').allInnerTexts()).sort()).toEqual(withAds.map((document) => document.path).sort())

      await page.click('#clear')
      expect(await count(page)).toBe(documents.length)
      // A chart bar is a filter too, and a second click takes it off.
      await page.click('#chart-category button[data-name="navigation"]')
      expect(await count(page)).toBe(documents.filter((document) => document.removed.some((removal) => removal.category === 'navigation')).length)
      expect(await page.locator('#chart-category button[data-name="navigation"]').getAttribute('aria-pressed')).toBe('true')
      await page.click('#chart-category button[data-name="navigation"]')
      expect(await count(page)).toBe(documents.length)

      await page.selectOption('#f-lang', 'de')
      expect(await count(page)).toBe(documents.filter((document) => document.lang === 'de').length)
      await page.click('#clear')

      await page.click('#chart-share [data-field="bin"][data-key="5"]')
      expect(await count(page)).toBe(Number(await page.locator('#chart-share [data-key="5"]').getAttribute('data-count')))
      await page.click('#clear')

      await page.fill('#q', 'Vladimir Putin')
      await page.waitForFunction((total) => document.querySelector('#list-count')!.getAttribute('data-count') !== String(total), documents.length)
      expect(await count(page)).toBe(documents.filter((document) => document.text.includes('Vladimir Putin')).length)
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('shows a document with each removal highlighted, labelled, explained, and the clean text beside it', async () => {
      const {page, errors} = await open('document.html', reviewHtml(inputOf(documents)))
      expect(await page.locator('.rm').count()).toBe(0)

      for (const document of [...seeds, webPage]) {
        await page.click(`#rows .row:has(.row-path:text-is("${document.path}"))`)
        await expect.poll(() => page.locator('#doc-meta code').innerText()).toBe(document.path)
        // The original, exactly, with one focusable mark per removal.
        expect(await page.locator('#original').evaluate((node) => node.textContent)).toBe(document.text)
        const marks = page.locator('#original .rm')
        expect(await marks.evaluateAll((nodes) => nodes.map((node) => [node.textContent, node.getAttribute('data-rule'), node.getAttribute('tabindex')]))).toEqual(
          document.removed.map((removal) => [removal.text, removal.rule, '0'])
        )
        // The label is the rule id (with the size of its run), drawn before the removed text.
        const label = await marks.first().evaluate((node) => getComputedStyle(node, '::before').content)
        expect(label).toMatch(new RegExp(`^"${document.removed[0].rule}( ×\\d+)?"$`))
      }

      // Hover: the rule, its category and its description.
      await page.click(`#rows .row:has(.row-path:text-is("${seeds[1].path}"))`)
      await page.hover('#original .rm >> nth=0')
      const tip = page.locator('#tip')
      await expect.poll(() => tip.isVisible()).toBe(true)
      const first = seeds[1].removed[0]
      expect(await tip.innerText()).toContain(first.rule)
      expect(await tip.innerText()).toContain(rules.find((rule) => rule.id === first.rule)!.description)
      expect(await tip.innerText()).toContain(first.reason)

      // Keyboard focus on a classifier decision: its reason (it has no description) and its features.
      await page.click(`#rows .row:has(.row-path:text-is("${webPage.path}"))`)
      const decision = webPage.removed.findIndex((removal) => removal.rule.startsWith('heuristic/'))
      await page.locator('#original .rm').nth(decision).focus()
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe('tip')
      const text = await tip.innerText()
      expect(text).toContain(webPage.removed[decision].rule)
      expect(text).toContain(webPage.removed[decision].reason)
      for (const [key, value] of Object.entries(webPage.removed[decision].features!)) expect(text).toMatch(new RegExp(`${key}\\s+${String(value).replace('.', '\\.')}`))

      // Side by side: the clean text, computed in the page, is the cleaner's output.
      await page.click('#side')
      expect(await page.locator('#side').getAttribute('aria-pressed')).toBe('true')
      expect(await page.locator('#clean').evaluate((node) => node.textContent)).toBe(webPage.result.text)
      await page.click(`#rows .row:has(.row-path:text-is("${seeds[3].path}"))`)
      expect(await page.locator('#clean').evaluate((node) => node.textContent)).toBe(seeds[3].result.text)
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('groups a run of removals by one rule under one label', async () => {
      const {page, errors} = await open('runs.html', reviewHtml(inputOf([webPage])))
      await page.click('#rows .row')
      const marks = await page.locator('#original .rm').evaluateAll((nodes) =>
        nodes.map((node) => ({rule: node.getAttribute('data-rule'), label: getComputedStyle(node, '::before').content, tab: node.getAttribute('tabindex')}))
      )
      // The expected runs, from the removals: same rule, only white space between.
      const runs: Array<{rule: string; count: number}> = []
      let end = -1
      for (const removal of webPage.removed) {
        const last = runs.at(-1)
        if (last && last.rule === removal.rule && webPage.text.slice(end, removal.start).trim() === '') last.count++
        else runs.push({rule: removal.rule, count: 1})
        end = removal.end
      }
      // The menu of 21 lines is one run: far fewer labels than removals.
      expect(runs.some((run) => run.count >= 10)).toBe(true)
      expect(marks).toHaveLength(webPage.removed.length)
      expect(marks.filter((mark) => mark.label !== 'none').map((mark) => mark.label)).toEqual(runs.map((run) => JSON.stringify(run.count > 1 ? `${run.rule} ×${run.count}` : run.rule)))
      // Every removal is still its own mark, focusable and explained.
      expect(marks.every((mark) => mark.tab === '0')).toBe(true)
      await page.locator('#original .rm').nth(3).focus()
      await expect.poll(() => page.locator('#tip').innerText()).toContain(webPage.removed[3].rule)
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('names a JSON Lines record by its number and its id or URL', async () => {
      const text = (title: string) => `${title}\n\n${article.slice(1).join('\n\n')}\n`
      const records: ReviewDocument[] = [
        {...cleaned('corpora/scrapinghub.dev.jsonl:1', text('Ferry back after two years'), {title: 'none'}), title: null, record: {number: 1, id: '8f3a'}},
        {...cleaned('corpora/scrapinghub.dev.jsonl:3', text('Ferry back after two years'), {title: 'none'}), title: null, record: {number: 2, url: 'https://example.com/ferry'}},
        {...cleaned('corpora/scrapinghub.dev.jsonl:4', text('Ferry back after two years'), {title: 'none'}), title: null, record: {number: 3}}
      ]
      const model = buildReviewModel(inputOf(records))
      expect(model.documents.map((document) => document[5])).toEqual(['record 1 · id 8f3a', 'record 2 · https://example.com/ferry', 'record 3'])
      const {page, errors} = await open('records.html', reviewHtml(inputOf(records)))
      expect(await page.locator('#rows .row-title').allInnerTexts()).toEqual(['record 1 · id 8f3a', 'record 2 · https://example.com/ferry', 'record 3'])
      expect(await page.locator('#rows .row-path').allInnerTexts()).toEqual([
        'record 1 · id 8f3a · scrapinghub.dev.jsonl:1',
        'record 2 · https://example.com/ferry · scrapinghub.dev.jsonl:3',
        'record 3 · scrapinghub.dev.jsonl:4'
      ])
      await page.fill('#q', '8f3a')
      await expect.poll(() => count(page)).toBe(1)
      await page.click('#rows .row')
      expect(await page.locator('#doc-meta').innerText()).toContain('record 1 · id 8f3a · ')
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('keeps hostile text as text', async () => {
      const {page, errors} = await open('hostile.html', reviewHtml(inputOf([...seeds, hostile])))
      await page.click('#rows .row:has-text("odd/")')
      expect(await page.locator('#original').evaluate((node) => node.textContent)).toBe(hostileText)
      expect(await page.locator('#original img, #original script, #original b').count()).toBe(0)
      expect(await page.locator('#doc-meta code').innerText()).toBe('odd/</script>.txt')
      expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined()
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('moves with the keyboard: j/k between documents, n/p between removals, s, t and /', async () => {
      const {page, errors} = await open('keys.html', reviewHtml(inputOf(documents)))
      const rows = await page.locator('#rows .row-path').allInnerTexts()
      const current = () => page.locator('#doc-meta code').innerText()
      const selected = () => page.locator('#rows .row[aria-current="true"] .row-path').innerText()

      await page.keyboard.press('j')
      expect(await current()).toBe(rows[0])
      await page.keyboard.press('j')
      expect(await current()).toBe(rows[1])
      expect(await selected()).toBe(rows[1])
      await page.keyboard.press('k')
      expect(await current()).toBe(rows[0])
      await page.keyboard.press('j')

      const document = documents.find((entry) => entry.path === rows[1])!
      expect(document.removed.length).toBeGreaterThan(1)
      const focused = () =>
        page.evaluate(() => {
          const active = window.document.activeElement as HTMLElement
          return active.matches('.rm') ? Array.from(window.document.querySelectorAll('#original .rm')).indexOf(active) : -1
        })
      await page.keyboard.press('n')
      expect(await focused()).toBe(0)
      expect(await page.locator('#removal-status').innerText()).toBe(`removal 1 of ${document.removed.length}`)
      expect(await page.locator('#tip').isVisible()).toBe(true)
      await page.keyboard.press('n')
      expect(await focused()).toBe(1)
      await page.keyboard.press('p')
      expect(await focused()).toBe(0)
      // j from a focused removal opens the next document; n starts at its first removal.
      await page.keyboard.press('j')
      expect(await current()).toBe(rows[2])
      await page.keyboard.press('n')
      expect(await focused()).toBe(0)

      await page.keyboard.press('s')
      expect(await page.locator('#clean-pane').isVisible()).toBe(true)
      await page.keyboard.press('t')
      expect(await page.evaluate(() => window.document.documentElement.dataset.theme)).toBe('dark')
      expect(await page.evaluate(() => getComputedStyle(window.document.body).backgroundColor)).toBe('rgb(15, 18, 22)')
      await page.keyboard.press('t')
      expect(await page.evaluate(() => window.document.documentElement.dataset.theme)).toBe('light')

      // Typing in the search box is not navigation.
      await page.keyboard.press('/')
      expect(await page.evaluate(() => window.document.activeElement?.id)).toBe('q')
      await page.keyboard.type('jk')
      expect(await current()).toBe(rows[2])
      expect(errors).toEqual([])
      await page.close()
    }, 60_000)

    it('follows the system theme until the reader picks one', async () => {
      const {page} = await open('theme.html', reviewHtml(inputOf(seeds)))
      await page.emulateMedia({colorScheme: 'dark'})
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 18, 22)')
      // The button follows too (on the media query's change event, which comes a moment later).
      await expect.poll(() => page.locator('#theme').getAttribute('aria-label')).toBe('Switch to the light theme')
      await page.emulateMedia({colorScheme: 'light'})
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(244, 246, 248)')
      await page.close()
    }, 60_000)

    it('opens the document named in the address', async () => {
      const {page} = await open('linked.html', reviewHtml(inputOf(seeds)), {hash: '#' + encodeURIComponent(seeds[3].path)})
      expect(await page.locator('#doc-meta code').innerText()).toBe(seeds[3].path)
      await page.close()
    }, 60_000)
  })

  describe('10,000 documents', () => {
    it('render lazily: a short list in the DOM, documents only when opened', async () => {
      const sections = ['world', 'politics', 'economy', 'culture', 'sport', 'science', 'opinion']
      const documents: ReviewDocument[] = Array.from({length: 10_000}, (_, index) => {
        const seed = seeds[index % seeds.length]
        // Every seventh document is the same article without its last removal, so shares vary.
        const removed = index % 7 === 0 ? seed.removed.slice(0, -1) : seed.removed
        return {path: `${sections[index % sections.length]}/2024/${String(index).padStart(5, '0')}.txt`, lang: seed.lang, title: seed.title, text: seed.text, removed}
      })
      const html = reviewHtml(inputOf(documents))
      const input = documents.reduce((sum, document) => sum + bytes(document.text), 0)
      expect(bytes(html)).toBeLessThan(3 * input)
      expect(bytes(html)).toBeLessThan(1.1 * input)

      const {page, errors} = await open('large.html', html)
      expect(await count(page)).toBe(10_000)
      const rendered = await page.locator('#rows .row').count()
      expect(rendered).toBeGreaterThan(5)
      expect(rendered).toBeLessThan(100)
      expect(await page.locator('.rm').count()).toBe(0)
      const bins = await page.locator('#chart-share [data-field="bin"]').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-count'))))
      expect(bins.reduce((sum, value) => sum + value, 0)).toBe(10_000)

      // Scrolling far down renders the rows there, still only a few.
      await page.locator('#list').evaluate((node) => (node.scrollTop = 56 * 6_000))
      await expect.poll(() => page.locator('#rows .row-item').first().getAttribute('aria-posinset')).not.toBe('1')
      expect(await page.locator('#rows .row').count()).toBeLessThan(100)

      await page.selectOption('#f-rule', 'ro/read-also')
      expect(await count(page)).toBe(documents.filter((document) => document.removed.some((removal) => removal.rule === 'ro/read-also')).length)
      await page.keyboard.press('j')
      const opened = documents.find((document) => document.path === 'culture/2024/00003.txt')!
      expect(await page.locator('#doc-meta code').innerText()).toBe(opened.path)
      expect(await page.locator('.rm').count()).toBe(opened.removed.length)
      expect(errors).toEqual([])
      await page.close()
    }, 120_000)
  })
})
