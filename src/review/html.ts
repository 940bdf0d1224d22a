/**
 * The review page's shell: static markup, CSS (light and dark themes, one colour per category), and a
 * Content-Security-Policy that allows only the page's own inline style and script, so the page can
 * make no network request. The data and the script are passed in.
 */

import {createHash} from 'node:crypto'
import type {Category} from '../types.js'

/** One colour per category; dark enough for white badge text, and distinct in both themes. */
export const CATEGORY_COLOURS: Record<Category, string> = {
  ad: '#c62828',
  related: '#1d5fd0',
  promo: '#b45309',
  credit: '#7c3aed',
  social: '#0f766e',
  comments: '#be185d',
  navigation: '#475569',
  legal: '#4d7c0f',
  duplicate: '#0e7490',
  metadata: '#806600',
  noise: '#6b5e52'
}

/** Colours as `light-dark(light, dark)`: the theme is the root's `color-scheme` (the system's, or the reader's pick). */
const CSS = `
:root{color-scheme:light dark;--bg:light-dark(#f4f6f8,#0f1216);--panel:light-dark(#fff,#171b21);--fg:light-dark(#1c2330,#e3e7ed);--muted:light-dark(#5d6778,#97a1b2);--border:light-dark(#dde2e8,#2a313b);--track:light-dark(#eceff3,#262c35);--accent:light-dark(#3358d4,#8ba5ff);--sel:light-dark(#e8eefc,#1e2942);--shadow:0 8px 28px light-dark(#1018282a,#0009);--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
[data-theme=light]{color-scheme:light}
[data-theme=dark]{color-scheme:dark}
*{box-sizing:border-box}
html,body{height:100%}
body{margin:0;display:flex;flex-direction:column;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
button,input,select{font:inherit;color:inherit}
button{cursor:pointer}
button:disabled{opacity:.45;cursor:default}
:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
code,.mono{font:12px/1.5 var(--mono)}
kbd{font:11px/1.6 var(--mono);border:1px solid var(--border);border-bottom-width:2px;border-radius:4px;padding:0 5px;background:var(--panel)}
.muted{color:var(--muted)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.btn{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:3px 10px;white-space:nowrap}
.btn:hover:not(:disabled){border-color:var(--accent)}
.btn[aria-pressed=true]{background:var(--sel);border-color:var(--accent)}
.top{display:flex;align-items:center;gap:28px;padding:9px 20px;background:var(--panel);border-bottom:1px solid var(--border)}
.top h1{margin:0;font-size:16px}
.top p{margin:0;font-size:12px;color:var(--muted)}
.totals{display:flex;gap:24px;margin:0}
.totals div{display:flex;flex-direction:column-reverse}
.totals dd{margin:0;font-size:15px;font-weight:650;font-variant-numeric:tabular-nums}
.totals dt,.card h2,.doc-body h3{font-size:10.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.actions{margin-left:auto;display:flex;gap:8px}
#summary{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:14px;padding:12px 20px;border-bottom:1px solid var(--border)}
#summary[hidden],#doc-view[hidden],#tip[hidden]{display:none}
.card{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:9px 10px 8px;min-width:0}
.card h2,.doc-body h3{margin:0 0 6px}
.chart{height:150px;overflow:auto}
.bar{--c:var(--accent);display:grid;grid-template-columns:minmax(0,10.5em) minmax(0,1fr) 3em;align-items:center;gap:8px;width:100%;border:0;border-radius:4px;background:none;padding:1px 4px;font-size:12px;text-align:left}
.bar:hover,.bar[aria-pressed=true]{background:var(--sel)}
.bar span,.row-main span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar svg{display:block;width:100%;height:10px}
.track{fill:var(--track)}
.bar .fill{fill:var(--c)}
.bar-value{text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
.hist{display:block;width:100%;max-height:132px}
.hist .hit{fill:transparent}
.hist .fill{fill:var(--accent);opacity:.72}
.hist g{cursor:pointer;outline:none}
.hist g:hover .fill,.hist [aria-pressed=true] .fill{opacity:1}
.hist [aria-pressed=true] .hit{fill:var(--sel)}
.hist g:focus-visible .hit{stroke:var(--accent);stroke-width:2}
.hist text{font-size:9px;fill:var(--muted);text-anchor:middle}
.hist .count{fill:var(--fg)}
.hist line{stroke:var(--border)}
.caption{margin:0;font-size:11px;color:var(--muted);text-align:center}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(320px,400px) minmax(0,1fr)}
.list-pane,.doc-pane,#doc-view{display:flex;flex-direction:column;min-height:0;min-width:0}
.list-pane{background:var(--panel);border-right:1px solid var(--border)}
.filters{display:flex;flex-direction:column;gap:6px;padding:10px 12px;border-bottom:1px solid var(--border);font-size:12px}
.filters input,.filters select{min-width:0;width:100%;background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:4px 8px;font-size:13px}
.filters div{display:flex;gap:6px;align-items:center;color:var(--muted);white-space:nowrap}
#list-count{margin-right:auto}
#bin-chip{border:1px solid var(--accent);background:var(--sel);border-radius:9px;padding:0 8px}
.list{flex:1;min-height:0;overflow:auto}
#rows{position:relative}
#list-empty{padding:16px;margin:0}
.row-item{position:absolute;left:0;right:0;height:56px}
.row{display:flex;gap:12px;align-items:center;width:100%;height:100%;padding:6px 12px 6px 14px;border:0;border-bottom:1px solid var(--border);background:none;text-align:left}
.row:hover{background:var(--bg)}
.row[aria-current=true]{background:var(--sel);box-shadow:inset 3px 0 var(--accent)}
.row-main{flex:1;min-width:0;display:flex;flex-direction:column}
.row-title{font-weight:550}
.row-path{font:11.5px/1.5 var(--mono);color:var(--muted)}
.row-side{flex:none;width:96px;display:flex;flex-direction:column;align-items:flex-end;gap:5px;font-size:11.5px;color:var(--muted);font-variant-numeric:tabular-nums}
.lang{font-size:10.5px;border:1px solid var(--border);border-radius:4px;padding:0 4px}
.meter{width:100%;height:5px;border-radius:3px;background:var(--track);overflow:hidden}
.meter span{display:block;height:100%;background:var(--accent)}
#doc-view{flex:1}
.doc-empty{margin:auto;max-width:440px;padding:20px;text-align:center;color:var(--muted)}
.doc-head{display:flex;gap:16px;align-items:flex-start;padding:12px 20px 8px}
.doc-head h2{margin:0;font-size:17px;line-height:1.3}
.doc-meta{margin-top:3px;font-size:12px;color:var(--muted)}
.doc-meta code{display:block}
.doc-actions{margin-left:auto;display:flex;flex:none;gap:6px;align-items:center;font-size:12px}
.sep{width:1px;height:20px;background:var(--border);margin:0 4px}
#removal-status{min-width:7.5em;text-align:center}
.doc-rules{display:flex;flex-wrap:wrap;gap:6px;padding:0 20px 10px;border-bottom:1px solid var(--border)}
.chip{--c:#64748b;display:inline-flex;align-items:center;gap:6px;border:1px solid var(--border);border-radius:9px;background:var(--panel);padding:0 9px;font:11.5px/1.6 var(--mono)}
button.chip:hover{border-color:var(--c)}
.dot{width:8px;height:8px;border-radius:50%;background:var(--c)}
.doc-body{flex:1;min-height:0;overflow:auto;display:grid;grid-template-columns:minmax(0,1fr);gap:28px;align-items:start;padding:16px 20px 48px}
.doc-body.split{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.doc-body:not(.split) h3{display:none}
.text{max-width:80ch;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14.5px;line-height:1.75}
.split .text{max-width:none}
.rm{--c:#64748b;color:inherit;background:light-dark(color-mix(in srgb,var(--c) 15%,transparent),color-mix(in srgb,var(--c) 30%,transparent));border-bottom:2px solid var(--c);border-radius:3px;padding:1px 2px;box-decoration-break:clone;cursor:help}
.rm.cont::before{content:none}
.rm::before{content:attr(data-label);margin-right:6px;padding:0 5px;border-radius:3px;background:var(--c);color:#fff;font:600 10.5px/1.55 var(--mono);vertical-align:1px;user-select:none}
.rm:focus-visible,.rm.current{outline:2px solid var(--c);outline-offset:1px}
#tip{position:fixed;z-index:10;max-width:420px;padding:10px 12px;background:var(--panel);border:1px solid var(--border);border-radius:8px;box-shadow:var(--shadow);font-size:12.5px;pointer-events:none}
#tip p{margin:6px 0 0}
.tip-head{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.tip-head code{font-weight:650}
#tip dl{display:grid;grid-template-columns:auto 1fr;gap:0 14px;margin:3px 0 0;font:11.5px/1.5 var(--mono)}
#tip dt{color:var(--muted)}
#tip dd{margin:0}
#help{min-width:340px;padding:18px 22px;color:var(--fg);background:var(--panel);border:1px solid var(--border);border-radius:10px;box-shadow:var(--shadow)}
#help::backdrop{background:#0006}
#help td{padding:3px 14px 3px 0}
@media (max-width:1180px){#summary{grid-template-columns:repeat(2,minmax(0,1fr))}.totals div:nth-child(n+4){display:none}}
`

