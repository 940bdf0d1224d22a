import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createSharedLines, DocumentContext, KEPT_FOLDED_LENGTH} from '../src/engine/document.js'
import {toLanguage} from '../src/language.js'
import {splitLines, type Line} from '../src/text/lines.js'
import {hashText} from '../src/text/hash.js'
import {foldText, labelOfFolded} from '../src/text/normalize.js'

const prose = 'the same long line of prose, '.repeat(9)
// Two long lines whose folded forms (themselves) differ but hash alike.
const collision = [`${prose}ieowqaa`, `${prose}wxaaaba`]
// Lines that read the same with other texts (case, whitespace, look-alike letters), short and long.
const pieces = ['Read more', 'READ   MORE', '— Read more —', prose, prose.toUpperCase(), `  ${prose}`, `${prose}x`, `Ş${prose}`, `ș${prose}`, `— ${prose} —`, ...collision, '', '  ']

/** The document's lines, with some of them in a later pass's view cut (modified) to another piece. */
function views(texts: string[], cuts: Array<[number, number]>): {text: string; lines: Line[]; view: Line[]} {
  const text = texts.join('\n')
  const {lines} = splitLines(text)
  const view = [...lines]
  for (const [at, piece] of lines.length > 0 ? cuts : []) {
    const line = lines[at % lines.length]
    const cut = pieces[piece % pieces.length]
    if (!line.blank && cut.trim()) view[at % lines.length] = {...line, text: cut, modified: true}
  }
  return {text, lines, view}
}

describe('folded forms', () => {
  it('collide in hash for the two lines the test counts on', () => {
    expect(collision[0]).not.toBe(collision[1])
    expect(hashText(collision[0])).toBe(hashText(collision[1]))
    expect(foldText(collision[0])).toBe(collision[0])
  })

  it('read the same in every pass, long ones made again, and find the lines that read the same', () => {
    const piece = fc.nat({max: pieces.length - 1}).map((index) => pieces[index])
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 14}), fc.array(fc.tuple(fc.nat(), fc.nat()), {maxLength: 4}), (texts, cuts) => {
        const {text, lines, view} = views(texts, cuts)
        const shared = createSharedLines(lines.length)
        for (const [pass, passLines] of [lines, view].entries()) {
          const document = new DocumentContext({text, lines: passLines, paragraphs: passLines.map(() => undefined), language: toLanguage('en'), shared, pass: pass + 1})
          const positions = passLines.flatMap((line, position) => (line.blank ? [] : [position]))
          const forms = positions.map((position) => foldText(passLines[position].text))
          for (const [at, position] of positions.entries()) {
            expect(document.folded(position)).toBe(forms[at])
            expect(document.label(position)).toBe(labelOfFolded(forms[at]))
            expect(document.labelLength(position)).toBe(labelOfFolded(forms[at]).length)
            for (const [other, otherPosition] of positions.entries()) expect(document.same(position, otherPosition)).toBe(forms[at] === forms[other])
          }
          expect([...document.firstSame(positions)]).toEqual(forms.map((form) => forms.indexOf(form)))
        }
        // Only short forms are kept across passes.
        for (const line of lines) {
          const kept = shared.folded[line.index]
          if (kept !== undefined) expect(kept.length).toBeLessThanOrEqual(KEPT_FOLDED_LENGTH)
          if (!line.blank && foldText(line.text).length > KEPT_FOLDED_LENGTH) expect(kept).toBeUndefined()
        }
      })
    )
  })
})
