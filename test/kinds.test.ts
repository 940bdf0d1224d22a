/**
 * Each rule kind on realistic text, alone in a config, with the cases it must leave alone.
 */

import {describe, expect, it} from 'vitest'
import {createCleaner, type RuleDefinition} from '../src/index.js'

/** A cleaner with only these rules (and no block classifier). */
function cleanerWith(...rules: Array<Partial<RuleDefinition> & {id: string}>) {
  return createCleaner({extends: [], rules, heuristics: {preset: 'off'}})
}

const paragraph1 =
  'Kim Jong Un met Vladimir Putin at the Vostochny space centre on Wednesday, where the two leaders toured the launch pads before their talks began.'
const paragraph2 =
  'The talks lasted more than two hours, officials said, and covered economic cooperation, humanitarian questions and the situation in the region.'
const paragraph3 = 'Washington has warned that any arms deal between the two countries would break United Nations sanctions.'

describe('line', () => {
  const cleaner = cleanerWith({
    id: 'test/ad',
    kind: 'line',
    category: 'ad',
    description: 'ad label',
    phrases: ['Advertisement', 'Anzeige']
  })

  it('removes a label with decoration around it, in any case', () => {
    const text = `Title of the story\n\n${paragraph1}\n\n- ADVERTISEMENT -\n\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => [removal.rule, removal.startLine, removal.text])).toEqual([['test/ad', 5, '- ADVERTISEMENT -']])
    expect(result.text).toBe(`Title of the story\n\n${paragraph1}\n\n${paragraph2}\n`)
  })

  it('keeps a line that merely mentions the word', () => {
    const text = `Title of the story\n\nThe advertisement ran in three newspapers before it was withdrawn.\n`
    expect(cleaner.clean(text).removed).toEqual([])
  })

  it('matches patterns against the line with whitespace collapsed', () => {
    const patterned = cleanerWith({id: 'test/src', kind: 'line', category: 'noise', description: 'source marker', patterns: ['^source-\\d+$']})
    expect(patterned.clean(`${paragraph1}\n\nsource-127\n`).text).toBe(`${paragraph1}\n`)
    expect(patterned.clean(`${paragraph1}\n\nsource-127 was cited twice\n`).removed).toEqual([])
  })

  it('matches prefix phrases at the start of a line only', () => {
    const prefix = cleanerWith({id: 'test/more', kind: 'line', category: 'related', description: 'teaser', phrases: ['Mehr zum Thema'], match: 'prefix'})
    expect(prefix.clean('Mehr zum Thema – Putin auf dem Weg zu seinen Waffenbrüdern\n').removed).toHaveLength(1)
    expect(prefix.clean('Dazu gibt es Mehr zum Thema im nächsten Heft.\n').removed).toEqual([])
  })

  it('never matches lines longer than maxChars', () => {
    const short = cleanerWith({id: 'test/ad', kind: 'line', category: 'ad', description: 'ad', patterns: ['advertisement'], maxChars: 30})
    expect(short.clean('Advertisement here\n').removed).toHaveLength(1)
    expect(short.clean(`${paragraph1} Advertisement.\n`).removed).toEqual([])
  })
})

describe('section', () => {
  const cleaner = cleanerWith(
    {id: 'test/read-also', kind: 'section', category: 'related', description: 'read-also header', phrases: ['Read also', 'Recommended']},
    {id: 'test/ad', kind: 'line', category: 'ad', description: 'ad label', phrases: ['Advertisement']}
  )

  it('removes the header and the teaser right under it, up to the next body paragraph', () => {
    const text = `Title of the story\n\n${paragraph1}\n\nRead also\nWhy the Kremlin wants artillery shells from Pyongyang\n\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => [removal.startLine, removal.endLine, removal.text])).toEqual([
      [5, 6, 'Read also\nWhy the Kremlin wants artillery shells from Pyongyang']
    ])
    expect(result.text).toBe(`Title of the story\n\n${paragraph1}\n\n${paragraph2}\n`)
  })

  it('follows a teaser list whose titles are printed twice, with their summaries', () => {
    const text = [
      'Title of the story',
      '',
      paragraph1,
      '',
      'Recommended',
      'Markets fall after the rate decision',
      'Markets fall after the rate decision',
      '',
      'Shares in Europe dropped sharply on Thursday after the central bank raised rates again.',
      '',
      'Storm hits the northern coast',
      'Storm hits the northern coast',
      '',
      'Thousands of homes were left without power after the storm made landfall overnight.',
      ''
    ].join('\n')
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => [removal.startLine, removal.endLine])).toEqual([[5, 14]])
    expect(result.text).toBe(`Title of the story\n\n${paragraph1}\n`)
  })

  it('stops at the next header, and lets lines claimed by other rules keep their own removal', () => {
    const text = `${paragraph1}\n\nRead also\n\nAdvertisement\n\nRecommended\nStorm hits the northern coast\n\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => [removal.rule, removal.startLine, removal.endLine])).toEqual([
      ['test/read-also', 3, 3],
      ['test/ad', 5, 5],
      ['test/read-also', 7, 8]
    ])
  })

  it('does not swallow a body paragraph that follows the header directly', () => {
    const text = `Read also\n${paragraph1}\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => removal.text)).toEqual(['Read also'])
  })

  it('keeps a subheading that follows a teaser list', () => {
    const text = `${paragraph1}\n\nRead also\n\nMarkets fall after the rate decision\n\nWhat happens next\n\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.text).toBe(`${paragraph1}\n\nWhat happens next\n\n${paragraph2}\n`)
  })

  it('takes a set number of lines with until: lines, or everything with until: end', () => {
    const counted = cleanerWith({id: 'test/related', kind: 'section', category: 'related', description: 'related', phrases: ['Related'], until: 'lines', lines: 2})
    expect(counted.clean(`${paragraph1}\n\nRelated\n${paragraph2}\n\n${paragraph3}\n\nLast line.\n`).text).toBe(`${paragraph1}\n\nLast line.\n`)
    const toEnd = cleanerWith({id: 'test/footer', kind: 'section', category: 'navigation', description: 'footer', phrases: ['Footer'], until: 'end'})
    expect(toEnd.clean(`${paragraph1}\n\nFooter\n${paragraph2}\n\n${paragraph3}\n`).text).toBe(`${paragraph1}\n`)
  })
})

describe('tail', () => {
  const cleaner = cleanerWith({id: 'test/comments', kind: 'tail', category: 'comments', description: 'comment section', phrases: ['Comments'], patterns: ['^\\d+ comments$']})

  it('removes from a matching line near the end to the end', () => {
    const text = `Title\n\n${paragraph1}\n\n${paragraph2}\n\n${paragraph3}\n\n12 comments\nAnna: what a toast\nBen: indeed it was\n`
    const result = cleaner.clean(text)
    expect(result.removed.map((removal) => [removal.startLine, removal.endLine])).toEqual([[9, 11]])
    expect(result.text).toBe(`Title\n\n${paragraph1}\n\n${paragraph2}\n\n${paragraph3}\n`)
  })

  it('never takes every prose-like line of a document, however short the run', () => {
    // A menu that holds the header, then a short news item: the item is all the prose there is.
    const menu = ['Home', 'News', 'Sport', 'Weather', 'Comments', 'Contact us', 'Privacy']
    const item = 'Two of three embassies in the capital have been cleared of danger after suspicious package incidents on Tuesday.'
    const text = `${menu.join('\n')}\n\n${item}\n\nBrought to you by the wire\n`
    expect(cleaner.clean(text).text).toContain(item)
    // With prose above it, the same header still takes what follows.
    const result = cleaner.clean(`${paragraph1}\n\n${text}`)
    expect(result.removed.map((removal) => removal.rule)).toEqual(['test/comments'])
    expect(result.text).toBe(`${paragraph1}\n\n${menu.slice(0, 4).join('\n')}\n`)
  })

  it('ignores a matching line far from the end', () => {
    const lines = ['Comments', ...Array.from({length: 12}, (_, index) => `${paragraph1} (${index + 1})`)]
    expect(cleaner.clean(lines.join('\n\n') + '\n').removed).toEqual([])
  })
})

describe('duplicate', () => {
  it('removes an exact or near-exact repeat of the title, but keeps the title', () => {
    const cleaner = cleanerWith({id: 'test/title', kind: 'duplicate', category: 'duplicate', description: 'title repeated', target: 'title'})
    const title = 'Putin raises a glass to closer cooperation with North Korea'
    const result = cleaner.clean(`${title}\n\n${title}.\n\n${paragraph1}\n`)
    expect(result.title).toBe(title)
    expect(result.removed.map((removal) => removal.startLine)).toEqual([3])
    expect(cleaner.clean(`${title}\n\nPutin raised a glass, and the talks went on into the night.\n`).removed).toEqual([])
  })

  it('removes both copies of a line printed twice in a row', () => {
    const cleaner = cleanerWith({id: 'test/pair', kind: 'duplicate', category: 'duplicate', description: 'teaser printed twice', target: 'adjacent'})
    const result = cleaner.clean(`${paragraph1}\n\nStorm hits the northern coast\nStorm hits the northern coast\n\n${paragraph2}\n`)
    expect(result.removed.map((removal) => [removal.startLine, removal.endLine])).toEqual([[3, 4]])
    expect(cleaner.clean(`${paragraph1}\n\nNo.\nNo.\n`).removed).toEqual([])
  })

  it('removes later copies of any earlier line', () => {
    const cleaner = cleanerWith({id: 'test/any', kind: 'duplicate', category: 'duplicate', description: 'repeated line', target: 'any', minChars: 20})
    const result = cleaner.clean(`Home | World | Business | Sport\n\n${paragraph1}\n\nHome | World | Business | Sport\n`)
    expect(result.removed.map((removal) => removal.startLine)).toEqual([5])
  })
})

describe('credit', () => {
  const cleaner = cleanerWith({id: 'test/credit', kind: 'credit', category: 'credit', description: 'photo credit', patterns: ['^(?:foto:?\\s*)?(?:getty(?: images)?|reuters|sipa usa)$']})

  it('removes the credit and the caption line directly above it', () => {
    const result = cleaner.clean(`Putin a acceptat propunerea\n\nKim Jong Un si Vladimir Putin\nGetty\n\n${paragraph1}\n`)
    expect(result.removed.map((removal) => [removal.startLine, removal.reason])).toEqual([
      [3, 'image caption (the line above a photo credit)'],
      // Reasons name long patterns by their first 48 characters.
      [4, 'photo credit (pattern /^(?:foto:?\\s*)?(?:getty(?: images)?|reuters|sipa…/)']
    ])
  })

  it('never takes a body paragraph or the title as a caption', () => {
    expect(cleaner.clean(`${paragraph1}\nReuters\n`).removed.map((removal) => removal.text)).toEqual(['Reuters'])
    const titled = cleaner.clean(`A short title\nFoto Sipa USA\n\n${paragraph2}\n`, {title: 'first-line'})
    expect(titled.removed.map((removal) => removal.text)).toEqual(['Foto Sipa USA'])
  })

  it('can leave captions alone', () => {
    const noCaption = cleanerWith({id: 'test/credit', kind: 'credit', category: 'credit', description: 'photo credit', patterns: ['^getty$'], caption: false})
    expect(noCaption.clean(`Kim Jong Un si Vladimir Putin\nGetty\n\n${paragraph1}\n`).removed.map((removal) => removal.text)).toEqual(['Getty'])
  })
})

describe('inline', () => {
  const cleaner = cleanerWith({id: 'test/more', kind: 'inline', category: 'related', description: 'read-more link', phrases: ['Read more »', 'Continue reading']})

  it('cuts a trailing span and keeps the rest of the line', () => {
    const text = `${paragraph1} Read more »\n`
    const result = cleaner.clean(text)
    expect(result.text).toBe(`${paragraph1}\n`)
    expect(result.removed).toHaveLength(1)
    expect(text.slice(result.removed[0].start, result.removed[0].end)).toBe(' Read more »')
  })

  it('removes the whole line when the span is all of it, and keeps the phrase mid-sentence', () => {
    expect(cleaner.clean(`${paragraph1}\nContinue reading\n`).text).toBe(`${paragraph1}\n`)
    const mid = 'He told them to continue reading the report before the vote.\n'
    expect(cleaner.clean(mid).removed).toEqual([])
  })
})

describe('line rules in later passes', () => {
  // A label cut from the start of a line (an inline rule) leaves a line that a line rule matches
  // whole: the next pass tests that line again. Lines as the first pass read them are not tested
  // again (whatever a line rule matched there was removed), and a regular expression without a
  // literal is run once per line, not once per pass.
  const cleaner = cleanerWith(
    {id: 'test/reading-time', kind: 'inline', category: 'metadata', description: 'reading-time label', position: 'start', patterns: ['reading time:\\s*\\d+ minutes']},
    {id: 'test/follow', kind: 'line', category: 'promo', description: 'follow prompt', phrases: ['Follow us on Mastodon']},
    {id: 'test/code', kind: 'line', category: 'noise', description: 'tracking code', patterns: ['^\\p{Lu}{2}\\d{4}$']}
  )

  it('test a line a span was cut from again: what is left may be a line they remove', () => {
    const text = `Title of the story\n\nReading time: 5 minutes Follow us on Mastodon\n\n${paragraph1}\n\nXK2024\n\n${paragraph2}\n`
    const result = cleaner.clean(text)
    expect(result.text).toBe(`Title of the story\n\n${paragraph1}\n\n${paragraph2}\n`)
    expect(result.removed.map((removal) => [removal.rule, removal.startLine])).toEqual([
      ['test/follow', 3],
      ['test/code', 7]
    ])
  })

  it('keep what the first pass kept when the cut leaves a line no rule matches', () => {
    const text = `Title of the story\n\nReading time: 5 minutes Follow us elsewhere\n\n${paragraph1}\n`
    const result = cleaner.clean(text)
    expect(result.text).toBe(`Title of the story\n\nFollow us elsewhere\n\n${paragraph1}\n`)
    expect(result.removed.map((removal) => removal.rule)).toEqual(['test/reading-time'])
  })
})

describe('layout', () => {
  const cleaner = cleanerWith({id: 'test/ad', kind: 'line', category: 'ad', description: 'ad', phrases: ['Advertisement']})

  it('keeps CRLF line endings and collapses blank runs', () => {
    const text = `Title\r\n\r\n\r\n${paragraph1}\r\n \r\nAdvertisement\r\n\u00A0\r\n${paragraph2}`
    expect(cleaner.clean(text).text).toBe(`Title\r\n\r\n${paragraph1}\r\n\r\n${paragraph2}\r\n`)
  })

  it('gives an empty text when everything is removed', () => {
    expect(cleaner.clean('Advertisement\n\n- Advertisement -\n').text).toBe('')
  })
})

describe('sentences in a long line', () => {
  const cleaner = createCleaner({extends: ['en'], heuristics: {preset: 'off'}})
  const body =
    'The council met on Monday evening to discuss the budget for the coming year. The debate went on for hours and ended late at night. Members argued about the new library and the bus lanes in the old town.'

  it('removes leftover sentences matched by line rules as spans, with the whitespace between', () => {
    const text = `Advertisement. ${body} ${body} Share this article. Subscribe now.\n`
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['en/ad-label', 'Advertisement. '],
      ['en/share', ' Share this article.'],
      ['en/subscribe', ' Subscribe now.']
    ])
    expect(result.text).toBe(`${body} ${body}\n`)
    expect(result.removed[1].reason).toBe('share prompt (phrase “Share this article”; sentence inside a long line)')
    expect(result.removed[2].reason).toMatch(/; last sentence of a long line\)$/)
  })

  it('removes a leftover inside the line too, keeping one space, and leaves short lines to the line rules', () => {
    const text = `${body} Share this article. ${body}\n`
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([['en/share', ' Share this article.']])
    expect(result.text).toBe(`${body} ${body}\n`)
    expect(cleaner.clean('Share this article. Subscribe now.\n', {title: 'none'}).text).toBe('Share this article. Subscribe now.\n')
  })

  it('cuts sentences glued without a space, and drops the teasers after a header near the end of the line', () => {
    const glued = body.replaceAll('. ', '.')
    const text = `${glued}${glued}You may also like...Who will make the Rock Hall in 2020?Dave Matthews Band takes over the Fan Vote\n`
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['en/read-also', 'You may also like...Who will make the Rock Hall in 2020?Dave Matthews Band takes over the Fan Vote']
    ])
    expect(result.text).toBe(`${glued}${glued}\n`)
    // The same header early in the line goes alone: the article goes on after it.
    const early = `You may also like...${glued}${glued}${glued}\n`
    expect(cleaner.clean(early, {title: 'none'}).text).toBe(`${glued}${glued}${glued}\n`)
  })

  it('takes a header inside the line with the teaser titles after it, up to the next sentence of prose', () => {
    const text = `${body} DON'T MISSPlague warning: CDC names eight deadly diseases [WARNING]Passengers quarantined after outbreak [NEWS]According to the agency, the disease is treatable with antibiotics if it is found early. ${body}\n`
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['en/read-also', " DON'T MISSPlague warning: CDC names eight deadly diseases [WARNING]Passengers quarantined after outbreak [NEWS]"]
    ])
    expect(result.text).toContain('night. Members')
    expect(result.text).toContain('town.According to the agency')
  })

  it('removes teaser titles in capitals glued into the line, but not a short subheading', () => {
    const text = `${body}SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'The news came a month later. LOOK WHAT YOU MADE ME DOBrace yourself for the rest. ${body}\n`
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => removal.text)).toEqual(["SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"])
    expect(result.text).toContain('LOOK WHAT YOU MADE ME DO')
  })

  it('takes the caption before a photo credit among the first sentences, and credits inside the line', () => {
    const creditCleaner = createCleaner({extends: ['core', 'en'], heuristics: {preset: 'off'}})
    const text = `Traders work on the floor of the stock exchange in New York on Monday.Jane Roe | Bloomberg | Getty Images${body}  The plague wiped out half of Europe (Image: GETTY)  ${body}\n`
    const result = creditCleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['core/captioned-credit', 'Traders work on the floor of the stock exchange in New York on Monday.Jane Roe | Bloomberg | Getty Images'],
      ['core/captioned-credit', '  The plague wiped out half of Europe (Image: GETTY)']
    ])
    expect(result.text).toBe(`${body}  ${body}\n`)
  })
})
