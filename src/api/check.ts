/**
 * Answer checking. The key a revealed question shows (`answer`) is exactly
 * what is accepted: option ids (any order for single and multiple, in order
 * for ordering) or prompt→choice pairs for matching (any order).
 * Responses naming options the question does not have are refused (400),
 * so a typo is never silently "wrong".
 */
import type { Answerable } from './bank-index.js'
import { ProblemError, type ProblemIssue } from './problems.js'
import type { AnswerKey, ItemResponse } from './schemas.js'

export interface Checked {
  correct: boolean
  answer: AnswerKey
  feedback: Array<{ id: string; correct: boolean; feedback: string; prompt?: string }>
}

type Pair = { prompt: string; choice: string }

const isPairs = (response: ItemResponse): response is Pair[] =>
  response.length > 0 && typeof response[0] === 'object'

/**
 * Check one response. `pointer` is where the response sits in the request body
 * (`/response`, or `/responses/<id>` when grading), for the problem it may raise.
 */
export function check(question: Answerable, response: ItemResponse, pointer: string): Checked {
  const issues: ProblemIssue[] = []
  const fail = (at: string, detail: string) => issues.push({ in: 'body', pointer: at, detail })

  if (question.type === 'matching') {
    const prompts = new Map(question.prompts.map((p) => [p.id, p]))
    const choices = new Map(question.choices.map((c) => [c.id, c]))
    if (response.length > 0 && !isPairs(response)) {
      throw new ProblemError('InvalidBody', 'Unexpected option ids for a matching question, expected prompt→choice pairs', {
        location: { in: 'body', pointer },
      })
    }
    const pairs = response as Pair[]
    const seen = new Set<string>()
    pairs.forEach((pair, index) => {
      if (!prompts.has(pair.prompt)) {
        fail(`${pointer}/${index}/prompt`, `Unexpected prompt \`${pair.prompt}\`, expected one of ${[...prompts.keys()].join(', ')}`)
      } else if (seen.has(pair.prompt)) {
        fail(`${pointer}/${index}/prompt`, `Unexpected second pair for prompt \`${pair.prompt}\`, expected one choice per prompt`)
      }
      seen.add(pair.prompt)
      if (!choices.has(pair.choice)) {
        fail(`${pointer}/${index}/choice`, `Unexpected choice \`${pair.choice}\`, expected one of ${[...choices.keys()].join(', ')}`)
      }
    })
    if (issues.length > 0) throw new ProblemError('InvalidBody', issues[0]!.detail, { issues })
    const key = new Map(question.answer.map((p) => [p.prompt, p.choice]))
    const feedback = pairs.map((pair) => ({
      id: pair.choice,
      correct: key.get(pair.prompt) === pair.choice,
      feedback: choices.get(pair.choice)!.feedback,
      prompt: pair.prompt,
    }))
    const correct = pairs.length === key.size && feedback.every((f) => f.correct)
    return { correct, answer: question.answer.map((p) => ({ prompt: p.prompt, choice: p.choice })), feedback }
  }

  if (isPairs(response)) {
    throw new ProblemError('InvalidBody', `Unexpected prompt→choice pairs for a ${question.type} question, expected option ids`, {
      location: { in: 'body', pointer },
    })
  }
  const ids = response as string[]
  const options = new Map(question.options.map((o) => [o.id, o]))
  const seen = new Set<string>()
  ids.forEach((id, index) => {
    if (!options.has(id)) {
      fail(`${pointer}/${index}`, `Unexpected option \`${id}\`, expected one of ${[...options.keys()].join(', ')}`)
    } else if (seen.has(id)) {
      fail(`${pointer}/${index}`, `Unexpected repeated option \`${id}\`, expected each option at most once`)
    }
    seen.add(id)
  })
  if (issues.length > 0) throw new ProblemError('InvalidBody', issues[0]!.detail, { issues })

  if (question.type === 'ordering') {
    const feedback = ids.map((id, index) => ({ id, correct: question.answer[index] === id, feedback: options.get(id)!.feedback }))
    const correct = ids.length === question.answer.length && feedback.every((f) => f.correct)
    return { correct, answer: question.answer.slice(), feedback }
  }
  const key = new Set(question.answer)
  const feedback = ids.map((id) => ({ id, correct: key.has(id), feedback: options.get(id)!.feedback }))
  const correct = ids.length === key.size && feedback.every((f) => f.correct)
  return { correct, answer: question.answer.slice(), feedback }
}

/** The key as the API shows and accepts it. */
export function keyOf(question: Answerable): AnswerKey {
  return question.type === 'matching'
    ? question.answer.map((p) => ({ prompt: p.prompt, choice: p.choice }))
    : question.answer.slice()
}
