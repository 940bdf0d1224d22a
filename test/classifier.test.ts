/**
 * The block classifier on realistic text: a whole page (menus, teasers, footer around an article),
 * extractor output that must be left nearly alone, hard-wrapped paragraphs, CJK text, and a page on
 * one line.
 */

import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {addTally, blockFeatures, emptySum, endsLikeProse, FeatureTable, featuresOfSum, lineTally} from '../src/classifier/features.js'
import {createCleaner} from '../src/index.js'
import {DEFAULT_KEEP_ABOVE, MODEL_MAX_BLOCKS} from '../src/kinds/heuristic.js'
import {articlePartsPage} from './article-parts.js'

const menu = ['Home', 'World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Sports', 'Arts', 'Travel', 'Opinion', 'Video', 'Podcasts', 'Newsletters', 'Sign in', 'Search']

const article = [
  'City council approves new budget after marathon session',
  'The city council approved next year’s budget late on Tuesday after a session that lasted more than nine hours, ending weeks of negotiations between the mayor’s office and the council’s finance committee.',
  'The budget raises spending on public transport by twelve percent and sets aside money for two new libraries, while cutting the funds for road repairs that the mayor had asked for in the spring.',
  'What changes for residents',
  'Bus fares will stay at their current level for another year, the council decided, and the city will hire forty more drivers so that the night lines can run every fifteen minutes instead of every half hour.',
  '“We listened to what people told us at the hearings in September,” the head of the finance committee said after the vote, adding that the council would review the plan again in the autumn.',
  'The mayor, who had opposed several of the changes, said she would sign the budget but warned that the cuts to road repairs could cost the city more in the long run.'
]

const teasers = [
  'More from Politics',
  'Storm damage bill tops estimates',
  'Officials said the repairs would take until the end of the year.',
  'School board delays vote on new calendar',
  'Parents had asked for more time to comment on the plan.',
  'Mayor names new transport chief',
  'The appointment was announced on Friday.'
]

const footer = ['About us', 'Contact', 'Careers', 'Advertise', 'Privacy policy', 'Terms of use', '© 2024 Example News Company']

const page = [...menu, ...article, ...teasers, ...footer].join('\n') + '\n'

describe('a whole page', () => {
  const cleaner = createCleaner({extends: ['recommended']})
  const result = cleaner.clean(page, {title: 'none'})

  it('comes out as the article body, with its headline and subheading', () => {
    expect(result.text).toBe(article.join('\n') + '\n')
    expect(result.title).toBeNull()
  })

  it('takes the headline above the main content as the title', () => {
    const auto = cleaner.clean(page)
    expect(auto.text).toBe(article.join('\n') + '\n')
    expect(auto.title).toBe(article[0])
    // Cleaned again, the output keeps its text and its title.
    const again = cleaner.clean(auto.text)
    expect(again.text).toBe(auto.text)
  })

  it('records each decision with a heuristic rule id and the features that decided it', () => {
    // The hand-set classifier's region; the trained classifier's removals are tested under
    // "the trained classifier …" below (model.test.ts tests its trees).
    const handSet = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}).clean(page, {title: 'none'})
    expect(handSet.text).toBe(result.text)
    const heuristic = handSet.removed.filter((removal) => removal.rule.startsWith('heuristic/'))
    expect(heuristic.length).toBeGreaterThan(10)
    const teaser = heuristic.find((removal) => removal.text === 'Storm damage bill tops estimates')!
    expect(teaser.rule).toBe('heuristic/outside-main')
    expect(teaser.reason).toMatch(/^outside the main content \(main content: lines \d+–\d+\)/)
    expect(teaser.features).toMatchObject({page: true, terminal: false})
    expect(typeof teaser.features!.stopwords).toBe('number')
  })

  it('is left alone with the classifier off', () => {
    const off = createCleaner({extends: ['recommended'], heuristics: {preset: 'off'}}).clean(page, {title: 'none'})
    expect(off.removed.some((removal) => removal.rule.startsWith('heuristic/'))).toBe(false)
    expect(off.text).toContain('Storm damage bill tops estimates')
  })
})

describe('widgets printed twice', () => {
  it('are not main content, however long their lines', () => {
    // A news ticker: each item a headline run into the start of its story, shown above the article and again below.
    const ticker = [
      'Storm damage bill tops estimates NEW YORK: Officials said on Monday that the repairs to the coastal roads and the two bridges would take until the end of the year and cost far more than the council had planned for',
      'School board delays vote on new calendar BOSTON: Parents had asked the board for more time to comment on the plan, which would move the start of the school year forward by two weeks from next autumn on',
      'Mayor names new transport chief CHICAGO: The appointment of the former head of the regional rail company was announced on Friday, ending a search that had gone on for more than eight months this year',
      'River levels fall after a week of flooding DENVER: Residents of the low-lying districts were allowed back into their homes on Sunday as the water receded, though several roads remain closed for repairs'
    ]
    const text = [...menu, ...ticker, ...article.slice(1), ...footer.slice(0, 3), ...ticker, ...footer.slice(3)].join('\n') + '\n'
    // The trained classifier does not veto them: a widget printed twice is structural evidence.
    const byHand = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}).clean(text, {title: 'none'})
    expect(byHand.text).toBe(article.slice(1).join('\n') + '\n')
    // The model may keep a footer link of its own judgement; the ticker goes and the article stays.
    const byModel = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}).clean(text, {title: 'none'})
    expect(byModel.text.startsWith(article.slice(1).join('\n') + '\n')).toBe(true)
    for (const item of ticker) expect(byModel.text).not.toContain(item)
    const tickerRemovals = byModel.removed.filter((removal) => ticker.includes(removal.text))
    expect(tickerRemovals.length).toBe(2 * ticker.length)
    // Each goes as a widget, structural evidence the model does not veto even where it scores the
    // line as content, or by the model's own judgement.
    expect(tickerRemovals.every((removal) => removal.features?.sure === true || removal.rule === 'heuristic/block')).toBe(true)
    expect(tickerRemovals.some((removal) => removal.features?.sure === true && (removal.features.score as number) >= DEFAULT_KEEP_ABOVE)).toBe(true)
  })
})

