/**
 * The title decruft detects (`title: auto`): the first line counts only when it is a headline, not a
 * channel label in capitals, a social handle or an affiliate disclosure standing in its place.
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../src/index.js'

const BODY = [
  'The two leaders met on Wednesday at the space centre, where they toured the launch pads before sitting down for talks that lasted more than two hours.',
  'Officials on both sides said the meeting had been constructive, but gave no details about any agreements that may have been reached during the visit.'
]

function titleOf(first: string): string | null {
  return clean([first, ...BODY].join('\n\n') + '\n', {lang: 'en'}).title
}

describe('the detected title', () => {
  it.each(['LIVE TV', 'BREAKING NEWS', 'MENU'])('is not a label in capitals: %s', (line) => {
    expect(titleOf(line)).toBeNull()
  })

  it.each(['@nytimes', '@jane_doe · @desk.news', 'Follow @jane_doe on X'])('is not a social handle: %s', (line) => {
    expect(titleOf(line)).toBeNull()
  })

  it.each([
    'This article contains affiliate links, which means we may earn a commission',
    'This post may contain affiliate links',
    'We may earn a commission from links on this page',
    'Advertiser disclosure: some of the products here are from our partners',
    'When you buy through links on our site, we may earn an affiliate commission'
  ])('is not a disclosure: %s', (line) => {
    expect(titleOf(line)).toBeNull()
  })

  it.each(['Leaders meet for talks in the far east of the country', 'UN SUMMIT OPENS IN GENEVA', 'Why @-mentions took over the newsroom', 'Disclosed: the letters that sank the deal', 'Live TV is dying, and nobody noticed'])(
    'is a headline: %s',
    (line) => {
      expect(titleOf(line)).toBe(line)
    }
  )

  it('keeps a line that is not a title in the text, and a title mode of first-line still takes it', () => {
    const text = ['LIVE TV', ...BODY].join('\n\n') + '\n'
    const result = clean(text, {lang: 'en'})
    expect(result.title).toBeNull()
    expect(result.text.startsWith('LIVE TV\n')).toBe(true)
    expect(clean(text, {lang: 'en', title: 'first-line'}).title).toBe('LIVE TV')
  })
})
