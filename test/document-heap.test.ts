/**
 * The heap a document's shape takes (src/batch/document-heap.ts) and the limits a budget gives
 * (src/batch/heap-limits.ts). That the estimate lies above what cleaning really takes is measured
 * on whole runs (docs/cli.md, "Limits", and the fault tests of the batch); here, that the shape is
 * read right and that each part of it costs what the limits assume.
 */

import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {beyondTheFloor, bytesBeyondTheFloor, cleaningHeap, heapBeyond, LEAST_PER_BYTE, lineBeyondTheFloor, stringBytes, textShape, utf8StringBytes} from '../src/batch/document-heap.js'
import fc from 'fast-check'
import {budgetFor, documentHeap, largestDocument, largestRecordLine, MIN_THREAD_BUDGET_MB} from '../src/batch/heap-limits.js'
import {DEFAULT_THREAD_BUDGET} from '../src/batch/pool-size.js'

const MB = 1024 * 1024
const seeds = fileURLToPath(new URL('../fixtures/seeds', import.meta.url))
const seedTexts = readdirSync(seeds)
  .filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
  .map((name) => readFileSync(path.join(seeds, name), 'utf8'))

describe('the shape of a text', () => {
  it('counts the lines that hold more than white space, the longest line, and the characters past U+00FF', () => {
    const text = 'Rathaus beschließt Haushalt\n\n   \n\u00a0\nМэрия утвердила бюджет\n市议会通过预算\r\nend'
    expect(textShape(text)).toEqual({
      chars: text.length,
      lines: 4,
      longest: 'Rathaus beschließt Haushalt'.length,
      inLongLines: 0,
      ideographs: '市议会通过预算'.length,
      wide: 'Мэрия утвердила бюджет'.replace(/ /g, '').length
    })
  })

  it('counts the characters of lines over a thousand, and a last line without a line break', () => {
    const long = 'The council met. '.repeat(70)
    expect(long.length).toBeGreaterThan(1000)
    expect(textShape(`short\n${long}\n${long}`)).toMatchObject({lines: 3, longest: long.length, inLongLines: 2 * long.length})
    expect(textShape('')).toEqual({chars: 0, lines: 0, longest: 0, inLongLines: 0, ideographs: 0, wide: 0})
  })
})

describe('the heap a shape takes', () => {
  const article = seedTexts.join('\n\n')

  it('grows with every part of the shape', () => {
    const base = textShape(article)
    const heap = cleaningHeap(base)
    for (const part of ['chars', 'lines', 'longest', 'inLongLines', 'ideographs', 'wide'] as const) {
      expect(cleaningHeap({...base, [part]: base[part] + 100_000}), part).toBeGreaterThan(heap)
    }
  })

  it('takes more for the same words on one line than on many, and more for a word a line than for either', () => {
    const lines = article
    const oneLine = article.replace(/\s+/g, ' ')
    const wordALine = article.split(/\s+/).join('\n')
    const perChar = (text: string) => cleaningHeap(textShape(text)) / text.length
    expect(perChar(oneLine)).toBeGreaterThan(2 * perChar(lines))
    expect(perChar(wordALine)).toBeGreaterThan(perChar(oneLine))
  })

  it('is never less per byte of UTF-8 than the least the byte cap assumes', () => {
    for (const text of [article, 'a'.repeat(5000), '市议会通过预算'.repeat(1000), 'бюджет '.repeat(1000), '“quoted” '.repeat(1000), '😀'.repeat(1000)]) {
      expect(cleaningHeap(textShape(text)) / Buffer.byteLength(text), text.slice(0, 10)).toBeGreaterThanOrEqual(LEAST_PER_BYTE * 0.999)
    }
  })

  it('lets a text through when its shape fits, and names the heap of one that does not', () => {
    expect(heapBeyond('Title\n\nA paragraph.\n', documentHeap(MIN_THREAD_BUDGET_MB * MB))).toBeUndefined()
    const text = 'a\n'.repeat(20_000)
    const needed = cleaningHeap(textShape(text))
    expect(heapBeyond(text, needed)).toBeUndefined()
    expect(heapBeyond(text, needed - 1)).toBe(needed)
  })
})

