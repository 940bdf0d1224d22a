/**
 * Bulgarian: a news article as an extractor left it, with the boilerplate the `bg` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention advertising).
 *
 * The bare ad label “Реклама” is in the `ru`, `uk` and `bg` packs; `ru` comes first in `recommended`,
 * so its rule takes it. The `bg` pack alone removes it too.
 */

import {describe, expect, it} from 'vitest'
import {clean, createCleaner} from '../../src/index.js'

const article = `Правителството одобри нови мерки срещу високите цени на горивата

Реклама

Министерският съвет одобри пакет от мерки, с които да ограничи поскъпването на горивата през зимните месеци. Предложението беше представено от финансовия министър на извънредно заседание в сряда, а първите помощи се очаква да бъдат изплатени още през декември.
Снимка: БТА

Кой ще получи помощ

„Няма да оставим хората сами срещу цените“, заяви министър-председателят пред журналисти.
Рекламата на кампанията ще тръгне по националните телевизии от понеделник.

Прочетете още
Цената на дизела достигна рекордни нива

Опозицията определи мерките като закъснели. Според нея помощта няма да стигне до хората, които най-много се нуждаят от нея.
Още по темата: Как ще се променят цените на тока от януари

Мерките влизат в сила от 1 декември.

Сподели
Последвайте ни във Facebook
Оставете коментар
`

describe('bg', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('bg')
    expect(result.title).toBe('Правителството одобри нови мерки срещу високите цени на горивата')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['ru/ad-label', 'Реклама'],
      ['core/agency-credit', 'Снимка: БТА'],
      ['bg/read-also', 'Прочетете още\nЦената на дизела достигна рекордни нива'],
      ['bg/read-also-inline', 'Още по темата: Как ще се променят цените на тока от януари'],
      ['bg/share', 'Сподели'],
      ['bg/follow', 'Последвайте ни във Facebook'],
      ['bg/comments', 'Оставете коментар']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`Правителството одобри нови мерки срещу високите цени на горивата

Министерският съвет одобри пакет от мерки, с които да ограничи поскъпването на горивата през зимните месеци. Предложението беше представено от финансовия министър на извънредно заседание в сряда, а първите помощи се очаква да бъдат изплатени още през декември.

Кой ще получи помощ

„Няма да оставим хората сами срещу цените“, заяви министър-председателят пред журналисти.
Рекламата на кампанията ще тръгне по националните телевизии от понеделник.

Опозицията определи мерките като закъснели. Според нея помощта няма да стигне до хората, които най-много се нуждаят от нея.

Мерките влизат в сила от 1 декември.
`)
  })

  it('removes the ad label with the `bg` pack alone', () => {
    const own = createCleaner({extends: ['bg']}).clean(article)
    expect(own.removed.find((removal) => removal.text === 'Реклама')?.rule).toBe('bg/ad-label')
  })
})
