/**
 * Czech: a news article as an extractor left it, with the boilerplate the `cs` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Praha chce do roku 2030 postavit tři nové mosty přes Vltavu

Inzerce

Pražský magistrát ve čtvrtek představil plán na stavbu tří nových mostů přes Vltavu. Náklady odhaduje na více než osm miliard korun a první stavba by podle něj mohla začít už za dva roky.
Foto: ČTK / Jan Dvořák

Kde mosty vzniknou

„Bez nových mostů se doprava ve městě brzy úplně zadrhne,“ řekl náměstek primátora pro dopravu.
Reklamní kampaň města k projektu začne už v příštím měsíci.

Přečtěte si také: Stavba metra D nabírá další zpoždění

Čtěte také
Proč se oprava Libeňského mostu znovu prodražila

Opozice plán kritizuje. Podle ní chybí peníze na údržbu stávajících mostů.

Přihlaste se k odběru newsletteru

Sdílet článek
Sledujte nás na Facebooku a Instagramu
Vstoupit do diskuse
`

describe('cs', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('cs')
    expect(result.title).toBe('Praha chce do roku 2030 postavit tři nové mosty přes Vltavu')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['cs/ad-label', 'Inzerce'],
      ['core/agency-credit', 'Foto: ČTK / Jan Dvořák'],
      ['cs/read-also-inline', 'Přečtěte si také: Stavba metra D nabírá další zpoždění'],
      ['cs/read-also', 'Čtěte také\nProč se oprava Libeňského mostu znovu prodražila'],
      ['cs/newsletter', 'Přihlaste se k odběru newsletteru'],
      ['cs/share', 'Sdílet článek'],
      ['cs/follow', 'Sledujte nás na Facebooku a Instagramu'],
      ['cs/comments', 'Vstoupit do diskuse']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Praha chce do roku 2030 postavit tři nové mosty přes Vltavu

Pražský magistrát ve čtvrtek představil plán na stavbu tří nových mostů přes Vltavu. Náklady odhaduje na více než osm miliard korun a první stavba by podle něj mohla začít už za dva roky.

Kde mosty vzniknou

„Bez nových mostů se doprava ve městě brzy úplně zadrhne,“ řekl náměstek primátora pro dopravu.
Reklamní kampaň města k projektu začne už v příštím měsíci.

Opozice plán kritizuje. Podle ní chybí peníze na údržbu stávajících mostů.
`)
  })
})