describe('the limits of a budget', () => {
  it('give a document the old generation less the rules, and name the smallest budget for a heap', () => {
    // 160 MB: 24 MB of young generation, 16 MB outside the heap, 24 MB for the rules.
    expect(documentHeap(DEFAULT_THREAD_BUDGET)).toBe(96 * MB)
    expect(budgetFor(96 * MB)).toBe(160)
    expect(budgetFor(96 * MB + 1)).toBe(161)
    expect(budgetFor(0)).toBe(MIN_THREAD_BUDGET_MB)
    for (const budget of [72, 100, 160, 1000]) expect(documentHeap(budgetFor(documentHeap(budget * MB)) * MB)).toBe(documentHeap(budget * MB))
  })

  it('read no file larger than any shape could fit, and give a record line a fourteenth of the heap', () => {
    const heap = documentHeap(DEFAULT_THREAD_BUDGET)
    expect(largestDocument(DEFAULT_THREAD_BUDGET)).toBe(Math.floor(heap / LEAST_PER_BYTE))
    // As when every document was held to 56 bytes of heap per byte, and its line to four times that.
    expect(largestRecordLine(DEFAULT_THREAD_BUDGET)).toBe(Math.floor((4 * heap) / 56))
  })
})

describe('the floor a text\'s string sets (for --max-doc-bytes)', () => {
  it('reads off UTF-8 bytes the bytes V8 holds their string in: one a character up to U+00FF, else two a code unit', () => {
    const cases: Array<[string, number]> = [
      ['', 0],
      ['plain ASCII', 11],
      ['Rathaus beschließt', 18],
      ['é'.repeat(10), 10],
      ['Мэрия', 10],
      ['a“b”', 8],
      ['市议会', 6],
      ['😀x', 6]
    ]
    for (const [text, bytes] of cases) {
      expect(stringBytes(text), text).toBe(bytes)
      expect(utf8StringBytes(Buffer.from(text, 'utf8')), text).toBe(bytes)
    }
    fc.assert(fc.property(fc.string({unit: 'grapheme'}), (text) => {
      const wellFormed = text.toWellFormed()
      expect(utf8StringBytes(Buffer.from(wellFormed, 'utf8'))).toBe(stringBytes(wellFormed))
    }))
  })

  it('refuses a text only where twice its string is more than the heap, and then names what its shape takes', () => {
    const latin = 'Rathaus beschließt Haushalt.\n'.repeat(2000)
    expect(stringBytes(latin)).toBe(latin.length)
    expect(beyondTheFloor(latin, 2 * latin.length)).toBeUndefined()
    expect(beyondTheFloor(latin, 2 * latin.length - 1)).toBe(cleaningHeap(textShape(latin)))
    // One character past U+00FF makes every character two bytes.
    const wide = latin + '“'
    expect(beyondTheFloor(wide, 2 * latin.length + 2)).toBe(cleaningHeap(textShape(wide)))
    expect(beyondTheFloor(wide, 4 * wide.length)).toBeUndefined()
    const bytes = Buffer.from(wide, 'utf8')
    expect(bytesBeyondTheFloor(bytes, 4 * wide.length)).toBe(false)
    expect(bytesBeyondTheFloor(bytes, 4 * wide.length - 1)).toBe(true)
    // A JSON Lines line: its text may be a sixth of its bytes.
    expect(lineBeyondTheFloor(6000, 2000)).toBe(false)
    expect(lineBeyondTheFloor(6000, 1999)).toBe(true)
  })

  it('never refuses what the estimate lets through: the floor lies under every shape\'s estimate', () => {
    const article = seedTexts.join('\n\n')
    for (const text of [article, article.replace(/\s+/g, ' '), article.split(/\s+/).join('\n'), 'a'.repeat(5000), '市议会通过预算'.repeat(1000), 'бюджет '.repeat(1000), '😀'.repeat(1000)]) {
      const heap = cleaningHeap(textShape(text))
      expect(beyondTheFloor(text, heap), text.slice(0, 10)).toBeUndefined()
      expect(bytesBeyondTheFloor(Buffer.from(text, 'utf8'), heap)).toBe(false)
    }
  })
})

