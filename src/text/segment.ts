/**
 * parse-latin's split of one line into sentences and words (parse-english's for English), computed
 * without building its syntax tree.
 *
 * The cleaner reads a line's parse as numbers only: where each sentence starts and ends, and where
 * each of its words does (`LineParse`). Building parse-latin's tree for that took about a quarter
 * of all cleaning time. This module runs the same steps, in the same order, on light nodes that hold
 * offsets instead of strings:
 *
 * 1. tokenize: runs of word characters or white space, runs of one punctuation or symbol character
 *    (the token table of `tokens.ts`);
 * 2. the word transforms, over the line's tokens as one sentence: `&` before a word, `-` after one,
 *    inner symbols (`don't`, `e-mail`, `U.S`), short words around a slash (`km/h`), initialisms
 *    (`U.S.`); for English first the elisions (`'tis`, `rock 'n' roll`, `w/`);
 * 3. the split after each terminal marker (`.`, `!`, `?`, `…`, `‽`);
 * 4. the sentence transforms, in parse-latin's order: sentences without words join a neighbour, a
 *    closing mark joins the sentence before, a sentence starting with a lower-case word, a digit, a
 *    comma or a semicolon joins the one before, a full stop after an abbreviation does not end a
 *    sentence, the remaining inner full stops join their word, white space at a sentence's edges
 *    leaves it, a blank line (two line breaks) inside a sentence breaks it, empty sentences go; for
 *    English first, a full stop after an English abbreviation (`Mr.`, `Jan.`) ends no sentence.
 *
 * Each step keeps parse-latin's visiting order exactly, including where it revisits or skips a
 * node after changing the list, because the result depends on it. The test suite compares the
 * result with parse-latin's and parse-english's trees (through retext-latin and retext-english) on
 * the seeds, every rule example, benchmark texts and random texts. The character classes and word
 * lists are decruft's own (`expressions.ts`, and the token table of `tokens.ts`).
 */

import {
  isClosingMark,
  isElisionAffix,
  isElisionPrefix,
  isEnglishAbbreviation,
  isInnerWordSymbol,
  isLatinAbbreviation,
  isNumeric,
  isTerminalValue,
  startsLowerCase,
  startsWithDigit
} from './expressions.js'
import {eachToken, PUNCTUATION, SYMBOL, WHITE_SPACE, WORD} from './tokens.js'
import {GapList} from './gap-list.js'
import type {ParseArena} from './parse-arena.js'
import {packLine} from '../line-parse.js'

/** Node types beyond the token types of `eachToken`: a word's text, a sentence. */
const TEXT = 5
const SENTENCE = 6

interface Node {
  type: number
  /** Offsets in the line of a leaf (white space, punctuation, symbol, a word's text). */
  start: number
  end: number
  /** A word's leaves, or a sentence's words and leaves. */
  children: Node[] | undefined
}

const isMark = (node: Node | undefined) => node !== undefined && (node.type === PUNCTUATION || node.type === SYMBOL)

const AMPERSAND = 0x26
const APOSTROPHE = 0x27
const RIGHT_QUOTE = 0x2019
const HYPHEN = 0x2d
const FULL_STOP = 0x2e
const SLASH = 0x2f
const COMMA = 0x2c
const SEMICOLON = 0x3b

function startOf(node: Node): number {
  while (node.children) node = node.children[0]
  return node.start
}

function endOf(node: Node): number {
  while (node.children) node = node.children[node.children.length - 1]
  return node.end
}

/** Add `items` at the end of `list` (one by one: a spread of a huge list would overflow the stack). */
function append(list: Node[], items: Node[]): void {
  for (const item of items) list.push(item)
}

/**
 * The nodes a transform walks (a line's tokens, its sentences) are in a `GapList`: joining them
 * where the walk stands costs about nothing, where an array's `splice` cost a move of every node
 * after that place, and a long line of many sentences or joined words took time quadratic in its
 * length.
 */
type Nodes = GapList<Node>

type Visitor = (node: Node, index: number, list: Nodes) => number | undefined | void

/**
 * Visit `list` as unist-util-modify-children does: a visitor that returns a number moves the visit
 * to that index (at least 0), else it goes on with the next. With a visitor that returns nothing,
 * this is unist-util-visit-children: in order, the list's length read afresh each time.
 */
