/**
 * decruft as a retext plugin: `unified().use(retextEnglish).use(retextDecruft, {config})` cleans each
 * document inside someone else's retext pipeline.
 *
 * The plugin is a transformer. It reads the sentences and words of each line off the tree the
 * pipeline's parser built (retext-english or retext-latin), runs the same rules as `decruft clean`,
 * and records what `decruft clean` reports: a vfile message per removal (`ruleId`, `source:
 * 'decruft'`, `place`, `actual`) and, in `file.data.decruft`, the removals, the title, the language
 * and the cleaned text. The tree is left as the parser built it, so that its positions keep pointing
 * into the file's text, which messages of later plugins point at too; the cleaned text is
 * `file.data.decruft.text`, or the pipeline's output when `decruftStringify` is its compiler.
 *
 * decruft reads English with parse-english and every other language with parse-latin, one line
 * at a time. The parsers read a whole text with no regard for single line breaks: a sentence ends
 * at a terminal mark, so a line without one (a heading, a menu item) runs on into the next. Where
 * a sentence of the tree runs across a line break, where the pipeline's parser is not the one the
 * document's language calls for, or where plugins extend the parser (`nlcst*Extensions`, as
 * retext-emoji does), the line is read again alone with the plain parser it calls for. Lines a
 * pass changes are read again in the same way. So the removals are those of `decruft clean`, which
 * reads lines with its own segmenter (`text/segment.ts`); the test suite compares the two.
 */

import type {Paragraph, Root, Sentence} from 'nlcst'
import type {Plugin, Processor, Transformer} from 'unified'
import type {VFile} from 'vfile'
import {compileConfig, type CleanerOptions} from './cleaner.js'
import {loadConfig, type ConfigInput, type ResolvedConfig} from './config/resolve.js'
import {cleanParsedFile, decruftRules as engineRules, type RulesOptions} from './engine/plugin.js'
import type {Language} from './language.js'
import {lineParseOfSentences, parseDocument, parseLineWithParser, parserFamily, type LineParse} from './parse.js'
import {keptText} from './serialize.js'
import type {Line} from './text/lines.js'
import type {InputKind, Removal, TitleMode} from './types.js'

export interface RetextDecruftOptions {
  /**
   * The config: a config file's path (as `decruft clean --config`), a config object in the config
   * file's shape (`{extends: ['recommended', 'de']}`, rules, `off`…), or one `loadConfig` or
   * `resolveConfig` resolved. Default: the built-in `recommended` pack.
   */
  config?: string | ConfigInput | ResolvedConfig
  /** The document's language (ISO 639-1 or 639-3), or `auto`; default: the config's setting. */
  lang?: string
  /** How the title is found; default: the config's setting. */
  title?: TitleMode
  /** What the texts are (`auto`, `extractor` or `page`); default: the config's setting. */
  inputKind?: InputKind
  /** Record a vfile message per removal (default true). */
  messages?: boolean
  /** Told what the block classifier made of each document it judged. */
  observeBlocks?: CleanerOptions['observeBlocks']
}

/** What the plugin leaves in `file.data.decruft`. */
export interface DecruftData {
  /** The cleaned text, as `decruft clean` writes it. */
  text: string
  /** What was removed, in document order. */
  removed: Removal[]
  /** The title line's text, or null. */
  title: string | null
  /** The document's language (ISO 639-1 where it has one, else 639-3, or `und`). */
  lang: string
}

declare module 'vfile' {
  interface DataMap {
    /** What `retextDecruft` found. */
    decruft: DecruftData
  }
}

type Family = 'english' | 'latin'

/** The config the plugin runs with. */
function configOf(config: RetextDecruftOptions['config']): ResolvedConfig | ConfigInput {
  if (config === undefined) return {extends: ['recommended']}
  if (typeof config === 'string') return loadConfig({config})
  return config
}

/**
 * Which parser the pipeline reads with: parse-english keeps `Mr.` in the sentence that follows,
 * parse-latin ends a sentence there. Undefined when the pipeline has no parser that can tell.
 */
function familyOf(processor: Processor): Family | undefined {
  const parser = processor.parser as unknown
  if (typeof parser !== 'function') return undefined
  // Extensions change the trees the parser builds: such a tree is not the plain parser's.
  for (const name of ['nlcstParagraphExtensions', 'nlcstRootExtensions', 'nlcstSentenceExtensions'] as const) {
    const extensions = processor.data(name as never) as unknown
    if (Array.isArray(extensions) && extensions.length > 0) return undefined
  }
  try {
    const tree = (parser as (value: string) => Root)('Mr. Smith went.')
    let sentences = 0
    for (const child of tree.children) if (child.type === 'ParagraphNode') sentences += child.children.filter((node) => node.type === 'SentenceNode').length
    return sentences === 1 ? 'english' : sentences === 2 ? 'latin' : undefined
  } catch {
    return undefined
  }
}

