/**
 * What a report says of the rules a run used, so that the run can be reproduced: the config files
 * read (the config and every pack it extends, in order) and a SHA-256 of the resolved rules and
 * settings, which is the same for the same rules however they were written or spread over files.
 */

import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {rulesDirectory} from './builtin.js'
import type {ResolvedConfig} from './resolve.js'

export interface ConfigFingerprint {
  /**
   * The files read, in order: a file of the working directory (or below) relative to it, another
   * file by its absolute path, a built-in pack as `builtin:NAME` (its content is the version's).
   */
  files: string[]
  /** SHA-256 (hex) of the resolved rules, settings and classifier settings, as canonical JSON. */
  rulesSha256: string
  /** How many rules (enabled or not) the resolved config has. */
  rules: number
}

/** `value` with every object's keys sorted, so equal data gives equal JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    )
  }
  return value
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A config file as the report names it. */
export function reportFileName(file: string, cwd: string): string {
  const builtin = fileURLToPath(rulesDirectory)
  const relativeToBuiltin = path.relative(builtin, file)
  if (!relativeToBuiltin.startsWith('..') && !path.isAbsolute(relativeToBuiltin) && !relativeToBuiltin.includes(path.sep) && file.endsWith('.yaml')) {
    return `builtin:${path.basename(file, '.yaml')}`
  }
  const relative = path.relative(cwd, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/')
}

/**
 * The SHA-256 of a resolved config: each rule's definition in order (where a rule was written is
 * left out), the settings, the classifier's preset and settings, a model file by its content, and
 * the site languages when there are any (so a config without them hashes as it did before them).
 */
export function rulesSha256(config: ResolvedConfig): string {
  const model = config.classifier?.model
  const classifier = {...config.classifier, ...(model && model !== 'none' && existsSync(model) ? {model: `sha256:${sha256(readFileSync(model))}`} : {})}
  const data = {rules: config.rules.map((rule) => rule.definition), settings: config.settings, heuristics: config.heuristics, classifier, ...(config.siteLanguages?.length ? {siteLanguages: config.siteLanguages} : {})}
  return sha256(JSON.stringify(canonical(data)))
}

export function fingerprint(config: ResolvedConfig, cwd: string): ConfigFingerprint {
  return {files: config.files.map((file) => reportFileName(file, cwd)), rulesSha256: rulesSha256(config), rules: config.rules.length}
}