function modify(list: Nodes, visit: Visitor): void {
  for (let index = 0; index < list.length; index++) {
    const next = visit(list.at(index)!, index, list)
    if (typeof next === 'number') index = (next < 0 ? 0 : next) - 1
  }
}

/**
 * Each word transform acts only at a punctuation or symbol token that starts with one of a few
 * characters: bits per code unit saying which.
 */
const ELISION = 1
const INITIAL_SYMBOL = 2
const FINAL_SYMBOL = 4
const INNER_SYMBOL = 8
const INNER_SLASH = 16
const INITIALISM = 32
const actsAt = new Uint8Array(65536)
for (let code = 0; code < 65536; code++) if (isInnerWordSymbol(String.fromCharCode(code))) actsAt[code] |= INNER_SYMBOL
actsAt[SLASH] |= ELISION | INNER_SLASH
actsAt[APOSTROPHE] |= ELISION
actsAt[RIGHT_QUOTE] |= ELISION
actsAt[AMPERSAND] |= INITIAL_SYMBOL
actsAt[HYPHEN] |= FINAL_SYMBOL
actsAt[FULL_STOP] |= INITIALISM

/** How many token nodes a segmenter keeps for reuse. */
const POOL_SIZE = 4096

/** Segment lines of one parser family. */
class Segmenter {
  private text = ''

  constructor(private readonly english: boolean) {}

  private value(node: Node): string {
    return node.children ? this.text.slice(startOf(node), endOf(node)) : this.text.slice(node.start, node.end)
  }

  /** Whether leaf `node` is the one character `code`. */
  private is(node: Node, code: number): boolean {
    return node.end - node.start === 1 && this.text.charCodeAt(node.start) === code
  }

  private isApostrophe(node: Node): boolean {
    return this.is(node, APOSTROPHE) || this.is(node, RIGHT_QUOTE)
  }

  /**
   * A word's leaves. A word token has none until something joins it: its text is then its first
   * leaf (most words are never joined, so most never get the array).
   */
  private parts(word: Node): Node[] {
    return (word.children ??= [{type: TEXT, start: word.start, end: word.end, children: undefined}])
  }

  /** Whether a leaf is a terminal marker: punctuation is a run of one character, so its first tells. */
  private isTerminal(node: Node): boolean {
    if (node.type !== PUNCTUATION) return node.type === SYMBOL && isTerminalValue(this.value(node))
    const code = this.text.charCodeAt(node.start)
    return code === FULL_STOP || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x203d
  }

  /**
   * `modify` (or, as `visit` returns nothing, unist-util-visit-children) for a word transform: only
   * the leaves that start with a character of its `bit` are visited, the others it would leave alone.
   */
  private wordPass(list: Nodes, visit: Visitor, bit: number): void {
    // A transform acts at no mark of the line: nothing to visit. (Transforms move marks into words,
    // never create them, so what the line's marks allow at the start holds throughout.)
    if ((this.present & bit) === 0) return
    const text = this.text
    for (let index = 0; index < list.length; index++) {
      const node = list.at(index)!
      if ((node.type !== PUNCTUATION && node.type !== SYMBOL) || (actsAt[text.charCodeAt(node.start)] & bit) === 0) continue
      const next = visit(node, index, list)
      if (typeof next === 'number') index = (next < 0 ? 0 : next) - 1
    }
  }

  /** The word transforms that can act on the line being read (`actsAt` bits of its marks). */
  private present = 0

  /**
   * Token nodes, reused from line to line: nothing refers to a line's nodes once its numbers are
   * copied out, and most of what segmenting allocated was these. Lines with more tokens than the
   * pool holds get fresh nodes for the rest, so a huge line does not keep memory.
   */
  private readonly pool: Node[] = []

  /**
   * The list of the line's tokens, reused from line to line for the same reason (a list grown
   * afresh by one push per token was a tenth of all that cleaning allocated); one that grew past the
   * pool's size is let go once its line is read (it held the line's nodes: a 25 MB line's were
   * 700 MB, kept while the rest of the document was cleaned).
   */
  private tokens: Nodes = new GapList()

  private tokenize(): Nodes {
    this.tokens.clear()
    this.count = 0
    this.present = 0
    eachToken(this.text, this, Segmenter.addToken)
    return this.tokens
  }