/**
 * The sentences of `tree` by line: for each line, the sentences that lie inside it, or undefined
 * when a sentence of the tree runs across its start or end (the line is then read alone).
 */
function sentencesByLine(tree: Root, lines: readonly Line[]): Array<Sentence[] | undefined> {
  const sentences: Sentence[] = []
  for (const child of tree.children) {
    if (child.type !== 'ParagraphNode') continue
    for (const node of (child as Paragraph).children) if (node.type === 'SentenceNode') sentences.push(node)
  }
  const byLine: Array<Sentence[] | undefined> = lines.map(() => [])
  let line = 0
  for (const sentence of sentences) {
    const start = sentence.position?.start.offset
    const end = sentence.position?.end.offset
    if (start === undefined || end === undefined) return lines.map(() => undefined)
    while (line < lines.length && lines[line].end < start) line++
    if (line === lines.length) break
    if (start >= lines[line].start && end <= lines[line].end) {
      byLine[line]?.push(sentence)
      continue
    }
    // Across a line's edge: every line the sentence touches is read alone.
    for (let at = line; at < lines.length && lines[at].start < end; at++) byLine[at] = undefined
  }
  // parse-latin reads a full stop before a lower-case word as part of the word before it ("etc."),
  // also across a paragraph break: "… an.\n\nvon Miriam" gives the word "an.". A line read alone
  // ends its sentence there; a line whose last word ends in punctuation is read alone.
  for (const [index, found] of byLine.entries()) {
    const last = found?.at(-1)?.children.findLast((node) => node.type !== 'WhiteSpaceNode')
    if (last?.type === 'WordNode' && last.children.at(-1)?.type === 'PunctuationNode') byLine[index] = undefined
  }
  return byLine
}

/**
 * unified plugin (a transformer, after retext-english or retext-latin): clean each document with
 * decruft's rules, recording messages and `file.data.decruft`.
 */
export default function retextDecruft(this: Processor, options: RetextDecruftOptions = {}) {
  const {resolved, rules, title} = compileConfig(configOf(options.config), {observeBlocks: options.observeBlocks})
  const lang = options.lang ?? resolved.settings.lang
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const processor = this
  let family: Family | undefined | null = null

  return (tree: Root, file: VFile) => {
    if (family === null) family = familyOf(processor)
    let fromTree: Array<Sentence[] | undefined> | undefined
    const readLine = (line: Line, language: Language): LineParse => {
      if (family === parserFamily(language)) {
        fromTree ??= sentencesByLine(tree, file.data.lines ?? [])
        const sentences = fromTree[line.index]
        if (sentences) return lineParseOfSentences(sentences, line)
      }
      return parseLineWithParser(line, language)
    }
    parseDocument(file, {lang, compact: true, lineParser: readLine})
    cleanParsedFile(file, {rules, title: options.title ?? title, inputKind: options.inputKind ?? resolved.settings.inputKind, lang, messages: options.messages, lineParser: parseLineWithParser})
    file.data.decruft = {
      text: keptText(file.data.outcome!, file.data.eol ?? '\n'),
      removed: file.data.removed ?? [],
      title: file.data.title ?? null,
      lang: file.data.language?.code ?? 'und'
    }
  }
}

export {retextDecruft}

/**
 * unified plugin: the rule engine. With compiled rules (`createCleaner(config).rules`) it runs them
 * on what `decruftParse` read, or, after another parser (retext-english, retext-latin), on the
 * file's text read with decruft's segmenter. Without rules it is `retextDecruft` with the same
 * options (by default the recommended pack).
 */
export const decruftRules: Plugin<[(RulesOptions | RetextDecruftOptions)?], Root, Root> = function (this: Processor, options) {
  if (!options || !('rules' in options) || !options.rules) return retextDecruft.call(this, (options ?? {}) as RetextDecruftOptions)
  const rulesOptions = options as RulesOptions
  const transform = engineRules.call(this as never, rulesOptions) as Transformer<Root, Root>
  return (tree: Root, file: VFile) => {
    if (!file.data.lines) parseDocument(file, {lang: rulesOptions.lang, compact: true})
    return transform(tree, file, () => {})
  }
}
