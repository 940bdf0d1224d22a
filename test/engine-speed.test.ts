/**
 * The engine's fast paths give exactly what the slow ones gave: the case fold the prefilter
 * compares in, franc's language, the required literals and anchored prefixes of rule patterns, the
 * matcher index against plain matchers, the block parsers against parse-latin and parse-english,
 * and the compact line parses (read without a tree, `text/segment.ts`) against NLCST paragraphs.
 */

import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {franc} from 'franc'
import {expressions} from '../src/text/franc-data.js'
import {describe, expect, it} from 'vitest'
import {loadConfig, resolveConfig} from '../src/config/resolve.js'
import {anchoredPrefixes, requiredLiterals} from '../src/engine/literals.js'
import {createMatcher, MatcherIndex, type MatchSource} from '../src/engine/matcher.js'
import {paragraphWords, parseLine, parseLineCompact} from '../src/parse.js'
import {lineTally} from '../src/classifier/features.js'
import {stopwordsFor} from '../src/classifier/stopwords.js'
import {caseFold, foldCharacter, isAscii} from '../src/text/fold.js'
import {francLanguage, sampleTrigrams} from '../src/text/franc.js'
import {collapsedLength, collapseWhitespace, foldText, normalizeLabel} from '../src/text/normalize.js'
import {DocumentContext} from '../src/engine/document.js'
import {splitLines} from '../src/text/lines.js'
import {compileRules} from '../src/engine/compile.js'
import {indexOf} from '../src/engine/matcher.js'
import type {Paragraph} from 'nlcst'
import type {Node} from 'unist'
import {ParseEnglish} from 'parse-english'
import {ParseLatin} from 'parse-latin'
import {blockParser} from '../src/text/block-parsers.js'
import {languageSample, proseLevel} from '../src/language.js'
import {similarity} from '../src/kinds/duplicate.js'
import {createOutcome, outputView} from '../src/engine/outcome.js'
import {createCleaner} from '../src/cleaner.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const seeds = path.join(root, 'fixtures', 'seeds')
const seedTexts = readdirSync(seeds)
  .filter((name) => /^\d{3}_[0-9a-f]+\.txt$/.test(name))
  .map((name) => readFileSync(path.join(seeds, name), 'utf8'))
const seedLines = seedTexts.flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '')
const config = loadConfig({cwd: root})
const definitions = config.rules.map(({definition}) => definition)
const examples = definitions.flatMap((definition) => [...(definition.examples?.removes ?? []), ...(definition.examples?.keeps ?? [])]).flatMap((example) => example.split('\n'))
const lines = [...new Set([...seedLines, ...examples])]

function sourceOf(text: string): MatchSource {
  return {text, collapsed: collapseWhitespace(text), folded: foldText(text), label: normalizeLabel(text)}
}

describe('caseFold', () => {
  it('folds alike every two characters a case-insensitive Unicode expression takes for the same', () => {
    const cased: string[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const character = String.fromCodePoint(code)
      if (character.toLowerCase() !== character || character.toUpperCase() !== character || foldCharacter(character) !== character) cased.push(character)
    }
    const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
    const alike: string[] = []
    for (const character of cased) {
      const expression = new RegExp(`^${escape(character)}$`, 'iu')
      for (const other of cased) if (expression.test(other) && foldCharacter(other) !== foldCharacter(character)) alike.push(`${character} ${other}`)
    }
    expect(alike).toEqual([])
    expect(caseFold('ſHARE Ⓚ KELVIN')).toBe(caseFold('share ⓚ kelvin'))
  })

  it('folds a text as its characters one by one, whether or not that is its lower case', () => {
    const byCharacter = (text: string) => [...text].map(foldCharacter).join('')
    // Every code point of the BMP and the cased ones beyond it, between other letters.
    for (let code = 0x80; code <= 0x1ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const text = `Ab${String.fromCodePoint(code)}Éz`
      expect(caseFold(text), code.toString(16)).toBe(byCharacter(text))
    }
    // Mixed: letters whose fold is not their lower case (ſ ς ϑ ẞ ΐ ﬅ), Σ that lower-cases to ς at a
    // word's end, İ with its two-unit lower case, astral and lone surrogates.
    const piece = fc.constantFrom('a', 'Q', 'é', 'Ä', 'ß', 'ẞ', 'ſ', 'ς', 'σ', 'Σ', 'ΣΑ', 'ϑ', 'ΐ', 'ΐ', 'ﬅ', 'İ', 'K', 'Ω', '𐐀', '𐐨', '😀', '\uD800', '\uDC00', ' ', '.', '1')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}), (parts) => {
        const text = parts.join('')
        expect(caseFold(text)).toBe(byCharacter(text))
      }),
      {numRuns: 3000}
    )
  })
})

