/// <reference lib="dom" />
/**
 * The review page's browser code, bundled and minified for the page by esbuild at build time
 * (`scripts/build-review-script.mjs`); `cleanText` also runs in Node. Document text only ever
 * reaches the DOM as text nodes (`append(string)`, `textContent`, `new Option`), never as HTML.
 */

import type {ModelDocument, ReviewModel} from './data.js'

export interface ClientOptions {
  /** Id of the `<script type="application/json">` element holding the model. */
  dataId: string
  /** Numbers per removal in a document's flat removal list. */
  stride: number
}

/**
 * The clean text of `text` without `ranges` (flat start, end pairs), by decruft's output rules: kept
 * lines come out as they were (less the removed spans), lines of whitespace and invisible characters
 * count as blank, runs of blank lines collapse to one, no blank lines at either end, and every line
 * ending is the text's dominant one (LF, CRLF or CR: the one it uses most, on a tie the one it uses
 * first), with one at the end.
 */
export function cleanText(text: string, ranges: number[]): string {
  const pairs: Array<[number, number]> = []
  for (let i = 0; i + 1 < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]])
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const blank = /^[\s\u200B\u200C\u200D\u2060\uFEFF]*$/u
  const out: string[] = []
  let pending = false
  let first = 0
  const line = (start: number, end: number) => {
    if (blank.test(text.slice(start, end))) {
      pending = out.length > 0
      return
    }
    while (first < pairs.length && pairs[first][1] <= start) first++
    let kept = ''
    let position = start
    let touched = false
    for (let i = first; i < pairs.length && pairs[i][0] < end; i++) {
      const from = Math.max(pairs[i][0], position)
      const to = Math.min(pairs[i][1], end)
      if (to <= from) continue
      kept += text.slice(position, from)
      position = to
      touched = true
    }
    kept += text.slice(position, end)
    // A line removed whole is gone; the blank lines around it still separate what is kept.
    if (touched && kept === '') return
    if (pending) out.push('')
    pending = false
    out.push(kept)
  }
  // Count and first position of LF, CRLF and CR.
  const endings = ['\n', '\r\n', '\r']
  const counts = [0, 0, 0]
  const firstAt = [Infinity, Infinity, Infinity]
  let start = 0
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position)
    if (code !== 10 && code !== 13) continue
    line(start, position)
    const kind = code === 10 ? 0 : text.charCodeAt(position + 1) === 10 ? 1 : 2
    if (counts[kind]++ === 0) firstAt[kind] = position
    position += endings[kind].length - 1
    start = position + 1
  }
  if (start < text.length) line(start, text.length)
  let best = 0
  for (const kind of [1, 2]) if (counts[kind] > counts[best] || (counts[kind] === counts[best] && firstAt[kind] < firstAt[best])) best = kind
  const eol = endings[best]
  return out.length === 0 ? '' : out.join(eol) + eol
}

