import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { exportFormat } from '../../src/exports/index.js'
import { byDomain, entries, moodleFractions, moodleTag } from '../../src/exports/text.js'
import { child, elements, findAll, htmlToText, parseXml, plain, testBanks, textOf, type XNode } from './helpers.js'

/** The text of `<name><text>…</text></name>`-style fields. */
const field = (node: XNode, name: string): string => textOf(child(child(node, name), 'text'))
const htmlField = (node: XNode, name: string): string => {
  const found = child(node, name)
  expect(found.attrs.format).toBe('html')
  return htmlToText(textOf(child(found, 'text')))
}

describe.each(testBanks())('moodle.xml of bank $name, read back with fast-xml-parser', ({ bank }) => {
  const xml = exportFormat(bank, 'moodle').body as string
  const quiz = parseXml(xml)
  const questions = elements(quiz).filter((node) => node.attrs.type !== 'category')
  const expected = byDomain(entries(bank.items)).flatMap(([, group]) => group)

  it('should be well-formed XML with a <quiz> root of <question> elements', () => {
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(quiz.name).toBe('quiz')
    expect(elements(quiz).every((node) => node.name === 'question')).toBe(true)
  })

  it('should hold every question, of every type, with its id as name and idnumber and its tags', () => {
    const types = { single: 'multichoice', multiple: 'multichoice', matching: 'matching', ordering: 'ordering' }
    expect(questions.map((node) => node.attrs.type)).toEqual(expected.map((entry) => types[entry.question.type]))
    expect(questions.map((node) => field(node, 'name'))).toEqual(expected.map((entry) => entry.question.id))
    expect(questions.map((node) => textOf(child(node, 'idnumber')))).toEqual(expected.map((entry) => entry.question.id))
    expect(questions.map((node) => findAll(child(node, 'tags'), 'text').map((tag) => textOf(tag)))).toEqual(
      expected.map((entry) => entry.question.tags.map(moodleTag)),
    )
  })

  it('should put a category before each domain and case study', () => {
    let category = ''
    for (const node of elements(quiz)) {
      if (node.attrs.type === 'category') {
        category = field(node, 'category')
        continue
      }
      const entry = expected.find((candidate) => candidate.question.id === field(node, 'name'))!
      expect(category).toBe(`$course$/${bank.bank}/Domain ${entry.domain}${entry.caseStudy ? `/${entry.caseStudy.id}` : ''}`)
    }
  })

  it('should carry stems, answers, fractions and feedback unchanged', () => {
    for (const [index, entry] of expected.entries()) {
      const { question } = entry
      const node = questions[index]!
      const stem = entry.caseStudy ? `${plain(entry.caseStudy.scenario)}\n\n${plain(question.stem)}` : plain(question.stem)
      expect(htmlField(node, 'questiontext')).toBe(stem)
      expect(htmlField(node, 'generalfeedback').startsWith(plain(question.explanation.correct))).toBe(true)
      expect(htmlField(node, 'correctfeedback')).toBe('Correct.')
      expect(htmlField(node, 'incorrectfeedback')).toMatch(/^Incorrect\. The correct answer:\n/)
      const answers = elements(node).filter((candidate) => candidate.name === 'answer')
      if (question.type === 'single' || question.type === 'multiple') {
        expect(textOf(child(node, 'single'))).toBe(String(question.type === 'single'))
        expect(answers.map((answer) => htmlToText(textOf(child(answer, 'text'))))).toEqual(question.options.map((option) => option.text))
        expect(answers.map((answer) => htmlField(answer, 'feedback'))).toEqual(question.options.map((option) => option.feedback))
        const fractions = answers.map((answer) => Number(answer.attrs.fraction))
        expect(fractions.map((fraction) => fraction > 0)).toEqual(question.options.map((option) => question.answer.includes(option.id)))
        expect(fractions.every((fraction) => (moodleFractions as readonly number[]).includes(Math.abs(fraction)))).toBe(true)
        expect(fractions.filter((fraction) => fraction > 0).reduce((sum, fraction) => sum + fraction, 0)).toBeCloseTo(100, 3)
      } else if (question.type === 'ordering') {
        expect(answers.map((answer) => answer.attrs.fraction)).toEqual(question.answer.map((_, i) => String(i + 1)))
        expect(answers.map((answer) => htmlToText(textOf(child(answer, 'text'))))).toEqual(
          question.answer.map((id) => question.options.find((option) => option.id === id)!.text),
        )
        expect(['layouttype', 'selecttype', 'selectcount', 'gradingtype'].map((name) => textOf(child(node, name)))).toEqual(['VERTICAL', 'ALL', String(question.options.length), 'ABSOLUTE_POSITION'])
      } else {
        const subquestions = elements(node).filter((candidate) => candidate.name === 'subquestion')
        const used = new Set(question.answer.map((pair) => pair.choice))
        expect(
          subquestions.map((sub) => ({ prompt: htmlToText(textOf(child(sub, 'text'))), answer: field(sub, 'answer') })),
        ).toEqual([
          ...question.answer.map((pair) => ({
            prompt: question.prompts.find((prompt) => prompt.id === pair.prompt)!.text,
            answer: question.choices.find((choice) => choice.id === pair.choice)!.text,
          })),
          ...question.choices.filter((choice) => !used.has(choice.id)).map((choice) => ({ prompt: '', answer: choice.text })),
        ])
        for (const choice of question.choices) expect(htmlField(node, 'generalfeedback')).toContain(choice.feedback)
      }
    }
  })
})