describe('comment threads', () => {
  it('end the main content where time-stamped comments begin', () => {
    // Comments read like prose: long enough that only their time stamps tell them from the article.
    const said = [
      'I think the council made the right call on the buses, but the road repairs will come back to haunt them next winter when the potholes return and the repair bill is twice as high as what they saved this year.',
      'Forty more drivers sounds good on paper, but where will they find them when every city in the region is short of drivers already, and the pay the council offers is lower than what the private companies pay for the same work?',
      'The libraries are the best part of this budget and I hope the council keeps its promise to open both of them before the end of next year, because the old one in the centre has been closed for repairs for far too long now.',
      'My street has not seen a repair crew in four years, and now the council tells us the money is going elsewhere again, which is exactly what they said last time before the election and the time before that as well.'
    ]
    const comments = said.flatMap((comment, index) => [`reader${index + 1}`, `${index + 1} days ago at 0${index + 1}:47 am`, comment])
    const text = [...menu, ...article, ...comments, ...footer].join('\n') + '\n'
    // The trained classifier does not veto the cut: the time stamps are structural evidence.
    for (const model of ['none', 'built-in']) {
      const result = createCleaner({extends: ['recommended'], classifier: {model}}).clean(text, {title: 'none'})
      expect(result.text, model).toBe(article.join('\n') + '\n')
      const thread = result.removed.find((removal) => removal.text.startsWith('I think the council'))!
      expect(thread.rule, model).toBe('heuristic/outside-main')
    }
  })
})

/** A page of a recipe's reviews (title, time stamp, reviewer, text each) between the menu and the footer. */
const reviewPage = (reviews: string[][]) => [...menu, 'Reviews of the slow roast beef', ...reviews.flat(), ...footer].join('\n') + '\n'

describe('a page of reviews', () => {
  // Each review has its title, a time stamp and the reviewer above its text, and is about as long as
  // the first: cut at the second time stamp as a comment thread, the page would keep one review.
  const reviews = [
    ['Best roast I ever made', '12/31/2005 at 07:01pm', 'User: Bob from Chesterfield, MI', 'I followed the recipe to the letter for our New Year dinner, aged the beef in the fridge for three days and roasted it slowly at a low heat, and it came out evenly pink from one end to the other and full of flavour.'],
    ['Worth the wait', '12/30/2005 at 11:22am', 'User: Ann from Parma, OH', 'It took far longer than the recipe said, more than six hours in our oven, but the result was the most tender roast our family has had, and the sauce made from the pan juices with the sage was gone before the meat.'],
    ['Too rare for us', '12/28/2005 at 06:17pm', 'User: Chris from Los Angeles, CA', 'The flavour was excellent but the middle was too rare for most of my guests, so next time I will give it another half hour and check the temperature at the thickest part instead of trusting the clock as I did.'],
    ['A new family favourite', '12/27/2005 at 02:03pm', 'User: Ruth from Grand Junction, CO', 'We made this for Christmas dinner and everyone asked for the recipe; the long rest after roasting is the secret, and the crust it gets from the hot oven at the end is worth every minute of the wait in the kitchen.']
  ]
  const text = reviewPage(reviews)

  it('keeps every review: dated parts as long as the first are a list, not a comment thread', () => {
    const result = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}).clean(text, {title: 'none'})
    for (const [, , , review] of reviews) expect(result.text).toContain(review)
    expect(result.text).not.toContain('Privacy policy')
  })

  it('leaves the trained classifier free to veto the cut: no review is sure boilerplate', () => {
    const result = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}).clean(text, {title: 'none', explain: true})
    const cut = result.removed.filter((removal) => reviews.some(([title, , user, review]) => [title, user, review].includes(removal.text)))
    expect(cut.length).toBeGreaterThan(0)
    for (const removal of cut) expect(removal.features?.sure, removal.text).toBeUndefined()
  })
})

describe('a page of reviews whose main content starts at a long review', () => {
  // The first review is a few words, the second is three times as long as the others: the page's
  // main content starts at the second, and read from there it looks like an article with a thread
  // of short comments under it. But two time stamps stand above it in the same rhythm as those
  // below: it is one of the items.
  const reviews = [
    ['Best roast', '12/31/2005 at 07:01pm', 'User: Bob from Chesterfield, MI', 'Perfect, just perfect.'],
    ['Worth the wait', '12/30/2005 at 11:22am', 'User: Ann from Parma, OH', 'It took far longer than the recipe said, more than six hours in our oven, but the result was the most tender roast our family has had, and the sauce made from the pan juices with the sage was gone before the meat. The next time we made it we started the evening before, let the beef rest on the counter for an hour before it went in, and turned the heat up only at the very end, which gave it a dark crust without drying the outside. Our butcher, who had never heard of aging a roast at home, now asks us every December how it turned out, and we tell him it was better than the year before. We have since tried the same method with a smaller piece for just the two of us on a weeknight, and it works just as well if you keep an eye on the thermometer rather than the clock, which is the one piece of advice we would give anyone who tries it for the first time.'],
    ['Too rare for us', '12/28/2005 at 06:17pm', 'User: Chris from Los Angeles, CA', 'The flavour was excellent but the middle was too rare for most of my guests, so next time I will give it another half hour and check the temperature at the thickest part instead of trusting the clock as I did this time. The crust was the best part, dark and salty, and the sauce was a hit with everyone at the table, even my father.'],
    ['A new family favourite', '12/27/2005 at 02:03pm', 'User: Ruth from Grand Junction, CO', 'We made this for Christmas dinner and everyone asked for the recipe; the long rest after roasting is the secret, and the crust it gets from the hot oven at the end is worth every minute of the wait in the kitchen. My sister has already made it twice since then, once for a birthday and once just because she had the day off.'],
    ['Cooked it twice', '12/25/2005 at 08:15pm', 'User: Kim from Austin, TX', 'The first time I rushed the resting and the juices ran all over the board, which was a shame after all that work; the second time I waited the full half hour and every slice held together and stayed moist to the last piece. I would not skip the aging either, because the difference in flavour is easy to taste and well worth the space in the fridge.'],
    ['Our new tradition', '12/24/2005 at 05:40pm', 'User: Lee from Salem, OR', 'This has become our Christmas Eve dinner, and the children now fight over the end pieces with the darkest crust, which tells you everything you need to know about how good it is. We serve it with roast potatoes and a plain green salad, and there is never any left for sandwiches the next day, however large a piece we buy.'],
    ['Simple and good', '12/23/2005 at 09:49am', 'User: Dan from Auburn, WA', 'Nothing fancy about it, just a good piece of beef, salt, patience and a thermometer, and it turned out better than any roast I have had in a restaurant in years of trying. The low oven makes it very hard to overcook, which took all the stress out of cooking for twelve people in a small kitchen with one oven and no help at all.']
  ]
  const text = reviewPage(reviews)

  it('keeps the reviews below the long one with the hand-set classifier', () => {
    const result = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}).clean(text, {title: 'none'})
    for (const [, , , review] of reviews.slice(1)) expect(result.text).toContain(review)
    expect(result.text).not.toContain('Privacy policy')
  })

  it('leaves the trained classifier free to veto the cut: only time stamps are sure', () => {
    const result = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}).clean(text, {title: 'none', explain: true})
    const sure = result.removed.filter((removal) => removal.features?.sure)
    expect(sure.length).toBeGreaterThan(0)
    for (const removal of sure) expect(removal.text, removal.text).toMatch(/^\d\d\/\d\d\/2005 at /)
  })
})