  /** How many tokens `tokenize` has put in `tokens` so far. */
  private count = 0

  /** `eachToken`'s callback for `tokenize` (a static method, so no closure per line): the next token, in a pooled node. */
  private static addToken(segmenter: Segmenter, type: number, start: number, end: number): void {
    if (type !== WORD && type !== WHITE_SPACE) segmenter.present |= actsAt[segmenter.text.charCodeAt(start)]
    const at = segmenter.count++
    let node = segmenter.pool[at]
    if (node === undefined) {
      node = {type, start, end, children: undefined}
      if (at < POOL_SIZE) segmenter.pool.push(node)
    } else {
      node.type = type
      node.start = start
      node.end = end
      node.children = undefined
    }
    segmenter.tokens.push(node)
  }

  // ---- Word transforms (over the line's tokens) ----

  /** parse-english: `w/`, `'tis`, `'n'` and `o'` elisions join their word. */
  private readonly elision = (child: Node, index: number, siblings: Nodes): void => {
    if (!isMark(child)) return
    const length = siblings.length
    if (this.is(child, SLASH)) {
      const sibling = siblings.at(index - 1)
      if (sibling && sibling.type === WORD && this.value(sibling).toLowerCase() === 'w') {
        siblings.remove(index, 1)
        this.parts(sibling).push(child)
      }
      return
    }
    if (!this.isApostrophe(child)) return
    const before = siblings.at(index - 1)!
    if (
      index > 2 &&
      index < length - 1 &&
      before.type === WORD &&
      siblings.at(index - 2)!.type === WHITE_SPACE &&
      siblings.at(index + 1)!.type === WHITE_SPACE &&
      isElisionPrefix(this.value(before).toLowerCase())
    ) {
      siblings.remove(index, 1)
      this.parts(before).push(child)
      return
    }
    if (index !== length - 1 && siblings.at(index + 1)!.type === WORD && (index === 0 || siblings.at(index - 1)!.type !== WORD)) {
      const sibling = siblings.at(index + 1)!
      const word = this.value(sibling).toLowerCase()
      const other = siblings.at(index + 2)
      if (isElisionAffix(word)) {
        siblings.remove(index, 1)
        this.parts(sibling).unshift(child)
      } else if (word === 'n' && other && other.type === PUNCTUATION && this.isApostrophe(other)) {
        siblings.remove(index, 1)
        siblings.remove(index + 1, 1)
        this.parts(sibling).unshift(child)
        this.parts(sibling).push(other)
      }
    }
  }

  /** `&` before a word that follows no word joins it. */
  private readonly initialWordSymbol = (child: Node, index: number, children: Nodes): number | undefined => {
    if (!isMark(child) || !this.is(child, AMPERSAND)) return undefined
    const next = children.at(index + 1)
    if ((index > 0 && children.at(index - 1)!.type === WORD) || !(next && next.type === WORD)) return undefined
    children.remove(index, 1)
    this.parts(next).unshift(child)
    return index - 1
  }

  /** `-` after a word and before no word joins it. */
  private readonly finalWordSymbol = (child: Node, index: number, children: Nodes): number | undefined => {
    if (index > 0 && isMark(child) && this.is(child, HYPHEN)) {
      const previous = children.at(index - 1)
      const next = children.at(index + 1)
      if ((!next || next.type !== WORD) && previous && previous.type === WORD) {
        children.remove(index, 1)
        this.parts(previous).push(child)
        return index
      }
    }
    return undefined
  }

  /** Words joined by inner symbols (`'`, `-`, `.`, `:`, `&`…) are one word. */
  private readonly innerWordSymbol = (child: Node, index: number, siblings: Nodes): number | undefined => {
    if (index === 0 || !isMark(child)) return undefined
    const previous = siblings.at(index - 1)
    if (!previous || previous.type !== WORD) return undefined
    // The run of words and inner symbols from here; the symbols after its last word stay out.
    let position = index - 1
    let last = -1
    for (let sibling = siblings.at(++position); sibling; sibling = siblings.at(++position)) {
      if (sibling.type === WORD) last = position
      else if (!(isMark(sibling) && (this.is(sibling, FULL_STOP) || this.is(sibling, APOSTROPHE) || this.is(sibling, HYPHEN) || isInnerWordSymbol(this.value(sibling))))) break
    }
    if (last === -1) return undefined
    const parts = this.parts(previous)
    for (let at = index; at <= last; at++) {
      const sibling = siblings.at(at)!
      if (sibling.type !== WORD) parts.push(sibling)
      else if (sibling.children) append(parts, sibling.children)
      else parts.push({type: TEXT, start: sibling.start, end: sibling.end, children: undefined})
    }
    siblings.remove(index, last - index + 1)
    return index
  }