function categoryCss(): string {
  return Object.entries(CATEGORY_COLOURS)
    .map(([name, colour]) => `.cat-${name}{--c:${colour}}`)
    .join('\n')
}

/** The page's CSS, compacted. */
export function pageCss(): string {
  return (CSS + categoryCss()).split('\n').filter((line) => line.trim() !== '').join('\n') + '\n'
}

/** Escape text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

export interface PageParts {
  title: string
  version: string
  /** Id of the data element; the script reads it. */
  dataId: string
  /** The model as JSON, already safe to embed (see `embedJson`). */
  json: string
  script: string
}

const KEYS: Array<[string, string]> = [
  ['j / k', 'next / previous document'],
  ['n / p', 'next / previous removal in the document'],
  ['s', 'show the clean text side by side'],
  ['t', 'switch between the light and dark theme'],
  ['/', 'search'],
  ['Esc', 'leave the search box, hide the tooltip'],
  ['?', 'this help']
]

/** The whole page. */
export function pageHtml(parts: PageParts): string {
  const css = pageCss()
  const title = escapeHtml(parts.title)
  const csp = `default-src 'none'; script-src ${sha256(parts.script)}; style-src ${sha256(css)}; img-src data:; base-uri 'none'; form-action 'none'`
  const keys = KEYS.map(([key, what]) => `<tr><td>${key.split(' / ').map((k) => `<kbd>${escapeHtml(k)}</kbd>`).join(' / ')}</td><td>${escapeHtml(what)}</td></tr>`).join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="decruft ${escapeHtml(parts.version)}">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<header class="top">
<div><h1>${title}</h1><p>decruft ${escapeHtml(parts.version)}</p></div>
<dl class="totals" id="totals" aria-label="Totals"></dl>
<div class="actions">
<button class="btn" id="summary-toggle" type="button" aria-expanded="true" aria-controls="summary">Hide summary</button>
<button class="btn" id="theme" type="button">Dark</button>
<button class="btn" id="help-open" type="button" aria-haspopup="dialog">Keys <kbd>?</kbd></button>
</div>
</header>
<section id="summary" aria-label="Summary">
<div class="card"><h2 id="h-category">Removals by category</h2><div class="chart" id="chart-category" role="group" aria-labelledby="h-category"></div></div>
<div class="card"><h2 id="h-rule">Removals by rule</h2><div class="chart" id="chart-rule" role="group" aria-labelledby="h-rule"></div></div>
<div class="card"><h2 id="h-lang">Removals by language</h2><div class="chart" id="chart-lang" role="group" aria-labelledby="h-lang"></div></div>
<div class="card"><h2 id="h-share">Removed share per document</h2><div id="chart-share"></div></div>
</section>
<main>
<section class="list-pane" aria-label="Documents">
<div class="filters">
<input id="q" type="search" placeholder="Search path, title and text  ( / )" aria-label="Search documents by path, title or text" autocomplete="off" spellcheck="false">
<div><select id="f-rule" aria-label="Filter by rule"></select></div>
<div><select id="f-category" aria-label="Filter by category"></select><select id="f-lang" aria-label="Filter by language"></select></div>
<div><label for="sort">Sort by</label><select id="sort"><option value="path">path</option><option value="share">removed share</option><option value="removals">number of removals</option><option value="lang">language</option></select><button class="btn" id="sort-dir" type="button">↑</button></div>
<div><span id="list-count" role="status"></span><button id="bin-chip" type="button" hidden></button><button class="btn" id="clear" type="button">Clear filters</button></div>
</div>
<div class="list" id="list" tabindex="-1"><div id="rows" role="list" aria-label="Documents"></div><p id="list-empty" class="muted" hidden>No document matches the filters.</p></div>
</section>
<section class="doc-pane" aria-label="Document">
<div class="doc-empty" id="doc-empty"><p>Pick a document in the list, or press <kbd>j</kbd>.</p><p><kbd>j</kbd> <kbd>k</kbd> next / previous document · <kbd>n</kbd> <kbd>p</kbd> next / previous removal · <kbd>s</kbd> clean text side by side · <kbd>?</kbd> all keys</p></div>
<div id="doc-view" hidden>
<div class="doc-head">
<div class="doc-heading"><h2 id="doc-title"></h2><div class="doc-meta" id="doc-meta"></div></div>
<div class="doc-actions">
<button class="btn" id="prev-doc" type="button" aria-label="Previous document (k)" title="Previous document (k)">‹ Doc</button>
<button class="btn" id="next-doc" type="button" aria-label="Next document (j)" title="Next document (j)">Doc ›</button>
<span class="sep"></span>
<button class="btn" id="prev-removal" type="button" aria-label="Previous removal (p)" title="Previous removal (p)">‹</button>
<span id="removal-status" aria-live="polite"></span>
<button class="btn" id="next-removal" type="button" aria-label="Next removal (n)" title="Next removal (n)">›</button>
<span class="sep"></span>
<button class="btn" id="side" type="button" aria-pressed="false" title="Show the clean text beside the original (s)">Side by side</button>
</div>
</div>
<div class="doc-rules" id="doc-rules" role="group" aria-label="Rules that removed text from this document"></div>
<div class="doc-body" id="doc-body">
<section aria-labelledby="h-original"><h3 id="h-original">Original, removals highlighted</h3><div class="text" id="original"></div></section>
<section id="clean-pane" aria-labelledby="h-clean" hidden><h3 id="h-clean">Clean text</h3><div class="text" id="clean"></div></section>
</div>
</div>
</section>
</main>
<div id="tip" role="tooltip" hidden></div>
<dialog id="help" aria-labelledby="help-title"><h2 id="help-title">Keyboard</h2><table>${keys}</table><p><button class="btn" id="help-close" type="button">Close</button></p></dialog>
<p class="sr-only" id="announce" aria-live="polite"></p>
<script type="application/json" id="${parts.dataId}">${parts.json}</script>
<script>${parts.script}</script>
</body>
</html>
`
}