describe("a blog's front page", () => {
  it('keeps every post: date lines above titled posts are not a comment thread', () => {
    // Each post has a date line and a title above it and is as long as the first: what sets a
    // comment thread apart (short comments right under their time stamps) is missing.
    const posts = [
      ['Monday, March 4, 2024', 'Notes from the allotment', 'The first warm weekend of the year brought half the street out to the allotments, where the beds had been left under straw since November and the soil was still cold and heavy to the touch, though the first weeds were already showing between the rows.', 'We sowed broad beans and a row of early peas along the fence, and spent the rest of the afternoon mending the cold frame that the February storms had blown across the path and into the neighbour’s rhubarb.'],
      ['Thursday, February 29, 2024', 'A leap day at the library', 'The library in the old town hall opened its doors for an extra day this year, with a reading of letters written by people who were born on the twenty-ninth of February over the last two centuries, chosen from the town’s archive by two retired teachers.', 'Most of the letters complained, with good humour, about birthdays that came round only once in four years, and one writer from the last century asked, quite seriously, that the calendar be changed in his favour.'],
      ['Sunday, February 25, 2024', 'Repairing an old bicycle', 'The bicycle that had hung in the garage for eleven years turned out to need less work than we had feared: new tyres, a chain, brake blocks and a good deal of oil on everything that was meant to turn, and a bell for the youngest.', 'The gears were another matter, and after an hour of trying we took the wheel to the shop on the corner, where the owner fixed it in ten minutes, talked for twenty about the bicycles he had raced as a young man, and refused to take any money for it.'],
      ['Wednesday, February 21, 2024', 'Winter birds at the feeder', 'A pair of bullfinches came to the feeder outside the kitchen window every morning this week, which is the first time we have seen them in the garden since we moved here six years ago, when the hedge was still young.', 'The blue tits and the sparrows were not pleased to share the seeds, and the squabbles at the feeder kept the children at the window long after they should have left for school on most mornings of the week.']
    ]
    const text = [...menu, ...posts.flat(), ...footer].join('\n') + '\n'
    for (const model of ['none', 'built-in']) {
      const result = createCleaner({extends: ['recommended'], classifier: {model}}).clean(text, {title: 'none'})
      for (const [, title, ...paragraphs] of posts) {
        for (const line of [title, ...paragraphs]) expect(result.text, model).toContain(line)
      }
      expect(result.text, model).not.toContain('Privacy policy')
    }
  })
})

describe('extractor output', () => {
  const cleaner = createCleaner({extends: ['recommended']})

  it('keeps short paragraphs, subheadings and lists, and drops only a date line at the edge', () => {
    const text = [
      '12 March 2024, 14:05',
      article[1],
      'What changes for residents',
      'Three things change:',
      'Bus fares',
      'Night lines',
      'Libraries',
      article[4],
      'It passed 31 to 20.'
    ].join('\n')
    const result = cleaner.clean(text, {title: 'none'})
    expect(result.removed.map((removal) => [removal.rule, removal.text])).toEqual([['heuristic/edge', '12 March 2024, 14:05']])
    expect(result.text).toBe(text.split('\n').slice(1).join('\n') + '\n')
  })

  it('leaves a text it cannot split (a page on one line) alone', () => {
    const oneLine = [...menu, ...article, ...footer.slice(0, -1)].join(' | ')
    expect(cleaner.clean(oneLine).text).toBe(oneLine + '\n')
  })
})

describe('hard-wrapped text', () => {
  it('judges a wrapped paragraph as one block', () => {
    const wrap = (text: string) => text.match(/.{1,72}(?:\s|$)/g)!.map((line) => line.trimEnd())
    const paragraphs = [article[1], article[2], article[4], article[5], article[6]]
    const text = [...menu, '', ...paragraphs.flatMap((paragraph) => [...wrap(paragraph), '']), ...footer].join('\n')
    const result = createCleaner({extends: ['recommended']}).clean(text, {title: 'none'})
    for (const paragraph of paragraphs) for (const line of wrap(paragraph)) expect(result.text).toContain(line)
    expect(result.text).not.toContain('Politics')
  })
})

describe('text without spaces', () => {
  it('counts CJK characters as words, not as garbage', () => {
    const chinese = [
      '首页', '新闻', '体育', '财经', '科技', '娱乐', '汽车', '房产', '教育', '旅游', '健康', '时尚', '登录', '注册', '搜索', '更多', '视频', '图片', '专题', '评论',
      '市议会周二晚间通过了明年的预算案，此前议员们进行了长达九个多小时的讨论，结束了市长办公室与财政委员会之间数周的谈判。',
      '预算将公共交通支出提高百分之十二，并拨款建设两座新图书馆，同时削减了市长春季提出的道路维修资金。',
      '议会决定，公交票价明年保持不变，市政府将再雇用四十名司机，使夜间线路每十五分钟一班，而不是每半小时一班。',
      '财政委员会主席在投票后表示，我们听取了居民在九月听证会上的意见，议会将在秋季再次审查该计划。',
      '关于我们', '联系我们', '隐私政策', '版权所有'
    ]
    const result = createCleaner({extends: ['recommended']}).clean(chinese.join('\n'), {title: 'none'})
    expect(result.lang).toBe('zh')
    for (const paragraph of chinese.slice(20, 24)) expect(result.text).toContain(paragraph)
    expect(result.text).not.toContain('首页')
  })
})

