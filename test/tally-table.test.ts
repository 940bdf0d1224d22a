import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {addTally, emptySum, lineTally, type LineTally} from '../src/classifier/features.js'
import {TallyTable} from '../src/classifier/tally-table.js'
import {toLanguage} from '../src/language.js'
import {parseLineCompact} from '../src/parse.js'
import {splitLines} from '../src/text/lines.js'

const count = fc.nat({max: 100_000})
const tally = fc.record({chars: count, cjk: count, digits: count, links: count, separators: count, words: count, stop: count, capitals: count, sentences: count, letters: count, upper: count, punctuation: count})

describe('a table of the classifier’s line tallies', () => {
  it('adds up each kept line’s tally as the tally itself would, past the first chunk of rows', () => {
    fc.assert(
      fc.property(fc.array(tally, {minLength: 1, maxLength: 8}), fc.integer({min: 0, max: 70_000}), (tallies, skip) => {
        // Enough rows before these to put some of them in a second chunk (65,536 rows each).
        const table = new TallyTable(skip + tallies.length)
        const filler = tallies[0]
        for (let line = 0; line < skip; line++) table.add(line, filler)
        const rows = tallies.map((each, at) => table.add(skip + at, each))
        expect(rows).toEqual(tallies.map((_, at) => skip + at))
        const fromTable = emptySum(tallies.length)
        const direct = emptySum(tallies.length)
        tallies.forEach((each, at) => {
          expect(table.row(skip + at)).toBe(rows[at])
          table.addTo(fromTable, rows[at])
          addTally(direct, each)
        })
        expect(fromTable).toEqual(direct)
      }),
      {numRuns: 40}
    )
  })

  it('holds a row for every line of a small document in one chunk of its size', () => {
    const table = new TallyTable(5)
    const tallies = [3, 1, 4, 0, 2].map((line) => ({line, tally: {...emptySum(1), words: line + 1}}))
    for (const {line, tally} of tallies) table.add(line, tally)
    for (const {line, tally} of tallies) {
      const sum = emptySum(1)
      table.addTo(sum, table.row(line))
      expect(sum).toEqual(tally)
    }
  })

  it('has no row for a line it was never given', () => {
    const table = new TallyTable(3)
    table.add(1, emptySum(1))
    expect([table.row(0), table.row(1), table.row(2)]).toEqual([-1, 0, -1])
  })

  it('gives back what real lines count, a menu, prose, a link and a prompt', () => {
    const text = 'Home | News | Sport\n\nThe council approved the new budget on Tuesday after a long debate about schools.\n\nRead more: https://example.com/budget\n\nMembers said the plan would be reviewed in the spring, and that taxes would not rise.\n\nShare this article\n'
    const english = toLanguage('en')
    const {lines} = splitLines(text)
    const kept = new TallyTable(lines.length)
    const expected: LineTally[] = []
    for (const line of lines) {
      if (line.blank) continue
      const counted = lineTally(parseLineCompact(line, english), line.text, undefined)
      kept.add(line.index, counted)
      expected.push(counted)
    }
    const sums = lines.filter((line) => !line.blank).map((line) => {
      const sum = emptySum(1)
      kept.addTo(sum, kept.row(line.index))
      return sum
    })
    expect(sums).toEqual(expected)
    expect(expected.map((each) => [each.separators, each.links, each.words])).toEqual([[2, 0, 3], [0, 0, 14], [0, 1, 5], [0, 0, 16], [0, 0, 3]])
  })
})
