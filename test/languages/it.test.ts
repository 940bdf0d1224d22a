/**
 * Italian: a news article as an extractor left it, with the boilerplate the `it` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Il Comune rinnova le piste ciclabili del centro storico

Pubblicità

La giunta ha approvato martedì un piano da due milioni di euro per rifare le piste ciclabili del centro storico. I lavori inizieranno a settembre e dureranno circa otto mesi.
Foto: ANSA

Cosa cambia per i residenti

«Vogliamo che muoversi in bicicletta sia sicuro per tutti, anche per i bambini», ha detto l'assessore alla Mobilità.
La pubblicità sui cantieri spiegherà ai cittadini i percorsi alternativi.

Leggi anche
Traffico, il centro chiude alle auto per tre domeniche

Il piano sarà presentato in consiglio a luglio.

Le associazioni dei commercianti chiedono di non chiudere le strade durante il periodo natalizio e di prevedere parcheggi temporanei per i clienti.

Condividi su Facebook
Seguici su Instagram
Riproduzione riservata ©
Lascia un commento
`

describe('it', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('it')
    expect(result.title).toBe('Il Comune rinnova le piste ciclabili del centro storico')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['it/ad-label', 'Pubblicità'],
      ['core/agency-credit', 'Foto: ANSA'],
      ['it/read-also', 'Leggi anche\nTraffico, il centro chiude alle auto per tre domeniche'],
      ['it/share', 'Condividi su Facebook'],
      ['it/follow', 'Seguici su Instagram'],
      ['it/copyright', 'Riproduzione riservata ©'],
      ['it/comments', 'Lascia un commento']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`Il Comune rinnova le piste ciclabili del centro storico

La giunta ha approvato martedì un piano da due milioni di euro per rifare le piste ciclabili del centro storico. I lavori inizieranno a settembre e dureranno circa otto mesi.

Cosa cambia per i residenti

«Vogliamo che muoversi in bicicletta sia sicuro per tutti, anche per i bambini», ha detto l'assessore alla Mobilità.
La pubblicità sui cantieri spiegherà ai cittadini i percorsi alternativi.

Il piano sarà presentato in consiglio a luglio.

Le associazioni dei commercianti chiedono di non chiudere le strade durante il periodo natalizio e di prevedere parcheggi temporanei per i clienti.
`)
  })
})