describe('presets', () => {
  it('are resolved with the config’s own thresholds on top', async () => {
    const {resolveHeuristics, PRESETS} = await import('../src/classifier/presets.js')
    expect(resolveHeuristics(undefined)).toEqual(PRESETS.balanced)
    expect(resolveHeuristics({preset: 'recall', lengthLow: 50})).toEqual({...PRESETS.recall, lengthLow: 50})
    expect(resolveHeuristics({preset: 'off'}).enabled).toBe(false)
    // precision removes more (boilerplate costs more), recall keeps more.
    expect(PRESETS.precision.badWeight).toBeGreaterThan(PRESETS.balanced.badWeight)
    expect(PRESETS.recall.badWeight).toBeLessThan(PRESETS.balanced.badWeight)
    expect(PRESETS.recall.partShare).toBeLessThan(PRESETS.balanced.partShare)
  })
})

describe('block features', () => {
  const wordsOf = (text: string) => ({
    eachWord(_text: string, word: (value: string) => void, sentence: (words: number) => void) {
      const words = text.match(/[\p{L}\p{N}]+/gu) ?? []
      for (const value of words) word(value)
      sentence(words.length)
    }
  })

  it('of a block are the sums of its lines’ counts, as if the joined text were counted', () => {
    const pieces = fc.constantFrom('word', 'Word', '42', ' ', ' | ', '»', '/', '@handle', '#tag', 'www.example.com/a', 'https://x.io/b?c=1', 'mail@example.org', '北京', '.', ',', '–', '•')
    const line = fc.array(pieces, {minLength: 1, maxLength: 12}).map((parts) => parts.join('').trim()).filter((text) => text !== '')
    fc.assert(
      fc.property(fc.array(line, {minLength: 1, maxLength: 5}), (lines) => {
        const joined = lines.join(' ')
        const whole = lineTally(wordsOf(joined), joined, undefined)
        const sum = blockFeatures(lines.map((text) => lineTally(wordsOf(text), text, undefined)), joined, undefined, 1)
        expect(sum.length).toBe(whole.chars + 2 * whole.cjk)
        expect(sum.links).toBe(whole.links)
        expect(sum.separators).toBe(whole.separators)
        expect(sum.digits).toBeCloseTo(whole.chars > 0 ? whole.digits / whole.chars : 0, 12)
      })
    )
  })

  it('of many blocks kept in one table read back as each block alone gives them, the stopword share dropped too', () => {
    const stopwords = new Set(['the', 'of', 'and', 'a'])
    const texts = [
      'The history of the city and a walk along the river.',
      '© 2024 Example Media. All rights reserved',
      '12.03.2024 14:05',
      'von Anna Schmidt',
      '- Home | News | Sport | Weather',
      'Read more:',
      '北京 is a city of 21 million people!',
      'https://example.com/a www.example.org',
      ''
    ]
    const tallyOf = (text: string) => lineTally(wordsOf(text), text, stopwords)
    const names = ['length', 'words', 'sentences', 'terminal', 'stopwords', 'capitals', 'digits', 'links', 'separators', 'shape', 'repeats', 'chars', 'letters', 'upper', 'punctuation', 'startsWithMark', 'endsWithColon'] as const
    const read = (features: Record<(typeof names)[number], unknown>) => Object.fromEntries(names.map((name) => [name, features[name]]))
    fc.assert(
      fc.property(fc.array(fc.nat(texts.length - 1), {minLength: 1, maxLength: 12}), fc.array(fc.integer({min: 1, max: 4}), {minLength: 12, maxLength: 12}), (picked, repeats) => {
        const table = new FeatureTable(picked.length)
        const sumOf = (text: string) => {
          const sum = emptySum(1)
          addTally(sum, tallyOf(text))
          return sum
        }
        const inTable = picked.map((index, row) => featuresOfSum(sumOf(texts[index]), texts[index], stopwords, repeats[row], table, row))
        picked.forEach((index, row) => expect(read(inTable[row])).toEqual(read(featuresOfSum(sumOf(texts[index]), texts[index], stopwords, repeats[row]))))
        // Dropping one block's share leaves the others' as they were.
        const before = inTable.map((features) => features.stopwords)
        inTable[0].stopwords = undefined
        expect(inTable[0].stopwords).toBeUndefined()
        expect(inTable.slice(1).map((features) => features.stopwords)).toEqual(before.slice(1))
      })
    )
    const [prose, copyright, date, byline, menu, colon] = texts.map((text) => featuresOfSum(emptySum(1), text, undefined, 1))
    expect([prose.terminal, prose.shape, prose.stopwords]).toEqual([true, undefined, undefined])
    expect([copyright.shape, date.shape, byline.shape]).toEqual(['copyright', 'date', 'byline'])
    expect([menu.startsWithMark, menu.endsWithColon, colon.endsWithColon, colon.startsWithMark]).toEqual([true, false, true, false])
  })

  it('count menu separators standing between spaces, and only those', () => {
    // The specification the count follows: one of | » • · › / ▸ ► > with white space or an end on both sides.
    const spec = /(?:^|\s)(?:\||»|•|·|›|\/|▸|►|>)(?=\s|$)/gu
    const pieces = fc.constantFrom('Home', 'a', ' ', '  ', '|', '»', '•', '·', '›', '/', '▸', '►', '>', '<', '«', '-', '–', '\u00a0', 'é', '1')
    fc.assert(
      fc.property(fc.array(pieces, {minLength: 1, maxLength: 20}), (parts) => {
        const text = parts.join('')
        fc.pre(text.trim() !== '')
        expect(lineTally(wordsOf(text), text, undefined).separators, JSON.stringify(text)).toBe(text.trim().match(spec)?.length ?? 0)
      }),
      {numRuns: 2000}
    )
  })

  it('read prose endings as the expression did: final punctuation, closing quotes and brackets after it', () => {
    const expression = /[.!?…。！？]["'”’»«)\]]*$/u
    for (const text of ['Ends here.', 'Ends here."', 'Is it?)', 'Wow!’»', 'No ending', 'Quote"', '…', '', '"', 'Done。', 'Trailing ]', 'a.b']) {
      expect(endsLikeProse(text), text).toBe(expression.test(text))
    }
  })
})

describe("the hand-set classifier's guards against losing the article on a page", () => {
  // The hand-set classifier's regions and guards, alone (its decisions are the trained
  // classifier's features, and stand where the model does not veto them).
  const cleaner = createCleaner({extends: ['recommended'], classifier: {model: 'none'}})
  // Six paragraphs of just over 200 characters, and an author box of one long paragraph.
  const recipe = [
    'This slow roast is the easiest way we know to feed a crowd at the holidays, and once it is in the oven it asks for almost no attention, which leaves you free for the rest of the meal and for your guests. It is worth the wait.',
    'Start a day ahead: salt the meat all over, set it on a rack over a tray and leave it uncovered in the fridge overnight, so that the surface dries out and browns well in the oven the next morning. It is worth the wait.',
    'Heat the oven as low as it will go and roast the meat until the middle reaches the heat you like, which can take four hours or more for a large piece, so plan the whole day around it. It is worth the wait.',
    'Let it rest for half an hour while the oven heats up as far as it will go, then put it back in for ten minutes to brown the outside before you carve it into thick slices at the table. It is worth the wait.',
    'Serve it with the juices from the tray, a sharp green salad and roast potatoes, and keep any leftovers for sandwiches the next day, when the meat is just as good cold as it was hot at dinner. It is worth the wait.',
    'If the roast is smaller than the one we used, start checking the heat in the middle after two hours, and take it out a few degrees early because it goes on cooking as it rests on the board. It is worth the wait.'
  ]
  const bio = [
    'Jane Doe has written about food for twenty years and cooks for her family of six every weekend, testing every recipe at least three times before it goes on this site. Before she started it she ran a small restaurant by the harbour for a decade, where she learned that the best dishes are the ones that leave the cook time to sit down with the guests at the end of a long evening, and she still answers every question that readers send her by email.'
  ]
  const siteMenu = ['Home', 'Recipes', 'Dinner', 'Desserts', 'Drinks', 'Holidays', 'Videos', 'Shop', 'Newsletter', 'Sign in', 'Search', 'Subscribe']

  it('keep the prose before a main region that holds less than half as much (a recipe cut up by buttons, an author box below)', () => {
    // Three repeated button lines after each paragraph cost the recipe more than its paragraphs
    // bring, so the author box scores higher as a region, and with the precision preset no paragraph
    // is a further part of it; the recipe's prose is twice the box's.
    const lines = [...siteMenu, 'Slow roast for a crowd']
    for (const paragraph of recipe) lines.push(paragraph, 'Pro tip: save this recipe', 'Jump to the recipe card', 'Rate this recipe')
    lines.push('About the author', ...bio, 'Related recipes', '© 2024 Example Recipes')
    const precise = createCleaner({extends: ['recommended'], heuristics: {preset: 'precision'}, classifier: {model: 'none'}})
    const result = precise.clean(lines.join('\n') + '\n', {title: 'none'})
    const kept = result.text.split('\n')
    for (const paragraph of [...recipe, ...bio]) expect(kept).toContain(paragraph)
    const outside = result.removed.filter((removal) => removal.rule === 'heuristic/outside-main').map((removal) => removal.text)
    expect(outside).toEqual(expect.arrayContaining(['Recipes', 'Related recipes']))
    expect(outside.filter((text) => text === 'Rate this recipe').length).toBeGreaterThanOrEqual(4)
    // The default, the trained classifier over these decisions, keeps the same prose.
    const byDefault = createCleaner({extends: ['recommended'], heuristics: {preset: 'precision'}}).clean(lines.join('\n') + '\n', {title: 'none'}).text.split('\n')
    for (const paragraph of [...recipe, ...bio]) expect(byDefault).toContain(paragraph)
  })

  it('keep the article under a "Comments" link that stands above it, where the comment-section tail would take it', () => {
    const lines = [...menu, ...menu.map((item) => `${item} news`), 'Comments', ...article, ...footer]
    const result = cleaner.clean(lines.join('\n') + '\n', {title: 'none'})
    const kept = result.text.split('\n')
    for (const paragraph of article.filter((line) => line.length > 100)) expect(kept).toContain(paragraph)
    expect(result.removed.some((removal) => removal.rule === 'en/comments-tail')).toBe(false)
  })

  it('keep the short lines between the parts of a list article, and the menus around it', () => {
    const items = [
      ['PRINT', 'What: A set of postcard-size prints by a local artist whose sales all go to the animal shelters that took in pets after the storm, printed on recycled paper in bright colours.', 'Why: Look on the bright side.', 'Where: At the gallery shop, from 20 dollars.'],
      ['WEAR', 'What: A plain cotton shirt that a young designer made after the water came into her studio, sold through her own site and at two shops in the neighbourhood this month only.', 'Why: All proceeds go to the relief fund.', 'Where: Online, 40 dollars.'],
      ['GIVE', 'What: Your time, at one of the shelters and clinics that still need hands, from sorting donated blankets to driving supplies out to the towns along the coast that were hit hardest.', 'Why: Charity begins at home.', 'Where: Sign up at the volunteer centre.'],
      ['LISTEN', 'What: A new song by a band from the city, with a cover of an old favourite on the other side, that they recorded in a week and put out to raise money for the youth centre.', 'Why: Every download helps.', 'Where: On the band page, 5 dollars.']
    ]
    const lines = [...menu, 'Ways to help after the storm', ...items.flat(), ...footer]
    const result = cleaner.clean(lines.join('\n') + '\n', {title: 'none'})
    const kept = result.text.split('\n')
    // Between the parts (the lines after the last part are outside them, and go with the footer).
    for (const line of items.slice(0, -1).flatMap((item) => item.slice(1))) expect(kept).toContain(line)
    expect(result.removed.filter((removal) => removal.rule === 'heuristic/outside-main').map((removal) => removal.text)).toEqual(expect.arrayContaining(['World', 'Careers']))
    const byDefault = createCleaner({extends: ['recommended']}).clean(lines.join('\n') + '\n', {title: 'none'}).text.split('\n')
    for (const line of items.slice(0, -1).flatMap((item) => item.slice(1))) expect(byDefault).toContain(line)
  })

  it('still remove a comment thread under its header after the article', () => {
    const comments = [
      'I have lived in this city for thirty years and I have never seen the council agree on anything this quickly, so I am not sure what to make of it.',
      'More buses at night is the best news I have heard all year, my daughter works late shifts and has to walk home from the centre twice a week.',
      'The road repairs will come back to haunt them, mark my words, every winter the same potholes open up on the same streets near the river.'
    ]
    const lines = [...menu, ...article, '3 responses to “City council approves new budget”', ...comments, ...footer]
    const result = cleaner.clean(lines.join('\n') + '\n', {title: 'none'})
    for (const comment of comments) expect(result.text).not.toContain(comment)
    for (const paragraph of article.filter((line) => line.length > 100)) expect(result.text.split('\n')).toContain(paragraph)
  })
})

describe('the trained classifier with the hand-set one (classifier.keepAbove)', () => {
  // Three pages: a local paper's article, a news article with a teaser box, and a forum thread
  // (whose posts both classifiers keep: a page where the veto has nothing to do).
  const posts = [
    'I have been cooking this roast for the family every winter, and the trick with the low oven is the only one that never failed me, even with a smaller piece of meat than the recipe asks for.',
    'We tried it last weekend for my parents and it was the best roast we have made in years, although the oven in our rented flat runs hot and we had to take it out almost an hour early.',
    'Does anyone know whether this works with a leg of lamb as well? I would like to make it for a birthday dinner, but the butcher only has lamb this week and I do not want to ruin it.',
    'Salting the meat the night before is what makes the difference for me, the outside browns so much better and the inside stays juicy even when the guests are late and it sits for a while.',
    'My grandmother made her roast almost the same way, with the oven as low as it would go, and she always said that patience was the only spice that really mattered in her kitchen.',
    'I followed the recipe to the letter and it came out perfect, but next time I will make twice as much gravy because there was not nearly enough for everyone at the table.'
  ]
  const post = (index: number) => posts[index]
  const forum = [...menu, 'Forum › Cooking › Slow roast', ...Array.from({length: 6}, (_, index) => [`Posted by user${index}`, `Member since ${2010 + index}`, post(index)]).flat(), 'Reply', 'Quote', ...footer]
  const pages = [readFileSync(new URL('../fixtures/pages/harbour-gazette.txt', import.meta.url), 'utf8'), page, forum.join('\n') + '\n']
  const cleanerAt = (keepAbove: number) => createCleaner({extends: ['recommended'], classifier: {model: 'built-in', keepAbove}}, {messages: false})
  const handSet = (rule: string) => /^heuristic\/(?:outside-main|boilerplate|edge)$/.test(rule)
  const key = (removal: {rule: string; start: number; end: number}) => `${removal.rule} ${removal.start}-${removal.end}`

  it('keeps the hand-set removals whose content probability is below keepAbove, and only those', () => {
    // The model's content probabilities of the hand-set removals it does not make itself (with no
    // veto): keepAbove goes between the lowest two, so that some removals stand and some are
    // vetoed. Scores are rounded to hundredths; the midpoint of two rounded ones parts the exact ones.
    const scores = pages.flatMap((text) =>
      cleanerAt(1)
        .clean(text, {title: 'none'})
        .removed.filter((removal) => handSet(removal.rule) && removal.features?.sure !== true)
        .map((removal) => removal.features?.score as number)
    )
    const distinct = [...new Set(scores)].sort((a, b) => a - b)
    expect(distinct.length).toBeGreaterThanOrEqual(2)
    const VETO = (distinct[0] + distinct[1]) / 2
    let vetoed = 0
    let kept = 0
    for (const text of pages) {
      const [alone, half, all] = [0, VETO, 1].map((keepAbove) => cleanerAt(keepAbove).clean(text, {title: 'none'}).removed)
      // keepAbove 0: the model's own removals alone; none of the hand-set classifier's.
      expect(alone.filter((removal) => handSet(removal.rule))).toEqual([])
      const halfKeys = new Set(half.map(key))
      for (const removal of all.filter((each) => handSet(each.rule))) {
        const score = removal.features?.score as number
        expect(removal.reason).toMatch(/content probability \d\.\d\d\)$/)
        // A removal on structural evidence (a sure shape, a widget printed twice, a comment
        // thread) stands at any keepAbove.
        const sure = removal.features?.sure === true
        expect(halfKeys.has(key(removal)), `${removal.text} at ${score}`).toBe(score < VETO || sure)
        if (sure) continue
        if (score < VETO) kept++
        else vetoed++
      }
      // What the model removes itself goes at every keepAbove: by its own decision, or by the
      // hand-set classifier's where that one stands and takes the block first (in an earlier pass).
      const spans = (removals: typeof alone) => new Set(removals.filter((removal) => removal.rule.startsWith('heuristic/')).map((removal) => `${removal.start}-${removal.end}`))
      const own = alone.filter((removal) => removal.rule === 'heuristic/block')
      expect(own.length).toBeGreaterThan(0)
      for (const removals of [half, all]) {
        const taken = spans(removals)
        for (const removal of own) expect(taken.has(`${removal.start}-${removal.end}`), removal.text).toBe(true)
      }
    }
    expect(kept).toBeGreaterThan(0)
    expect(vetoed).toBeGreaterThan(0)
  })
})

