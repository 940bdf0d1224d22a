/**
 * A small minifier for the page's own script (the compiled `client.ts`), so the fixed part of the page
 * stays small next to the documents. It tokenises strings, template literals, regular expressions and
 * comments, then:
 * - drops comments and whitespace, keeping a space only where two tokens would merge (`a in b`,
 *   `a - -b`) and a line break where a statement could end without a semicolon;
 * - joins consecutive `const` (or `let`) statements into one declaration;
 * - gives the script's own variables and functions short names, consistently in the whole script.
 *   A name is left alone when it is ever used as a property (`.x`, `x:`, `{x}`), appears as a string,
 *   or could be a browser global; new names never occur in the script, so no binding changes.
 *
 * It is written for code the TypeScript compiler emits (every statement ends with a semicolon) and is
 * exercised by the review page's browser tests.
 */

type Kind = 'word' | 'punct' | 'string' | 'template' | 'regex'

interface Token {
  text: string
  kind: Kind
  /** Whitespace before the token in the source: none, spaces, or a line break. */
  gap: '' | ' ' | '\n'
}

const WORD = /[A-Za-z0-9_$\u0080-\uFFFF]/
/** After these keywords a `/` starts a regular expression, not a division. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'])
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null ' +
    'return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async of as ' +
    'get set undefined NaN Infinity arguments eval'
  ).split(' ')
)
/** Browser globals a script might use unqualified; a local of the same name is not renamed. */
const GLOBALS = new Set(
  'window self document name top parent frames length status open close closed opener event history location navigator screen origin print find focus blur scroll stop alert confirm prompt external performance crypto caches'.split(
    ' '
  )
)

function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true
  if (previous.kind === 'word') return BEFORE_EXPRESSION.has(previous.text)
  if (previous.kind === 'template') return previous.text.endsWith('${')
  if (previous.kind === 'punct') return !/[)\]}]/.test(previous.text)
  return false
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let gap: Token['gap'] = ''
  let depth = 0
  const substitutions: number[] = []
  let i = 0
  const push = (end: number, kind: Kind) => {
    tokens.push({text: source.slice(i, end), kind, gap})
    gap = ''
    i = end
  }
  const template = (from: number) => {
    let j = from
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1
    if (source[j] === '`') return push(j + 1, 'template')
    substitutions.push(depth)
    push(j + 2, 'template')
  }

  while (i < source.length) {
    const c = source[i]
    if (/\s/.test(c)) {
      gap = c === '\n' ? '\n' : gap || ' '
      i++
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2)
      const stop = end < 0 ? source.length : end + 2
      gap = source.slice(i, stop).includes('\n') ? '\n' : gap || ' '
      i = stop
    } else if (c === '"' || c === "'") {
      let j = i + 1
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1
      push(j + 1, 'string')
    } else if (c === '`') {
      template(i + 1)
    } else if (c === '}' && substitutions.length > 0 && substitutions[substitutions.length - 1] === depth) {
      substitutions.pop()
      template(i + 1)
    } else if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1
      let inClass = false
      while (j < source.length && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++
        else if (source[j] === '[') inClass = true
        else if (source[j] === ']') inClass = false
        j++
      }
      j++
      while (j < source.length && /[a-z]/i.test(source[j])) j++
      push(j, 'regex')
    } else if (WORD.test(c)) {
      let j = i + 1
      while (j < source.length && WORD.test(source[j])) j++
      push(j, 'word')
    } else {
      if (c === '{') depth++
      else if (c === '}') depth--
      push(i + 1, 'punct')
    }
  }
  return tokens
}

const isName = (token: Token | undefined) => token?.kind === 'word' && !/^[0-9]/.test(token.text) && !RESERVED.has(token.text)

/** Bracket depth before each token, and the innermost open bracket (`{`, `(`, `[` or `$` for `${`). */
function brackets(tokens: Token[]): Array<{depth: number; inner: string}> {
  const stack: string[] = []
  return tokens.map((token) => {
    const here = {depth: stack.length, inner: stack[stack.length - 1] ?? ''}
    const {text, kind} = token
    if (kind === 'punct' && '{(['.includes(text)) stack.push(text)
    else if (kind === 'punct' && '})]'.includes(text)) stack.pop()
    else if (kind === 'template') {
      if (text.startsWith('}')) stack.pop()
      if (text.endsWith('${')) stack.push('$')
    }
    return here
  })
}

