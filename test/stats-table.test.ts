import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {StatsTable} from '../src/engine/stats-table.js'
import {DocumentContext, createSharedLines} from '../src/engine/document.js'
import {toLanguage} from '../src/language.js'
import {LineParses, parseArena} from '../src/parse.js'
import {statsOf} from '../src/stats.js'
import {splitLines} from '../src/text/lines.js'

describe('a table of lines’ stats', () => {
  it('gives back what was set for each line, and nothing for a line never set', () => {
    const stats = fc.record({chars: fc.nat(), words: fc.nat(), sentences: fc.nat(), terminal: fc.boolean()})
    fc.assert(
      fc.property(fc.array(fc.option(stats, {nil: undefined}), {maxLength: 30}), (lines) => {
        const table = new StatsTable(lines.length)
        lines.forEach((line, index) => line && table.set(index, line))
        lines.forEach((line, index) => expect(table.get(index)).toEqual(line))
      })
    )
  })

  it('holds what a document reads of each line, in every pass that shares it', () => {
    const text = 'Title of the page\n\nA first paragraph. It has two sentences!\n\n   \nShare this\nThe end of it all...\n'
    const {lines} = splitLines(text)
    const language = toLanguage('en')
    const parses = new LineParses(parseArena(text, lines, language), lines)
    const shared = createSharedLines(lines.length)
    for (let pass = 0; pass < 2; pass++) {
      const document = new DocumentContext({text, lines, paragraphs: (position) => parses.get(position), language, shared, parsedWith: 'parsed'})
      for (const line of lines) {
        const expected = line.blank ? {chars: 0, words: 0, sentences: 0, terminal: false} : statsOf(parses.get(line.index)!.counts(), line.text)
        expect(document.stats(line.index)).toEqual(expected)
      }
    }
    expect(shared.stats.get('parsed')!.get(2)).toEqual({chars: 40, words: 7, sentences: 2, terminal: true})
  })
})