describe('removals without their explanations (explain: false)', () => {
  const texts = [readFileSync(new URL('../fixtures/pages/harbour-gazette.txt', import.meta.url), 'utf8'), page]
  const place = ({rule, category, startLine, endLine, start, end, text}: {rule: string; category: string; startLine: number; endLine: number; start: number; end: number; text: string}) => ({rule, category, startLine, endLine, start, end, text})

  it('are the same removals, with the decision alone as the reason and no features, for either classifier', () => {
    for (const model of ['built-in', 'none']) {
      const cleaner = createCleaner({extends: ['recommended'], classifier: {model}}, {messages: false})
      let explained = 0
      for (const text of texts) {
        const full = cleaner.clean(text)
        const bare = cleaner.clean(text, {explain: false})
        expect([bare.text, bare.title, bare.lang]).toEqual([full.text, full.title, full.lang])
        expect(bare.removed.map(place)).toEqual(full.removed.map(place))
        for (const [index, removal] of bare.removed.entries()) {
          const explainedRemoval = full.removed[index]
          if (!removal.rule.startsWith('heuristic/')) {
            expect(removal.reason).toBe(explainedRemoval.reason)
            continue
          }
          explained++
          expect(removal.features, removal.text).toBeUndefined()
          expect(explainedRemoval.features).toBeDefined()
          // The full reason starts with the decision and adds the why: the region, the class, the score.
          expect(explainedRemoval.reason.startsWith(removal.reason)).toBe(true)
          expect(explainedRemoval.reason.length).toBeGreaterThan(removal.reason.length)
          if (removal.rule === 'heuristic/block') expect(explainedRemoval.features?.strongest).toBeTypeOf('string')
        }
      }
      expect(explained, model).toBeGreaterThan(0)
    }
  })
})