describe('ASCII fast paths', () => {
  it('fold ASCII text as the character-by-character fold and the full normal form do', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary-ascii', maxLength: 60}), (text) => {
        expect(caseFold(text)).toBe([...text].map(foldCharacter).join(''))
        expect(foldText(text)).toBe(collapseWhitespace(text.normalize('NFC').toLowerCase()))
      }),
      {numRuns: 3000}
    )
  })

  it('give a text whose collapsed form is ASCII the same normal form and case fold (the prefilter scans the first as the second)', () => {
    // Whitespace that is not ASCII (no-break, en quad, ideographic, zero width) is collapsed away.
    const piece = fc.constantFrom('a', 'B', 'I', 'Z', '.', '-', '1', ' ', '  ', '\t', '\u00a0', '\u2000', '\u2001', '\u2028', '\u3000', '\u200b', '\ufeff')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 20}), (parts) => {
        const text = parts.join('')
        const collapsed = collapseWhitespace(text)
        fc.pre(isAscii(collapsed))
        expect(caseFold(collapsed)).toBe(foldText(text))
      }),
      {numRuns: 5000}
    )
  })
})

describe('normal forms', () => {
  it('collapse whitespace and strip label edges as the expressions do', () => {
    const whitespace = /[\s\u200B\u200C\u200D\u2060\uFEFF]+/gu
    const edge = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu
    const alphabet = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u200b', '\ufeff', 'a', 'B', '.', '-', '»', '😀', '\ud800', '\udc00', 'ș', '\u2028', '\u3000', '1', '©', '\u0085')
    fc.assert(
      fc.property(fc.array(alphabet, {maxLength: 12}).map((parts) => parts.join('')), (text) => {
        const collapsed = text.replace(whitespace, ' ').trim()
        return collapseWhitespace(text) === collapsed && collapsedLength(text) === collapsed.length && normalizeLabel(text) === foldText(text).replace(edge, '')
      }),
      {numRuns: 20000}
    )
  })
})

describe('similarity', () => {
  it('is the Sørensen–Dice coefficient over bigrams of code units', () => {
    // The definition, with each bigram as a string.
    const dice = (a: string, b: string) => {
      if (a === b) return 1
      if (a.length < 2 || b.length < 2) return 0
      const counts = new Map<string, number>()
      for (let i = 0; i < a.length - 1; i++) counts.set(a.slice(i, i + 2), (counts.get(a.slice(i, i + 2)) ?? 0) + 1)
      let shared = 0
      for (let i = 0; i < b.length - 1; i++) {
        const count = counts.get(b.slice(i, i + 2)) ?? 0
        if (count > 0) {
          shared++
          counts.set(b.slice(i, i + 2), count - 1)
        }
      }
      return (2 * shared) / (a.length + b.length - 2)
    }
    // Two different bigrams that a careless key would confuse: (1, 0x61) and (0, 0x161).
    expect(similarity('\u0001a', '\u0000\u0161')).toBe(0)
    const text = fc.array(fc.constantFrom('a', 'b', 'ab', ' ', 'ä', 'é', '😀', '\ud83d', '\uffff', '\u8000', 'x', '\u0000', '\u0001', '\u0161'), {maxLength: 12}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(similarity(a, b)).toBe(dice(a, b))
      }),
      {numRuns: 5000}
    )
  })
})

describe('languageSample', () => {
  const sentence = 'The council approved the budget on Tuesday after a long debate about buses.'
  it('takes whole sentences first, in text order, and the other lines only to fill the room left', () => {
    expect(languageSample(['Home', 'News', '', sentence, 'Share this', 'Officials gave no details about the agreements'])).toBe(
      `${sentence}\nOfficials gave no details about the agreements\nHome\nNews\nShare this`
    )
    // Names, headings and numbers are not prose.
    expect(proseLevel('Jan de Vries, Hans Müller, María García, Piet Botha, Sven Andersson')).toBe(0)
    expect(proseLevel('The Ten Best Places To Eat In Town This Summer')).toBe(0)
    expect(proseLevel('12.03.2024 | 14:55 | 3 min')).toBe(0)
    expect(proseLevel(sentence)).toBe(2)
    expect(proseLevel('„Wir dürfen die Mieter nicht allein lassen“, sagte sie.')).toBe(2)
  })

  it('is at most 2,048 characters, from the start, the middle and the end of a long text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('', 'Menu', sentence), fc.string({maxLength: 300})), {maxLength: 200}), (lines) => {
        expect(languageSample(lines).length).toBeLessThanOrEqual(2048)
      }),
      {numRuns: 1000}
    )
    const marked = (mark: string) => Array.from({length: 100}, () => `${sentence.replace('buses', mark)}`)
    const sample = languageSample([...marked('start'), ...marked('middle'), ...marked('end')])
    for (const mark of ['start', 'middle', 'end']) expect(sample).toContain(mark)
    // One huge line: pieces of it from several places, cut at words.
    const line = [...marked('start'), ...marked('middle'), ...marked('end')].join(' ')
    const pieces = languageSample([line]).split('\n')
    expect(pieces.length).toBe(8)
    for (const mark of ['start', 'middle', 'end']) expect(pieces.some((piece) => piece.includes(mark))).toBe(true)
    for (const piece of pieces) expect(line.includes(piece) && /^\S/.test(piece) && /\S$/.test(piece)).toBe(true)
  })
})