  /** A slash between words of fewer than three characters (`km/h`) joins them. */
  private readonly innerWordSlash = (child: Node, index: number, siblings: Nodes): number | undefined => {
    const previous = siblings.at(index - 1)
    if (!(previous && previous.type === WORD && isMark(child) && this.is(child, SLASH))) return undefined
    const previousValue = this.value(previous)
    const queue = [child]
    let count = 1
    let nextValue = ''
    const next = siblings.at(index + 1)
    if (next && next.type === WORD) {
      nextValue = this.value(next)
      append(queue, this.parts(next))
      count++
    }
    if (previousValue.length < 3 && (!nextValue || nextValue.length < 3)) {
      append(this.parts(previous), queue)
      siblings.remove(index, count)
      return index
    }
    return undefined
  }

  /** The full stop after an initialism of letters (`U.S.`, not `1.2.`) joins it. */
  private readonly initialisms = (child: Node, index: number, children: Nodes): number | undefined => {
    if (index === 0 || child.type !== PUNCTUATION || !this.is(child, FULL_STOP)) return undefined
    const previous = children.at(index - 1)!
    const parts = previous.children
    if (previous.type !== WORD || !parts || parts.length === 1 || parts.length % 2 === 0) return undefined
    let position = parts.length
    let allDigits = true
    while (parts[--position]) {
      const value = this.value(parts[position])
      if (position % 2 === 0) {
        if (value.length > 1) return undefined
        if (!isNumeric(value)) allDigits = false
      } else if (value !== '.') {
        if (position < parts.length - 2) break
        return undefined
      }
    }
    if (allDigits) return undefined
    children.remove(index, 1)
    parts.push(child)
    return index
  }

  // ---- Sentence transforms (over the line's sentences) ----

  /**
   * A sentence that ends with a full stop after a word `isAbbreviation` accepts does not end there:
   * the full stop joins the word and the next sentence joins this one. (A full stop is always a
   * punctuation token, so parse-english's test of its type and parse-latin's of a mark agree.)
   */
  private joinAfterAbbreviation(sentence: Node, index: number, paragraph: Nodes, isAbbreviation: (word: string) => boolean): number | undefined {
    const children = sentence.children
    if (!children || children.length <= 1) return undefined
    const period = children[children.length - 1]
    const word = children[children.length - 2]
    if (!(isMark(period) && this.is(period, FULL_STOP) && word.type === WORD && isAbbreviation(this.value(word)))) return undefined
    this.parts(word).push(period)
    children.pop()
    const next = paragraph.at(index + 1)
    if (next && next.type === SENTENCE) {
      append(children, next.children!)
      paragraph.remove(index + 1, 1)
      return index - 1
    }
    return undefined
  }

  /** `child` (at `index` in `parent`) joins the sentence before it; the visit goes on at `index`. */
  private joinPrevious(previous: Node, child: Node, index: number, parent: Nodes): number {
    append(previous.children!, child.children!)
    parent.remove(index, 1)
    return index
  }

  /** parse-english: a full stop after an English abbreviation (`Mr.`, `Jan.`) does not end the sentence. */
  private readonly englishPrefixExceptions = (sentence: Node, index: number, paragraph: Nodes): number | undefined =>
    this.joinAfterAbbreviation(sentence, index, paragraph, isEnglishAbbreviation)

  /** A sentence without words joins the one before, else the one after. */
  private readonly nonWordSentences = (child: Node, index: number, parent: Nodes): number | undefined => {
    if (!child.children) return undefined
    for (const node of child.children) if (node.type === WORD) return undefined
    const previous = parent.at(index - 1)
    if (previous && previous.children) return this.joinPrevious(previous, child, index, parent)
    const next = parent.at(index + 1)
    if (next && next.children) {
      next.children = child.children.concat(next.children)
      parent.remove(index, 1)
    }
    return undefined
  }

