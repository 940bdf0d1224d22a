/**
 * Polish: a news article as an extractor left it, with the boilerplate the `pl` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Warszawa rozbuduje sieć tramwajową na Bemowie

Reklama

Władze Warszawy ogłosiły w poniedziałek przetarg na budowę nowej linii tramwajowej na Bemowie. Inwestycja ma kosztować ponad pół miliarda złotych, a pierwsze składy mają wyjechać na nowe tory jesienią 2027 roku.
Zdjęcie: PAP / Tomasz Nowak

Nowe przystanki

„To największa inwestycja tramwajowa w tej części miasta od dekad” – powiedział wiceprezydent stolicy.
Reklama nowej linii pojawiła się już na przystankach autobusowych w dzielnicy.

Czytaj też: Nowe tramwaje dla Krakowa już na torach

Czytaj także
Dlaczego tramwaje na Woli jeżdżą coraz wolniej

Mieszkańcy są podzieleni. Część obawia się hałasu i wycinki drzew przy ulicy.

Zapisz się do naszego newslettera

Udostępnij artykuł
Obserwuj nas w Google News
Dodaj komentarz
`

describe('pl', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('pl')
    expect(result.title).toBe('Warszawa rozbuduje sieć tramwajową na Bemowie')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['pl/ad-label', 'Reklama'],
      ['core/agency-credit', 'Zdjęcie: PAP / Tomasz Nowak'],
      ['pl/read-also-inline', 'Czytaj też: Nowe tramwaje dla Krakowa już na torach'],
      ['pl/read-also', 'Czytaj także\nDlaczego tramwaje na Woli jeżdżą coraz wolniej'],
      ['pl/newsletter', 'Zapisz się do naszego newslettera'],
      ['pl/share', 'Udostępnij artykuł'],
      ['pl/follow', 'Obserwuj nas w Google News'],
      ['pl/comments', 'Dodaj komentarz']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Warszawa rozbuduje sieć tramwajową na Bemowie

Władze Warszawy ogłosiły w poniedziałek przetarg na budowę nowej linii tramwajowej na Bemowie. Inwestycja ma kosztować ponad pół miliarda złotych, a pierwsze składy mają wyjechać na nowe tory jesienią 2027 roku.

Nowe przystanki

„To największa inwestycja tramwajowa w tej części miasta od dekad” – powiedział wiceprezydent stolicy.
Reklama nowej linii pojawiła się już na przystankach autobusowych w dzielnicy.

Mieszkańcy są podzieleni. Część obawia się hałasu i wycinki drzew przy ulicy.
`)
  })
})
