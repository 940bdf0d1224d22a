/**
 * Language detection (franc) and code handling.
 *
 * Pages start with menus, so franc is given the longest lines of the text, up to the 2,048
 * characters it reads, rather than the first ones.
 */

import {franc} from 'franc'
import {iso6393To1} from 'iso-639-3'

const SAMPLE_CHARS = 2048

const iso6391To3 = new Map<string, string>(Object.entries(iso6393To1).map(([three, one]) => [one, three]))

/** franc names individual languages where ISO 639-1 has only their macrolanguage. */
const MACROLANGUAGE_1: Record<string, string> = {cmn: 'zh', arb: 'ar', pes: 'fa', zsm: 'ms', ekk: 'et', lvs: 'lv', azj: 'az', uzn: 'uz', swh: 'sw', plt: 'mg', khk: 'mn', npi: 'ne', ory: 'or', gaz: 'om', nob: 'nb', ydd: 'yi', quy: 'qu', kmr: 'ku', ckb: 'ku'}

/** A detected or given language. */
export interface Language {
  /** ISO 639-3 code, or `und` when unknown. */
  iso6393: string
  /** ISO 639-1 code when the language has one, else the 639-3 code. */
  code: string
}

export const UNDETERMINED: Language = {iso6393: 'und', code: 'und'}

/** Turn a 639-1 or 639-3 code into a `Language`; unknown codes are kept as they are. */
export function toLanguage(code: string): Language {
  const lower = code.trim().toLowerCase()
  if (lower === 'und' || lower === '') return UNDETERMINED
  if (lower.length === 2) return {iso6393: iso6391To3.get(lower) ?? lower, code: lower}
  return {iso6393: lower, code: iso6393To1[lower] ?? MACROLANGUAGE_1[lower] ?? lower}
}

/** Whether `language` is one of `codes` (each 639-1 or 639-3). */
export function languageMatches(language: Language, codes: readonly string[]): boolean {
  return codes.some((code) => {
    const wanted = toLanguage(code)
    return wanted.iso6393 === language.iso6393 || wanted.code === language.code
  })
}

/** The longest lines of `lines`, joined, up to `SAMPLE_CHARS` characters. */
export function languageSample(lines: readonly string[]): string {
  const sorted = lines.filter((line) => line.trim() !== '').sort((a, b) => b.length - a.length)
  // Joined at once, the sample is one flat string: built by `+=`, it was a chain of pieces that
  // franc's loops, which read it a character at a time, walked through.
  const parts: string[] = []
  let length = -1
  for (const line of sorted) {
    if (length >= SAMPLE_CHARS) break
    parts.push(line)
    length += line.length + 1
  }
  return parts.join('\n').slice(0, SAMPLE_CHARS)
}

/** Detect the language of a sample made by `languageSample`. `sco` is read as English (franc gives it to English news). */
export function detectSampleLanguage(sample: string): Language {
  const detected = franc(sample, {minLength: 10})
  if (detected === 'und') return UNDETERMINED
  return toLanguage(detected === 'sco' ? 'eng' : detected)
}