describe('francLanguage', () => {
  it("gives franc's answer", () => {
    const samples = [...seedTexts.map((text) => text.slice(0, 2048)), ...seedLines]
    for (const sample of samples) expect(francLanguage(sample)).toBe(franc(sample, {minLength: 10}))
    const pieces = ['hello ', 'der die das ', 'Привет мир ', '日本語 ', '中文字 ', '😀', '\ud83d', '\ude00', '𠀀', 'ά', 'אבג ', 'عربي ', 'हिन्दी ', '  ', '12', '.', 'ñ', 'ş', 'DER ', 'İ', 'ΑΣ', 'Σ.', 'σ', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '@', '[', 'Ÿ']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), {minLength: 3, maxLength: 30}), (parts) => {
        const sample = parts.join('')
        return francLanguage(sample) === franc(sample, {minLength: 10})
      }),
      {numRuns: 2000}
    )
  })

  it("counts the trigrams of the sample as trigram-utils cleans it", () => {
    // trigram-utils' clean: ASCII punctuation, digits and symbols to spaces, white space collapsed,
    // trimmed, lower case; then padded with a space at each end.
    const expected = (sample: string) => {
      const padded = ` ${sample.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `
      const counts = new Map<string, number>()
      for (let index = 0; index + 3 <= padded.length; index++) counts.set(padded.slice(index, index + 3), (counts.get(padded.slice(index, index + 3)) ?? 0) + 1)
      return [...counts].sort()
    }
    // The capital sigma lowers to ς at a word's end, and a removed full stop or digit changes where that is.
    for (const sample of ['ΟΔΟΣ.ΑΘΗΝΑ', 'ΟΔΟΣ1Α', 'Σ.Α', ' \t12 Ab\u00a0\u00a0cD. ', '', '..', 'İstanbul']) expect([...sampleTrigrams(sample)].sort()).toEqual(expected(sample))
    // Every code unit, between two letters: the spaces, the removed ASCII characters and the others.
    for (let code = 0; code < 0x10000; code++) {
      const sample = `ab${String.fromCharCode(code)}cd`
      if (code < 0xd800 || code > 0xdfff) expect([...sampleTrigrams(sample)].sort(), sample).toEqual(expected(sample))
    }
    const pieces = ['ab', 'AB', 'ΑΣ', 'Σ', '.', "'", '1', ' ', '\t', '\u00a0', '\u2028', '\ufeff', 'İ', 'ß', 'ñ', '😀']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 20}), (parts) => {
        const sample = parts.join('')
        expect([...sampleTrigrams(sample)].sort()).toEqual(expected(sample))
      }),
      {numRuns: 2000}
    )
  })

  it('counts script matches as franc does: no script expression matches a lone surrogate', () => {
    for (const expression of Object.values(expressions)) {
      const anchored = new RegExp(`^(?:${expression.source})`, expression.flags.includes('u') ? 'u' : '')
      for (let code = 0xd800; code <= 0xdfff; code++) expect(anchored.exec(String.fromCharCode(code))?.[0].length ?? 0).not.toBe(1)
    }
  })
})

