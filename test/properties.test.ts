/**
 * Invariants of cleaning, checked with fast-check on documents assembled from real article lines,
 * boilerplate lines, blank and whitespace-only lines, and arbitrary strings:
 * - nothing is lost: every input line is either kept (less any reported inline spans) or inside a
 *   reported removal, and each removal's text is exactly the original slice;
 * - every output line is an input line (less reported inline spans), in input order;
 * - cleaning is idempotent: clean(clean(x)) == clean(x).
 */

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {clean, createCleaner, resolvePack} from '../src/index.js'

const body = [
  'Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern, teilte das Ministerium am Mittwoch mit.',
  'Il presidente russo ha segnalato la volontà di assistere la Corea del Nord nello sviluppo del suo programma spaziale.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements.',
  'Kim hoopt dat zijn bezoek de grondslag is voor een strategisch partnerschap.',
  'Statele Unite "nu vor ezita" să impună sancţiuni, dacă va fi necesar, a avertizat Miller.',
  'Strategisch partnerschap',
  'Nederlagen',
  '„Wir dürfen die Mieter nicht allein lassen“, sagte sie.',
  'Short line.',
  'The advertisement ran in three newspapers.'
]

/** Every example line of every built-in rule: real boilerplate, and real text that must be kept. */
const examples = resolvePack('recommended').rules.flatMap(({definition}) => [
  ...(definition.examples?.removes ?? []),
  ...(definition.examples?.keeps ?? [])
]).flatMap((example) => example.split('\n'))

const lineArbitrary = fc.oneof(
  {weight: 4, arbitrary: fc.constantFrom(...body)},
  {weight: 4, arbitrary: fc.constantFrom(...examples)},
  {weight: 3, arbitrary: fc.constantFrom('', '', ' ', '\u00A0', '\t')},
  {weight: 1, arbitrary: fc.string({maxLength: 40}).map((text) => text.replace(/[\r\n]/g, ' '))}
)

const documentArbitrary = fc
  .tuple(fc.array(lineArbitrary, {minLength: 0, maxLength: 40}), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol && lines.length > 0 ? eol : ''))

const isBlank = (line: string) => /^[\s\u200B\u200C\u200D\u2060\uFEFF]*$/u.test(line)

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** The input's lines with each removal applied: removed whole lines vanish, spans are cut. */
function expectedKeptLines(input: string, result: ReturnType<typeof clean>): string[] {
  const kept: string[] = []
  let offset = 0
  for (const line of input.split(/(\r\n|\n|\r)/)) {
    if (line === '\n' || line === '\r\n' || line === '\r') {
      offset += line.length
      continue
    }
    const start = offset
    const end = offset + line.length
    offset = end
    if (isBlank(line)) continue
    const covering = result.removed.find((removal) => removal.start <= start && removal.end >= end)
    if (covering) continue
    let text = line
    const spans = result.removed.filter((removal) => removal.start >= start && removal.end <= end).sort((a, b) => b.start - a.start)
    for (const span of spans) text = text.slice(0, span.start - start) + text.slice(span.end - start)
    kept.push(text)
  }
  return kept
}

describe('properties', () => {
  it('loses nothing: kept lines plus removals give back the input', () => {
    fc.assert(
      fc.property(documentArbitrary, (input) => {
        const result = clean(input)
        for (const removal of result.removed) expect(input.slice(removal.start, removal.end)).toBe(removal.text)
        const output = splitLines(result.text).filter((line) => !isBlank(line))
        expect(output).toEqual(expectedKeptLines(input, result))
      }),
      {numRuns: 300}
    )
  })

  it('never overlaps two removals', () => {
    fc.assert(
      fc.property(documentArbitrary, (input) => {
        const removed = clean(input).removed
        for (let index = 1; index < removed.length; index++) expect(removed[index].start).toBeGreaterThanOrEqual(removed[index - 1].end)
      }),
      {numRuns: 200}
    )
  })

  it('writes only input lines, in order, with the documented layout', () => {
    fc.assert(
      fc.property(documentArbitrary, (input) => {
        const {text} = clean(input)
        if (text === '') return
        const eol = text.includes('\r\n') ? '\r\n' : '\n'
        expect(text.endsWith(eol)).toBe(true)
        expect(text.endsWith(eol + eol)).toBe(false)
        const lines = text.slice(0, -eol.length).split(eol)
        expect(isBlank(lines[0])).toBe(false)
        for (let index = 1; index < lines.length; index++) {
          expect(lines[index] === '' && lines[index - 1] === '').toBe(false)
          if (lines[index] !== '') expect(isBlank(lines[index])).toBe(false)
        }
        const inputLines = splitLines(input)
        let cursor = 0
        for (const line of lines.filter((line) => line !== '')) {
          while (cursor < inputLines.length && !inputLines[cursor].includes(line)) cursor++
          expect(cursor, `output line not found in order: ${JSON.stringify(line)}`).toBeLessThan(inputLines.length)
          cursor++
        }
      }),
      {numRuns: 300}
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(documentArbitrary, (input) => {
        const once = clean(input).text
        expect(clean(once).text).toBe(once)
      }),
      {numRuns: 300}
    )
  })

  it('is idempotent with every title mode', () => {
    const cleaner = createCleaner({extends: ['recommended']})
    fc.assert(
      fc.property(documentArbitrary, fc.constantFrom('auto', 'first-line', 'none' as const), (input, title) => {
        const once = cleaner.clean(input, {title}).text
        expect(cleaner.clean(once, {title}).text).toBe(once)
      }),
      {numRuns: 150}
    )
  })
})
