/**
 * Built-in packs as `npm run build` saved them: their data and each rule's position, read with
 * `JSON.parse` instead of the YAML parser (which takes some 0.2 s and 25 MB of heap for all packs,
 * in every process), and the prefilter of each rule pattern (reading all patterns for their
 * literals took another 0.2 s in every thread; taken only from the same version of that code). A
 * saved pack is used only when the YAML text it was made from is unchanged (its SHA-256 is kept
 * with it); any other position is found by parsing the YAML after all, on demand.
 */

import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {rulesDirectory} from './builtin.js'
import type {YamlSource} from './read.js'
import {patternPrefilter, prefilterFingerprint, rememberPrefilters, type PatternPrefilter, type SavedPrefilters} from '../engine/literals.js'

/** `dist/packs/` (this file is `dist/config/precompiled.js`). */
export const precompiledDirectory = new URL('../packs/', import.meta.url)

export interface PrecompiledPack {
  sha256: string
  data: unknown
  /** Line and column of each rule (`rules[index]`). */
  rules: Array<[number, number]>
  /** The prefilter of each of the pack's rule patterns, and the fingerprint of the code that worked them out. */
  prefilters?: SavedPrefilters
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** What `npm run build` saves for a built-in pack, from its parse. */
export function precompile(text: string, source: YamlSource): PrecompiledPack {
  const rules = (source.data as {rules?: unknown[]} | null)?.rules ?? []
  const patterns: Record<string, PatternPrefilter> = {}
  for (const rule of rules) {
    const list = (rule as {patterns?: unknown} | null)?.patterns
    if (Array.isArray(list)) for (const pattern of list) if (typeof pattern === 'string') patterns[pattern] = patternPrefilter(pattern)
  }
  return {
    sha256: sha256(text),
    data: source.data,
    rules: rules.map((_, index) => {
      const {line, column} = source.locate(['rules', index])
      return [line, column]
    }),
    prefilters: {fingerprint: prefilterFingerprint(), patterns}
  }
}

/**
 * The saved form of a built-in pack's file with this text, or undefined (not a built-in pack, not
 * saved, or saved from another text). `parse` parses the YAML, for positions the saved form lacks.
 */
export function precompiledSource(file: string, text: string, parse: () => YamlSource): YamlSource | undefined {
  if (path.dirname(file) !== path.resolve(fileURLToPath(rulesDirectory))) return undefined
  let saved: PrecompiledPack
  try {
    saved = JSON.parse(readFileSync(new URL(`${path.basename(file, '.yaml')}.json`, precompiledDirectory), 'utf8')) as PrecompiledPack
  } catch {
    return undefined
  }
  if (saved.sha256 !== sha256(text)) return undefined
  if (saved.prefilters) rememberPrefilters(saved.prefilters)
  let parsed: YamlSource | undefined
  return {
    file,
    data: saved.data,
    locate(keyPath, keyOf) {
      const rule = keyPath.length === 2 && keyPath[0] === 'rules' && keyOf === undefined && typeof keyPath[1] === 'number' ? saved.rules[keyPath[1]] : undefined
      if (rule) return {line: rule[0], column: rule[1]}
      parsed ??= parse()
      return parsed.locate(keyPath, keyOf)
    }
  }
}
