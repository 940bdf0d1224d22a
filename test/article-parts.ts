/**
 * A test page: an article in many parts, each between four menu lines, after 30 menu lines. Each
 * part has words of its own (parts alike but for their digits would be one paragraph printed many
 * times: a widget).
 */

/** `a`, `b`, … `z`, `aa`, `ab`, …: a name of letters for a number. */
function letters(index: number): string {
  let name = ''
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(97 + ((rest - 1) % 26)) + name
  return name
}

export function articlePartsPage(count: number): {text: string; parts: string[]} {
  const lines = Array.from({length: 30}, (_, index) => `Menu ${index}`)
  const parts: string[] = []
  for (let index = 0; index < count; index++) {
    const part = `Part ${letters(index)} of the report. The council approved the budget late on Tuesday after a session that lasted more than nine hours, ending weeks of talks between the mayor and the council over the plan. It will now go to the regional office for its approval.`
    parts.push(part)
    lines.push(part, ...['News', 'Business', 'Travel', 'Arts'].map((section) => `Home | World | ${section} ${index} | Sport`))
  }
  return {text: lines.join('\n') + '\n', parts}
}
