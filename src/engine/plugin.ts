/**
 * The transformer plugin: runs the compiled rules over the parsed document, records which lines and
 * spans they remove in `file.data.removed`, and a vfile message for each removal.
 */

import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {findTitle} from '../title.js'
import type {DocumentOptions, Removal, TitleMode} from '../types.js'
import {DocumentContext} from './document.js'
import {collectRemovals, reportRemovals} from './removals.js'
import type {CompiledRule} from './rule.js'
import {ruleKinds} from '../kinds/index.js'
import type {ScopeTest} from '../scope.js'

declare module 'vfile' {
  interface DataMap {
    /** Per-document options given to the cleaner. */
    decruftOptions: DocumentOptions
    /** The document's state after the rules ran. */
    document: DocumentContext
    /** What the rules removed. */
    removed: Removal[]
    /** The title line's text, or null. */
    title: string | null
  }
}

/** A compiled rule with its compiled `when`. */
export interface ScopedRule {
  rule: CompiledRule
  applies: ScopeTest
}

export interface RulesOptions {
  rules: ScopedRule[]
  title?: TitleMode
}

/** Run `rules` over a parsed document. */
export function runRules(file: VFile, options: RulesOptions): DocumentContext {
  const documentOptions = file.data.decruftOptions ?? {}
  const document = new DocumentContext({
    text: String(file.value),
    lines: file.data.lines ?? [],
    paragraphs: file.data.paragraphs ?? [],
    language: file.data.language ?? {iso6393: 'und', code: 'und'},
    path: documentOptions.path,
    url: documentOptions.url
  })
  const scope = {language: document.language, path: document.path, url: document.url}
  const active = options.rules
    .filter(({rule, applies}) => rule.definition.enabled !== false && applies(scope))
    .map(({rule}) => rule)
    .sort((a, b) => ruleKinds[a.kind].meta.phase - ruleKinds[b.kind].meta.phase)

  const mode = documentOptions.title ?? options.title ?? 'auto'
  document.title = findTitle(document, mode)
  document.titleProtected = mode === 'first-line'

  for (const rule of active) rule.runner.detect?.(document)

  let titleSettled = false
  for (const rule of active) {
    if (!titleSettled && ruleKinds[rule.kind].meta.phase > 1) {
      // Line rules may take the first line ("- Advertisement -"); then there is no title.
      if (document.title !== undefined && document.isClaimed(document.title)) document.title = undefined
      document.titleProtected = document.title !== undefined
      titleSettled = true
    }
    rule.runner.apply(document)
  }
  if (!titleSettled && document.title !== undefined && document.isClaimed(document.title)) document.title = undefined
  return document
}

/** unified plugin: the rule engine. */
export const decruftRules: Plugin<[RulesOptions], Root, Root> = function (options) {
  return (_tree, file) => {
    const document = runRules(file, options)
    const removed = collectRemovals(document)
    file.data.document = document
    file.data.removed = removed
    file.data.title = document.title === undefined ? null : document.lines[document.title].text
    reportRemovals(file, removed, document)
  }
}