describe('the prefilter of rule patterns', () => {
  const patterns = [...new Set(definitions.flatMap((definition) => definition.patterns ?? []))]

  it('finds literals for every built-in pattern, and they never rule out a line the pattern matches', () => {
    const missed: string[] = []
    for (const pattern of patterns) {
      const expression = new RegExp(pattern, 'iu')
      const prefixes = anchoredPrefixes(pattern)
      const literals = requiredLiterals(pattern)
      expect(prefixes ?? literals, pattern).not.toBeNull()
      for (const line of lines) {
        const subject = collapseWhitespace(line)
        if (!expression.test(subject)) continue
        const folded = caseFold(subject)
        if (prefixes && !prefixes.some((prefix) => folded.startsWith(prefix))) missed.push(`${pattern} starts ${line}`)
        if (literals && !literals.some((literal) => folded.includes(literal))) missed.push(`${pattern} contains ${line}`)
      }
    }
    expect(missed).toEqual([])
  })

  it('never rules out a collapsed line that a pattern with white space, classes and open parts matches', () => {
    const patterns = [
      '\\S\\s*[/|]\\s*(?:ap|pa|getty(?:\\s+images)?)(?:\\s*/\\s*\\S+)*$',
      '(?:^|[\\s.])(?:\\(|\\|\\s*|[-–/]\\s*)?(?:foto|bild)\\s*:\\s*\\S',
      '^\\s*(?:lees|read)\\s+(?:ook|also)\\b',
      'a[\\s\\u00A0]+b|x[\\s-]y',
      '\\bp\\s?a\\s{0,3}g\\s{1,2}e',
      '(?:\\d+\\s*)+%\\s+off',
      '[^\\s]\\s\\s?[|]',
      // Optional parts too varied to spell out, before the part every match has.
      '^(?:(?:foto|bild|image|photo|picture|credit)\\s*[:.]?)?\\s*(?:©\\s*)?(?:getty|ap|pa)(?:\\s*/\\s*\\S+)?$',
      '^(?:[-–]\\s*\\S)*\\s*read'
    ]
    const piece = fc.constantFrom('a', 'b', 'x', 'y', 'p', 'g', 'e', 'Ap', 'PA', 'Getty', 'images', 'foto', 'Bild', 'Credit', '©', 'read', 'also', 'lees', 'ook', '1', '%', 'off', ' ', '  ', '\t', '\u00a0', '\u200b', '/', '|', ':', '-', '–', '(', '.')
    const compiled = patterns.map((pattern) => ({expression: new RegExp(pattern, 'iu'), literals: requiredLiterals(pattern), prefixes: anchoredPrefixes(pattern)}))
    for (const {literals, prefixes} of compiled) expect(literals ?? prefixes).not.toBeNull()
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 16}), (parts) => {
        const subject = collapseWhitespace(parts.join(''))
        const folded = caseFold(subject)
        for (const {expression, literals, prefixes} of compiled) {
          if (!expression.test(subject)) continue
          if (literals) expect(literals.some((literal) => folded.includes(literal)), `${expression} ${JSON.stringify(subject)}`).toBe(true)
          if (prefixes) expect(prefixes.some((prefix) => folded.startsWith(prefix)), `${expression} ${JSON.stringify(subject)}`).toBe(true)
        }
      }),
      {numRuns: 20000}
    )
  })

  it('reads literals, classes, groups, repeats and anchors', () => {
    // White space is the one space of a collapsed line: `\s*` is "" or " ", `\s+` is " ".
    expect(requiredLiterals('^(?:read also|see also)\\s*:\\s*\\S.{0,200}$')?.sort()).toEqual(['read also :', 'read also:', 'see also :', 'see also:'])
    expect(anchoredPrefixes('^(?:read also|see also)\\s*:')?.sort()).toEqual(['read also :', 'read also:', 'see also :', 'see also:'])
    expect(anchoredPrefixes('(?:^|\\s)foto')).toBeNull()
    expect(anchoredPrefixes('^(?:[-–•]\\s*)?updated')?.sort()).toEqual(['- updated', '-updated', 'updated', '– updated', '–updated', '• updated', '•updated'])
    // An optional part too varied to spell out: a match starts as it does, or as what follows it;
    // a collapsed line starts with no space, and a prefix that starts with another adds nothing.
    expect(anchoredPrefixes('^(?:(?:foto|bild|image|photo|picture|credit)\\s*[:.]?)?\\s*(?:©\\s*)?(?:getty|ap|reuters)\\b')?.sort()).toEqual(
      ['ap', 'bild', 'credit', 'foto', 'getty', 'image', 'photo', 'picture', 'reuters', '© ap', '© getty', '© reuters', '©ap', '©getty', '©reuters']
    )
    expect(anchoredPrefixes('^\\s*(?:lees|read)\\s+(?:ook|also)\\b')?.sort()).toEqual(['lees also', 'lees ook', 'read also', 'read ook'])
    // A required string that contains another is left out.
    expect(requiredLiterals('^(?:[-–•]\\s*)?updated')).toEqual(['updated'])
    expect(requiredLiterals('a[\\s\\u00A0]+b')).toEqual(['a b'])
    expect(requiredLiterals('picture[\\s-]alliance')?.sort()).toEqual(['picture alliance', 'picture-alliance'])
    // What stands right before an open part joins its prefixes: "/ap", not "ap".
    expect(requiredLiterals('\\S\\s*[/|]\\s*(?:ap|getty)(?:\\s+images)?\\b.*')?.sort()).toEqual(['/ ap', '/ getty', '/ap', '/getty', '| ap', '| getty', '|ap', '|getty'])
    expect(requiredLiterals('\\bcopyright\\b.{0,20}(?:inc|llc)')).toEqual(['copyright'])
    expect(requiredLiterals('citește [sș]i')?.sort()).toEqual(['citește si', 'citește și'])
    expect(requiredLiterals('.*')).toBeNull()
    expect(requiredLiterals('(a)\\1')).toEqual(['a'])
    expect(requiredLiterals('KELVIN')).toEqual(['kelvin'])
  })

  it('names exactly the phrases a text contains, over texts that mix ASCII and other letters', () => {
    // Overlapping phrases, phrases that end inside others, non-ASCII letters before, inside and
    // after ASCII ones, and characters in no phrase: the automaton's table over character classes
    // must give what a search for each phrase gives.
    const phrases = ['ab', 'bab', 'aaa', 'ä', 'aä', 'äb a', 'b ș', 'ș', 'ßa', 'ſb']
    const index = new MatcherIndex(phrases.map((phrase) => createMatcher({phrases: [phrase], match: 'contains'})))
    const keys = phrases.map((phrase) => foldText(phrase))
    const letter = fc.constantFrom('a', 'b', 'A', ' ', '.', 'ä', 'Ä', 'ș', 'ş', 'ß', 'ſ', '😀')
    fc.assert(
      fc.property(fc.array(letter, {maxLength: 30}), (parts) => {
        const source = sourceOf(parts.join(''))
        const found = [...new Set(index.hits(source))].sort((a, b) => a - b)
        const expected = keys.flatMap((key, slot) => (source.folded.includes(key) ? [slot] : []))
        expect(found).toEqual(expected)
      }),
      {numRuns: 3000}
    )
  })

  it('names exactly the anchored prefixes a text starts with and the labels it is', () => {
    // Prefixes that are prefixes of each other, with letters beyond ASCII; exact labels of several lengths.
    const prefixes = ['ab', 'abb', 'b ș', 'ä', 'ßa', 'a']
    const labels = ['ab', 'b a', 'äb', 'abab b']
    const matchers = [
      ...prefixes.map((prefix) => createMatcher({patterns: [`^${prefix}`]})),
      ...labels.map((label) => createMatcher({phrases: [label], match: 'exact'}))
    ]
    const index = new MatcherIndex(matchers)
    const letter = fc.constantFrom('a', 'b', 'A', ' ', '.', 'ä', 'Ä', 'ș', 'ß', '-', '😀')
    fc.assert(
      fc.property(fc.array(letter, {maxLength: 12}), (parts) => {
        const source = sourceOf(parts.join(''))
        const found = [...new Set(index.hits(source))].sort((a, b) => a - b)
        const folded = caseFold(source.collapsed)
        const expected = [
          ...prefixes.flatMap((prefix, slot) => (folded.startsWith(prefix) ? [slot] : [])),
          ...labels.flatMap((label, slot) => (source.label === label ? [prefixes.length + slot] : []))
        ]
        expect(found, JSON.stringify(source.text)).toEqual(expected)
      }),
      {numRuns: 5000}
    )
  })

  it('passes over exactly the lines longer than every indexed matcher is tried on', () => {
    const matcher = createMatcher({phrases: ['read more'], match: 'contains'})
    const index = new MatcherIndex([{matcher, maxChars: 24}])
    const piece = fc.constantFrom('Read more', ' ', '   ', '\u00a0', 'xy', 'é', '\t')
    fc.assert(
      fc.property(fc.array(fc.array(piece, {maxLength: 14}), {minLength: 1, maxLength: 6}), (texts) => {
        const text = texts.map((parts) => parts.join('')).join('\n')
        const {lines} = splitLines(text)
        const document = new DocumentContext({text, lines, paragraphs: lines.map(() => undefined), language: {iso6393: 'eng', code: 'en'}})
        for (const line of lines) {
          if (line.blank) continue
          const expected = collapseWhitespace(line.text).length <= index.longest && foldText(line.text).includes('read more')
          expect(document.mayMatch(line.index, matcher), JSON.stringify(line.text)).toBe(expected)
        }
      }),
      {numRuns: 2000}
    )
  })

  it('leaves out of the index the matchers it cannot rule out on any line: their lines are all lines, and no line lists them', () => {
    // A hundred rules of one pattern without a literal, as in `npm run bench`, beside a phrase rule:
    // the lines' hits name the phrase rule alone, however many such rules there are.
    const open = Array.from({length: 100}, (_, index) => createMatcher({patterns: [`^\\p{Lu}\\w{${2 + (index % 10)},}\\W\\d{${1 + Math.floor(index / 10)}}$`]}))
    const phrase = createMatcher({phrases: ['read more'], match: 'contains'})
    const index = new MatcherIndex([...open, phrase])
    for (const matcher of open) expect(indexOf(matcher)).toBeUndefined()
    expect(indexOf(phrase)?.index).toBe(index)
    expect(index.hits(sourceOf('Read more about it'))).toEqual([indexOf(phrase)!.slot])
    expect(index.hits(sourceOf('Berlin-2024'))).toEqual([])
    const text = 'Berlin-2024\nRead more about it\n\nNothing here'
    const {lines: split} = splitLines(text)
    const document = new DocumentContext({text, lines: split, paragraphs: split.map(() => undefined), language: {iso6393: 'eng', code: 'en'}})
    expect(document.candidateLines(open[0])).toEqual(split.map((line) => line.index))
    expect(document.candidateLines(phrase)).toEqual([1])
    // `^\\p{Lu}\\w{4,}\\W\\d{4}$`, tested though no line's hits name it.
    expect(open[32].test(sourceOf('Berlin-2024'))?.via).toMatch(/^pattern/)
    expect(open[32].test(sourceOf('Berlin-20245'))).toBeUndefined()
  })

  it("leaves inline rules out of a config's index, so that long lines are passed over", () => {
    const compiled = compileRules(config.rules)
    const lengths = compiled.flatMap(({rule}) => (rule.matcher && rule.kind !== 'inline' ? [rule.maxChars ?? 0] : []))
    const inline = compiled.filter(({rule}) => rule.kind === 'inline')
    expect(inline.length).toBeGreaterThan(0)
    for (const {rule} of inline) expect(indexOf(rule.matcher!)).toBeUndefined()
    const indexed = compiled.map(({rule}) => rule.matcher && indexOf(rule.matcher)).find((found) => found !== undefined)!
    expect(indexed.index.longest).toBe(Math.max(...lengths))
    expect(indexed.index.longest).toBeLessThan(Number.POSITIVE_INFINITY)
  })

  it('gives every matcher of a config the same answers as without the index', () => {
    const custom = resolveConfig({
      extends: ['recommended'],
      rules: [
        {id: 'x/prefix', kind: 'line', category: 'promo', description: 'prefix', phrases: ['Lesen Sie auch', 'Mehr zum Thema'], match: 'prefix'},
        {id: 'x/contains', kind: 'line', category: 'promo', description: 'contains', phrases: ['jetzt abonnieren', 'ſpecial'], match: 'contains'},
        {id: 'x/any', kind: 'line', category: 'noise', description: 'open pattern', patterns: ['\\d+\\s*%']},
        // No literal at all: out of the index, tried on every line.
        {id: 'x/open', kind: 'line', category: 'noise', description: 'pattern without a literal', patterns: ['^\\p{Lu}\\w{2,}\\W\\d{2}$']},
        // Look-alike letters make a text's normal form and its case fold differ: two scans, not one.
        {id: 'x/ro', kind: 'line', category: 'related', description: 'look-alikes', phrases: ['vezi şi'], patterns: ['citeşte'], match: 'contains'}
      ]
    })
    const specs = custom.rules.map(({definition}) => definition).filter((definition) => (definition.phrases?.length ?? 0) > 0 || (definition.patterns?.length ?? 0) > 0)
    const plain = specs.map((spec) => createMatcher(spec))
    const indexed = specs.map((spec) => createMatcher(spec))
    new MatcherIndex(indexed)
    const subjects = [...lines, 'Berlin-24', 'Zürich 2024', '» Lesen Sie auch: Mehr', 'Jetzt ABONNIEREN und sparen', 'SPECIAL offer', 'ſpecial offer', '50 % Rabatt', 'Mehr zum Themaxyz', 'Vezi şi aici', 'VEZI ȘI aici', 'Citeşte şi', 'CITEȘTE și']
    for (const line of subjects) {
      const a = sourceOf(line)
      const b = sourceOf(line)
      for (let index = 0; index < specs.length; index++) expect(indexed[index].test(b), `${specs[index].id}: ${line}`).toEqual(plain[index].test(a))
    }
  })
})

