/** Stateless mock exams: create, fetch again by id, grade. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { type ApiContext, bankOf, cached, fresh } from '../context.js'
import { type ExamPlan, gradeExam, parseExamId, planExam, timeLimit } from '../exams.js'
import { problem } from '../problems.js'
import { pickSeed } from '../select.js'
import { BankParams, EmptyQuery, Exam, ExamParams, ExamRequest, Grade, GradeRequest } from '../schemas.js'
import { toView } from '../views.js'
import type { BankIndex } from '../bank-index.js'
import { json, jsonBody, jsonExample, notModified, problems } from './common.js'
import { answerRecorded, recordGrade } from './stats.js'

const create = createRoute({
  method: 'post',
  path: '/{bank}/exams',
  operationId: 'createExam',
  tags: ['Exams'],
  summary: 'Start a mock exam',
  description:
    'Questions at the domain weights, every item type in proportion, no repeats, answers hidden. ' +
    'The id encodes seed, size and bank version: GET it from any instance to get the same exam.',
  // Examples are for example MLA-C01 values; the document a server serves uses its first bank's real ids.
  request: { params: BankParams, body: jsonExample(ExamRequest, { seed: 'learner-42', size: 65 }, false) },
  responses: {
    201: json(Exam, 'The exam'),
    ...problems([400, 'Invalid body, named in `pointer`: a size of 0, or above the scored questions the bank holds (GET /v1/banks/{bank} counts them); a seed out of range or over 128 characters; an unknown property; a bank that holds no question'], 404, 413, 415),
  },
})

const show = createRoute({
  method: 'get',
  path: '/{bank}/exams/{id}',
  operationId: 'getExam',
  tags: ['Exams'],
  summary: 'The same exam again, from its id',
  description:
    'The exam a POST /exams made, rebuilt from its id alone (bank version, seed, size): any instance answers the same exam. An id from an earlier bank version is a 410.',
  request: { params: ExamParams, query: EmptyQuery },
  responses: { 200: json(Exam, 'The exam'), 304: notModified, ...problems([400, 'Invalid parameter: this operation takes no query parameter'], [404, 'Unknown bank, or an exam id no POST /exams made (malformed, or a size above the bank)'], [410, 'An exam id from an earlier bank version']) },
})

const grade = createRoute({
  method: 'post',
  path: '/{bank}/exams/{id}/grade',
  operationId: 'gradeExam',
  tags: ['Exams'],
  summary: 'Grade responses: raw and scaled score, per-domain and per-task results, missed questions, a drill',
  description:
    'Grade the responses to an exam: raw score, scaled score on the exam scale, pass or fail, results per domain and task, every missed question with its key, explanation and decision error, and a drill aimed at what was missed. Unanswered questions count as wrong.',
  // for example an MLA-C01 question id (replaced by a real one in the served document)
  request: { params: ExamParams, body: jsonExample(GradeRequest, { responses: { 'single-mla-c01-data-storage-and-formats-efb19fd3': ['o-1'] } }) },
  responses: { 200: json(Grade, 'The grade'), ...problems([400, 'Invalid body, named in `pointer`: a response for an id that is not a question of this exam (a case study is graded by its questions’ own ids), an option or prompt the question does not have, a repeated option, a response of the wrong shape'], [404, 'Unknown bank, or an exam id no POST /exams made'], [410, 'An exam id from an earlier bank version'], 413, 415) },
})

function examBody(index: BankIndex, plan: ExamPlan) {
  return {
    id: plan.id,
    bank: index.id,
    version: index.version,
    seed: plan.seed,
    size: plan.size,
    timeLimitMinutes: timeLimit(index, plan.size),
    blueprint: plan.blueprint,
    items: plan.items.map((item) => toView(item, false)),
  }
}

/** Plans are pure functions of (bank version, seed, size): keep the recent ones. */
function planCache(limit = 64) {
  const plans = new Map<string, ExamPlan>()
  return (index: BankIndex, seed: number, size: number): ExamPlan => {
    const key = `${index.id} ${index.version} ${seed} ${size}`
    let plan = plans.get(key)
    if (!plan) {
      plan = planExam(index, seed, size)
      if (plans.size >= limit) plans.delete(plans.keys().next().value as string)
      plans.set(key, plan)
    }
    return plan
  }
}

export function examsRoutes(api: ApiContext) {
  const plan = planCache()
  return new OpenAPIHono()
    .openapi(create, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      const body = c.req.valid('json')
      if (body.size !== undefined && body.size > index.examQuestions) {
        throw problem('InvalidBody', `Unexpected size ${body.size}, expected at most ${index.examQuestions}: the exam questions bank \`${index.id}\` holds`, {
          in: 'body',
          pointer: '/size',
        })
      }
      if (index.examQuestions === 0) {
        throw problem('InvalidBody', `Unexpected exam from bank \`${index.id}\`, which holds no question`, { in: 'body', pointer: '' })
      }
      const size = body.size ?? Math.min(index.graph.bank.exam.questions, index.examQuestions)
      const exam = examBody(index, plan(index, pickSeed(body.seed), size))
      c.header('location', `/v1/banks/${index.id}/exams/${exam.id}`)
      return fresh(c, exam, 201, body.seed !== undefined)
    })
    .openapi(show, (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const { seed, size } = parseExamId(index, id)
      return cached(c, api, index, () => examBody(index, plan(index, seed, size)))
    })
    .openapi(grade, async (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const { seed, size } = parseExamId(index, id)
      // zod drops a `"__proto__"` key from the parsed record; the raw body (cached by Hono) still has it.
      if (Object.hasOwn(((await c.req.json()) as { responses?: object }).responses ?? {}, '__proto__')) {
        throw problem('InvalidBody', `Unexpected response for \`__proto__\`, which is not a question of exam ${id}`, { in: 'body', pointer: '/responses/__proto__' })
      }
      const input = c.req.valid('json')
      const planned = plan(index, seed, size)
      const result = gradeExam(index, planned, input, `/v1/banks/${index.id}`)
      if (!api.stats) return fresh(c, result)
      // Answered once the attempt is stored (a grade with an attempt id is recorded); built while it is written.
      const recording = await recordGrade(api.stats, index, planned, input, result.missed)
      return answerRecorded(api.stats, recording.stored, fresh(c, { ...result, attemptId: recording.id }), () => fresh(c, result))
    })
}
