/**
 * Spanish: a news article as an extractor left it, with the boilerplate the `es` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `El Ayuntamiento amplía el horario de las bibliotecas durante los exámenes

Publicidad

Las bibliotecas municipales abrirán hasta la medianoche de lunes a domingo entre el 15 de mayo y el 30 de junio. La medida, aprobada este martes en la junta de gobierno, costará unos 180.000 euros.
Foto: EFE

Más plazas de estudio

"Los estudiantes nos lo venían pidiendo desde hace años y hoy por fin damos respuesta", explicó la concejala de Cultura.
La publicidad de la campaña se colocará en las paradas de autobús cercanas a los campus.

Te puede interesar
La universidad retrasa el plazo de matrícula por un fallo informático

El horario especial se repetirá en enero.

La oposición considera insuficiente la ampliación y reclama que las salas de estudio permanezcan abiertas todo el año, también en verano.

Suscríbete a nuestra newsletter
Compartir en WhatsApp
Síguenos en Instagram y X
Deja un comentario
`

describe('es', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('es')
    expect(result.title).toBe('El Ayuntamiento amplía el horario de las bibliotecas durante los exámenes')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['es/ad-label', 'Publicidad'],
      ['core/agency-credit', 'Foto: EFE'],
      ['es/read-also', 'Te puede interesar\nLa universidad retrasa el plazo de matrícula por un fallo informático'],
      ['es/newsletter', 'Suscríbete a nuestra newsletter'],
      ['es/share', 'Compartir en WhatsApp'],
      ['es/follow', 'Síguenos en Instagram y X'],
      ['es/comments', 'Deja un comentario']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`El Ayuntamiento amplía el horario de las bibliotecas durante los exámenes

Las bibliotecas municipales abrirán hasta la medianoche de lunes a domingo entre el 15 de mayo y el 30 de junio. La medida, aprobada este martes en la junta de gobierno, costará unos 180.000 euros.

Más plazas de estudio

"Los estudiantes nos lo venían pidiendo desde hace años y hoy por fin damos respuesta", explicó la concejala de Cultura.
La publicidad de la campaña se colocará en las paradas de autobús cercanas a los campus.

El horario especial se repetirá en enero.

La oposición considera insuficiente la ampliación y reclama que las salas de estudio permanezcan abiertas todo el año, también en verano.
`)
  })
})