describe('the pattern a matcher names', () => {
  // A rule's patterns are tested as one alternation; the reason names the first pattern, in the
  // rule's order, that matches anywhere in the line (the alternation matches where a match starts
  // first, which may be a later pattern's).
  const firstMatching = (patterns: string[], text: string) => patterns.find((pattern) => new RegExp(pattern, 'iu').test(collapseWhitespace(text)))
  const via = (patterns: string[], text: string) => createMatcher({patterns}).test(sourceOf(text))?.via

  it('is the first pattern, in order, that matches anywhere in the line', () => {
    expect(via(['b+a', 'a'], 'a then bba')).toBe('pattern /b+a/')
    expect(via(['^x', 'a'], 'a x')).toBe('pattern /a/')
    expect(via(['c', 'b', 'a'], 'a b c')).toBe('pattern /c/')
    expect(via(['z', 'q'], 'a b c')).toBeUndefined()
    const piece = fc.constantFrom('a', 'b', 'ab', 'b+', 'a?b', '^a', 'b$', '(?<=a)b', 'a(?!b)', '\\bb', '[ab]{2}', 'a|ba')
    fc.assert(
      fc.property(fc.array(piece, {minLength: 2, maxLength: 5}), fc.stringMatching(/^[ab ]{0,12}$/), (patterns, text) => {
        const expected = firstMatching(patterns, text)
        expect(via(patterns, text)).toBe(expected === undefined ? undefined : `pattern /${expected}/`)
      }),
      {numRuns: 2000}
    )
  })

  it('is found when patterns refer back to their groups or name them alike', () => {
    // In one alternation `(b)\1` would refer to the group of `(a)`, and two groups named `n` clash.
    const patterns = ['(a)\\1', '(b)\\1', '(?<n>c)\\k<n>', '(?<n>d)x', 'ab']
    for (const text of ['aa', 'bb', 'ab', 'bbaa', 'xab aa', 'ba', 'b', 'cc', 'dx', 'c d']) {
      const expected = firstMatching(patterns, text)
      expect(via(patterns, text), text).toBe(expected === undefined ? undefined : `pattern /${expected}/`)
    }
  })
})

