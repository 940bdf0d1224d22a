/**
 * Dutch: a news article as an extractor left it, with the boilerplate the `nl` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Gemeente Utrecht wil aantal fietsenstallingen in binnenstad verdubbelen

Advertentie

De gemeente Utrecht wil het aantal fietsenstallingen in de binnenstad de komende vijf jaar verdubbelen. Het college presenteerde dinsdag een plan van ruim veertig miljoen euro, dat vooral rond het station en de oude grachten extra plekken moet opleveren.
Foto: ANP / Jeroen de Vries

Nieuwe locaties

"We lopen letterlijk vast in onze eigen fietsen", zei de wethouder tijdens de presentatie in het stadhuis.
Een advertentie van de gemeente in de lokale krant riep bewoners op om mee te denken over de plekken.

Lees meer: Utrecht zoekt ruimte voor nog eens tienduizend fietsen

Lees ook
Waarom de stalling bij het station elke ochtend vol staat

Ondernemers reageren positief. Volgens de winkeliersvereniging blijven klanten nu weg omdat ze hun fiets nergens kwijt kunnen.

Schrijf je in voor onze gratis nieuwsbrief

Deel dit artikel
Volg ons op Facebook en Instagram
Plaats een reactie
`

describe('nl', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('nl')
    expect(result.title).toBe('Gemeente Utrecht wil aantal fietsenstallingen in binnenstad verdubbelen')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['nl/ad-label', 'Advertentie'],
      ['core/agency-credit', 'Foto: ANP / Jeroen de Vries'],
      ['nl/read-also-inline', 'Lees meer: Utrecht zoekt ruimte voor nog eens tienduizend fietsen'],
      ['nl/read-also', 'Lees ook\nWaarom de stalling bij het station elke ochtend vol staat'],
      ['nl/newsletter', 'Schrijf je in voor onze gratis nieuwsbrief'],
      ['nl/share', 'Deel dit artikel'],
      ['nl/follow', 'Volg ons op Facebook en Instagram'],
      ['nl/comments', 'Plaats een reactie']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Gemeente Utrecht wil aantal fietsenstallingen in binnenstad verdubbelen

De gemeente Utrecht wil het aantal fietsenstallingen in de binnenstad de komende vijf jaar verdubbelen. Het college presenteerde dinsdag een plan van ruim veertig miljoen euro, dat vooral rond het station en de oude grachten extra plekken moet opleveren.

Nieuwe locaties

"We lopen letterlijk vast in onze eigen fietsen", zei de wethouder tijdens de presentatie in het stadhuis.
Een advertentie van de gemeente in de lokale krant riep bewoners op om mee te denken over de plekken.

Ondernemers reageren positief. Volgens de winkeliersvereniging blijven klanten nu weg omdat ze hun fiets nergens kwijt kunnen.
`)
  })
})