  /**
   * A closing mark (`)`, `”`, `»`…) at a sentence's start belongs to the one before. parse-latin
   * moves one and visits the sentence before again, then this one: the one before (which has kept
   * its first word: every sentence but the first has one here) is left as it was, so a run of such
   * marks moves at once, not by a shift of the whole sentence per mark.
   */
  private readonly affixSymbol = (child: Node, index: number, parent: Nodes): number | undefined => {
    const children = child.children
    if (!children || children.length === 0 || index === 0) return undefined
    const previous = parent.at(index - 1)
    if (!(previous && previous.type === SENTENCE)) return undefined
    let count = 0
    while (count < children.length && isMark(children[count]) && isClosingMark(this.value(children[count]))) count++
    if (count === 0) return undefined
    append(previous.children!, children.splice(0, count))
    return index - 1
  }

  /** A sentence whose first word starts in lower case continues the one before. */
  private readonly lowerCaseSentences = (child: Node, index: number, parent: Nodes): number | undefined => {
    if (child.type !== SENTENCE || index === 0) return undefined
    const previous = parent.at(index - 1)!
    const children = child.children!
    if (children.length === 0 || previous.type !== SENTENCE) return undefined
    for (const node of children) {
      if (node.type === WORD) {
        if (!startsLowerCase(this.value(node))) return undefined
        return this.joinPrevious(previous, child, index, parent)
      }
      if (isMark(node)) return undefined
    }
    return undefined
  }

  /** A sentence starting with a digit continues the one before. */
  private readonly digitSentences = (child: Node, index: number, parent: Nodes): number | undefined => {
    const previous = parent.at(index - 1)
    if (!(previous && previous.type === SENTENCE && child.type === SENTENCE)) return undefined
    const head = child.children![0]
    if (head && head.type === WORD && startsWithDigit(this.value(head))) {
      return this.joinPrevious(previous, child, index, parent)
    }
    return undefined
  }

  /** A full stop after a short number, a letter or a Latin abbreviation does not end the sentence. */
  private readonly prefixExceptions = (child: Node, index: number, parent: Nodes): number | undefined =>
    this.joinAfterAbbreviation(child, index, parent, isLatinAbbreviation)

  /** A sentence that starts with a comma or semicolon (before any word) continues the one before. */
  private readonly affixExceptions = (child: Node, index: number, parent: Nodes): number | undefined => {
    const previous = parent.at(index - 1)
    if (!(previous && previous.children && child.children && child.children.length > 0)) return undefined
    for (const node of child.children) {
      if (node.type === WORD) return undefined
      if (isMark(node)) {
        if (!this.is(node, COMMA) && !this.is(node, SEMICOLON)) return undefined
        return this.joinPrevious(previous, child, index, parent)
      }
    }
    return undefined
  }

  /**
   * Full stops inside a sentence (not its last terminal marker) join the word before or after.
   * Walked from the end, as parse-latin walks it; the nodes that stay are gathered at the end of the
   * array (from `kept` on), so that taking one out costs no move of those after it, and the slots
   * before them are dropped once.
   */
  private readonly remainingFullStops = (child: Node): void => {
    const children = child.children
    if (!children) return
    let kept = children.length
    let delimiterFound = false
    for (let position = children.length - 1; position >= 0; position--) {
      const node = children[position]
      let joined = false
      if (isMark(node)) {
        if (this.isTerminal(node)) {
          // The sentence's last terminal marker (or one after its last word) stays; a full stop before it joins a word.
          if (delimiterFound && this.is(node, FULL_STOP)) joined = this.joinsWord(node, children[position - 1], children[kept], children[kept + 1])
          delimiterFound = true
        }
      } else if (node.type === WORD) delimiterFound = true
      if (!joined && --kept !== position) children[kept] = node
    }
    if (kept > 0) children.splice(0, kept)
  }

  /**
   * Whether an inner full stop joins the word before it (unless white space and another full stop
   * follow) or else the word after it (`next` and `afterNext`: the nodes after it that stay).
   */
  private joinsWord(node: Node, previous: Node | undefined, next: Node | undefined, afterNext: Node | undefined): boolean {
    if (previous && previous.type === WORD) {
      if (next && afterNext && next.type === WHITE_SPACE && isMark(afterNext) && this.is(afterNext, FULL_STOP)) return false
      this.parts(previous).push(node)
      return true
    }
    if (next && next.type === WORD) {
      this.parts(next).unshift(node)
      return true
    }
    return false
  }

