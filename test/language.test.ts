/**
 * The document's language: franc reads a sample of the text's prose from its start, middle and end
 * (not its longest lines), once per document.
 */

import {describe, expect, it} from 'vitest'
import {iso6393To1} from 'iso-639-3'
import {createCleaner} from '../src/index.js'
import {toLanguage} from '../src/language.js'
import {detectLanguage} from '../src/text/franc.js'
import {ISO_639_3_TO_1} from '../src/text/language-codes.js'

const subjects = ['The city council', 'The finance committee', 'The regional health board', 'The school district', 'The transport authority', 'The mayor’s office', 'A group of residents']
const verbs = ['approved', 'rejected', 'postponed a vote on', 'asked for changes to', 'published the details of', 'started a review of']
const objects = ['the budget for next year', 'the plan for new cycle lanes', 'the contract for the night buses', 'the proposal to close two libraries', 'the report on housing costs']
const tails = ['after a debate that lasted late into the evening.', 'and said it would return to the question in the autumn.', 'although several members said they had doubts.', 'but gave no details about what would happen next.']

/** About `size` characters of English paragraphs, no two alike. */
function englishArticle(size: number): string[] {
  const paragraphs: string[] = []
  let length = 0
  for (let n = 0; length < size; n++) {
    const pick = <T>(list: T[], k: number) => list[Math.floor(n / k) % list.length]
    const paragraph = `${pick(subjects, 1)} ${pick(verbs, 7)} ${pick(objects, 42)} ${pick(tails, 210)} It was meeting number ${n} this year, officials said.`
    paragraphs.push(paragraph)
    length += paragraph.length + 2
  }
  return paragraphs
}

/** A list of personal names from several countries, longer than any paragraph. */
const names = ['Jan de Vries', 'Pieter van der Merwe', 'Hans Müller', 'Giovanni Rossi', 'María García', 'Jean Dupont', 'Piet Botha', 'Kees Jansen', 'Sven Andersson', 'Wojciech Kowalski', 'Annelie Steyn', 'Johan Koekemoer']
const nameList = Array.from({length: 1200}, (_, index) => names[(index * 7) % names.length]).join(', ')

describe('the language of a document', () => {
  it('is English for a 1 MB English article whose longest line is a list of names, and the English rules clean it', () => {
    // The list alone does not read as English: the longest line is not the text's language.
    expect(detectLanguage(nameList.slice(0, 2048)).code).not.toBe('en')
    const paragraphs = englishArticle(1_000_000)
    paragraphs.splice(paragraphs.length / 2, 0, `Signed by: ${nameList}`)
    paragraphs.splice(40, 0, 'Get our morning briefing in your inbox')
    const text = `${paragraphs.join('\n\n')}\n`
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(Math.max(...paragraphs.map((paragraph) => paragraph.length))).toBe(nameList.length + 'Signed by: '.length)

    const cleaner = createCleaner({
      extends: ['recommended'],
      rules: [{id: 'test/en-briefing', kind: 'line', category: 'promo', description: 'an English-only newsletter line', phrases: ['Get our morning briefing in your inbox'], when: {lang: ['en']}}]
    })
    const {result, file} = cleaner.cleanFile(text)
    expect(result.lang).toBe('en')
    expect(file.data.language?.iso6393).toBe('eng')
    expect(result.removed.map((removal) => removal.rule)).toContain('test/en-briefing')
    expect(result.text).toContain('Signed by: ')
  }, 120_000)
})

describe('language codes', () => {
  it('are the iso-639-3 package\'s pairs of ISO 639-3 and 639-1 codes, every one', () => {
    expect(Object.fromEntries(ISO_639_3_TO_1)).toEqual(iso6393To1)
  })

  it('read either form of a code, in any case, and keep an unknown one as it is', () => {
    expect(toLanguage('de')).toEqual({iso6393: 'deu', code: 'de'})
    expect(toLanguage('DEU')).toEqual({iso6393: 'deu', code: 'de'})
    expect(toLanguage(' pl ')).toEqual({iso6393: 'pol', code: 'pl'})
    // franc names individual languages where ISO 639-1 has only their macrolanguage.
    expect(toLanguage('cmn')).toEqual({iso6393: 'cmn', code: 'zh'})
    expect(toLanguage('nob')).toEqual({iso6393: 'nob', code: 'nb'})
    // Languages without a 639-1 code keep their 639-3 code, and so does a code nobody assigned.
    expect(toLanguage('fil')).toEqual({iso6393: 'fil', code: 'fil'})
    expect(toLanguage('qqq')).toEqual({iso6393: 'qqq', code: 'qqq'})
    expect(toLanguage('und')).toEqual({iso6393: 'und', code: 'und'})
    // Names of an object's own machinery are codes like any other.
    expect(toLanguage('constructor')).toEqual({iso6393: 'constructor', code: 'constructor'})
  })
})

