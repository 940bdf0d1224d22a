/**
 * Ukrainian: a news article as an extractor left it, with the boilerplate the `uk` pack must strip and
 * the lines it must keep (subheadings, quotes, short paragraphs, lines that only mention advertising).
 *
 * The bare ad label “Реклама” is in the `ru`, `uk` and `bg` packs; `ru` comes first in `recommended`,
 * so its rule takes it. The `uk` pack alone removes it too.
 */

import {describe, expect, it} from 'vitest'
import {clean, createCleaner} from '../../src/index.js'

const article = `Уряд запускає нову програму доступних кредитів для фермерів

Реклама

Кабінет міністрів ухвалив рішення про запуск програми пільгових кредитів для малих фермерських господарств. Про це повідомив прем'єр-міністр під час засідання уряду в середу, додавши, що перші позики фермери зможуть отримати вже навесні.
Фото: Укрінформ

Хто зможе отримати кредит

«Ми хочемо, щоб кожне господарство мало шанс розвиватися навіть під час війни», — наголосив міністр аграрної політики.
Реклама програми з'явиться на регіональних телеканалах уже наступного тижня.

Читайте також
Ціни на зерно знову зросли через атаки на порти

Аграрні асоціації загалом підтримали ініціативу, але попередили, що банки можуть вимагати надто багато документів.
Читайте також: Як отримати компенсацію за пошкоджену техніку

Програма стартує в березні.

Поділитися
Підписуйтесь на нас у Telegram
Залишити коментар
`

describe('uk', () => {
  const result = clean(article)

  it('detects the language and the title', () => {
    expect(result.lang).toBe('uk')
    expect(result.title).toBe('Уряд запускає нову програму доступних кредитів для фермерів')
  })

  it('removes the boilerplate by the right rules', () => {
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([
      ['ru/ad-label', 'Реклама'],
      ['core/agency-credit', 'Фото: Укрінформ'],
      ['uk/read-also', 'Читайте також\nЦіни на зерно знову зросли через атаки на порти'],
      ['uk/read-also-inline', 'Читайте також: Як отримати компенсацію за пошкоджену техніку'],
      ['uk/share', 'Поділитися'],
      ['uk/follow', 'Підписуйтесь на нас у Telegram'],
      ['uk/comments', 'Залишити коментар']
    ])
  })

  it('keeps the subheading, the quote, the short paragraph and the line that mentions advertising', () => {
    expect(result.text).toBe(`Уряд запускає нову програму доступних кредитів для фермерів

Кабінет міністрів ухвалив рішення про запуск програми пільгових кредитів для малих фермерських господарств. Про це повідомив прем'єр-міністр під час засідання уряду в середу, додавши, що перші позики фермери зможуть отримати вже навесні.

Хто зможе отримати кредит

«Ми хочемо, щоб кожне господарство мало шанс розвиватися навіть під час війни», — наголосив міністр аграрної політики.
Реклама програми з'явиться на регіональних телеканалах уже наступного тижня.

Аграрні асоціації загалом підтримали ініціативу, але попередили, що банки можуть вимагати надто багато документів.

Програма стартує в березні.
`)
  })

  it('removes the ad label with the `uk` pack alone', () => {
    const own = createCleaner({extends: ['uk']}).clean(article)
    expect(own.removed.find((removal) => removal.text === 'Реклама')?.rule).toBe('uk/ad-label')
  })
})
