/**
 * Romanian: a news article as an extractor left it, with the boilerplate the `ro` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Primăria Capitalei anunță lucrări de modernizare pe trei bulevarde din centru

Publicitate

Primăria Capitalei va începe luna viitoare lucrări de modernizare pe trei bulevarde din centrul orașului. Proiectul, finanțat din fonduri europene, ar urma să dureze cel puțin doi ani și să schimbe complet circulația în zonă.
Foto: Inquam Photos / Andrei Popescu

Ce se schimbă pentru șoferi

„Nu mai avem de ales, infrastructura este depășită de câteva decenii”, a declarat primarul general într-o conferință de presă.
Publicitatea stradală de pe bulevarde va fi mutată pe durata lucrărilor.

Citește și: Noile reguli de parcare din Sectorul 1 intră în vigoare de luni

Citește și
Cum s-a schimbat traficul din București după închiderea pasajului

Comercianții din zonă sunt îngrijorați. Mulți spun că vor pierde clienți în timpul lucrărilor.

Abonează-te la newsletterul nostru

Distribuie articolul
Urmărește-ne pe Facebook și Instagram
Lasă un comentariu
`

describe('ro', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('ro')
    expect(result.title).toBe('Primăria Capitalei anunță lucrări de modernizare pe trei bulevarde din centru')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['ro/ad-label', 'Publicitate'],
      ['core/agency-credit', 'Foto: Inquam Photos / Andrei Popescu'],
      ['ro/read-also-inline', 'Citește și: Noile reguli de parcare din Sectorul 1 intră în vigoare de luni'],
      ['ro/read-also', 'Citește și\nCum s-a schimbat traficul din București după închiderea pasajului'],
      ['ro/newsletter', 'Abonează-te la newsletterul nostru'],
      ['ro/share', 'Distribuie articolul'],
      ['ro/follow', 'Urmărește-ne pe Facebook și Instagram'],
      ['ro/comments', 'Lasă un comentariu']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Primăria Capitalei anunță lucrări de modernizare pe trei bulevarde din centru

Primăria Capitalei va începe luna viitoare lucrări de modernizare pe trei bulevarde din centrul orașului. Proiectul, finanțat din fonduri europene, ar urma să dureze cel puțin doi ani și să schimbe complet circulația în zonă.

Ce se schimbă pentru șoferi

„Nu mai avem de ales, infrastructura este depășită de câteva decenii”, a declarat primarul general într-o conferință de presă.
Publicitatea stradală de pe bulevarde va fi mutată pe durata lucrărilor.

Comercianții din zonă sunt îngrijorați. Mulți spun că vor pierde clienți în timpul lucrărilor.
`)
  })
})
