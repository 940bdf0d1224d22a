/**
 * `heuristic`: the block classifier as a rule kind. It is not written in packs; the cleaner adds it
 * from the config's `heuristics` settings. It runs after every rule, on what the rules left, and
 * records each decision with the features that made it.
 */

import type {Block, Classification, Decision} from '../classifier/classify.js'
import {classifyDocument} from '../classifier/classify.js'
import {decisionPositions, isProseLike, type Classified} from '../classifier/vector.js'
import type {DocumentContext} from '../engine/document.js'
import {resolveHeuristics, type HeuristicSettings, type PresetName} from '../classifier/presets.js'
import {blockScores, modelDecisions, type ModelDecision} from '../classifier/decide.js'
import {keptByProseGuard} from '../classifier/prose-guard.js'
import type {ClassifierModel} from '../classifier/model-file.js'
import {defaultMaxChars, type CompiledRule, type RuleKind, type RuleRunner} from '../engine/rule.js'
import type {Category} from '../types.js'

const DECISIONS: Record<Decision['decision'] | 'block', string> = {
  block: 'boilerplate block',
  'outside-main': 'outside the main content',
  boilerplate: 'boilerplate block inside the main content',
  edge: 'boilerplate at the edge of the text'
}

function categoryOf(block: Block): Category {
  const features = block.features
  if (features.shape === 'copyright') return 'legal'
  if (features.shape === 'date' || features.shape === 'byline') return 'metadata'
  if (features.links > 0 || features.separators > 0 || features.repeats > 1) return 'navigation'
  if (block.initial === 'good' || block.initial === 'near-good') return 'related'
  if (!features.terminal && features.words <= 8) return 'navigation'
  return 'noise'
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function featuresOf(block: Block, page: boolean): Record<string, string | number | boolean> {
  const features = block.features
  const out: Record<string, string | number | boolean> = {
    class: block.initial,
    context: block.final,
    page,
    length: features.length,
    words: features.words,
    sentences: features.sentences,
    terminal: features.terminal,
    capitals: round(features.capitals),
    digits: round(features.digits)
  }
  if (features.stopwords !== undefined) out.stopwords = round(features.stopwords)
  if (features.links) out.links = features.links
  if (features.separators) out.separators = features.separators
  if (features.repeats > 1) out.repeats = features.repeats
  if (features.shape) out.shape = features.shape
  return out
}

/** The classifier's rule for one decision and category (its id and category go into the report). */
function decisionRule(base: CompiledRule, decision: Decision['decision'] | 'block', category: Category, cache: Map<string, CompiledRule>): CompiledRule {
  const key = `${decision}:${category}`
  let rule = cache.get(key)
  if (!rule) {
    const id = `heuristic/${decision}`
    rule = {...base, id, category, description: DECISIONS[decision], definition: {...base.definition, id, category, description: DECISIONS[decision]}}
    cache.set(key, rule)
  }
  return rule
}

/** Told what the classifier made of each document it judged (every pass), before it claims anything. */
export type BlockObserver = (document: DocumentContext, classified: Classification) => void

/** The trained classifier a cleaner uses, and the operating point it cleans at. */
export interface TrainedClassifier {
  model: ClassifierModel
  threshold: number
  /** The hand-set classifier's removals stand unless the model's content probability is this or more (0: none stand). */
  keepAbove: number
}

/** The default of `classifier.keepAbove`: the model vetoes a hand-set removal it finds more likely content than not. */
export const DEFAULT_KEEP_ABOVE = 0.5

/** The operating point of a preset (or the config's own threshold). */
export function thresholdOf(model: ClassifierModel, preset: PresetName | undefined, threshold: number | undefined): number {
  if (threshold !== undefined) return threshold
  return model.file.operatingPoints[preset === undefined || preset === 'off' ? 'balanced' : preset]
}

/** The classifier's rule for a config's settings (with a trained model, the model decides). */
export function createHeuristicRule(settings: HeuristicSettings, observe?: BlockObserver, trained?: TrainedClassifier): CompiledRule {
  const rule: CompiledRule = {
    id: 'heuristic',
    kind: 'heuristic',
    category: 'noise',
    description: 'block classifier',
    definition: {id: 'heuristic', kind: 'heuristic', category: 'noise', description: 'block classifier', enabled: settings.enabled},
    source: {pack: 'heuristics'},
    matcher: undefined,
    runner: {apply() {}},
    maxChars: defaultMaxChars('heuristic')
  }
  rule.runner = trained ? modelRunner(rule, settings, trained, observe) : heuristicRunner(rule, settings, observe)
  return rule
}

/**
 * The hand-set classifier's view of a document, told to the observer (training reads it there); the
 * headline it keeps above a page's main content becomes the document's.
 */
function classifyBlocks(document: DocumentContext, settings: HeuristicSettings, observe?: BlockObserver): Classification {
  const classified = classifyDocument(document, settings)
  observe?.(document, classified)
  if (classified.headline !== undefined) document.headline = classified.blocks[classified.headline].first
  return classified
}

/** Where a page's main content is, for the reasons of removals outside it ('' when there is none). */
function regionTextOf(document: DocumentContext, {region, blocks}: Classification): string {
  return region && blocks[region[0]] && blocks[region[1]]
    ? ` (main content: lines ${document.lines[blocks[region[0]].first].index + 1}–${document.lines[blocks[region[1]].last].index + 1})`
    : ''
}

/** Claim the hand-set classifier's removals (`suffix` ends each reason). */
function claimHandSet(document: DocumentContext, rule: CompiledRule, classified: Classification, cache: Map<string, CompiledRule>, suffix = ''): void {
  const {decisions, page} = classified
  const regionText = document.explain ? regionTextOf(document, classified) : ''
  const kept = keptByProseGuard(classified.blocks, decisions.map(({block, decision, sure}) => ({block, outsideMain: decision === 'outside-main', sure})))
  for (const {block, decision} of decisions) {
    if (kept.has(block)) continue
    const target = decisionRule(rule, decision, categoryOf(block), cache)
    if (!document.explain) {
      document.claim(block.first, block.last, target, DECISIONS[decision])
      continue
    }
    const reason = `${DECISIONS[decision]}${decision === 'outside-main' ? regionText : ''}: ${block.why}${suffix}`
    document.claim(block.first, block.last, target, reason, featuresOf(block, page))
  }
}

function heuristicRunner(rule: CompiledRule, settings: HeuristicSettings, observe?: BlockObserver): RuleRunner {
  const cache = new Map<string, CompiledRule>()
  return {
    apply(document) {
      if (!settings.enabled) return
      claimHandSet(document, rule, classifyBlocks(document, settings, observe), cache)
    }
  }
}

/**
 * Why the model cannot judge the document, or undefined when it can:
 * - it has more blocks than `MODEL_MAX_BLOCKS`;
 * - no block reads like a paragraph of prose (a dozen words or more, ending like a sentence): a text
 *   of menus and headlines alone, where the language guess is a coin toss (a list of section names
 *   read as French, and once cleaned as English) and the model's scores moved across its threshold
 *   with it, so a second run removed more;
 * - on a whole page (`page`), no block has a stopword share and the stopword list does not match the
 *   text's prose either (`proseMatched`). The model's strongest features are the blocks' stopword
 *   shares, and where no stopword list matches the text (Chinese or Japanese, which are not split
 *   into words; a language without a list; a wrong language guess) every block lacks them. The
 *   training data has few such pages, and on them the model keeps much boilerplate: held out,
 *   DAnIEL's Chinese pages scored 0.575 with the model against 0.876 with the hand-set classifier.
 *   Where the list matches the prose but not the menus and lists around it (a Russian or Greek news
 *   page), the model judges the page blind to its stopwords, as it learnt to from the blind
 *   readings of its training texts: the hand-set classifier's main region, without stopwords, took
 *   the page's legal notice for the article (docs/classifier.md). Extractor output is left to the
 *   model all the same: there the hand-set classifier takes only sure shapes at the edges, so a
 *   first run that read the text in a language whose stopwords barely match (and fell back to it)
 *   and a second run that read the cleaned text in one whose stopwords do (and let the model judge)
 *   would disagree: a short line ("Nederlagen") stayed in the first and went in the second. Held
 *   out, this costs list-heavy extractor output a little (docs/classifier.md).
 * There the hand-set classifier decides alone.
 */
export function whyModelCannotJudge({blocks, page, proseMatched}: Pick<Classification, 'blocks' | 'page' | 'proseMatched'>): string | undefined {
  if (blocks.length > MODEL_MAX_BLOCKS) return `more than ${MODEL_MAX_BLOCKS} blocks`
  if (!blocks.some(isProseLike)) return 'no paragraph of prose'
  if (page && !proseMatched && !blocks.some((block) => block.features.stopwords !== undefined)) return 'no stopwords matched'
  return undefined
}

/**
 * Beyond this many blocks a document is larger than any the model was trained on (the seven
 * sources' texts have at most 2,325 blocks, 99.9% under 1,400), and its position features lead it
 * astray: on a page of 10,000 article parts between menus it took the last 1,847 parts. The
 * hand-set classifier decides such a document alone.
 */
export const MODEL_MAX_BLOCKS = 5000

function modelFeatures(block: Block, page: boolean, decision: ModelDecision): Record<string, string | number | boolean> {
  // Added to featuresOf's fresh object: a spread copy was a tenth of the model path's own time.
  const features = featuresOf(block, page)
  features.score = round(decision.score)
  features.model = round(decision.raw)
  features.strongest = decision.strongest.map(([name, value]) => `${name} ${value}`).join(', ')
  return features
}

/**
 * The trained classifier: the hand-set one's blocks, classes and page verdict become features; the
 * model's smoothed scores decide (`src/classifier/decide.ts`).
 */
function modelRunner(rule: CompiledRule, settings: HeuristicSettings, trained: TrainedClassifier, observe?: BlockObserver): RuleRunner {
  const cache = new Map<string, CompiledRule>()
  return {
    apply(document) {
      if (!settings.enabled) return
      const classified = classifyBlocks(document, settings, observe)
      const why = whyModelCannotJudge(classified)
      if (why !== undefined) {
        claimHandSet(document, rule, classified, cache, ` (${why}: the hand-set classifier decides)`)
        return
      }
      const scores = blockScores(document, classified, trained.model)
      const claims: Array<{block: Block; target: CompiledRule; reason: string; features: Record<string, string | number | boolean> | undefined; outsideMain: boolean; sure: boolean}> = []
      const taken = new Set<Block>()
      const {explain} = document
      for (const decision of modelDecisions(document, classified, trained.model, trained.threshold, classified.headline, scores, explain)) {
        const {block} = decision
        taken.add(block)
        const target = decisionRule(rule, 'block', categoryOf(block), cache)
        if (!explain) {
          claims.push({block, target, reason: DECISIONS.block, features: undefined, outsideMain: false, sure: false})
          continue
        }
        const reason = `${DECISIONS.block} (content probability ${decision.score.toFixed(2)}; strongest: ${decision.strongest.map(([name]) => name).join(', ') || 'none'})`
        claims.push({block, target, reason, features: modelFeatures(block, classified.page, decision), outsideMain: false, sure: false})
      }
      // The hand-set removals the model does not veto: its main-content regions and sure shapes find
      // what the block scores miss, and the model keeps the article a wrong region would take.
      const veto = trained.keepAbove
      if (veto > 0 && classified.decisions.length > 0) {
        const {smoothed} = scores
        const {blocks} = classified
        const regionText = explain ? regionTextOf(document, classified) : ''
        const positions = decisionPositions(blocks, classified.decisions)
        for (let index = 0; index < positions.length; index++) {
          const {block, decision, sure} = classified.decisions[index]
          const score = smoothed[positions[index]]
          if (taken.has(block) || (score >= veto && !sure)) continue
          taken.add(block)
          const target = decisionRule(rule, decision, categoryOf(block), cache)
          const outsideMain = decision === 'outside-main'
          if (!explain) {
            claims.push({block, target, reason: DECISIONS[decision], features: undefined, outsideMain, sure})
            continue
          }
          const reason = `${DECISIONS[decision]}${outsideMain ? regionText : ''}: ${block.why} (content probability ${score.toFixed(2)})`
          const features = featuresOf(block, classified.page)
          features.score = round(score)
          // Structural evidence (a sure shape, a widget printed twice, a comment thread): not vetoed.
          if (sure) features.sure = sure
          claims.push({block, target, reason, features, outsideMain, sure})
        }
      }
      // Never every block: a text where all of it reads as boilerplate is one the model does not
      // understand (as the hand-set classifier holds for extractor output). Then the hand-set
      // classifier decides, which never takes all; and the text a first run leaves (a headline
      // alone) is left alone by a second.
      if (taken.size === classified.blocks.length) {
        claimHandSet(document, rule, classified, cache, ' (the model would take every block: the hand-set classifier decides)')
        return
      }
      const kept = keptByProseGuard(classified.blocks, claims)
      for (const {block, target, reason, features} of claims) if (!kept.has(block)) document.claim(block.first, block.last, target, reason, features)
    }
  }
}

export const heuristicKind: RuleKind = {
  meta: {
    name: 'heuristic',
    description: 'Classifies every block left by the rules as content or boilerplate from its features and its neighbours.',
    phase: 7,
    options: [],
    needsMatcher: false,
    actsOnMatchedLines: false
  },
  create(rule) {
    return heuristicRunner(rule, resolveHeuristics(undefined))
  }
}
