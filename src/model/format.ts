/**
 * The model file: plain JSON with flat arrays per tree, numbers at a fixed precision, written with
 * a fixed key order so that the same model is the same bytes; and the checks a loaded file must
 * pass before it is used.
 */

export const MODEL_FORMAT = 'decruft-gbdt'
export const MODEL_VERSION = 1

/**
 * One tree, its nodes in the order they were made (a node's children come after it). A leaf has
 * feature -1; an inner node sends a row left when its value is at most the threshold, or when the
 * value is missing and missingLeft is 1. `value` is the node's output (a leaf's is what it adds to
 * the logit; an inner node's is what it would add were it a leaf, which contributions need).
 */
export interface GbdtTree {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  missingLeft: (0 | 1)[]
  value: number[]
}

export interface GbdtModel {
  format: typeof MODEL_FORMAT
  version: typeof MODEL_VERSION
  features: string[]
  /** The logit before any tree: the training labels' log odds. */
  bias: number
  trees: GbdtTree[]
}

/** A learned number at the file's precision: 6 significant digits. */
export function roundValue(value: number): number {
  return Number(value.toPrecision(6))
}

/** The model as JSON text: fixed key order, one tree per line so that a changed model diffs by tree. */
export function serializeModel(model: GbdtModel): string {
  const head = JSON.stringify({format: model.format, version: model.version, features: model.features, bias: model.bias})
  const trees = model.trees.map((tree) =>
    JSON.stringify({
      feature: tree.feature,
      threshold: tree.threshold,
      left: tree.left,
      right: tree.right,
      missingLeft: tree.missingLeft,
      value: tree.value
    })
  )
  return `${head.slice(0, -1)},"trees":[\n${trees.join(',\n')}\n]}\n`
}

/** A model file that cannot be used, with the place of the problem. */
export class ModelError extends Error {
  constructor(problem: string, source?: string) {
    super(`${source ? `${source}: ` : ''}not a decruft model: ${problem}`)
    this.name = 'ModelError'
  }
}

const treeArrays = ['feature', 'threshold', 'left', 'right', 'missingLeft', 'value'] as const

/**
 * Checks that `json` is a model this version can run: its shape, the feature indices against its
 * feature list, and children that point forward within the tree (so a walk always ends at a leaf).
 * Throws a ModelError naming `source` and the offending key.
 */
export function validateModel(json: unknown, source?: string): GbdtModel {
  const fail = (problem: string): never => {
    throw new ModelError(problem, source)
  }
  if (!isObject(json)) return fail('expected a JSON object')
  if (json.format !== MODEL_FORMAT) return fail(`"format" is ${JSON.stringify(json.format)}, expected "${MODEL_FORMAT}"`)
  if (json.version !== MODEL_VERSION) return fail(`"version" is ${JSON.stringify(json.version)}, this decruft reads version ${MODEL_VERSION}`)
  const features = json.features
  if (!Array.isArray(features) || features.length === 0 || !features.every((name) => typeof name === 'string')) {
    return fail('"features" must be a non-empty list of names')
  }
  if (!isFiniteNumber(json.bias)) return fail('"bias" must be a finite number')
  if (!Array.isArray(json.trees)) return fail('"trees" must be a list')
  json.trees.forEach((tree: unknown, index: number) => validateTree(tree, `trees[${index}]`, features.length, fail))
  return json as unknown as GbdtModel
}

function validateTree(tree: unknown, key: string, featureCount: number, fail: (problem: string) => never): void {
  if (!isObject(tree)) fail(`${key} must be an object`)
  const arrays = tree as Record<string, unknown>
  for (const name of treeArrays) {
    const array = arrays[name]
    if (!Array.isArray(array) || !array.every(isFiniteNumber)) fail(`${key}.${name} must be a list of finite numbers`)
  }
  const {feature, left, right, missingLeft} = arrays as unknown as GbdtTree
  const nodes = feature.length
  if (nodes === 0) fail(`${key} has no nodes`)
  for (const name of treeArrays) {
    const length = (arrays[name] as number[]).length
    if (length !== nodes) fail(`${key}.${name} has ${length} entries, ${key}.feature has ${nodes}`)
  }
  for (let node = 0; node < nodes; node++) {
    const at = `${key}.feature[${node}]`
    const index = feature[node]
    if (index === -1) continue
    if (!Number.isInteger(index) || index < 0 || index >= featureCount) {
      fail(`${at} = ${index} is not -1 (a leaf) or a feature index below ${featureCount}`)
    }
    for (const [name, child] of [['left', left[node]], ['right', right[node]]] as const) {
      if (!Number.isInteger(child) || child <= node || child >= nodes) {
        fail(`${key}.${name}[${node}] = ${child} must be a later node of the tree (${node + 1}..${nodes - 1})`)
      }
    }
    if (missingLeft[node] !== 0 && missingLeft[node] !== 1) fail(`${key}.missingLeft[${node}] must be 0 or 1`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
