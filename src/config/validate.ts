/**
 * Validating packs and configs against `rules/schema.json` (with Ajv).
 */

import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {ErrorObject, ValidateFunction} from 'ajv'
import {ConfigError, formatKey} from './error.js'
import type {YamlSource} from './read.js'
import {rulesDirectory} from './builtin.js'

let validator: ValidateFunction | undefined

/** The pack/config JSON Schema shipped in `rules/schema.json`. */
export function packSchema(): object {
  return JSON.parse(readFileSync(new URL('schema.json', rulesDirectory), 'utf8')) as object
}

const require = createRequire(import.meta.url)

/**
 * The validator, built the first time a config or pack is checked. Ajv is loaded then too: worker
 * threads get their config checked and resolved already and never need it (loading it took some
 * 20 ms of each thread's start).
 */
function getValidator(): ValidateFunction {
  if (!validator) {
    const {Ajv} = require('ajv') as typeof import('ajv')
    const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true})
    validator = ajv.compile(packSchema())
  }
  return validator
}

function pathOf(error: ErrorObject): Array<string | number> {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function describe(error: ErrorObject, key: string): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key \`${(error.params as {additionalProperty: string}).additionalProperty}\``
    case 'enum':
      return `\`${key}\` must be one of ${(error.params as {allowedValues: unknown[]}).allowedValues.map((value) => JSON.stringify(value)).join(', ')}`
    case 'required':
      return `missing required key \`${(error.params as {missingProperty: string}).missingProperty}\``
    default:
      return `\`${key || '(root)'}\` ${error.message ?? 'is invalid'}`
  }
}

/** All schema errors of a parsed YAML source, each with its position; empty when it is valid. */
export function schemaErrors(source: YamlSource): ConfigError[] {
  const validate = getValidator()
  if (validate(source.data)) return []
  const errors = validate.errors ?? []
  // `if`/`anyOf` noise aside, report each distinct problem once.
  const seen = new Set<string>()
  const out: ConfigError[] = []
  for (const error of errors) {
    const path = pathOf(error)
    const extra = error.keyword === 'additionalProperties' ? (error.params as {additionalProperty: string}).additionalProperty : undefined
    const keyPath = extra === undefined ? path : [...path, extra]
    const key = formatKey(keyPath)
    const message = describe(error, key)
    if (seen.has(message + key)) continue
    seen.add(message + key)
    const position = source.locate(path, extra)
    out.push(new ConfigError(message, {file: source.file, line: position.line, column: position.column, key: key || undefined}))
  }
  return out
}

/** Throw the first schema error, if any. */
export function assertValid(source: YamlSource): void {
  const [first] = schemaErrors(source)
  if (first) throw first
}
