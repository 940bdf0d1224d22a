/**
 * Portuguese: a news article as an extractor left it, with the boilerplate the `pt` pack must strip
 * and the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Prefeitura anuncia nova linha de ônibus para a zona norte

Publicidade

A Prefeitura anunciou nesta segunda-feira a criação de uma linha de ônibus que vai ligar os bairros da zona norte ao centro em menos de 40 minutos. O serviço deve começar a funcionar em agosto.
Foto: Marcelo Camargo/Agência Brasil

Horários e tarifas

"É uma demanda antiga dos moradores, que hoje gastam quase duas horas para chegar ao trabalho", afirmou o secretário de Mobilidade.
A publicidade da nova linha será feita em escolas e unidades de saúde da região.

Leia também
Metrô terá horário estendido durante o feriado prolongado

A tarifa será a mesma das demais linhas.

Segundo a prefeitura, doze novos veículos foram comprados para atender a demanda, e outros seis devem chegar até o fim do ano.

Mais lidas
Chuva forte deixa ruas alagadas no centro
Vacinação contra a gripe é ampliada para todas as idades

Compartilhe esta notícia
Siga-nos no Instagram
Deixe seu comentário
`

describe('pt', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('pt')
    expect(result.title).toBe('Prefeitura anuncia nova linha de ônibus para a zona norte')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['pt/ad-label', 'Publicidade'],
      ['core/photo-credit', 'Foto: Marcelo Camargo/Agência Brasil'],
      ['pt/read-also', 'Leia também\nMetrô terá horário estendido durante o feriado prolongado'],
      ['pt/most-read', 'Mais lidas\nChuva forte deixa ruas alagadas no centro\nVacinação contra a gripe é ampliada para todas as idades'],
      ['pt/share', 'Compartilhe esta notícia'],
      ['pt/follow', 'Siga-nos no Instagram'],
      ['pt/comments', 'Deixe seu comentário']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`Prefeitura anuncia nova linha de ônibus para a zona norte

A Prefeitura anunciou nesta segunda-feira a criação de uma linha de ônibus que vai ligar os bairros da zona norte ao centro em menos de 40 minutos. O serviço deve começar a funcionar em agosto.

Horários e tarifas

"É uma demanda antiga dos moradores, que hoje gastam quase duas horas para chegar ao trabalho", afirmou o secretário de Mobilidade.
A publicidade da nova linha será feita em escolas e unidades de saúde da região.

A tarifa será a mesma das demais linhas.

Segundo a prefeitura, doze novos veículos foram comprados para atender a demanda, e outros seis devem chegar até o fim do ano.
`)
  })
})
