// `npm run train`: trains the built-in block classifier from the seven sources in ../shared/benchdata and
// ../shared/traindata and writes models/classifier.json. Deterministic: the same data give the same bytes.
// BENCHDATA / TRAINDATA override the folders; OUT the model file.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {trainFromCorpus} from '../dist/train/corpus-training.js'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const benchdata = process.env.BENCHDATA ?? path.join(root, '..', 'shared', 'benchdata')
const traindata = process.env.TRAINDATA ?? path.join(root, '..', 'shared', 'traindata')
const out = process.env.OUT ?? path.join(root, 'models', 'classifier.json')
const started = Date.now()
const text = await trainFromCorpus({benchdata, traindata, log: (message) => process.stderr.write(`train: ${message} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`)})
writeFileSync(out, text)
process.stderr.write(`train: wrote ${path.relative(process.cwd(), out)} (${(text.length / 1024).toFixed(0)} kB)\n`)
