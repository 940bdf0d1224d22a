/**
 * The trained block classifier's file: the gradient-boosted trees (`src/model/`), the block
 * sequence's transitions, the operating points of the presets, and what it was trained with. The
 * built-in model ships in the package (`models/classifier.json`); a config may name another
 * (`classifier: {model: ./model.json}`), which `decruft train` writes.
 */

import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {compileModel, ModelError, validateModel, type CompiledModel, type GbdtModel} from '../model/gbdt.js'
import type {Transitions} from '../model/sequence.js'
import {FEATURE_NAMES} from './vector.js'

export const CLASSIFIER_FORMAT = 'decruft-classifier'
export const CLASSIFIER_VERSION = 1

/** The presets' thresholds on the smoothed probability that a block is content. */
export interface OperatingPoints {
  precision: number
  balanced: number
  recall: number
}

export interface ClassifierModelFile {
  format: typeof CLASSIFIER_FORMAT
  version: typeof CLASSIFIER_VERSION
  /** Column names of a row: must be the cleaner's own `FEATURE_NAMES`. */
  features: string[]
  trees: GbdtModel
  transitions: Transitions
  /** Share of content blocks in the training data (the emission's prior). */
  prior: number
  operatingPoints: OperatingPoints
  /**
   * A run of blocks the model would remove that holds at least this many characters of prose-like
   * text keeps its prose blocks, unless each of them is below `strongEvidence`.
   */
  guard: {proseChars: number; strongEvidence: number}
  /** What it was trained on, for the record. */
  trainedOn: {sources: string[]; rows: number; documents: number}
}

/** A model ready to use. */
export interface ClassifierModel {
  file: ClassifierModelFile
  trees: CompiledModel
  /** Where it came from (a path, or `built-in`). */
  source: string
}

/** The built-in model's path in the package. */
export const BUILTIN_MODEL = fileURLToPath(new URL('../../models/classifier.json', import.meta.url))

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isProbability(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1
}

/** Check a parsed model file; a clear error names what is wrong. */
export function validateClassifierModel(json: unknown, source: string): ClassifierModelFile {
  const fail = (problem: string): never => {
    throw new ModelError(problem, source)
  }
  if (!isObject(json)) return fail('not a JSON object')
  if (json.format !== CLASSIFIER_FORMAT) return fail(`format is ${JSON.stringify(json.format)}, expected "${CLASSIFIER_FORMAT}"`)
  if (json.version !== CLASSIFIER_VERSION) return fail(`version ${JSON.stringify(json.version)} is not supported (this decruft reads version ${CLASSIFIER_VERSION})`)
  const features = json.features
  if (!Array.isArray(features) || features.length !== FEATURE_NAMES.length || features.some((name, index) => name !== FEATURE_NAMES[index])) {
    return fail(`its features are not this decruft's ${FEATURE_NAMES.length} block features (retrain it with this version: decruft train)`)
  }
  validateModel(json.trees, `${source} (its trees)`)
  const transitions = json.transitions as Transitions | undefined
  if (!isObject(transitions) || !Array.isArray(transitions.start) || !Array.isArray(transitions.next)) return fail('no transitions')
  if (!isProbability(json.prior)) return fail('prior is not a probability')
  const points = json.operatingPoints
  if (!isObject(points) || !isProbability(points.precision) || !isProbability(points.balanced) || !isProbability(points.recall)) return fail('operating points are not probabilities')
  const guard = json.guard
  if (!isObject(guard) || typeof guard.proseChars !== 'number' || !isProbability(guard.strongEvidence)) return fail('no guard')
  return json as unknown as ClassifierModelFile
}

const loaded = new Map<string, ClassifierModel>()

/** Read and compile a model file once per process (`built-in` or a path). */
export function loadClassifierModel(source: string): ClassifierModel {
  let model = loaded.get(source)
  if (model) return model
  const file = source === 'built-in' ? BUILTIN_MODEL : source
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ModelError(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, source)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ModelError(`not valid JSON (${(error as Error).message})`, source)
  }
  const checked = validateClassifierModel(json, source)
  model = {file: checked, trees: compileModel(checked.trees, source), source}
  loaded.set(source, model)
  return model
}