  /** White space that starts a sentence becomes its sibling. */
  private readonly initialWhiteSpace = (child: Node, index: number, parent: Nodes): void => {
    const head = child.children?.[0]
    if (head && head.type === WHITE_SPACE) {
      child.children!.shift()
      parent.insert(index, head)
    }
  }

  /** White space that ends a sentence becomes its sibling. */
  private readonly finalWhiteSpace = (child: Node, index: number, parent: Nodes): number | undefined => {
    const children = child.children
    if (!children) return undefined
    const tail = children[children.length - 1]
    if (tail && tail.type === WHITE_SPACE) {
      children.pop()
      parent.insert(index + 1, tail)
      return index
    }
    return undefined
  }

  /**
   * White space holding two line breaks breaks its sentence in two. parse-latin breaks the sentence
   * at the first such white space (not its first or last node) and goes on with the rest as a
   * sentence of its own; all the breaks are made here at once, each part copied once.
   */
  private readonly implicitSentences = (child: Node, index: number, parent: Nodes): number | undefined => {
    if (child.type !== SENTENCE) return undefined
    const children = child.children!
    let from = 0
    let at = index
    for (let position = 1; position < children.length - 1; position++) {
      const node = children[position]
      if (position === from || node.type !== WHITE_SPACE || this.value(node).split(/\r\n|\r|\n/).length < 3) continue
      if (from === 0) child.children = children.slice(0, position)
      else parent.insert(++at, {type: SENTENCE, start: 0, end: 0, children: children.slice(from, position)})
      parent.insert(++at, node)
      from = position + 1
    }
    if (from === 0) return undefined
    parent.insert(++at, {type: SENTENCE, start: 0, end: 0, children: children.slice(from)})
    return at + 1
  }

  private readonly emptyNodes = (child: Node, index: number, parent: Nodes): number | undefined => {
    if (child.children && child.children.length === 0) {
      parent.remove(index, 1)
      return index
    }
    return undefined
  }

  /** The line's sentences (each a list of words and leaves) and the white space between them. */
  sentences(text: string): Node[] {
    this.text = text
    const tokens = this.tokenize()
    if (this.english) this.wordPass(tokens, this.elision, ELISION)
    this.wordPass(tokens, this.initialWordSymbol, INITIAL_SYMBOL)
    this.wordPass(tokens, this.finalWordSymbol, FINAL_SYMBOL)
    this.wordPass(tokens, this.innerWordSymbol, INNER_SYMBOL)
    this.wordPass(tokens, this.innerWordSlash, INNER_SLASH)
    this.wordPass(tokens, this.initialisms, INITIALISM)

    const paragraph: Nodes = new GapList()
    let from = 0
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens.at(index)!
      if (index === tokens.length - 1 || (token.type === PUNCTUATION && this.isTerminal(token))) {
        // A line of one sentence (most lines) takes the token list itself: nothing else reads it now.
        paragraph.push({type: SENTENCE, start: 0, end: 0, children: from === 0 && index === tokens.length - 1 ? tokens.toArray() : tokens.slice(from, index + 1)})
        from = index + 1
      }
    }

    if (this.english) modify(paragraph, this.englishPrefixExceptions)
    modify(paragraph, this.nonWordSentences)
    modify(paragraph, this.affixSymbol)
    modify(paragraph, this.lowerCaseSentences)
    modify(paragraph, this.digitSentences)
    modify(paragraph, this.prefixExceptions)
    modify(paragraph, this.affixExceptions)
    modify(paragraph, this.remainingFullStops)
    modify(paragraph, this.initialWhiteSpace)
    modify(paragraph, this.finalWhiteSpace)
    if (/[\r\n]/.test(text)) modify(paragraph, this.implicitSentences)
    modify(paragraph, this.emptyNodes)
    if (this.tokens.capacity > POOL_SIZE) this.tokens = new GapList()
    return paragraph.toArray()
  }
}

const segmenters = {english: new Segmenter(true), latin: new Segmenter(false)}

/**
 * A line longer than this is segmented in pieces, cut where no transform reaches across: its
 * nodes for a 50 MB line took more than a gigabyte at once, and collecting the garbage of such a
 * heap took time that grew faster than the line (a piece's nodes die young).
 */