/** `const a = 1; const b = 2` → `const a = 1, b = 2` (also for `let`). */
function joinDeclarations(tokens: Token[]): Token[] {
  const at = brackets(tokens)
  const out: Token[] = []
  const open = new Map<number, string>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const {depth} = at[i]
    if (token.kind === 'punct' && '})]'.includes(token.text)) open.delete(depth)
    if (token.kind === 'word' && (token.text === 'const' || token.text === 'let')) {
      const previous = out[out.length - 1]
      if (!previous || (previous.kind === 'punct' && ';{}'.includes(previous.text))) open.set(depth, token.text)
    } else if (token.kind === 'punct' && token.text === ';' && open.has(depth)) {
      const next = tokens[i + 1]
      if (next?.kind === 'word' && next.text === open.get(depth)) {
        out.push({...token, text: ','})
        i++
        continue
      }
      open.delete(depth)
    }
    out.push(token)
  }
  return out
}

/** Short names for the script's own bindings (see the module comment for when a name is kept). */
function renameLocals(tokens: Token[]): Token[] {
  const at = brackets(tokens)
  const declared = new Set<string>()
  const kept = new Set<string>()
  const used = new Set<string>()
  const counts = new Map<string, number>()
  tokens.forEach((token, i) => {
    if (token.kind === 'string') kept.add(token.text.slice(1, -1))
    if (token.kind !== 'word') return
    used.add(token.text)
    counts.set(token.text, (counts.get(token.text) ?? 0) + 1)
    const previous = tokens[i - 1]
    const next = tokens[i + 1]
    if (previous?.kind === 'word' && ['const', 'let', 'var', 'function', 'class'].includes(previous.text)) declared.add(token.text)
    const property = previous?.text === '.' || next?.text === ':'
    const shorthand = at[i].inner === '{' && (previous?.text === '{' || previous?.text === ',') && next !== undefined && [',', '}', '(', '='].includes(next.text)
    if (property || shorthand) kept.add(token.text)
  })
  const names = [...declared].filter((name) => isName({text: name, kind: 'word', gap: ''}) && !kept.has(name) && !GLOBALS.has(name))
  names.sort((a, b) => (counts.get(b) ?? 0) * (b.length - 2) - (counts.get(a) ?? 0) * (a.length - 2))
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const fresh = function* () {
    for (let length = 1; ; length++) {
      const total = letters.length ** length
      for (let n = 0; n < total; n++) {
        let name = ''
        for (let rest = n, k = 0; k < length; k++, rest = Math.floor(rest / letters.length)) name += letters[rest % letters.length]
        if (!used.has(name) && !RESERVED.has(name) && !GLOBALS.has(name)) yield name
      }
    }
  }
  const source = fresh()
  const renamed = new Map<string, string>()
  for (const name of names) {
    const short = source.next().value as string
    if (short.length < name.length) renamed.set(name, short)
  }
  return tokens.map((token) => (token.kind === 'word' && renamed.has(token.text) ? {...token, text: renamed.get(token.text)!} : token))
}

/** Whether a line break after `previous` may end a statement (it then stays). */
function mayEndStatement(previous: Token): boolean {
  return previous.kind !== 'punct' || /[)\]]/.test(previous.text)
}

function print(tokens: Token[]): string {
  let out = ''
  let previous: Token | undefined
  for (const token of tokens) {
    if (previous && token.gap) {
      const a = previous.text[previous.text.length - 1]
      const b = token.text[0]
      if (token.gap === '\n' && mayEndStatement(previous) && !previous.text.endsWith('${')) out += '\n'
      else if ((WORD.test(b) && (WORD.test(a) || previous.kind === 'regex')) || ((a === '+' || a === '-' || a === '/') && a === b)) out += ' '
    }
    out += token.text
    previous = token
  }
  return out
}

export function minifyScript(source: string): string {
  return print(joinDeclarations(renameLocals(tokenize(source))))
}
