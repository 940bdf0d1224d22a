/**
 * `when` scoping: whether a rule applies to a document, by language, path, domain or URL.
 */

import picomatch from 'picomatch'
import {languageMatches, type Language} from './language.js'
import type {When} from './types.js'

export interface DocumentScope {
  language: Language
  path?: string
  url?: string
}

export type ScopeTest = (scope: DocumentScope) => boolean

/**
 * Host name of a URL, lower-cased, or undefined when it has none. The last URL's host is kept: the
 * rules scoped to a site ask for it in turn, and parsing a URL costs more than testing a rule.
 */
let lastUrl: string | undefined
let lastHost: string | undefined

export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  if (url === lastUrl) return lastHost
  let host: string | undefined
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    host = undefined
  }
  lastUrl = url
  lastHost = host
  return host
}

/** A `when.domain` entry as host names are compared with it: lower case, without a leading `*.` or `.`. */
export function domainName(domain: string): string {
  return domain.toLowerCase().replace(/^\*?\./, '')
}

/** Whether `host` is `name` (a `domainName`) or one of its subdomains. */
export function isSiteOf(host: string, name: string): boolean {
  return host === name || (host.length > name.length && host.endsWith(name) && host.charCodeAt(host.length - name.length - 1) === 0x2e)
}

/** The host's own name and each parent domain's: the names `isSiteOf` accepts it under. */
export function domainsOf(host: string): string[] {
  const names = [host]
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) names.push(host.slice(dot + 1))
  return names
}

/**
 * The paths `when.path` patterns are matched against: the document's path (with `/`, without a
 * leading `/`) and every trailing part of it, after each `/`. So `gazette/**` matches
 * `/data/news/gazette/a.txt`, `news/gazette/a.txt` and `gazette/a.txt` alike: the same file, however
 * it was named. The last path's parts are kept (the rules of one document ask for them in turn).
 */
let lastPath: string | undefined
let lastParts: string[] = []

export function trailingParts(documentPath: string): string[] {
  if (documentPath === lastPath) return lastParts
  const normalized = documentPath.split('\\').join('/').replace(/^\/+/, '')
  const parts: string[] = []
  let from = 0
  while (from < normalized.length) {
    parts.push(normalized.slice(from))
    const slash = normalized.indexOf('/', from)
    if (slash === -1) break
    from = slash + 1
    while (normalized[from] === '/') from++
  }
  lastPath = documentPath
  lastParts = parts
  return parts
}

/** Compile a `when` block into a test. Every given condition must hold; each lists alternatives. */
export function compileWhen(when: When | undefined): ScopeTest {
  if (!when) return () => true
  const tests: ScopeTest[] = []
  if (when.lang && when.lang.length > 0) {
    const codes = when.lang
    tests.push((scope) => languageMatches(scope.language, codes))
  }
  if (when.path && when.path.length > 0) {
    const isMatch = picomatch(when.path, {dot: true})
    tests.push((scope) => scope.path !== undefined && trailingParts(scope.path).some((part) => isMatch(part)))
  }
  if (when.domain && when.domain.length > 0) {
    // Made once here, not for every document.
    const names = when.domain.map(domainName)
    tests.push((scope) => {
      const host = hostOf(scope.url)
      return host !== undefined && names.some((name) => isSiteOf(host, name))
    })
  }
  if (when.url && when.url.length > 0) {
    const isMatch = picomatch(when.url, {dot: true, nocase: true})
    tests.push((scope) => scope.url !== undefined && isMatch(scope.url))
  }
  if (tests.length === 1) return tests[0]
  return (scope) => tests.every((test) => test(scope))
}
