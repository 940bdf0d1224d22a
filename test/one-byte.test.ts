import {readdirSync, readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createSharedLines, DocumentContext, ONE_BYTE_FORMS_FROM} from '../src/engine/document.js'
import {toLanguage} from '../src/language.js'
import {splitLines} from '../src/text/lines.js'
import {foldText, labelOfFolded} from '../src/text/normalize.js'
import {hasWideCharacters, oneByteCopy} from '../src/text/one-byte.js'

const seeds = new URL('../fixtures/seeds/', import.meta.url)
const seedTexts = readdirSync(seeds)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.clean.txt'))
  .sort()
  .map((name) => readFileSync(new URL(name, seeds), 'utf8'))

describe('one-byte copies of the forms kept per line', () => {
  it('are equal to what they copy, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom('a', 'Z', ' ', 'é', 'ß', '\u00ff', '\u0100', '’', '—', 'ș', '😀', '\n')}), (text) => {
        // A two-byte string (a slice of one with a character past U+00FF), as a line of such a text is.
        const twoByte = `\u0100${text}`.slice(1)
        expect(oneByteCopy(twoByte)).toBe(text)
        expect(oneByteCopy(text)).toBe(text)
        expect(hasWideCharacters(text)).toBe([...text].some((character) => character.codePointAt(0)! > 0xff))
      })
    )
  })

  it('give a large two-byte document the same folded forms and labels as each line’s own', () => {
    // Over the threshold, and two-byte: the seeds hold characters past U+00FF.
    let text = ''
    for (let round = 0; text.length < ONE_BYTE_FORMS_FROM + 1000; round++) text += seedTexts[round % seedTexts.length] + '\n\n'
    expect(hasWideCharacters(text)).toBe(true)
    const {lines} = splitLines(text)
    const shared = createSharedLines(lines.length)
    const document = new DocumentContext({text, lines, paragraphs: lines.map(() => undefined), language: toLanguage('en'), shared})
    for (let index = 0; index < lines.length; index++) {
      if (lines[index].blank) continue
      expect(document.folded(index)).toBe(foldText(lines[index].text))
      expect(document.label(index)).toBe(labelOfFolded(foldText(lines[index].text)))
    }
    expect(shared.oneByteForms).toBe(true)
  })

  it('are not made for a small document', () => {
    const text = seedTexts.find((seed) => hasWideCharacters(seed))!
    const {lines} = splitLines(text)
    const shared = createSharedLines(lines.length)
    const document = new DocumentContext({text, lines, paragraphs: lines.map(() => undefined), language: toLanguage('en'), shared})
    document.folded(lines.findIndex((line) => !line.blank))
    expect(shared.oneByteForms).toBe(false)
  })
})