const PIECE = 1 << 15

/**
 * After the full stop of a sentence that ends in a word of four or more lower-case letters with a
 * space before it, and before a space and a capitalised word. The word before (when it is no
 * abbreviation) joins nothing and lets the next sentence start no part of this one; the next
 * sentence starts with white space and a word that begins neither in lower case nor with a digit:
 * so none of the word or sentence transforms joins or moves a node across that place, and the
 * pieces on either side segment as they do in the whole line.
 */
const CUT = /(?<= ([a-z]{4,}))\.(?= [A-Z][a-z])/g

/** The first place at or after `from` where `text` can be cut into pieces (see `CUT`), or -1. */
function safeCut(text: string, family: 'english' | 'latin', from: number): number {
  CUT.lastIndex = from
  for (let match = CUT.exec(text); match; match = CUT.exec(text)) {
    const word = match[1]
    if (!isLatinAbbreviation(word) && !(family === 'english' && isEnglishAbbreviation(word))) return match.index + 1
  }
  return -1
}

/**
 * A line's sentences and words as `LineParse` lays them out: the sentence count, then per sentence
 * its start and end offset in the whole text (`lineStart` + offset in the line), its word count, and
 * each word's start and end offset in the line. 32-bit integers hold them all: a JavaScript string
 * is shorter than 2^31 code units.
 */
export function segmentLine(text: string, family: 'english' | 'latin', lineStart: number): Int32Array {
  const length = segmentIntoScratch(text, family, lineStart)
  const numbers = scratch.slice(0, length)
  if (scratch.length > SCRATCH_KEPT) scratch = new Int32Array(SCRATCH_KEPT)
  return numbers
}

/**
 * `segmentLine`'s numbers for line `line` of `arena`, written there with no array of their own and
 * laid out as tightly as they fit (`packLine`).
 */
export function segmentLineInto(arena: ParseArena, line: number, text: string, family: 'english' | 'latin', lineStart: number): void {
  // Read first: segmenting may replace `scratch` with a larger array.
  const length = segmentIntoScratch(text, family, lineStart)
  const packed = packLine(scratch, length, lineStart, text.length)
  arena.add(line, scratch, packed >>> 2, packed & 3)
  if (scratch.length > SCRATCH_KEPT) scratch = new Int32Array(SCRATCH_KEPT)
}

/** Write a line's numbers (`segmentLine`'s layout) to `scratch`; returns how many there are. */
function segmentIntoScratch(text: string, family: 'english' | 'latin', lineStart: number): number {
  scratch[0] = 0
  let at = 1
  for (let from = 0; from < text.length; ) {
    const cut = text.length - from > PIECE ? safeCut(text, family, from + PIECE) : -1
    const to = cut === -1 ? text.length : cut
    at = writeNumbers(segmenters[family].sentences(from === 0 && to === text.length ? text : text.slice(from, to)), lineStart + from, from, at)
    from = to
  }
  return at
}

/**
 * Write the numbers of a piece of a line (its sentences, from `at` in `scratch`): its offsets in the
 * line plus `shift`, in the whole text plus `pieceStart`. Returns where the numbers end.
 */
function writeNumbers(paragraph: Node[], pieceStart: number, shift: number, at: number): number {
  // At most 3 per sentence and 2 per word: the paragraph's items bound both.
  let bound = at
  for (const item of paragraph) bound += item.children ? 3 + 2 * item.children.length : 0
  if (scratch.length < bound) {
    const larger = new Int32Array(Math.max(bound, 2 * scratch.length))
    larger.set(scratch.subarray(0, at))
    scratch = larger
  }
  const data = scratch
  for (const sentence of paragraph) {
    const children = sentence.children
    if (!children) continue
    data[0]++
    data[at++] = pieceStart + startOf(children[0])
    data[at++] = pieceStart + endOf(children[children.length - 1])
    const count = at++
    data[count] = 0
    for (const node of children) {
      if (node.type !== WORD) continue
      data[count]++
      data[at++] = shift + startOf(node)
      data[at++] = shift + endOf(node)
    }
  }
  return at
}

/** The numbers of the line being read, copied out at its end; one grown past `SCRATCH_KEPT` for a huge line is let go. */
let scratch = new Int32Array(1024)
const SCRATCH_KEPT = 1 << 16
