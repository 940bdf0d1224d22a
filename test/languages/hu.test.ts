/**
 * Hungarian: a news article as an extractor left it, with the boilerplate the `hu` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Új villamosvonal épül Budapest déli kerületeiben

Hirdetés

A főváros csütörtökön bejelentette, hogy jövő tavasszal megkezdődik egy új villamosvonal építése a déli kerületekben. A beruházás várhatóan negyvenmilliárd forintba kerül, és két év alatt készülhet el.
Fotó: MTI / Kovács Péter

Az új megállók

„Ez a vonal évtizedek óta hiányzik a kerület közlekedéséből” – mondta a főpolgármester-helyettes.
A hirdetés az építkezésről már megjelent a helyi lapokban is.

Kapcsolódó: Megújul a Határ úti metróállomás

Olvassa el ezt is
Miért késnek reggelente a déli buszjáratok

A lakók többsége támogatja a tervet. Néhányan azonban a zaj miatt aggódnak.

Iratkozzon fel hírlevelünkre!

Megosztás
Kövessen minket a Facebookon
Szóljon hozzá!
`

describe('hu', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('hu')
    expect(result.title).toBe('Új villamosvonal épül Budapest déli kerületeiben')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['hu/ad-label', 'Hirdetés'],
      ['core/agency-credit', 'Fotó: MTI / Kovács Péter'],
      ['hu/read-also-inline', 'Kapcsolódó: Megújul a Határ úti metróállomás'],
      ['hu/read-also', 'Olvassa el ezt is\nMiért késnek reggelente a déli buszjáratok'],
      ['hu/newsletter', 'Iratkozzon fel hírlevelünkre!'],
      ['hu/share', 'Megosztás'],
      ['hu/follow', 'Kövessen minket a Facebookon'],
      ['hu/comments', 'Szóljon hozzá!']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Új villamosvonal épül Budapest déli kerületeiben

A főváros csütörtökön bejelentette, hogy jövő tavasszal megkezdődik egy új villamosvonal építése a déli kerületekben. A beruházás várhatóan negyvenmilliárd forintba kerül, és két év alatt készülhet el.

Az új megállók

„Ez a vonal évtizedek óta hiányzik a kerület közlekedéséből” – mondta a főpolgármester-helyettes.
A hirdetés az építkezésről már megjelent a helyi lapokban is.

A lakók többsége támogatja a tervet. Néhányan azonban a zaj miatt aggódnak.
`)
  })
})
