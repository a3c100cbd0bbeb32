/**
 * Items as served: with answers, option feedback and explanations only when revealed.
 */
import type { CaseQuestion, Item, Option } from '../bank/schema.js'
import type { Question } from './schemas.js'

type OptionView = { id: string; text: string; feedback?: string }

function options(list: Option[], reveal: boolean): OptionView[] {
  return reveal ? list.map((o) => ({ id: o.id, text: o.text, feedback: o.feedback })) : list.map((o) => ({ id: o.id, text: o.text }))
}

function caseQuestion(question: CaseQuestion, reveal: boolean, caseStudy?: { id: string; scenario: string }) {
  const { options: list, answer, explanation, ...rest } = question
  const view = { ...rest, options: options(list, reveal) }
  return {
    ...view,
    ...(reveal ? { answer: answer.slice(), explanation } : {}),
    ...(caseStudy ? { caseStudy } : {}),
  }
}

/** The public view of an item (or of one question of a case study, with `caseStudy`). */
export function toView(item: Item, reveal: boolean): Question {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return caseQuestion(item, reveal) as Question
    case 'ordering': {
      const { options: list, answer, explanation, ...rest } = item
      return { ...rest, options: options(list, reveal), ...(reveal ? { answer: answer.slice(), explanation } : {}) }
    }
    case 'matching': {
      const { choices, answer, explanation, ...rest } = item
      return {
        ...rest,
        choices: options(choices, reveal),
        ...(reveal ? { answer: answer.map((p) => ({ prompt: p.prompt, choice: p.choice })), explanation } : {}),
      }
    }
    case 'case-study': {
      const { questions, explanation, ...rest } = item
      return {
        ...rest,
        questions: questions.map((q) => caseQuestion(q, reveal)) as Extract<Question, { type: 'case-study' }>['questions'],
        ...(reveal ? { explanation } : {}),
      }
    }
  }
}

/** The view of one question of a case study, served on its own. */
export function toCaseQuestionView(question: CaseQuestion, parent: Item & { type: 'case-study' }, reveal: boolean): Question {
  return caseQuestion(question, reveal, { id: parent.id, scenario: parent.scenario }) as Question
}
