/**
 * The review page: one self-contained HTML file for a batch of cleaned documents (summary charts, a
 * filterable document list, each document with its removals highlighted). No network, no external
 * assets; the data is embedded once as JSON and rendered lazily in the browser.
 */

import {buildReviewModel, embedJson, type ReviewInput} from './data.js'
import {pageHtml} from './html.js'
import {clientScript} from './script.js'

export {buildReviewModel, embedJson, reviewRulesOf, REMOVAL_STRIDE} from './data.js'
export type {ModelDocument, ModelRule, ReviewDocument, ReviewInput, ReviewModel, ReviewRuleInfo} from './data.js'
export {cleanText} from './client.js'

const DATA_ID = 'decruft-data'

/** The review page for a batch, as one HTML string. */
export function reviewHtml(input: ReviewInput): string {
  const model = buildReviewModel(input)
  return pageHtml({title: model.title, version: model.version, dataId: DATA_ID, json: embedJson(model), script: clientScript(DATA_ID)})
}
