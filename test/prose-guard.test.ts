/**
 * The prose guard: no single decision takes most of a text's prose. Past half of the prose-like
 * characters, the main-content region's prose removals are undone; structural removals and the
 * model's own stand. First on blocks, then on a page whose main region is a lead paragraph with the
 * article's other paragraphs cut off below it by captions and buttons.
 */

import {describe, expect, it} from 'vitest'
import type {Block} from '../src/classifier/classify.js'
import {keptByProseGuard, PROSE_GUARD_SHARE} from '../src/classifier/prose-guard.js'
import {createCleaner} from '../src/index.js'

function block(length: number, prose: boolean): Block {
  const words = prose ? Math.max(12, Math.round(length / 6)) : 2
  return {
    first: 0,
    last: 0,
    features: {length, words, sentences: prose ? 2 : 0, terminal: prose, stopwords: prose ? 0.45 : 0, capitals: 0.1, digits: 0, links: 0, separators: 0, shape: undefined, repeats: 1},
    initial: prose ? 'good' : 'short',
    why: prose ? 'long, many stopwords' : 'short',
    confident: false,
    final: prose ? 'good' : 'bad'
  }
}

describe('keptByProseGuard', () => {
  const lead = block(400, true)
  const menu = block(10, false)
  const [a, b, c] = [block(150, true), block(150, true), block(150, true)]
  const blocks = [menu, lead, a, b, c]
  const outside = (target: Block, sure = false) => ({block: target, outsideMain: true, sure})

  it('keeps nothing while the removals hold at most half of the prose', () => {
    // 300 of 850 prose characters, then 450 of 850 (53%: past half).
    expect(keptByProseGuard(blocks, [outside(menu), outside(a), outside(b)]).size).toBe(0)
    expect(PROSE_GUARD_SHARE).toBe(0.5)
    expect([...keptByProseGuard(blocks, [outside(menu), outside(a), outside(b), outside(c)])]).toEqual([a, b, c])
  })

  it('keeps only the region’s prose removals: not short blocks, structural ones or the model’s own', () => {
    const kept = keptByProseGuard(blocks, [outside(menu), outside(a, true), {block: b, outsideMain: false, sure: false}, outside(c), outside(lead)])
    expect([...kept]).toEqual([c, lead])
  })

  it('does nothing in a text without prose', () => {
    expect(keptByProseGuard([menu, block(20, false)], [outside(menu)]).size).toBe(0)
  })
})

describe('a page whose main region is its lead paragraph', () => {
  const menu = ['Home', 'World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Sports', 'Arts', 'Travel', 'Opinion', 'Video']
  const lead =
    'The harbour authority said on Thursday that the new breakwater would be finished two years later than planned, after engineers found that the seabed under its outer end was softer than the surveys of the last decade had shown, and that the foundations would have to go much deeper than the first design allowed for, at a cost that has not yet been worked out.'
  const paragraphs = [
    'Fishermen who use the old quay said the delay would cost them another two winters of damaged boats, because the storms from the north-west still reach the inner harbour without anything to break them.',
    'The mayor, who had promised the breakwater in her first campaign, said the town would ask the regional government for help with the extra cost rather than raise the harbour fees again this year.',
    'Work on the inner end of the breakwater will go on through the winter, the authority said, and the first section should protect the ferry berth by the spring of next year at the latest.',
    'Engineers from the university will take new samples of the seabed in January, and the authority expects to publish a revised plan and a new estimate of the cost before the summer.',
    'Until then the ferry company will keep its winter timetable, with two crossings a day instead of four, and passengers are asked to check the sailing times on the morning of their journey.'
  ]
  // Each paragraph under the lead has a picture's caption and buttons after it: the region ends at the first.
  const page = (count: number) =>
    [...menu, lead, 'Share', 'Print', 'Comments', 'Related', 'Photo gallery', 'More', 'Weather', 'Tides', ...paragraphs.slice(0, count).flatMap((text, index) => [text, `Picture ${index + 1}`, 'Enlarge', 'Next']), 'About us', 'Contact', 'Careers'].join('\n') + '\n'

  // The hand-set classifier's region and the guard; the trained classifier's own removals below.
  const handSet = createCleaner({extends: ['recommended'], classifier: {model: 'none'}})

  it('keeps the paragraphs the region would take when they are most of the prose', () => {
    const result = handSet.clean(page(5), {title: 'none'})
    expect(result.text).toBe([lead, ...paragraphs].join('\n') + '\n')
  })

  it('lets the region take them while they are less than half of it', () => {
    // Four paragraphs: the three cut off hold under half of the prose.
    const result = handSet.clean(page(4), {title: 'none'})
    expect(result.text).toBe([lead, paragraphs[0]].join('\n') + '\n')
    expect(result.removed.filter((removal) => paragraphs.includes(removal.text)).map((removal) => removal.rule)).toEqual(Array(3).fill('heuristic/outside-main'))
  })

  it('with the trained classifier, undoes the region’s removals and leaves the model’s own', () => {
    // The built-in model reads a paragraph with a picture's caption and buttons under it as a
    // gallery's teaser (content probability 0.02–0.05): an operating point below that leaves the
    // paragraphs to the region and the guard, which are what this tests.
    const removed = (count: number) =>
      createCleaner({extends: ['recommended'], classifier: {model: 'built-in', threshold: 0.01}})
        .clean(page(count), {title: 'none'})
        .removed.filter((removal) => paragraphs.includes(removal.text))
    // Four paragraphs: under half of the prose goes, and the region takes paragraphs the model keeps.
    expect(removed(4).map((removal) => removal.rule)).toContain('heuristic/outside-main')
    // Five: past half. No paragraph goes for standing outside the region; what goes, the model
    // takes itself.
    const five = removed(5)
    expect(five.filter((removal) => removal.rule !== 'heuristic/block')).toEqual([])
    expect(five.length).toBeLessThan(paragraphs.length - 1)
  })
})
