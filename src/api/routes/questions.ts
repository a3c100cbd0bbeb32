/** Questions: filtered, paged, shuffled by seed; one by id; answer checking. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { type ApiContext, bankOf, cached, fresh } from '../context.js'
import { check } from '../check.js'
import { problem } from '../problems.js'
import {
  AnswerRequest,
  AnswerResult,
  QuestionPage,
  QuestionParams,
  Question,
  QuestionsQuery,
  RevealQuery,
  BankParams,
} from '../schemas.js'
import { checkFilters, decodeCursor, encodeCursor, excluder, matchesAll, ordered, pickSeed } from '../select.js'
import { toCaseQuestionView, toView } from '../views.js'
import { json, jsonBody, notModified, problems } from './common.js'
import { recordCheck } from './stats.js'
import type { BankIndex } from '../bank-index.js'
import type { CaseQuestion } from '../../bank/schema.js'

const list = createRoute({
  method: 'get',
  path: '/{bank}/questions',
  operationId: 'listQuestions',
  tags: ['Questions'],
  summary: 'Questions, filtered and paged',
  description:
    'Filters combine with AND; several values of one filter with OR. An unknown filter value is a 400. ' +
    'Pages follow a stable order (by id), or with order=random a shuffle that the same seed reproduces. ' +
    'Send `exclude` to avoid questions already seen, with no server session.',
  request: { params: BankParams, query: QuestionsQuery },
  responses: { 200: json(QuestionPage, 'A page of questions'), 304: notModified, ...problems(400, 404) },
})

const show = createRoute({
  method: 'get',
  path: '/{bank}/questions/{id}',
  operationId: 'getQuestion',
  tags: ['Questions'],
  summary: 'One question by id (a case study’s question is served with its scenario)',
  request: { params: QuestionParams, query: RevealQuery },
  responses: { 200: json(Question, 'The question'), 304: notModified, ...problems(400, 404, 410) },
})

const answer = createRoute({
  method: 'post',
  path: '/{bank}/questions/{id}/answer',
  operationId: 'answerQuestion',
  tags: ['Questions'],
  summary: 'Check a response',
  description:
    'Send exactly what `answer` shows with reveal=true to be correct. A case study’s questions are answered by their own ids.',
  request: { params: QuestionParams, body: jsonBody(AnswerRequest) },
  responses: { 200: json(AnswerResult, 'Whether the response is correct, the key, the explanation and feedback'), ...problems(400, 404, 410, 413, 415) },
})

export function locate(index: BankIndex, id: string) {
  const located = index.questionById.get(id) ?? (index.itemById.has(id) ? { item: index.itemById.get(id)!, question: null } : undefined)
  const retired = located ? undefined : index.retired.get(id)
  if (retired) {
    throw problem('QuestionRetired', `Question \`${id}\` was retired from bank \`${index.id}\`: ${retired.reason}`, { in: 'path', parameter: 'id' })
  }
  if (!located) {
    throw problem('QuestionNotFound', `Unexpected question \`${id}\` in bank \`${index.id}\`, expected an id from GET /v1/banks/${index.id}/questions`, {
      in: 'path',
      parameter: 'id',
    })
  }
  return located
}

export function questionsRoutes(api: ApiContext) {
  return new OpenAPIHono()
    .openapi(list, (c) => {
      const query = c.req.valid('query')
      const index = bankOf(api, c.req.valid('param').bank)
      checkFilters(index, query)
      const cursor = query.cursor === undefined ? undefined : decodeCursor(index.version, query.cursor)
      if (cursor && cursor.order !== query.order) {
        throw problem('InvalidParameter', `Unexpected cursor for order=${cursor.order}, expected one from a page with order=${query.order}`, {
          in: 'query',
          parameter: 'cursor',
        })
      }
      if (cursor?.seed !== undefined && query.seed !== undefined && cursor.seed !== query.seed) {
        throw problem('InvalidParameter', `Unexpected cursor for seed ${cursor.seed}, expected one from a page with seed ${query.seed}`, {
          in: 'query',
          parameter: 'cursor',
        })
      }
      const random = query.order === 'random'
      const seed = random ? pickSeed(query.seed ?? cursor?.seed) : undefined
      const build = () => {
        const order = ordered(index, seed)
        const excluded = excluder(index, query.exclude)
        const reveal = query.reveal === 'true'
        const start = cursor?.position ?? 0
        const items = []
        let total = 0
        let next: number | null = null
        for (let position = 0; position < order.length; position++) {
          const item = order[position]!
          if (excluded(item) || !matchesAll(item, query)) continue
          total++
          if (position < start) continue
          if (items.length < query.limit) items.push(toView(item, reveal))
          else if (next === null) next = position
        }
        return {
          items,
          nextCursor: next === null ? null : encodeCursor(index.version, { order: query.order, ...(seed !== undefined ? { seed } : {}), position: next }),
          total,
          ...(seed !== undefined ? { seed } : {}),
        }
      }
      // A server-chosen seed makes the answer unique to this request.
      return random && query.seed === undefined && cursor?.seed === undefined ? fresh(c, build()) : cached(c, api, index, build)
    })
    .openapi(show, (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const located = locate(index, id)
      const reveal = c.req.valid('query').reveal === 'true'
      return cached(c, api, index, () =>
        located.question === null || located.item === located.question
          ? toView(located.item, reveal)
          : toCaseQuestionView(located.question as CaseQuestion, located.item as Extract<typeof located.item, { type: 'case-study' }>, reveal),
      )
    })
    .openapi(answer, async (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const located = locate(index, id)
      if (located.question === null) {
        const item = located.item
        const ids = item.type === 'case-study' ? item.questions.map((q) => q.id).join(', ') : ''
        throw problem('InvalidParameter', `Unexpected answer to case study \`${id}\`, expected answers to each of its questions by id: ${ids}`, {
          in: 'path',
          parameter: 'id',
        })
      }
      const { response, learner } = c.req.valid('json')
      const result = check(located.question, response, '/response')
      if (api.stats) await recordCheck(api.stats, index, located.question, response, result.correct, learner)
      return fresh(c, {
        id,
        correct: result.correct,
        answer: result.answer,
        explanation: located.question.explanation,
        feedback: result.feedback,
      }, 200, !api.stats) // recorded checks are not replayed: each one counts
    })
}