describe('the trained classifier where it cannot judge', () => {
  const withModel = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}, {messages: false})
  const handSetOnly = createCleaner({extends: ['recommended'], classifier: {model: 'none'}}, {messages: false})
  const removals = (text: string, cleaner: typeof withModel) => cleaner.clean(text, {title: 'none'}).removed.map((removal) => `${removal.rule} ${removal.start}-${removal.end}`)

  it('leaves a text without a stopword the list knows (Chinese) to the hand-set classifier', () => {
    const zhMenu = ['首页', '新闻', '财经', '科技', '体育', '娱乐', '汽车', '房产', '登录', '注册', '搜索', '客户端']
    const zhArticle = [
      '本报讯 昨日，市政府召开新闻发布会，介绍了今年上半年全市经济运行情况。数据显示，上半年全市地区生产总值同比增长百分之六点二，增速比一季度加快零点五个百分点，经济运行总体平稳、稳中有进。',
      '发布会上，市统计局负责人表示，工业生产稳步回升，规模以上工业增加值同比增长百分之七点一；服务业持续恢复，社会消费品零售总额同比增长百分之八点三，其中网上零售额增长较快。',
      '该负责人同时指出，当前外部环境依然复杂，部分企业经营困难，下一步将继续加大政策支持力度，稳住市场主体，促进消费和投资协同发力，推动经济持续健康发展。',
      '记者了解到，下半年全市将重点推进一批重大项目建设，加快城市更新和交通基础设施建设，同时加强民生保障，做好就业、教育和医疗等方面的工作。'
    ]
    const zhFooter = ['相关新闻', '关于我们', '联系我们', '广告服务', '网站地图', '版权所有 © 2024 某某网', '京ICP备12345678号']
    const text = [...zhMenu, '上半年全市经济运行总体平稳', ...zhArticle, ...zhFooter].join('\n') + '\n'
    const result = withModel.clean(text, {title: 'none'})
    expect(removals(text, withModel)).toEqual(removals(text, handSetOnly))
    const heuristic = result.removed.filter((removal) => removal.rule.startsWith('heuristic/'))
    expect(heuristic.length).toBeGreaterThan(0)
    // Chinese is not split into words: no stopword share, and no block of a dozen words.
    for (const removal of heuristic) expect(removal.reason).toMatch(/\((?:no stopwords matched|no paragraph of prose): the hand-set classifier decides\)$/)
    for (const paragraph of zhArticle) expect(result.text).toContain(paragraph)
  })

  it('judges a page whose stopwords match its prose but not the menus around it, blind to them', () => {
    // A Russian news page: menus and headlines hold so few stopwords that the whole text's share
    // falls short, and the blocks lose their shares; the article's sentences reach it. Without
    // stopwords the hand-set classifier took the legal notice under the page for its main content.
    const menu = ['Новости', 'Политика', 'Экономика', 'Общество', 'Происшествия', 'Спорт', 'Культура', 'Фото', 'Видео', 'Инфографика', 'Архив', 'Реклама', 'Контакты', 'RSS', 'Форум']
    const sections = ['Москва   Петербург   Новосибирск   Екатеринбург   Казань   Самара', 'Главное   Скандалы   Финансы   Интервью   Мнения', 'Погода   Курсы валют   Гороскоп   Телепрограмма', 'Авто   Недвижимость   Здоровье   Наука   Технологии']
    const article = [
      'Благовещенск, 6 января. В Амурской области утром сошел с рельсов вагон грузового состава, который перевозил уголь из Забайкалья, сообщили в пресс-службе железной дороги.',
      'По словам представителя дороги, никто не пострадал, движение поездов на участке было приостановлено на час, а пассажирские поезда задержались с отправлением.',
      'Через час колесную пару поставили на рельсы, и состав продолжил путь до станции назначения. Причины схода вагона выясняет специальная комиссия.'
    ]
    const latest = ['Обсудить', 'Версия для печати', 'Рубрики:', 'Общество / Россия / Происшествия', 'Последние новости', '13:02 Курс рубля укрепился к доллару', '12:49 В Якутии открыли новую ледовую переправу', '11:20 В Приморье ожидается сильный снегопад', '10:51 Хабаровский аэропорт изменил расписание', '09:40 Новый мост через Амур откроют весной', '08:15 Курильские острова накрыл циклон', '07:30 Бензин подорожал в трех регионах', '06:05 Паромная переправа закрыта из-за шторма', 'Календарь', 'Голосование', 'Результат опроса', 'Партнеры', 'Новости партнеров', 'Загрузка...']
    const legal = [
      'Правовые ограничения: все материалы сайта охраняются законом об авторском праве, и их использование без письменного согласия редакции запрещено.',
      'Допускается цитирование материалов сайта без согласования с редакцией при условии, что в тексте указана активная ссылка на источник публикации.',
      'Редакция не несет ответственности за достоверность информации, которая содержится в рекламных объявлениях, размещенных на страницах сайта.',
      'Мнение редакции может не совпадать с мнением авторов статей и комментариев, которые опубликованы на сайте читателями и приглашенными экспертами.'
    ]
    const footer = ['Архив | Новости компаний | Рекламодателям', 'Телефон редакции: +7 495 000-00-00', '© Новостное агентство, 2004–2013']
    const text = [...menu, ...sections, 'В Амурской области сошел с рельсов грузовой вагон', ...article, ...latest, ...legal, ...footer].join('\n\n') + '\n'
    let seen: {page: boolean; proseMatched: boolean; shares: Array<number | undefined>} | undefined
    const observed = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}, {messages: false, observeBlocks: (_document, classified) => {
      seen ??= {page: classified.page, proseMatched: classified.proseMatched, shares: classified.blocks.map((block) => block.features.stopwords)}
    }})
    const once = observed.clean(text, {title: 'none'})
    expect(once.lang).toBe('ru')
    expect(seen?.page).toBe(true)
    expect(seen?.shares.every((share) => share === undefined)).toBe(true)
    expect(seen?.proseMatched).toBe(true)
    for (const paragraph of article) expect(once.text).toContain(paragraph)
    expect(once.removed.filter((removal) => removal.rule === 'heuristic/block').length).toBeGreaterThan(0)
    for (const removal of once.removed) expect(removal.reason).not.toMatch(/no stopwords matched/)
    for (const line of [...menu, ...latest.slice(5, 13)]) expect(once.text).not.toContain(line)
    // The hand-set classifier alone loses the article; a second run removes nothing more.
    const handSet = handSetOnly.clean(text, {title: 'none'})
    for (const paragraph of article) expect(handSet.text).not.toContain(paragraph)
    expect(withModel.clean(once.text, {title: 'none'}).text).toBe(once.text)
  })

  it('judges extractor output whose stopwords barely match, which a second run may read in a language whose stopwords do', () => {
    // Read as Afrikaans: the stopwords match too few words to use. Cleaned, the text is read as
    // Hungarian, whose stopwords match; had the hand-set classifier decided the first run, the
    // second would have taken the line the first kept. The breadcrumb at the top goes in the first
    // run, and the first of the two "Nederlagen" lines; the second run takes nothing more.
    const text = [
      'Címlap › Belföld',
      'Nederlagen',
      'Nederlagen',
      'További részletek a reformról csütörtökön derülnek ki, amikor a pénzügyminiszter bemutatja a tervezetet.',
      '„Wir dürfen die Mieter nicht allein lassen“, sagte sie.',
      ' ',
      'Termeni și condiții | Politica de confidențialitate | Contact',
      'Deze website maakt gebruik van cookies.',
      '\t',
      'Vissza csak éjfél után értek haza, amikor végre elindult az utolsó vonat az állomásról.'
    ].join('\n') + '\n'
    let stopwords: Array<number | undefined> = []
    let page: boolean | undefined
    const observed = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}, {messages: false, observeBlocks: (_document, classified) => {
      stopwords = classified.blocks.map((block) => block.features.stopwords)
      page = classified.page
    }})
    const once = observed.clean(text, {title: 'none'})
    expect(once.lang).toBe('af')
    expect(page).toBe(false)
    expect(stopwords.every((share) => share === undefined)).toBe(true)
    const taken = once.removed.filter((removal) => removal.rule === 'heuristic/block')
    expect(taken.map((removal) => removal.text)).toEqual(['Címlap › Belföld', 'Nederlagen'])
    expect(taken[0].reason).toMatch(/^boilerplate block \(content probability 0\.\d\d; strongest: /)
    expect(handSetOnly.clean(text, {title: 'none'}).text).toContain('Címlap › Belföld')
    const twice = withModel.clean(once.text, {title: 'none'})
    expect(twice.lang).not.toBe('af')
    expect(twice.text).toBe(once.text)
  })

  it('leaves a text of menus and headlines alone to the hand-set classifier, so a second run removes nothing more', () => {
    // Read as French, and once cleaned as English: the model's scores moved with the language.
    const text = 'Education\nPolitics\nSports\nWorld\nClimate\nScience\nVideo\nTechnology\nWhat changes for residents\nWhat changes for residents\nWhat changes for residents\n© 2024 Example News\nMayor names new transport chief\n'
    const once = withModel.clean(text, {title: 'none'})
    expect(withModel.clean(once.text, {title: 'none'}).text).toBe(once.text)
    expect(removals(text, withModel)).toEqual(removals(text, handSetOnly))
  })

  it(`leaves a document of more than ${MODEL_MAX_BLOCKS} blocks to the hand-set classifier`, () => {
    // Far larger than any text the model was trained on: its position features took the last
    // parts of such a page of article parts between menus.
    // 10,000 parts: 50,000 blocks, ten times the limit (without it the model took the last 1,847 parts).
    const {text, parts} = articlePartsPage(10_000)
    const kept = new Set(withModel.clean(text, {title: 'none'}).text.split('\n'))
    expect(parts.filter((part) => !kept.has(part))).toEqual([])
    expect(removals(text, withModel)).toEqual(removals(text, handSetOnly))
  })

  it('never takes every block: a headline left alone stays on a second run', () => {
    const text = 'Putin brinda con Kim\nПов’язані матеріали\nDie Bundesregierung will die Mietpreisbremse um weitere vier Jahre verlängern, teilte das Ministerium am Mittwoch mit.\n'
    const once = withModel.clean(text).text
    expect(withModel.clean(once).text).toBe(once)
    const alone = withModel.clean('Putin brinda con Kim\n', {title: 'none'})
    expect(alone.text).toBe('Putin brinda con Kim\n')
    expect(alone.removed).toEqual([])
  })
})

