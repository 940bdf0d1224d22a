/**
 * Reading a YAML pack or config while keeping where every value stands, so that errors can name the
 * line and column.
 */

import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Document, Node as YamlNode} from 'yaml'
import {ConfigError, formatKey} from './error.js'
import {precompiledSource} from './precompiled.js'

const require = createRequire(import.meta.url)
let yamlModule: typeof import('yaml') | undefined

/**
 * The yaml package, loaded the first time a YAML text is parsed: the built-in packs are read from
 * the JSON the build saved, and worker threads get their config resolved, so most processes and
 * every worker thread never need it (it took some 25 ms of each thread's start).
 */
export function yaml(): typeof import('yaml') {
  return (yamlModule ??= require('yaml') as typeof import('yaml'))
}

export interface YamlSource {
  file: string
  data: unknown
  /** Line and column (1-based) of the value at `path`, or of its nearest existing parent. */
  locate(path: ReadonlyArray<string | number>, keyOf?: string): {line: number; column: number}
}

/** Parse YAML text; syntax errors become a `ConfigError` with the position. */
export function parseYaml(text: string, file: string): YamlSource {
  const {isMap, isNode, isScalar, isSeq, LineCounter, parseDocument} = yaml()
  const parse = () => {
    const lineCounter = new LineCounter()
    return {lineCounter, document: parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true}) as Document}
  }
  const first = parse()
  const error = first.document.errors[0]
  if (error) {
    const position = first.lineCounter.linePos(error.pos[0])
    throw new ConfigError(`invalid YAML: ${error.message.split('\n')[0]}`, {file, line: position.line, column: position.col})
  }
  let data: unknown
  try {
    data = first.document.toJS({maxAliasCount: 100}) as unknown
  } catch (error) {
    // The yaml package refuses aliases that expand past the count (a "billion laughs" file) with a
    // ReferenceError: a config error like any other, naming the file.
    const message = error instanceof Error ? error.message : String(error)
    throw new ConfigError(`invalid YAML: ${/alias/i.test(message) ? `aliases expand too far (${message.replace(/\.$/, '')}); write the values out` : message}`, {file})
  }

  // Where each rule starts (every rule's source names it) is kept.
  const rules = first.document.get('rules', true)
  const rulePoints = isSeq(rules) ? rules.items.map((item) => (isNode(item) && item.range ? first.lineCounter.linePos(item.range[0]) : undefined)) : []
  // The document with its positions is some 40 times the size of the text (180 MB for a config of
  // 100,000 phrases): it is let go here, and parsed again only if another position is asked for
  // (an error).
  let positions: ReturnType<typeof parse> | undefined
  return {
    file,
    data,
    locate(path, keyOf) {
      if (path.length === 2 && path[0] === 'rules' && typeof path[1] === 'number' && keyOf === undefined) {
        const point = rulePoints[path[1]]
        if (point) return {line: point.line, column: point.col}
      }
      const {document, lineCounter} = (positions ??= parse())
      const pointOf = (offset: number) => {
        const position = lineCounter.linePos(offset)
        return {line: position.line, column: position.col}
      }
      for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true) as YamlNode | undefined
        if (!node || !node.range) continue
        if (keyOf !== undefined && length === path.length && isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === keyOf)
          if (pair && isScalar(pair.key) && pair.key.range) return pointOf(pair.key.range[0])
        }
        return pointOf(node.range[0])
      }
      return {line: 1, column: 1}
    }
  }
}

/** Read and parse a YAML file. */
export function readYaml(file: string): YamlSource {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError(code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code ?? String(error)})`, {file})
  }
  // A built-in pack saved by the build is read from JSON.
  return precompiledSource(file, text, () => parseYaml(text, file)) ?? parseYaml(text, file)
}

export {formatKey}