/** Runs the page: summary, document list, document view, keyboard and theme. */
export function reviewClient(options: ClientOptions): void {
  type Field = 'rule' | 'category' | 'lang' | 'bin'
  const S = options.stride
  const ROW = 56
  const THEME_KEY = 'decruft-review-theme'
  const data = JSON.parse(byId(options.dataId).textContent || '{}') as ReviewModel
  const {documents: docs, rules, categories: cats, langs} = data
  const total = docs.length
  const num = new Intl.NumberFormat('en')
  const collator = new Intl.Collator('en', {numeric: true})
  const root = document.documentElement

  function byId<T extends HTMLElement = HTMLElement>(id: string): T {
    const found = document.getElementById(id)
    if (!found) throw new Error('decruft review: missing #' + id)
    return found as T
  }

  function on<K extends keyof HTMLElementEventMap>(target: EventTarget, type: K, listener: (event: HTMLElementEventMap[K]) => void): void {
    target.addEventListener(type, listener as EventListener)
  }

  /** An element; children are appended as nodes or as text (never parsed as HTML). */
  function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean> | null, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag)
    for (const name in attrs) node.setAttribute(name, String(attrs[name]))
    node.append(...children)
    return node
  }

  function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean>, text?: string): SVGElementTagNameMap[K] {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag)
    for (const name in attrs) node.setAttribute(name, String(attrs[name]))
    if (text !== undefined) node.textContent = text
    return node
  }

  const percent = (value: number) => (value > 0 && value < 0.001 ? '<0.1' : (value * 100).toFixed(1)) + '%'
  const plural = (count: number, word: string) => num.format(count) + ' ' + word + (count === 1 ? '' : 's')
  const catClass = (name: string) => 'cat-' + name.replace(/[^a-z0-9-]/gi, '_')
  const titleOf = (doc: ModelDocument): string => {
    const title = doc[2]
    return title === null ? '' : typeof title === 'string' ? title : doc[3].slice(title[0], title[1])
  }
  const baseName = (doc: ModelDocument) => doc[0].split('/').pop() || doc[0]
  // A JSON Lines record's path is its file's for every record: its number and id or URL tell it apart.
  const nameOf = (doc: ModelDocument) => titleOf(doc) || doc[5] || baseName(doc)
  const whereOf = (doc: ModelDocument) => (doc[5] ? doc[5] + ' · ' + baseName(doc) : doc[0])
  const binLabel = (bin: number) => (bin === 0 ? 'nothing removed' : `${(bin - 1) * 10}–${bin * 10}% removed`)

  // Per-document figures and the batch's counts, in one pass over the removals.
  const removals = new Uint32Array(total)
  const share = new Float64Array(total)
  const bins = new Uint8Array(total)
  const perCategory = cats.map(() => 0)
  const perRule = rules.map(() => 0)
  const perLang = langs.map(() => 0)
  const docsPerLang = langs.map(() => 0)
  const histogram: number[] = new Array(11).fill(0)
  let charsIn = 0
  let charsRemoved = 0
  for (let i = 0; i < total; i++) {
    const [, lang, , text, list] = docs[i]
    let chars = 0
    for (let k = 0; k < list.length; k += S) {
      chars += list[k + 1] - list[k]
      perRule[list[k + 2]]++
      perCategory[list[k + 3]]++
    }
    removals[i] = list.length / S
    perLang[lang] += removals[i]
    docsPerLang[lang]++
    share[i] = text.length > 0 ? Math.min(1, chars / text.length) : 0
    // Bin 0: nothing removed; bin b: more than (b - 1) × 10% and up to b × 10%.
    bins[i] = Math.min(10, Math.ceil(share[i] * 10))
    histogram[bins[i]]++
    charsIn += text.length
    charsRemoved += chars
  }
  const pathRank = new Uint32Array(total)
  Array.from({length: total}, (_, i) => i)
    .sort((a, b) => collator.compare(docs[a][0], docs[b][0]))
    .forEach((doc, rank) => (pathRank[doc] = rank))

  const langRank: number[] = []
  langs
    .map((_, index) => index)
    .sort((a, b) => collator.compare(langs[a], langs[b]))
    .forEach((lang, rank) => (langRank[lang] = rank))

  const state = {rule: -1, category: -1, lang: -1, bin: -1, query: '', sort: 'path', desc: false, selected: -1, removal: -1, side: false}
  let order: number[] = []
  const position = new Int32Array(total)

  const el = {
    summary: byId('summary'),
    theme: byId<HTMLButtonElement>('theme'),
    help: byId<HTMLDialogElement>('help'),
    query: byId<HTMLInputElement>('q'),
    sort: byId<HTMLSelectElement>('sort'),
    direction: byId<HTMLButtonElement>('sort-dir'),
    clear: byId<HTMLButtonElement>('clear'),
    binChip: byId<HTMLButtonElement>('bin-chip'),
    count: byId('list-count'),
    list: byId('list'),
    rows: byId('rows'),
    docBody: byId('doc-body'),
    original: byId('original'),
    side: byId<HTMLButtonElement>('side'),
    removalStatus: byId('removal-status'),
    tip: byId('tip')
  }

  // Totals in the header.
  const totals = [
    [num.format(total), 'documents'],
    [num.format(perRule.reduce((sum, count) => sum + count, 0)), 'removals'],
    [percent(charsIn > 0 ? charsRemoved / charsIn : 0), 'text removed'],
    [num.format(perRule.filter((count) => count > 0).length), 'rules fired'],
    [num.format(langs.length), 'languages']
  ]
  byId('totals').append(...totals.map(([value, label]) => h('div', null, h('dd', null, value), h('dt', null, label))))

  // Summary charts. Every bar is a button that filters the list by its category, rule or language.
  function barChart(id: string, field: Field, names: string[], counts: number[], label: (key: number) => string, detail: (key: number) => string, cls: (key: number) => string): void {
    // Every language has documents; a category or rule is shown when it removed something.
    const keys = names.map((_, key) => key).filter((key) => field === 'lang' || counts[key] > 0)
    keys.sort((a, b) => counts[b] - counts[a] || collator.compare(names[a], names[b]))
    const max = Math.max(1, ...keys.map((key) => counts[key]))
    const host = byId(id)
    for (const key of keys) {
      const bar = svg('svg', {'aria-hidden': true})
      bar.append(svg('rect', {class: 'track', width: '100%', height: '100%', rx: 2}), svg('rect', {class: 'fill', width: (counts[key] / max) * 100 + '%', height: '100%', rx: 2}))
      const button = h(
        'button',
        {type: 'button', class: 'bar ' + cls(key), 'data-field': field, 'data-key': key, 'data-name': names[key], 'data-count': counts[key], 'aria-label': detail(key), title: detail(key)},
        h('span', null, label(key)),
        bar,
        h('span', {class: 'bar-value'}, num.format(counts[key]))
      )
      on(button, 'click', () => pick(field, key))
      host.append(button)
    }
    if (keys.length === 0) host.append(h('p', {class: 'muted'}, 'Nothing removed.'))
  }

  barChart('chart-category', 'category', cats, perCategory, (key) => cats[key], (key) => `${cats[key]}: ${plural(perCategory[key], 'removal')}`, (key) => catClass(cats[key]))
  const ruleIds = rules.map((rule) => rule[0])
  barChart('chart-rule', 'rule', ruleIds, perRule, (key) => ruleIds[key], (key) => `${ruleIds[key]}: ${plural(perRule[key], 'removal')}`, (key) => catClass(cats[rules[key][3]]))
  barChart(
    'chart-lang',
    'lang',
    langs,
    perLang,
    (key) => `${langs[key]} · ${plural(docsPerLang[key], 'doc')}`,
    (key) => `${langs[key]}: ${plural(perLang[key], 'removal')} in ${plural(docsPerLang[key], 'document')}`,
    () => ''
  )

  // The histogram of removed share: eleven bins (nothing removed, then steps of 10%).
  const width = 330
  const height = 142
  const base = height - 20
  const binWidth = (width - 8) / 11
  const most = Math.max(1, ...histogram)
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'hist', role: 'group', 'aria-label': 'Documents by share of text removed'})
  chart.append(svg('line', {x1: 4, x2: width - 4, y1: base + 0.5, y2: base + 0.5}))
  histogram.forEach((count, bin) => {
    const x = 4 + bin * binWidth
    const barHeight = count > 0 ? Math.max(2, ((base - 14) * count) / most) : 0
    const label = `${plural(count, 'document')}, ${binLabel(bin)}`
    const group = svg('g', {role: 'button', tabindex: 0, 'data-field': 'bin', 'data-key': bin, 'data-count': count, 'aria-label': label})
    group.append(
      svg('title', {}, label),
      svg('rect', {class: 'hit', x, y: 0, width: binWidth, height}),
      svg('rect', {class: 'fill', x: x + 2, y: base - barHeight, width: binWidth - 4, height: barHeight, rx: 2}),
      svg('text', {x: x + binWidth / 2, y: height - 6}, bin === 0 ? '0' : '≤' + bin * 10)
    )
    if (count > 0) group.append(svg('text', {class: 'count', x: x + binWidth / 2, y: base - barHeight - 3}, num.format(count)))
    on(group, 'click', () => pick('bin', bin))
    on(group, 'keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      pick('bin', bin)
    })
    chart.append(group)
  })
  byId('chart-share').append(chart, h('p', {class: 'caption'}, 'documents by % of text removed'))

  function pick(field: Field, key: number): void {
    state[field] = state[field] === key ? -1 : key
    applyFilters()
  }

  // Filter menus, sorting and search.
  const menus: Array<[Field, string[], number[], string]> = [
    ['rule', ruleIds, perRule, 'All rules'],
    ['category', cats, perCategory, 'All categories'],
    ['lang', langs, docsPerLang, 'All languages']
  ]
  const selects = menus.map(([field, names, counts, all]) => {
    const select = byId<HTMLSelectElement>('f-' + field)
    const keys = names.map((_, key) => key).filter((key) => counts[key] > 0)
    if (field !== 'lang') keys.sort((a, b) => counts[b] - counts[a] || collator.compare(names[a], names[b]))
    select.append(new Option(all, ''), ...keys.map((key) => new Option(`${names[key]} (${counts[key]})`, names[key])))
    on(select, 'change', () => {
      state[field] = names.indexOf(select.value)
      applyFilters()
    })
    return select
  })

  /** Bring menus, chart buttons and chips in line with the state. */
  function syncControls(): void {
    menus.forEach(([field, names], index) => (selects[index].value = state[field] < 0 ? '' : names[state[field]]))
    el.summary.querySelectorAll('[data-field]').forEach((node) => {
      node.setAttribute('aria-pressed', String(state[node.getAttribute('data-field') as Field] === Number(node.getAttribute('data-key'))))
    })
    el.sort.value = state.sort
    el.direction.textContent = state.desc ? '↓' : '↑'
    el.direction.setAttribute('aria-label', state.desc ? 'Descending; switch to ascending' : 'Ascending; switch to descending')
    el.binChip.hidden = state.bin < 0
    el.binChip.textContent = binLabel(state.bin) + ' ✕'
    el.clear.disabled = state.rule < 0 && state.category < 0 && state.lang < 0 && state.bin < 0 && !state.query
  }

  function matches(index: number, pattern: RegExp | null): boolean {
    const doc = docs[index]
    if ((state.lang >= 0 && doc[1] !== state.lang) || (state.bin >= 0 && bins[index] !== state.bin)) return false
    if (state.rule >= 0 || state.category >= 0) {
      const list = doc[4]
      let found = false
      for (let k = 0; k < list.length && !found; k += S) found = (state.rule < 0 || list[k + 2] === state.rule) && (state.category < 0 || list[k + 3] === state.category)
      if (!found) return false
    }
    return !pattern || pattern.test(doc[0]) || pattern.test(doc[5] ?? '') || pattern.test(titleOf(doc)) || pattern.test(doc[3])
  }

  function applyFilters(): void {
    const pattern = state.query ? new RegExp(state.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null
    order = []
    for (let i = 0; i < total; i++) if (matches(i, pattern)) order.push(i)
    const direction = state.desc ? -1 : 1
    const rankOf: Record<string, (doc: number) => number> = {share: (doc) => share[doc], removals: (doc) => removals[doc], lang: (doc) => langRank[docs[doc][1]], path: (doc) => pathRank[doc]}
    const rank = rankOf[state.sort]
    order.sort((a, b) => (rank(a) - rank(b)) * direction || pathRank[a] - pathRank[b])
    position.fill(-1)
    order.forEach((doc, index) => (position[doc] = index))
    el.rows.style.height = order.length * ROW + 'px'
    el.count.textContent = order.length === total ? plural(total, 'document') : `${num.format(order.length)} of ${plural(total, 'document')}`
    el.count.dataset.count = String(order.length)
    byId('list-empty').hidden = order.length > 0
    syncControls()
    renderRows()
  }

  on(el.sort, 'change', () => {
    state.sort = el.sort.value
    state.desc = state.sort === 'share' || state.sort === 'removals'
    applyFilters()
  })
  on(el.direction, 'click', () => {
    state.desc = !state.desc
    applyFilters()
  })
  let typing = 0
  on(el.query, 'input', () => {
    clearTimeout(typing)
    typing = window.setTimeout(() => {
      state.query = el.query.value.trim()
      applyFilters()
    }, 150)
  })
  on(el.binChip, 'click', () => pick('bin', state.bin))
  on(el.clear, 'click', () => {
    Object.assign(state, {rule: -1, category: -1, lang: -1, bin: -1, query: ''})
    el.query.value = ''
    applyFilters()
  })

  // The document list, virtualised: only the rows in view (and a few around them) are in the DOM.
  function row(index: number): HTMLElement {
    const doc = order[index]
    const entry = docs[doc]
    const name = nameOf(entry)
    const fill = h('span', null)
    fill.style.width = share[doc] * 100 + '%'
    const button = h(
      'button',
      {type: 'button', class: 'row', 'data-doc': doc, 'aria-current': doc === state.selected, 'aria-label': `${name}; ${entry[0]}; ${langs[entry[1]]}; ${percent(share[doc])} removed; ${plural(removals[doc], 'removal')}`},
      h('span', {class: 'row-main'}, h('span', {class: 'row-title'}, name), h('span', {class: 'row-path', title: entry[0]}, whereOf(entry))),
      h('span', {class: 'row-side'}, h('span', null, h('span', {class: 'lang'}, langs[entry[1]]), ` ${percent(share[doc])} · ${removals[doc]}`), h('span', {class: 'meter'}, fill))
    )
    const item = h('div', {role: 'listitem', class: 'row-item', 'aria-posinset': index + 1, 'aria-setsize': order.length}, button)
    item.style.top = index * ROW + 'px'
    return item
  }

  function renderRows(): void {
    const top = el.list.scrollTop
    const first = Math.max(0, Math.floor(top / ROW) - 5)
    const last = Math.min(order.length, Math.ceil((top + (el.list.clientHeight || 900)) / ROW) + 5)
    const active = document.activeElement as HTMLElement | null
    const focused = active && el.rows.contains(active) ? active.dataset.doc : null
    const items: HTMLElement[] = []
    for (let index = first; index < last; index++) items.push(row(index))
    el.rows.replaceChildren(...items)
    // Keep the keyboard focus in the list when its rows are replaced.
    if (focused) (el.rows.querySelector<HTMLElement>(`[data-doc="${state.selected}"]`) ?? el.rows.querySelector<HTMLElement>(`[data-doc="${focused}"]`) ?? el.list).focus({preventScroll: true})
  }

  on(el.rows, 'click', (event) => {
    const button = (event.target as Element).closest<HTMLElement>('.row')
    if (button) openDoc(Number(button.dataset.doc))
  })
  let frame = 0
  on(el.list, 'scroll', () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0
      renderRows()
    })
  })
  new ResizeObserver(() => renderRows()).observe(el.list)

  // The document view: the original text as text nodes, each removal a focusable <mark>.
  const marks = () => Array.from(el.original.querySelectorAll<HTMLElement>('.rm'))

  function openDoc(doc: number): void {
    state.selected = doc
    state.removal = -1
    hideTip()
    const entry = docs[doc]
    const [path, lang, , text, list, label] = entry
    byId('doc-empty').hidden = true
    byId('doc-view').hidden = false
    byId('doc-title').textContent = nameOf(entry)
    byId('doc-meta').replaceChildren(h('code', null, path), label ? label + ' · ' : '', `${langs[lang]} · ${plural(text.length, 'character')} · ${plural(removals[doc], 'removal')} · ${percent(share[doc])} removed`)

    const counts = new Map<number, number>()
    for (let k = 0; k < list.length; k += S) counts.set(list[k + 2], (counts.get(list[k + 2]) ?? 0) + 1)
    byId('doc-rules').replaceChildren(
      ...[...counts]
        .sort((a, b) => b[1] - a[1] || collator.compare(rules[a[0]][0], rules[b[0]][0]))
        .map(([rule, count]) => {
          const id = rules[rule][0]
          const chip = h('button', {type: 'button', class: 'chip ' + catClass(cats[rules[rule][3]]), 'aria-label': `${id}: ${plural(count, 'removal')}; go to the first`}, h('span', {class: 'dot'}), id, h('span', {class: 'muted'}, String(count)))
          on(chip, 'click', () => focusRemoval(marks().findIndex((mark) => mark.dataset.rule === id)))
          return chip
        })
    )

    // Removals by one rule with only white space between them form a run: its first mark carries the
    // label (`rule ×count`), the others none, so a page of navigation does not drown in labels.
    const fragment = document.createDocumentFragment()
    let at = 0
    let head: HTMLElement | null = null
    let run = 0
    const closeRun = () => {
      if (head && run > 1) {
        head.dataset.label = head.dataset.rule + ' ×' + run
        head.dataset.run = String(run)
      }
    }
    for (let k = 0; k < list.length; k += S) {
      const start = Math.max(list[k], at)
      const end = list[k + 1]
      if (end <= start) continue
      const rule = rules[list[k + 2]][0]
      const between = text.slice(at, start)
      const joined: boolean = head !== null && head.dataset.rule === rule && !/\S/.test(between)
      const mark: HTMLElement = h('mark', {class: 'rm ' + catClass(cats[list[k + 3]]) + (joined ? ' cont' : ''), tabindex: 0, 'data-k': k / S, 'data-rule': rule}, text.slice(start, end))
      if (joined) run++
      else {
        closeRun()
        head = mark
        run = 1
        mark.dataset.label = rule
      }
      fragment.append(between, mark)
      at = end
    }
    closeRun()
    fragment.append(text.slice(at))
    el.original.replaceChildren(fragment)
    renderClean()
    el.docBody.scrollTop = 0
    updateRemovalStatus()
    const index = position[doc]
    if (index >= 0 && index * ROW < el.list.scrollTop) el.list.scrollTop = index * ROW
    else if (index >= 0 && (index + 1) * ROW > el.list.scrollTop + el.list.clientHeight) el.list.scrollTop = (index + 1) * ROW - el.list.clientHeight
    renderRows()
    byId('announce').textContent = `Document ${index + 1} of ${order.length}: ${nameOf(entry)}, ${plural(removals[doc], 'removal')}`
    try {
      history.replaceState(null, '', '#' + encodeURIComponent(path))
    } catch {
      // Some browsers refuse this for file:// pages; the link to the document is a convenience.
    }
  }

  /** The clean text beside the original, computed from the offsets. */
  function renderClean(): void {
    byId('clean-pane').hidden = !state.side
    el.docBody.classList.toggle('split', state.side)
    el.side.setAttribute('aria-pressed', String(state.side))
    if (!state.side || state.selected < 0) return
    const [, , , text, list] = docs[state.selected]
    byId('clean').textContent = cleanText(
      text,
      list.filter((_, index) => index % S < 2)
    )
  }

  function updateRemovalStatus(): void {
    const count = marks().length
    el.removalStatus.textContent = count === 0 ? 'no removals' : state.removal < 0 ? plural(count, 'removal') : `removal ${state.removal + 1} of ${count}`
    byId<HTMLButtonElement>('prev-removal').disabled = count === 0 || state.removal === 0
    byId<HTMLButtonElement>('next-removal').disabled = count === 0 || state.removal === count - 1
  }

  function focusRemoval(index: number): void {
    const mark = marks()[index]
    if (!mark) return
    mark.focus({preventScroll: true})
    mark.scrollIntoView({block: 'center'})
    showTip(mark)
  }

  function stepRemoval(delta: number): void {
    if (state.selected < 0 && order.length > 0) openDoc(order[0])
    const count = marks().length
    if (count === 0) return
    focusRemoval(state.removal < 0 ? (delta > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, state.removal + delta)))
  }

  function stepDoc(delta: number): void {
    if (order.length === 0) return
    const at = state.selected < 0 ? -1 : position[state.selected]
    openDoc(order[at < 0 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + delta))])
  }

  function toggleSide(): void {
    state.side = !state.side
    renderClean()
  }

  // The tooltip of a removal: rule, category, kind, description, reason, and the classifier's features.
  let tipFor: HTMLElement | null = null

  const lineAt = (text: string, offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length

  function showTip(mark: HTMLElement): void {
    const [, , , text, list] = docs[state.selected]
    const k = Number(mark.dataset.k) * S
    const [id, kind, description] = rules[list[k + 2]]
    const category = cats[list[k + 3]]
    const reason = data.reasons[list[k + 4]]
    const features = data.features[list[k + 5] - 1]
    const first = lineAt(text, list[k])
    const last = lineAt(text, list[k + 1])
    const parts: Array<Node | string> = [
      h('div', {class: 'tip-head'}, h('code', null, id), h('span', {class: 'chip ' + catClass(category)}, h('span', {class: 'dot'}), category), h('span', {class: 'muted'}, kind ? kind + ' rule' : '')),
      h('p', null, description || reason)
    ]
    if (description && reason !== description) parts.push(h('p', null, h('span', {class: 'muted'}, 'why: '), reason))
    if (features) {
      const table = h('dl', null)
      for (let j = 0; j + 1 < features.length; j += 2) table.append(h('dt', null, data.featureKeys[features[j] as number]), h('dd', null, String(features[j + 1])))
      parts.push(h('p', {class: 'muted'}, 'features that decided:'), table)
    }
    parts.push(h('p', {class: 'muted'}, `${first === last ? 'line ' + first : `lines ${first}–${last}`} · ${plural(list[k + 1] - list[k], 'character')}`))
    el.tip.replaceChildren(...parts)
    el.tip.hidden = false
    tipFor?.removeAttribute('aria-describedby')
    tipFor = mark
    mark.setAttribute('aria-describedby', 'tip')
    placeTip()
  }

  /** Below the removal, else above it, else below its first line (a block taller than the window). */
  function placeTip(): void {
    if (!tipFor) return
    const box = tipFor.getBoundingClientRect()
    const first = tipFor.getClientRects()[0] ?? box
    const {offsetWidth: width, offsetHeight: height} = el.tip
    const top = box.bottom + height + 14 < innerHeight ? box.bottom + 6 : box.top - height - 6 > 8 ? box.top - height - 6 : Math.min(first.bottom + 6, innerHeight - height - 8)
    el.tip.style.left = Math.max(8, Math.min(first.left, innerWidth - width - 8)) + 'px'
    el.tip.style.top = Math.max(8, top) + 'px'
  }

  function hideTip(): void {
    el.tip.hidden = true
    tipFor?.removeAttribute('aria-describedby')
    tipFor = null
  }

  const markOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('.rm') : null)
  on(el.original, 'mouseover', (event) => {
    const mark = markOf(event.target)
    if (mark && mark !== tipFor) showTip(mark)
  })
  on(el.original, 'mouseout', (event) => {
    const mark = markOf(event.target)
    if (mark && mark !== markOf(event.relatedTarget) && document.activeElement !== mark) hideTip()
  })
  on(el.original, 'focusin', (event) => {
    const mark = markOf(event.target)
    if (!mark) return
    const all = marks()
    state.removal = all.indexOf(mark)
    all.forEach((node) => node.classList.toggle('current', node === mark))
    updateRemovalStatus()
    showTip(mark)
  })
  on(el.original, 'focusout', hideTip)
  on(el.docBody, 'scroll', () => (tipFor && document.activeElement === tipFor ? placeTip() : hideTip()))

  // Buttons.
  const clicks: Record<string, () => void> = {
    'prev-removal': () => stepRemoval(-1),
    'next-removal': () => stepRemoval(1),
    'prev-doc': () => stepDoc(-1),
    'next-doc': () => stepDoc(1),
    side: toggleSide,
    theme: toggleTheme,
    'help-open': () => el.help.showModal(),
    'help-close': () => el.help.close(),
    'summary-toggle': () => {
      const button = byId('summary-toggle')
      el.summary.hidden = !el.summary.hidden
      button.setAttribute('aria-expanded', String(!el.summary.hidden))
      button.textContent = el.summary.hidden ? 'Show summary' : 'Hide summary'
    }
  }
  for (const id in clicks) on(byId(id), 'click', clicks[id])

  // Theme: follows prefers-color-scheme until the reader picks one (remembered in localStorage).
  const dark = matchMedia('(prefers-color-scheme: dark)')
  const theme = () => root.dataset.theme ?? (dark.matches ? 'dark' : 'light')
  function showTheme(): void {
    const next = theme() === 'dark' ? 'light' : 'dark'
    el.theme.textContent = next === 'dark' ? '☾ Dark' : '☀ Light'
    el.theme.setAttribute('aria-label', `Switch to the ${next} theme`)
  }
  function toggleTheme(): void {
    root.dataset.theme = theme() === 'dark' ? 'light' : 'dark'
    try {
      localStorage.setItem(THEME_KEY, root.dataset.theme)
    } catch {
      // No storage (some file:// setups): the choice lasts until the page is reloaded.
    }
    showTheme()
  }
  try {
    const saved = localStorage.getItem(THEME_KEY)
    if (saved === 'dark' || saved === 'light') root.dataset.theme = saved
  } catch {
    // As above.
  }
  on(dark, 'change', showTheme)
  showTheme()

  // Keys: j/k documents, n/p removals, s side by side, t theme, / search, ? help, Esc.
  const keys: Record<string, () => void> = {
    j: () => stepDoc(1),
    k: () => stepDoc(-1),
    n: () => stepRemoval(1),
    p: () => stepRemoval(-1),
    s: toggleSide,
    t: toggleTheme,
    '/': () => el.query.focus(),
    '?': () => el.help.showModal()
  }
  on(document, 'keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
    const target = event.target as HTMLElement
    const typing = target.matches('input, select, textarea')
    if (event.key === 'Escape') {
      if (typing) target.blur()
      hideTip()
    } else if (keys[event.key] && !typing && !el.help.open) {
      event.preventDefault()
      keys[event.key]()
    }
  })

  applyFilters()
  let linked = -1
  try {
    const wanted = decodeURIComponent(location.hash.slice(1))
    linked = docs.findIndex((entry) => entry[0] === wanted)
  } catch {
    // A hash that is not valid percent-encoding links nothing.
  }
  if (linked >= 0) openDoc(linked)
  root.dataset.ready = 'true'
}