describe('the trained classifier on extractor output', () => {
  it('takes no block that ends like a sentence: the last short paragraph after a read-also list stays', () => {
    // The model scores this paragraph 0.07: a "read also" list was claimed just above it, and a
    // newsletter prompt and share buttons follow.
    const article = [
      'Praha chce do roku 2030 postavit tři nové mosty přes Vltavu',
      '',
      'Inzerce',
      '',
      'Pražský magistrát ve čtvrtek představil plán na stavbu tří nových mostů přes Vltavu. Náklady odhaduje na více než osm miliard korun a první stavba by podle něj mohla začít už za dva roky.',
      'Foto: ČTK / Jan Dvořák',
      '',
      'Kde mosty vzniknou',
      '',
      '„Bez nových mostů se doprava ve městě brzy úplně zadrhne,“ řekl náměstek primátora pro dopravu.',
      'Reklamní kampaň města k projektu začne už v příštím měsíci.',
      '',
      'Přečtěte si také: Stavba metra D nabírá další zpoždění',
      '',
      'Čtěte také',
      'Proč se oprava Libeňského mostu znovu prodražila',
      '',
      'Opozice plán kritizuje. Podle ní chybí peníze na údržbu stávajících mostů.',
      '',
      'Přihlaste se k odběru newsletteru',
      '',
      'Sdílet článek',
      'Sledujte nás na Facebooku a Instagramu',
      'Vstoupit do diskuse'
    ].join('\n') + '\n'
    const result = createCleaner({extends: ['recommended'], classifier: {model: 'built-in'}}, {messages: false}).clean(article)
    expect(result.text).toContain('Opozice plán kritizuje. Podle ní chybí peníze na údržbu stávajících mostů.')
    expect(result.text).not.toContain('Sdílet článek')
    expect(result.text).toContain('Kde mosty vzniknou')
  })
})