/** The text under a node. */
function toString(node: Node): string {
  const {value, children} = node as Node & {value?: string; children?: Node[]}
  return typeof value === 'string' ? value : (children ?? []).map(toString).join('')
}

/** Trees without positions, to compare shapes. */
function shape(node: Node): unknown {
  const {position, ...rest} = node as Node & {children?: Node[]}
  return rest.children ? {...rest, children: rest.children.map(shape)} : rest
}

const tricky = [
  '  Leading and trailing  ',
  'U.S. officials said Mr. Smith — the e-mail: don’t & won’t / and/or 3.5% … end!',
  'One. two. Three?! 4. Five',
  '😀 emoji 𠀀 and ﬅ ligature',
  '"Quoted." (Parenthetical.) [Bracket.]',
  'Lesen Sie auch:Mehr zum Thema»Politik« – ¿Qué? ¡Sí! 1.000,50 € / 12:30 Uhr...',
  '北京时间。中文句子！日本語の文です？ العربية: نص. עברית.',
  " o' a",
  "Jack o' lantern, rock 'n' roll, 'tis the 'em and the '90s w/ friends; ol' man",
  'See cf. the list, etc. and viz. 12. Then e.g. U.S.A. and 1.2.3. Mass. Inc. Jan. 5'
]

describe('block parsers', () => {
  it('give the trees parse-latin and parse-english give, positions aside', () => {
    const latin = new ParseLatin()
    const english = new ParseEnglish()
    for (const line of [...seedLines, ...tricky, ...examples]) {
      expect(shape(blockParser('latin')(line)), line).toEqual(shape(latin.parse(line)))
      expect(shape(blockParser('english')(line)), line).toEqual(shape(english.parse(line)))
    }
  })

  it('give the same trees on any text', () => {
    const pieces = fc.constantFrom('a', 'Word', 'é', 'ß', '1', '22', '.', '..', '...', '!', '?', '…', ',', ':', "'", '’', '"', '-', '—', '/', '&', '@', '#', '(', ')', '»', ' ', '  ', '\t', '😀', '𠀀', '\uD800', 'Mr', 'e', 'g', 'U', 'S', '中', '。', 'ي', '\n', '\r', '\n\n', '\u00A0\n\u00A0\n')
    const latin = new ParseLatin()
    const english = new ParseEnglish()
    fc.assert(
      fc.property(fc.array(pieces, {maxLength: 40}), (parts) => {
        const line = parts.join('')
        expect(shape(blockParser('latin')(line))).toEqual(shape(latin.parse(line)))
        expect(shape(blockParser('english')(line))).toEqual(shape(english.parse(line)))
      }),
      {numRuns: 2000}
    )
  })
})

