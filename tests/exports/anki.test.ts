import { describe, expect, it } from 'vitest'
import { exportFormat } from '../../src/exports/index.js'
import type { Question } from '../../src/exports/text.js'
import { entries } from '../../src/exports/text.js'
import { child, elements, htmlToText, parseXml, plain, testBanks, textOf } from './helpers.js'

/** Read the TSV the way Anki does: `#key:value` header lines, then one note per line. */
function readTsv(text: string): { headers: Map<string, string>; rows: string[][] } {
  const lines = text.split('\n')
  expect(lines.pop()).toBe('')
  const headers = new Map<string, string>()
  const rows: string[][] = []
  for (const line of lines) {
    const header = /^#([a-z ]+):(.*)$/.exec(line)
    if (header && rows.length === 0) headers.set(header[1]!, header[2]!)
    else rows.push(line.split('\t'))
  }
  return { headers, rows }
}

/** The answer as the back of the card should state it. */
function answer(question: Question): string[] {
  const option = (id: string) => [...(question.type === 'matching' ? question.choices : question.options)].find((o) => o.id === id)!.text
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.answer.map(option)
    case 'ordering':
      return question.answer.map((id, index) => `${index + 1}. ${option(id)}`)
    case 'matching':
      return question.answer.map((pair) => `${question.prompts.find((p) => p.id === pair.prompt)!.text} → ${option(pair.choice)}`)
  }
}

describe.each(testBanks())('anki.tsv of bank $name, read back', ({ bank }) => {
  const text = exportFormat(bank, 'anki', { title: 'Deck: test' }).body as string
  const { headers, rows } = readTsv(text)
  const expected = entries(bank.items)

  it('should start with Anki file headers', () => {
    expect(Object.fromEntries(headers)).toEqual({
      separator: 'tab',
      html: 'true',
      notetype: 'Basic',
      deck: 'Deck: test',
      columns: 'GUID\tFront\tBack\tTags',
      'guid column': '1',
      'tags column': '4',
    })
  })

  it('should hold one note of four fields per question, keyed by its id, with its tags', () => {
    expect(rows.every((row) => row.length === 4)).toBe(true)
    expect(rows.map((row) => row[0])).toEqual(expected.map((entry) => entry.question.id))
    expect(rows.map((row) => row[3]!.split(' '))).toEqual(expected.map((entry) => entry.question.tags))
    expect(rows.every((row) => row.every((field) => !field.startsWith('"')))).toBe(true)
  })

  it('should show scenario, stem and options on the front; answer, explanation and feedback on the back', () => {
    for (const [index, entry] of expected.entries()) {
      const { question } = entry
      const [, front, back] = rows[index]!
      const frontNodes = elements(parseXml(`<f>${front}</f>`))
      const stem = entry.caseStudy ? `${plain(entry.caseStudy.scenario)}\n\n${plain(question.stem)}` : plain(question.stem)
      expect(htmlToText(front!).startsWith(stem)).toBe(true)
      const lists = frontNodes.filter((node) => node.name === 'ol' || node.name === 'ul')
      const shown = lists.map((list) => elements(list).map((item) => textOf(item)))
      if (question.type === 'matching') {
        expect(shown).toEqual([question.prompts.map((prompt) => prompt.text), question.choices.map((choice) => choice.text)])
      } else {
        expect(shown).toEqual([question.options.map((option) => option.text)])
      }
      const backNodes = elements(parseXml(`<b>${back}</b>`))
      expect(textOf(backNodes[0]!)).toBe(`Answer:\n${answer(question).join('\n')}`)
      expect(htmlToText(back!)).toContain(plain(question.explanation.correct))
      const options = question.type === 'matching' ? question.choices : question.options
      const feedback = elements(backNodes.at(-1)!).map((item) => textOf(item))
      expect(feedback).toEqual(options.map((option) => `${option.text}: ${option.feedback}`))
      expect(child(backNodes[0]!, 'strong')).toBeDefined()
    }
  })
})
