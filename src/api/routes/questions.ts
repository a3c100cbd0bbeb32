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
  QuestionSearch,
  QuestionsQuery,
  RevealQuery,
  BankParams,
} from '../schemas.js'
import { checkFilters, decodeCursor, type Filters, pickSeed } from '../select.js'
import { pageBytes, pageJson } from '../pages.js'
import { toCaseQuestionView, toView } from '../views.js'
import { filterProblems, json, jsonBody, jsonExample, notModified, problems } from './common.js'
import { answerRecorded, recordCheck } from './stats.js'
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
  responses: { 200: json(QuestionPage, 'A page of questions'), 304: notModified, ...problems([400, `${filterProblems}; a cursor from another order, seed or bank version; exclude over 250 ids`], 404) },
})

const search = createRoute({
  method: 'post',
  path: '/{bank}/questions/search',
  operationId: 'searchQuestions',
  tags: ['Questions'],
  summary: 'Questions, filtered and paged, with the filters in a JSON body',
  description:
    'The same page GET /v1/banks/{bank}/questions answers for the same filters, for exclude lists too long for a URL ' +
    '(up to 1000 ids). Unknown filter values are a 400 naming the body pointer. Not stored by HTTP caches (a POST).',
  // for example an MLA-C01 question id (replaced by a real one in the served document)
  request: { params: BankParams, body: jsonExample(QuestionSearch, { type: ['single', 'multiple'], domain: ['1'], exclude: ['single-mla-c01-data-storage-and-formats-efb19fd3'], limit: 10, order: 'random', seed: 'learner-42' }, false) },
  responses: { 200: json(QuestionPage, 'A page of questions'), ...problems([400, 'Invalid body, named in `pointer`: a value the schema refuses, an unknown property, a filter value the bank does not have (an unknown domain, task, topic or tag), a cursor from another order, seed or bank version'], 404, 413, 415) },
})

const show = createRoute({
  method: 'get',
  path: '/{bank}/questions/{id}',
  operationId: 'getQuestion',
  tags: ['Questions'],
  summary: 'One question by id (a case study’s question is served with its scenario)',
  description:
    'One question by its stable id, answers hidden unless reveal=true. A case study’s question is served on its own with the case study’s id and scenario; a case study’s own id serves the whole case study.',
  request: { params: QuestionParams, query: RevealQuery },
  responses: { 200: json(Question, 'The question'), 304: notModified, ...problems([400, 'Invalid parameter: reveal other than true or false, or an unknown parameter'], [404, 'Unknown bank or question id'], [410, 'A retired item: the body gives the reason']) },
})

const answer = createRoute({
  method: 'post',
  path: '/{bank}/questions/{id}/answer',
  operationId: 'answerQuestion',
  tags: ['Questions'],
  summary: 'Check a response',
  description:
    'Send exactly what `answer` shows with reveal=true to be correct. A case study’s questions are answered by their own ids.',
  request: { params: QuestionParams, body: jsonExample(AnswerRequest, { response: ['o-1'] }) },
  responses: { 200: json(AnswerResult, 'Whether the response is correct, the key, the explanation and feedback'), ...problems([400, 'Invalid body, named in `pointer`: a response of the wrong shape, an option or prompt the question does not have, a repeated option; or a case study’s id in the path (answer its questions by their own ids)'], [404, 'Unknown bank or question id'], [410, 'A retired item: the body gives the reason'], 413, 415) },
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

/** What a page of questions depends on: the filters, paging and order of GET …/questions or POST …/questions/search. */
export interface Selection extends Filters {
  exclude?: string[] | undefined
  limit: number
  cursor?: string | undefined
  order: 'stable' | 'random'
  seed?: number | string | undefined
  reveal: boolean
}

/** Check a selection against the bank and return how to build its page; `unique` when the server picks the seed. */
export function questionPage(index: BankIndex, query: Selection, where: 'query' | 'body') {
  checkFilters(index, query, where)
  const cursor = query.cursor === undefined ? undefined : decodeCursor(index.version, query.cursor, where)
  const at = where === 'query' ? { in: 'query' as const, parameter: 'cursor' } : { in: 'body' as const, pointer: '/cursor' }
  const kind = where === 'query' ? 'InvalidParameter' : 'InvalidBody'
  if (cursor && cursor.order !== query.order) {
    throw problem(kind, `Unexpected cursor for order=${cursor.order}, expected one from a page with order=${query.order}`, at)
  }
  const sent = query.seed === undefined ? undefined : pickSeed(query.seed)
  if (cursor?.seed !== undefined && sent !== undefined && cursor.seed !== sent) {
    throw problem(kind, `Unexpected cursor for seed ${cursor.seed}, expected one from a page with seed ${sent}`, at)
  }
  const random = query.order === 'random'
  const seed = random ? pickSeed(sent ?? cursor?.seed) : undefined
  const page = { ...query, seed, start: cursor?.position ?? 0, reveal: query.reveal }
  const build = () => pageJson(index, page)
  const bytes = () => pageBytes(index, page)
  return { build, bytes, unique: random && query.seed === undefined && cursor?.seed === undefined }
}

export function questionsRoutes(api: ApiContext) {
  return new OpenAPIHono()
    .openapi(list, (c) => {
      const query = c.req.valid('query')
      const index = bankOf(api, c.req.valid('param').bank)
      const selection = { ...query, reveal: query.reveal === 'true' }
      const { build, unique } = questionPage(index, selection, 'query')
      // A server-chosen seed makes the answer unique to this request.
      return unique ? fresh(c, build()) : cached(c, api, index, build)
    })
    .openapi(search, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      const { build } = questionPage(index, c.req.valid('json'), 'body')
      return fresh(c, build(), 200, true)
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
      const body = { id, correct: result.correct, answer: result.answer, explanation: located.question.explanation, feedback: result.feedback }
      if (!api.stats) return fresh(c, body, 200, true)
      // Recorded checks are not replayed: each one counts.
      const recording = await recordCheck(api.stats, index, located.question, response, result.correct, learner)
      return answerRecorded(api.stats, recording.stored, fresh(c, body), () => fresh(c, body))
    })
}
