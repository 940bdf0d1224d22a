/**
 * The five seed articles (Dutch, Italian, German, Romanian, German): byte-exact clean output and the
 * expected removals, by line range and category.
 */

import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {clean} from '../src/index.js'

const directory = new URL('../fixtures/seeds/', import.meta.url)
const seeds = readdirSync(directory).filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))

interface Expected {
  hasTitle: boolean
  title: string | null
  removed: Array<{lines: [number, number]; category: string; text: string}>
}

/** Expected ranges may include the blank line after a block; removals never start or end on a blank line. */
function trimBlankEdges(lines: string[], [first, last]: [number, number]): [number, number] {
  while (first < last && lines[first - 1].trim() === '') first++
  while (last > first && lines[last - 1].trim() === '') last--
  return [first, last]
}

describe('seeds', () => {
  it('are all here', () => {
    expect(seeds).toHaveLength(5)
  })

  describe.each(seeds)('%s', (name) => {
    const input = readFileSync(new URL(name, directory), 'utf8')
    const expectedText = readFileSync(new URL(name.replace('.txt', '.clean.txt'), directory), 'utf8')
    const expected = JSON.parse(readFileSync(new URL(name.replace('.txt', '.expected.json'), directory), 'utf8')) as Expected
    const result = clean(input)
    const inputLines = input.split(/\r?\n/)

    it('comes out byte-exact', () => {
      expect(result.text).toBe(expectedText)
    })

    it('finds the title', () => {
      expect(result.title).toBe(expected.hasTitle ? expected.title : null)
    })

    it('removes exactly the expected lines, by category', () => {
      const actual = result.removed.map((removal) => ({lines: [removal.startLine, removal.endLine], category: removal.category}))
      const wanted = expected.removed.map((removal) => ({lines: trimBlankEdges(inputLines, removal.lines), category: removal.category}))
      expect(actual).toEqual(wanted)
    })

    it('reports removed text that is exactly the original slice', () => {
      for (const removal of result.removed) {
        expect(input.slice(removal.start, removal.end)).toBe(removal.text)
      }
      const nonBlank = (text: string) => text.split('\n').filter((line) => line.trim() !== '')
      expect(result.removed.flatMap((removal) => nonBlank(removal.text))).toEqual(expected.removed.flatMap((removal) => nonBlank(removal.text)))
    })
  })
})
