/**
 * The one table printer behind the run summary, `decruft rules`, `decruft diff --stat` and the
 * evaluation tables.
 */

import {describe, expect, it} from 'vitest'
import {markdownTable} from '../src/eval/format.js'
import {table} from '../src/report/summary.js'
import {textTable} from '../src/rulebook/format.js'
import {formatTable} from '../src/text/table.js'

const header = ['rule', 'removals', 'note']
const rows = [
  ['en/read-also', '12', 'teaser'],
  ['core/agency-credit', '3', '']
]

describe('formatTable', () => {
  it('indents by two spaces, separates columns by two, and aligns the first column left and the others right by default', () => {
    expect(formatTable(header, rows)).toBe(
      ['  rule                removals    note', '  en/read-also              12  teaser', '  core/agency-credit         3        '].join('\n')
    )
  })

  it('aligns columns as asked and trims the spaces a left-aligned last column leaves', () => {
    expect(formatTable(header, rows, {align: (column) => (column === 1 ? 'right' : 'left'), trimEnd: true})).toBe(
      ['  rule                removals  note', '  en/read-also              12  teaser', '  core/agency-credit         3'].join('\n')
    )
  })

  it('writes a Markdown table whose columns line up', () => {
    expect(formatTable(header, rows, {style: 'markdown'})).toBe(
      ['| rule               | removals | note   |', '| ------------------ | -------- | ------ |', '| en/read-also       | 12       | teaser |', '| core/agency-credit | 3        |        |'].join('\n')
    )
  })

  it('is what the summary, rules and evaluation tables print', () => {
    expect(table(header, rows)).toBe(formatTable(header, rows))
    expect(textTable(header, rows, [1])).toBe(formatTable(header, rows, {align: (column) => (column === 1 ? 'right' : 'left'), trimEnd: true}))
    expect(markdownTable(header, rows)).toBe(formatTable(header, rows, {style: 'markdown'}))
  })
})
