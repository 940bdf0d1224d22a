/**
 * Control characters in a rule's patterns. In a double-quoted YAML string `\b` is an escape for a
 * backspace (U+0008), not the word boundary the author meant, and `\a`, `\e` and `\0` give other
 * control characters: the pattern compiles, and silently matches nothing. A tab, line feed, carriage
 * return, vertical tab or form feed means in a pattern what its regex escape means, so they pass.
 */

import {formatKey} from './error.js'

/** What a warning is attached to: a key path in the file and its message. */
export interface ControlWarning {
  path: Array<string | number>
  message: string
}

const HARMLESS = new Set(['\t', '\n', '\r', '\v', '\f'])
const ESCAPES: Record<string, string> = {'\b': '\\b', '\u0007': '\\a', '\u001b': '\\e', '\0': '\\0'}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/** The warning for one pattern, or undefined when it holds no suspicious control character. */
export function controlCharacterMessage(id: string, number: number, pattern: string): string | undefined {
  const found = [...new Set(pattern.match(CONTROL) ?? [])].filter((character) => !HARMLESS.has(character))
  if (found.length === 0) return undefined
  const names = found.map((character) => (ESCAPES[character] ? `${codePoint(character)} (\`${ESCAPES[character]}\` in a double-quoted YAML string)` : codePoint(character))).join(', ')
  const backspace = found.includes('\b')
  const advice = backspace
    ? "a backspace is not a word boundary: write the pattern in single quotes ('\\bword\\b') or double the backslash (\"\\\\bword\\\\b\")"
    : "write the pattern in single quotes, or double the backslash of a regex escape in double quotes"
  return `rule \`${id}\`: pattern ${number + 1} holds the control character${found.length === 1 ? '' : 's'} ${names}; ${advice}`
}

/** A warning for every pattern of `rules` (a file's `rules` list as written) that holds a control character. */
export function controlCharacterWarnings(rules: unknown): ControlWarning[] {
  const warnings: ControlWarning[] = []
  if (!Array.isArray(rules)) return warnings
  for (const [index, rule] of rules.entries()) {
    if (typeof rule !== 'object' || rule === null) continue
    const {id, patterns} = rule as {id?: unknown; patterns?: unknown}
    if (!Array.isArray(patterns)) continue
    for (const [number, pattern] of patterns.entries()) {
      if (typeof pattern !== 'string') continue
      const message = controlCharacterMessage(typeof id === 'string' ? id : `rules[${index}]`, number, pattern)
      if (message) warnings.push({path: ['rules', index, 'patterns', number], message})
    }
  }
  return warnings
}

/** `file:line:column: warning: message [key]`, as `rules validate` prints a warning. */
export function formatWarning(file: string, position: {line: number; column: number}, warning: ControlWarning): string {
  return `${file}:${position.line}:${position.column}: warning: ${warning.message} [${formatKey(warning.path)}]`
}