describe('compact line parses', () => {
  const reading = (paragraph: Paragraph) =>
    paragraph.children
      .filter((child) => child.type === 'SentenceNode')
      .map((sentence) => [
        sentence.position?.start.offset,
        sentence.position?.end.offset,
        sentence.children.filter((child) => child.type === 'WordNode').map((word) => word.children.map((part) => ('value' in part ? part.value : '')).join(''))
      ])

  const english = {iso6393: 'eng', code: 'en'}
  const romanian = {iso6393: 'ron', code: 'ro'}

  it('read as the paragraphs they stand for (sentence offsets, words)', () => {
    let offset = 3
    for (const [index, text] of [...seedLines, ...tricky, ...examples.filter((example) => example.trim() !== '')].entries()) {
      const line = {index, start: offset, end: offset + text.length, text, blank: false, modified: false}
      offset += text.length + 1
      for (const language of [english, romanian]) {
        expect(reading(parseLineCompact(line, language).toParagraph(text)), text).toEqual(reading(parseLine(line, language)))
      }
    }
  })

  it('read alike whatever line came before (a line of 12,000 tokens, past what the segmenter reuses, between short ones)', () => {
    // The segmenter reuses its token nodes and its list of a line's tokens from line to line.
    const long = [...seedLines, ...seedLines, ...seedLines].join(' ')
    const order = [seedLines[0], long, seedLines[1], 'a', long.slice(0, 5000), seedLines[2], long, long.slice(0, 300)]
    let offset = 0
    for (const [index, text] of order.entries()) {
      const line = {index, start: offset, end: offset + text.length, text, blank: false, modified: false}
      offset += text.length + 1
      for (const language of [english, romanian]) {
        expect(reading(parseLineCompact(line, language).toParagraph(text)), text.slice(0, 60)).toEqual(reading(parseLine(line, language)))
      }
    }
    expect(long.split(/\s+/).length * 2).toBeGreaterThan(12000)
  })

  it('come from modules of decruft’s own: no source file reads another package’s private files', () => {
    const sources = (directory: string): string[] =>
      readdirSync(directory, {withFileTypes: true}).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(directory, entry.name)) : entry.name.endsWith('.ts') ? [path.join(directory, entry.name)] : []
      )
    for (const file of sources(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8')
      // Imports or requires of a package's subpath (`pkg/lib/x.js`, `pkg/data.js`; its package.json
      // aside), and paths built into node_modules or next to a package's resolved main.
      expect(text.match(/(?:from |require\()'(?!node:|\.)(?:@[\w.-]+\/)?[\w.-]+\/(?!package\.json')[^']+'/g) ?? [], file).toEqual([])
      expect(text.match(/['"]node_modules['"]|require\.resolve|['"]lib['"]/g) ?? [], file).toEqual([])
    }
  })

  it('split any text into the sentences and words parse-latin and parse-english find', () => {
    // Pieces every transform of the two parsers acts on: abbreviations (Latin, English, case-sensitive
    // English), elisions ('tis, rock 'n' roll, w/), initialisms, inner symbols, slashes, closing marks,
    // sentences starting lower case, with a digit, a comma or a semicolon, blank lines.
    const pieces = fc.constantFrom(
      'a', 'Word', 'word', 'é', 'ß', 'É', '1', '22', '1234', 'U', 'S', 'e', 'g', 'n', 'o', 'ol', 'w', 'W', 'tis', 'twas', 'em', '99s',
      'Mr', 'mr', 'Dr', 'Mass', 'etc', 'al', 'cf', 'viz', 'jan', 'Jan', 'Inc', 'lbs', 'Jr',
      '.', '..', '...', '!', '?', '?!', '…', '‽', ',', ';', ':', "'", '’', '"', '”', '“', '-', '--', '—', '/', '//', '&', '@', '=', '_', '__', '·', '#', '%',
      '(', ')', '[', ']', '»', '«', '*', ' ', '  ', '\t', '\u00A0', '😀', '𠀀', '\uD800', '中', '。', '\r', '\r\r', ' \r \r '
    )
    fc.assert(
      fc.property(fc.array(pieces, {minLength: 1, maxLength: 30}), (parts) => {
        const text = parts.join('')
        fc.pre(text.trim() !== '')
        const line = {index: 4, start: 11, end: 11 + text.length, text, blank: false, modified: false}
        for (const language of [english, romanian]) {
          expect(reading(parseLineCompact(line, language).toParagraph(text)), JSON.stringify(text)).toEqual(reading(parseLine(line, language)))
        }
      }),
      {numRuns: 4000}
    )
  })
})

describe('the classifier’s line counts', () => {
  it('count CJK characters, digits, links and separators as their expressions do', () => {
    const cjkExpression = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
    const separators = /(?:^|\s)(?:\||»|•|·|›|\/|▸|►|>)(?=\s|$)/gu
    // Han beyond the BMP (𠀀, 𪜀), lone surrogates, kana, hangul, CJK punctuation (not Han), separators.
    const piece = fc.constantFrom('中', '文', '。', 'の', 'カ', '한', '𠀀', '𪜀', '\ud840', '\udc00', '😀', 'a', 'Ü', '7', ' ', ' » ', ' | ', ' / ', '•', ' › ', '▸', '>', 'ｶ', '〆', '々', '\u3000')
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 20}), (parts) => {
        const text = parts.join('')
        const trimmed = text.trim()
        const {cjk, digits, separators: counted} = lineTally({eachWord() {}}, text, undefined)
        expect({cjk, digits, separators: counted}, JSON.stringify(text)).toEqual({
          cjk: trimmed.match(cjkExpression)?.length ?? 0,
          digits: trimmed.replace(/[^0-9]/g, '').length,
          separators: trimmed.match(separators)?.length ?? 0
        })
      }),
      {numRuns: 3000}
    )
  })

  it('read from a compact parse (words where they stand) count words, stopwords, capitals and sentences as defined', () => {
    const english = {iso6393: 'eng', code: 'en'}
    const german = {iso6393: 'deu', code: 'de'}
    // Stopwords in any case, with and without letters beyond ASCII, and words that only start like one.
    const piece = fc.constantFrom('the', 'The', 'THE', 'them', 'and', 'And', 'über', 'Über', 'ÜBER', 'für', 'der', 'Der', 'die', 'dieser', 'i', 'I', "it's", 'It’s', 'Word', 'ñandú', 'Élan', '42', ' ', ' ', '. ', ', ', '!', '-', '😀', 'İstanbul', 'ǅ')
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 25}), fc.constantFrom(english, german), (parts, language) => {
        const text = parts.join('')
        fc.pre(text.trim() !== '')
        const line = {index: 0, start: 5, end: 5 + text.length, text, blank: false, modified: false}
        const stopwords = stopwordsFor(language.code)!
        // The counts by their definition, over the paragraph's words as strings.
        const expected = {words: 0, stop: 0, capitals: 0, sentences: 0}
        paragraphWords(parseLine(line, language)).eachWord(
          text,
          (value) => {
            expected.words++
            if (stopwords.has(value.toLowerCase())) expected.stop++
            if (/^\p{Lu}/u.test(value)) expected.capitals++
          },
          (words) => {
            if (words > 0) expected.sentences++
          }
        )
        const {words, stop, capitals, sentences} = lineTally(parseLineCompact(line, language), text, stopwords)
        expect({words, stop, capitals, sentences}, JSON.stringify(text)).toEqual(expected)
      }),
      {numRuns: 2000}
    )
  })
})

