/**
 * German: a news article as an extractor left it, with the boilerplate the `de` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention an ad).
 */

import {describe, expect, it} from 'vitest'
import {clean} from '../../src/index.js'

const article = `Bundesregierung plant neue Regeln für Mietpreise

Anzeige

Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern. Das Kabinett billigte am Mittwoch einen entsprechenden Gesetzentwurf des Justizministeriums.
Foto: dpa / Kay Nietfeld

Was sich ändert

„Wir dürfen die Mieterinnen und Mieter nicht allein lassen“, sagte die Ministerin in Berlin.
Die Anzeige eines Vermieters gegen die Stadt hatte den Streit im Frühjahr ausgelöst.

Lesen Sie auch
Wohnungsmarkt: Warum die Neubauzahlen sinken

Kritik kam von der Opposition. Die Verlängerung sei ein Eingeständnis, dass die bisherige Politik gescheitert sei, hieß es.

Artikel teilen
Folgen Sie uns auf Facebook und Instagram
Schreibe einen Kommentar
`

describe('de', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('de')
    expect(result.title).toBe('Bundesregierung plant neue Regeln für Mietpreise')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['de/ad-label', 'Anzeige'],
      ['core/agency-credit', 'Foto: dpa / Kay Nietfeld'],
      ['de/read-also', 'Lesen Sie auch\nWohnungsmarkt: Warum die Neubauzahlen sinken'],
      ['de/share', 'Artikel teilen'],
      ['de/follow', 'Folgen Sie uns auf Facebook und Instagram'],
      ['de/comments', 'Schreibe einen Kommentar']
    ])
  })

  it('keeps the subheading, the quote and the line that mentions an ad', () => {
    expect(result.text).toBe(`Bundesregierung plant neue Regeln für Mietpreise

Die Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern. Das Kabinett billigte am Mittwoch einen entsprechenden Gesetzentwurf des Justizministeriums.

Was sich ändert

„Wir dürfen die Mieterinnen und Mieter nicht allein lassen“, sagte die Ministerin in Berlin.
Die Anzeige eines Vermieters gegen die Stadt hatte den Streit im Frühjahr ausgelöst.

Kritik kam von der Opposition. Die Verlängerung sei ein Eingeständnis, dass die bisherige Politik gescheitert sei, hieß es.
`)
  })
})
