/**
 * French: a news article as an extractor left it, with the boilerplate the `fr` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Le gouvernement veut encadrer la location de trottinettes électriques

Publicité

Le ministère des Transports a présenté mercredi un projet de décret qui doit limiter la vitesse des trottinettes en libre-service à 20 km/h dans les centres-villes. Le texte sera soumis aux collectivités locales avant l'été.
Photo : AFP

Ce qui va changer

« Nous voulons que chacun puisse circuler en sécurité sur les trottoirs comme sur la chaussée », a déclaré le ministre devant la presse.
La publicité pour les engins motorisés sera elle aussi encadrée dans les gares.

Lire aussi
Paris : le bilan mitigé de l'interdiction des trottinettes en libre-service

Le décret doit entrer en vigueur en septembre.

Les opérateurs dénoncent un texte « précipité ». Ils affirment avoir déjà réduit la vitesse de leurs véhicules dans plusieurs grandes villes et demandent une concertation plus large.

Avec AFP

Partager cet article
Suivez-nous sur Facebook et Instagram
Laisser un commentaire
`

describe('fr', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('fr')
    expect(result.title).toBe('Le gouvernement veut encadrer la location de trottinettes électriques')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['fr/ad-label', 'Publicité'],
      ['core/agency-credit', 'Photo : AFP'],
      ['fr/read-also', "Lire aussi\nParis : le bilan mitigé de l'interdiction des trottinettes en libre-service"],
      ['fr/source', 'Avec AFP'],
      ['fr/share', 'Partager cet article'],
      ['fr/follow', 'Suivez-nous sur Facebook et Instagram'],
      ['fr/comments', 'Laisser un commentaire']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`Le gouvernement veut encadrer la location de trottinettes électriques

Le ministère des Transports a présenté mercredi un projet de décret qui doit limiter la vitesse des trottinettes en libre-service à 20 km/h dans les centres-villes. Le texte sera soumis aux collectivités locales avant l'été.

Ce qui va changer

« Nous voulons que chacun puisse circuler en sécurité sur les trottoirs comme sur la chaussée », a déclaré le ministre devant la presse.
La publicité pour les engins motorisés sera elle aussi encadrée dans les gares.

Le décret doit entrer en vigueur en septembre.

Les opérateurs dénoncent un texte « précipité ». Ils affirment avoir déjà réduit la vitesse de leurs véhicules dans plusieurs grandes villes et demandent une concertation plus large.
`)
  })
})
