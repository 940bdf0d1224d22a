/**
 * Swedish: a news article as an extractor left it, with the boilerplate the `sv` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention advertising).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Regeringen vill förlänga stödet till elintensiva företag

Annons

Regeringen föreslår att det tillfälliga stödet till elintensiva företag förlängs med ytterligare två år. Förslaget presenterades av finansministern på en pressträff i Stockholm på torsdagen och väntas kosta omkring fyra miljarder kronor.
Foto: TT

Oppositionen är kritisk

”Vi kan inte låta industrin i norra Sverige betala priset för ett elsystem som inte hänger med”, sade finansministern.
Annonsen som branschorganisationen publicerade i våras fick stor spridning i sociala medier.

Läs också
Elpriset stiger kraftigt inför vintern

Kritiken från oppositionen lät inte vänta på sig. Stödet riskerar att låsa fast företagen i gamla lösningar, menar Socialdemokraterna.

Beslutet fattas i höst.

Dela artikeln
Följ oss på Facebook och Instagram
Kommentera
`

describe('sv', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('sv')
    expect(result.title).toBe('Regeringen vill förlänga stödet till elintensiva företag')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['sv/ad-label', 'Annons'],
      ['core/agency-credit', 'Foto: TT'],
      ['sv/read-also', 'Läs också\nElpriset stiger kraftigt inför vintern'],
      ['sv/share', 'Dela artikeln'],
      ['sv/follow', 'Följ oss på Facebook och Instagram'],
      ['sv/comments', 'Kommentera']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions an ad', () => {
    expect(result.text).toBe(`Regeringen vill förlänga stödet till elintensiva företag

Regeringen föreslår att det tillfälliga stödet till elintensiva företag förlängs med ytterligare två år. Förslaget presenterades av finansministern på en pressträff i Stockholm på torsdagen och väntas kosta omkring fyra miljarder kronor.

Oppositionen är kritisk

”Vi kan inte låta industrin i norra Sverige betala priset för ett elsystem som inte hänger med”, sade finansministern.
Annonsen som branschorganisationen publicerade i våras fick stor spridning i sociala medier.

Kritiken från oppositionen lät inte vänta på sig. Stödet riskerar att låsa fast företagen i gamla lösningar, menar Socialdemokraterna.

Beslutet fattas i höst.
`)
  })
})
