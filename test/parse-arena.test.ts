import {readdirSync, readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {toLanguage} from '../src/language.js'
import {LineParse, LineParses, parseArena, parseDocument, parseLineCompact, parseLineWithParser} from '../src/parse.js'
import {COMPACT, compactWords, fitsCompact, MAX_PACKED_LINE, PACKED, packLine, packWords, WIDE} from '../src/line-parse.js'
import {splitLines} from '../src/text/lines.js'
import {ParseArena} from '../src/text/parse-arena.js'
import {VFile} from 'vfile'

const seeds = new URL('../fixtures/seeds/', import.meta.url)
const seedTexts = readdirSync(seeds)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.clean.txt'))
  .sort()
  .map((name) => readFileSync(new URL(name, seeds), 'utf8'))

const english = toLanguage('en')
const german = toLanguage('de')

/** Every number a parse gives through its methods, to compare two parses of a line. */
function reading(parse: LineParse | undefined, text: string) {
  if (!parse) return undefined
  const words: string[] = []
  const sentences: number[] = []
  parse.eachWord(text, (word) => words.push(word), (count) => sentences.push(count))
  const spans: number[] = []
  const sentenceCount = parse.eachWordSpanOf(spans, (into, start, end) => into.push(start, end))
  return {numbers: [...parse.numbers()], counts: parse.counts(), words, sentences, spans, sentenceCount, sentenceSpans: parse.sentenceSpans(), paragraph: parse.toParagraph(text)}
}

describe('a document’s parses in one arena', () => {
  it('read as each line’s own parse does, on every seed text', () => {
    for (const text of seedTexts) {
      for (const language of [english, german]) {
        const {lines} = splitLines(text)
        const arena = parseArena(text, lines, language)
        for (const line of lines) {
          if (line.blank) {
            expect(arena.has(line.index)).toBe(false)
            continue
          }
          const own = parseLineCompact(line, language)
          const kept = new LineParses(arena, lines).get(line.index)
          expect(kept?.layout).toBe(line.text.length <= MAX_PACKED_LINE ? COMPACT : WIDE)
          expect(reading(kept, line.text)).toEqual(reading(own, line.text))
        }
      }
    }
  })

  it('are what the parser leaves in `file.data.lineParses`, with a line parser of its own too', () => {
    const text = seedTexts.slice(0, 20).join('\n\n')
    for (const lineParser of [undefined, parseLineWithParser]) {
      const file = new VFile({value: text})
      parseDocument(file, {lang: 'en', compact: true, lineParser})
      const parses = file.data.lineParses!
      expect(parses.length).toBe(file.data.lines!.length)
      for (const line of file.data.lines!) {
        const own = line.blank ? undefined : (lineParser ?? parseLineCompact)(line, english)
        expect(reading(parses.get(line.index), line.text)).toEqual(reading(own, line.text))
      }
    }
  })

  it('hold lines that outgrow the segmenter’s scratch array, lines cut in pieces, lines too long to pack, and words too long to lay out compact', () => {
    // A line of thousands of words grows the scratch array; one past 32,768 characters is cut; one
    // past 65,535 is not packed.
    const sentence = 'The committee met on Tuesday and agreed to publish the report, said Dr. Jones. '
    // A word of more than 255 characters does not fit the compact layout: its line is packed.
    const longWord = `See ${'x'.repeat(300)} for more.`
    const text = ['A short first line.', sentence.repeat(60), 'Then a short one.', sentence.repeat(900), 'And one more.', longWord, ''].join('\n')
    const {lines} = splitLines(text)
    expect(lines[3].text.length).toBeGreaterThan(MAX_PACKED_LINE)
    const layouts = [COMPACT, COMPACT, COMPACT, WIDE, COMPACT, PACKED]
    for (const lineParser of [undefined, parseLineWithParser]) {
      const parses = new LineParses(parseArena(text, lines, english, lineParser), lines)
      for (const line of lines) {
        if (line.blank) continue
        const kept = parses.get(line.index)!
        // Prose fits the compact layout; a line too long to pack keeps two numbers a word.
        expect(kept.layout).toBe(layouts[line.index])
        expect(reading(kept, line.text)).toEqual(reading((lineParser ?? parseLineCompact)(line, english), line.text))
      }
    }
  })

  it('packed, read the same words as unpacked, for any words of a line up to the longest packed', () => {
    const word = fc.tuple(fc.integer({min: 0, max: MAX_PACKED_LINE}), fc.integer({min: 0, max: MAX_PACKED_LINE})).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
    const sentence = fc.tuple(fc.integer({min: 0, max: 1 << 30}), fc.array(word, {maxLength: 6}))
    fc.assert(
      fc.property(fc.array(sentence, {maxLength: 5}), (sentences) => {
        const numbers = [sentences.length]
        for (const [start, words] of sentences) numbers.push(start, start + 7, words.length, ...words.flat())
        const wide = Int32Array.from(numbers)
        const packed = Int32Array.from(numbers)
        const length = packWords(packed, packed.length)
        const line = {index: 3, start: 100, end: 100 + MAX_PACKED_LINE, text: 'x'.repeat(MAX_PACKED_LINE), blank: false, modified: false}
        const text = line.text
        expect(reading(new LineParse(packed.slice(0, length), line, 0, PACKED), text)).toEqual(reading(new LineParse(wide, line), text))
      })
    )
  })

  it('laid out compact where they fit, read the same words as wide, and fall back to packed where they do not', () => {
    // Gaps and lengths run past 255 now and then; every offset stays inside a line short enough to pack.
    const word = fc.tuple(fc.integer({min: 0, max: 300}), fc.integer({min: 0, max: 300}))
    const sentence = fc.tuple(fc.integer({min: 0, max: 60_000}), fc.array(word, {maxLength: 7}))
    const lineStart = 1_000
    fc.assert(
      fc.property(fc.array(sentence, {maxLength: 5}), (sentences) => {
        const numbers = [sentences.length]
        for (const [start, words] of sentences) {
          const spans: number[] = []
          let end = start
          for (const [gap, size] of words) {
            spans.push(end + gap, end + gap + size)
            end += gap + size
          }
          numbers.push(lineStart + start, lineStart + end + 2, words.length, ...spans)
        }
        const wide = Int32Array.from(numbers)
        const line = {index: 3, start: lineStart, end: lineStart + MAX_PACKED_LINE, text: 'abcdefghij'.repeat(MAX_PACKED_LINE / 5), blank: false, modified: false}
        const fits = sentences.every(([, words]) => words.every(([gap, size]) => gap <= 255 && size <= 255))
        expect(fitsCompact(wide, wide.length, lineStart)).toBe(fits)
        const packed = Int32Array.from(numbers)
        const result = packLine(packed, packed.length, lineStart, MAX_PACKED_LINE)
        expect(result & 3).toBe(fits ? COMPACT : PACKED)
        const expected = reading(new LineParse(wide, line), line.text)
        expect(reading(new LineParse(packed.slice(0, result >>> 2), line, 0, (result & 3) as typeof COMPACT), line.text)).toEqual(expected)
        if (fits) {
          // A word takes half a number, a sentence's offsets one.
          const compact = Int32Array.from(numbers)
          const length = compactWords(compact, compact.length, lineStart)
          expect(length).toBe(1 + sentences.reduce((sum, [, words]) => sum + 2 + Math.ceil(words.length / 2), 0))
        }
      })
    )
  })

  it('give any lines back as they were added, whatever their lengths and the first chunk’s size', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({min: 0, max: 3000}), {nil: undefined}), {maxLength: 40}), fc.integer({min: 0, max: 5000}), (lengths, expected) => {
        const arena = new ParseArena(lengths.length, expected)
        const added = lengths.map((length, line) => {
          if (length === undefined) return undefined
          const numbers = Int32Array.from({length: length + 5}, (_, index) => line * 10_000 + index)
          arena.add(line, numbers, length)
          return numbers.slice(0, length)
        })
        added.forEach((numbers, line) => {
          expect(arena.has(line)).toBe(numbers !== undefined)
          if (numbers) expect(arena.data(line).slice(arena.start(line), arena.start(line) + numbers.length)).toEqual(numbers)
        })
      })
    )
  })

  it('keep a line longer than a chunk whole, in a chunk of its own', () => {
    const arena = new ParseArena(3, 10)
    const long = Int32Array.from({length: (1 << 20) + 7}, (_, index) => index)
    arena.add(0, Int32Array.of(1, 2, 3), 3)
    arena.add(1, long, long.length)
    arena.add(2, Int32Array.of(4, 5), 2)
    const kept = arena.data(1).subarray(arena.start(1), arena.start(1) + long.length)
    expect(kept.length === long.length && kept.every((value, index) => value === long[index])).toBe(true)
    expect([...arena.data(0).subarray(arena.start(0), arena.start(0) + 3)]).toEqual([1, 2, 3])
    expect([...arena.data(2).subarray(arena.start(2), arena.start(2) + 2)]).toEqual([4, 5])
  })
})
