/**
 * The tokenizer of the retext parsers (parse-latin's, which parse-english shares), as offsets:
 * runs of word characters and of white space are one token each, a run of one punctuation or
 * symbol character repeated is one token, and surrogates continue the token they are in. Which
 * class each UTF-16 code unit is in comes from `token-classes.ts`, generated from the parser's public
 * API (`scripts/gen-token-classes.mjs`).
 */

import {TOKEN_CLASS_RUNS} from './token-classes.js'

/** The token types `eachToken` gives. */
export const WHITE_SPACE = 1
export const PUNCTUATION = 2
export const WORD = 3
export const SYMBOL = 4

/** The NLCST node type of each token type. */
export const TOKEN_NODE_TYPES = ['', 'WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'] as const

/** Token type per code unit, decoded once from the runs. */
const unitTypes = decodeRuns(TOKEN_CLASS_RUNS)

function decodeRuns(encoded: string): Uint8Array {
  const types = new Uint8Array(65536)
  const classOf: Record<string, number> = {w: WHITE_SPACE, p: PUNCTUATION, y: WORD, s: SYMBOL}
  const runs = [...encoded.matchAll(/([0-9a-f]+)([wpys])/g)].map((match) => [parseInt(match[1], 16), classOf[match[2]]] as const)
  for (let run = 0; run < runs.length; run++) {
    const [start, type] = runs[run]
    types.fill(type, start, run + 1 < runs.length ? runs[run + 1][0] : 65536)
  }
  return types
}

/** The token type of one UTF-16 code unit. */
export function tokenTypeOf(code: number): number {
  return unitTypes[code]
}

/**
 * Call `each(context, type, start, end)` for each token of `value` (type 1 white space,
 * 2 punctuation, 3 word, 4 symbol); `context` is handed through, so a caller in a hot loop needs no
 * closure.
 */
export function eachToken<C>(value: string, context: C, each: (context: C, type: number, start: number, end: number) => void): void {
  let from = 0
  let previousType = 0
  let previous = -1
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    const type = unitTypes[code]
    if (from < index && !(previousType === type && (type === WORD || type === WHITE_SPACE || code === previous || (code >= 0xd800 && code <= 0xdfff)))) {
      each(context, previousType, from, index)
      from = index
    }
    previousType = type
    previous = code
  }
  if (from < value.length) each(context, previousType, from, value.length)
}
