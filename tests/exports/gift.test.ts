import { type GIFTQuestion, type Matching, type MultipleChoice, parse } from 'gift-pegjs'
import { describe, expect, it } from 'vitest'
import { exportFormat } from '../../src/exports/index.js'
import { byDomain, entries, moodleFractions, moodleTag } from '../../src/exports/text.js'
import { htmlToText, plain, testBanks } from './helpers.js'

/**
 * gift-pegjs leaves its internal escape placeholders (`&&123;` for `\\{`) in the
 * right-hand side of matching pairs (its PlainText rule skips the decoding
 * other text gets); Moodle decodes them. Decode them the same way here.
 */
const decodePlaceholders = (text: string): string =>
  text.replace(/&&(\d{3});/g, (_, code: string) => String.fromCharCode(Number(code)))

describe.each(testBanks())('bank.gift of bank $name, read back with gift-pegjs', ({ bank }) => {
  const text = exportFormat(bank, 'gift').body as string
  const parsed: GIFTQuestion[] = parse(text)
  const questions = parsed.filter((question) => question.type !== 'Category')
  const all = entries(bank.items)
  // GIFT order: domain by domain, ordering questions left out.
  const expected = byDomain(all)
    .flatMap(([, group]) => group)
    .filter((entry) => entry.question.type !== 'ordering')

  it('should hold every single, multiple and matching question, by id, with its tags (Moodle-safe: see moodle-tags.test.ts)', () => {
    expect(questions.map((question) => question.id)).toEqual(expected.map((entry) => entry.question.id))
    expect(questions.map((question) => question.title)).toEqual(expected.map((entry) => entry.question.id))
    expect(questions.map((question) => question.tags)).toEqual(expected.map((entry) => entry.question.tags.map(moodleTag)))
  })

  it('should list ordering questions in a top comment pointing to moodle.xml', () => {
    const ordering = all.filter((entry) => entry.question.type === 'ordering').map((entry) => entry.question.id)
    const header = text.slice(0, text.indexOf('\n\n') + 1)
    if (ordering.length > 0) expect(header).toMatch(/moodle\.xml/)
    for (const id of ordering) expect(header).toContain(`//   ${id}\n`)
  })

  it('should file questions in one $CATEGORY per domain and case study', () => {
    const categories = parsed.filter((question) => question.type === 'Category').map((question) => question.title)
    const paths = expected.map((entry) => `$course$/${bank.bank}/Domain ${entry.domain}${entry.caseStudy ? `/${entry.caseStudy.id}` : ''}`)
    expect(categories).toEqual(paths.filter((path, index) => path !== paths[index - 1]))
  })

  it('should carry stems, option texts, correct flags, weights and feedback unchanged', () => {
    for (const [index, entry] of expected.entries()) {
      const { question } = entry
      const read = questions[index]!
      expect(read.type).toBe(question.type === 'matching' ? 'Matching' : 'MC')
      if (read.type !== 'MC' && read.type !== 'Matching') throw new Error(`unexpected ${read.type}`)
      expect(read.stem.format).toBe('html')
      const stem = entry.caseStudy ? `${plain(entry.caseStudy.scenario)}\n\n${plain(question.stem)}` : plain(question.stem)
      expect(htmlToText(read.stem.text)).toBe(stem)
      expect(htmlToText(read.globalFeedback!.text).startsWith(plain(question.explanation.correct))).toBe(true)
      if (question.type === 'single' || question.type === 'multiple') {
        const { choices } = read as MultipleChoice
        expect(choices.map((choice) => htmlToText(choice.text.text))).toEqual(question.options.map((option) => option.text))
        expect(choices.map((choice) => htmlToText(choice.feedback!.text))).toEqual(question.options.map((option) => option.feedback))
        if (question.type === 'single') {
          expect(choices.map((choice) => choice.isCorrect)).toEqual(question.options.map((option) => question.answer.includes(option.id)))
          expect(choices.every((choice) => choice.weight === null)).toBe(true)
        } else {
          const weights = choices.map((choice) => choice.weight!)
          expect(weights.map((weight) => weight > 0)).toEqual(question.options.map((option) => question.answer.includes(option.id)))
          expect(weights.every((weight) => (moodleFractions as readonly number[]).includes(Math.abs(weight)))).toBe(true)
          const positive = weights.filter((weight) => weight > 0).reduce((sum, weight) => sum + weight, 0)
          expect(positive).toBeCloseTo(100, 3)
        }
      } else if (question.type === 'matching') {
        const pairs = (read as Matching).matchPairs
        const used = new Set(question.answer.map((pair) => pair.choice))
        const expectedPairs = [
          ...question.answer.map((pair) => ({
            prompt: question.prompts.find((prompt) => prompt.id === pair.prompt)!.text,
            answer: question.choices.find((choice) => choice.id === pair.choice)!.text,
          })),
          ...question.choices.filter((choice) => !used.has(choice.id)).map((choice) => ({ prompt: '', answer: choice.text })),
        ]
        expect(pairs.map((pair) => ({ prompt: htmlToText(pair.subquestion.text), answer: decodePlaceholders(pair.subanswer) }))).toEqual(expectedPairs)
      }
    }
  })
})