describe('sentence positions', () => {
  it('point at the sentence in the whole text, on every line', () => {
    const lines = [...seedLines.slice(0, 40), ...tricky]
    const text = lines.join('\n')
    let offset = 0
    for (const [index, value] of lines.entries()) {
      const line = {index, start: offset, end: offset + value.length, text: value, blank: false, modified: false}
      offset += value.length + 1
      for (const language of [{iso6393: 'eng', code: 'en'}, {iso6393: 'deu', code: 'de'}]) {
        const paragraph = parseLine(line, language)
        for (const sentence of paragraph.children) {
          if (sentence.type !== 'SentenceNode') continue
          expect(text.slice(sentence.position?.start.offset, sentence.position?.end.offset)).toBe(toString(sentence))
          expect(sentence.position?.start.line).toBe(index + 1)
          expect(sentence.position?.start.column).toBe((sentence.position?.start.offset ?? 0) - line.start + 1)
        }
      }
    }
  })
})

describe('one shape per kind of object the hot paths read', () => {
  // V8 gives objects with the same fields, added in the same order, one hidden class; code compiled
  // for one class is thrown away when another comes by. These objects are read on every line.
  it('gives original lines and the view’s modified copies the same fields in the same order', () => {
    const {lines} = splitLines('First line here\n\nSecond line, cut here\nThird')
    const outcome = createOutcome(lines)
    const rule = createCleaner({extends: ['recommended']}, {messages: false}).rules[0].rule
    outcome.spans.push({line: 2, start: lines[2].start + 11, end: lines[2].end, rule, reason: 'test'})
    const view = outputView(outcome)
    const modified = view.find((line) => line.modified)
    expect(modified?.text).toBe('Second line')
    for (const line of [...lines, ...view]) expect(Object.keys(line)).toEqual(['index', 'start', 'end', 'text', 'blank', 'modified'])
  })

  it('gives every rule a cleaner runs, compiled or made by the engine, the same fields in the same order', () => {
    const cleaner = createCleaner({extends: ['recommended']}, {messages: false})
    const kinds = new Set(cleaner.rules.map(({rule}) => rule.kind))
    expect(kinds).toEqual(new Set(['line', 'section', 'tail', 'duplicate', 'credit', 'inline', 'sentences', 'heuristic']))
    const shapes = new Set(cleaner.rules.map(({rule}) => Object.keys(rule).join(',')))
    expect([...shapes]).toEqual(['id,kind,category,description,definition,source,matcher,runner,maxChars'])
  })
})
