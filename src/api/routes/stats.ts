/**
 * Item statistics: what the API records (graded attempts, answer checks) and
 * the admin operations that read and erase it. Mounted under /v1 by createApp;
 * the exam and question routes call recordGrade and recordCheck.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Item } from '../../bank/schema.js'
import type { QuestionInfo } from '../../stats/analysis.js'
import { minResponses, thresholds } from '../../stats/analysis.js'
import type { StatsService } from '../../stats/service.js'
import { type ApiContext, bankOf, fresh } from '../context.js'
import { type Answerable, type BankIndex, questionsOf } from '../bank-index.js'
import type { ExamPlan } from '../exams.js'
import { ProblemError, problem } from '../problems.js'
import { BankParams, QuestionParams, SourceRefView } from '../stats-schemas.js'
import { BankStats, Erasure, QuestionStats } from '../stats-schemas.js'
import { json, problems } from './common.js'

const security = [{ adminToken: [] }]

const bankStats = createRoute({
  method: 'get',
  path: '/banks/{bank}/stats',
  operationId: 'getBankStats',
  tags: ['Statistics'],
  summary: 'Item statistics of a bank: attempts, score distributions, KR-20, flagged items',
  description:
    `Classical item analysis of the current item revisions from recorded exam attempts. Items are flagged once they have ${minResponses} exam responses: ` +
    `too easy (p > ${thresholds.tooEasy}), too hard (p < ${thresholds.tooHard}), negative or near-zero corrected point-biserial (< ${thresholds.lowDiscrimination}), ` +
    `a distractor chosen more than the key by the top ${thresholds.group * 100}%, a distractor chosen by under ${thresholds.nonFunctioning * 100}%. ` +
    'Requires `Authorization: Bearer <ADMIN_TOKEN>` when the server has an ADMIN_TOKEN.',
  security,
  request: { params: BankParams },
  responses: { 200: json(BankStats, 'The statistics'), ...problems(401, 404) },
})

const questionStats = createRoute({
  method: 'get',
  path: '/banks/{bank}/questions/{id}/stats',
  operationId: 'getQuestionStats',
  tags: ['Statistics'],
  summary: 'Statistics of one question, every recorded revision',
  description:
    'Responses, p-value, corrected point-biserial, upper–lower 27% discrimination, option shares and flags for each recorded revision of the question (a case-study question by its own id). Readable only with `Authorization: Bearer $ADMIN_TOKEN` when the server sets `ADMIN_TOKEN`.',
  security,
  request: { params: QuestionParams },
  responses: { 200: json(QuestionStats, 'The statistics'), ...problems(401, 404) },
})

const erase = createRoute({
  method: 'delete',
  path: '/learners/{id}/responses',
  operationId: 'eraseLearner',
  tags: ['Statistics'],
  summary: 'Erase a learner’s recorded attempts and answer checks, and their part of every statistic',
  description:
    'The `id` is the pseudonymous learner id the client sent with its grades and answer checks; the server finds its records by the HMAC of that id and deletes them, subtracting them from every running total. Admin only.',
  security,
  request: {
    params: z.object({
      id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, description: 'The learner id the client sent as `learner`', example: 'learner-42' }),
    }),
  },
  responses: { 200: json(Erasure, 'What was erased'), ...problems(400, 401, 404) },
})

/** The analysis's view of every question of a bank (built once per bank index). */
const infos = new WeakMap<BankIndex, Map<string, QuestionInfo>>()
export function questionInfo(index: BankIndex): Map<string, QuestionInfo> {
  let map = infos.get(index)
  if (!map) {
    map = new Map()
    for (const item of index.items) {
      for (const question of questionsOf(item)) map.set(question.id, infoOf(question, item))
    }
    infos.set(index, map)
  }
  return map
}

function infoOf(question: Answerable, item: Item): QuestionInfo {
  const choice = question.type === 'single' || question.type === 'multiple'
  return {
    id: question.id,
    itemId: item.id,
    type: question.type,
    revision: question.revision,
    options: choice ? question.options.map((o) => o.id) : [],
    key: choice ? question.answer.slice() : [],
    sources: [...(item !== question ? item.explanation.sources : []), ...question.explanation.sources].filter(
      (s, i, all) => all.findIndex((t) => t.file === s.file && t.line === s.line && t.ruleId === s.ruleId) === i,
    ),
  }
}

const chosenOptions = (question: Answerable, response: unknown): string[] =>
  (question.type === 'single' || question.type === 'multiple') && Array.isArray(response) && response.every((r) => typeof r === 'string')
    ? [...new Set(response as string[])]
    : []

/**
 * Start recording a graded attempt: the id it is recorded under, and the
 * write, under way. The caller builds its answer meanwhile and sends it with
 * the id once `stored` settles (see `answerRecorded`).
 */
export async function recordGrade(
  stats: StatsService,
  index: BankIndex,
  plan: ExamPlan,
  input: { responses: Record<string, unknown>; attemptId?: string | undefined; learner?: string | undefined },
  missed: ReadonlyArray<{ id: string }>,
): Promise<{ id: string; stored: Promise<unknown> }> {
  const wrong = new Set(missed.map((m) => m.id))
  const learner = input.learner === undefined ? null : await stats.learner(input.learner)
  const id = input.attemptId ?? (await stats.attemptId(plan.id, input.responses, learner))
  const responses = plan.items.flatMap((item) =>
    questionsOf(item).map((question) => {
      const response = input.responses[question.id] ?? null
      return { question: question.id, revision: question.revision, response, correct: !wrong.has(question.id), options: chosenOptions(question, response) }
    }),
  )
  return { id, stored: stats.recordAttempt({ bank: index.id, id, examId: plan.id, version: index.version, learner, responses }) }
}

/** Start recording one practice answer check. */
export async function recordCheck(stats: StatsService, index: BankIndex, question: Answerable, response: unknown, correct: boolean, learnerId: string | undefined): Promise<{ stored: Promise<unknown> }> {
  const learner = learnerId === undefined ? null : await stats.learner(learnerId)
  return { stored: stats.recordCheck({ bank: index.id, question: question.id, revision: question.revision, learner, response, correct, options: chosenOptions(question, response) }) }
}

/**
 * The answer once the record is written: `recorded` (built while the write was
 * under way), or, if the write failed, `unrecorded`, so the learner still gets
 * the result and nothing claims a record that is not there.
 */
export async function answerRecorded<T>(stats: StatsService, stored: Promise<unknown>, recorded: T, unrecorded: () => T): Promise<T> {
  try {
    await stored
    return recorded
  } catch (error) {
    stats.onError(error)
    return unrecorded()
  }
}

async function admin(api: ApiContext, c: Context): Promise<StatsService> {
  const stats = api.stats
  if (!stats) {
    throw problem('StatsDisabled', 'Unexpected statistics request: this server records no responses (STATS=off or no database)')
  }
  if (!(await stats.authorized(c.req.header('authorization')))) {
    throw new ProblemError('Unauthorized', 'Unexpected request without the admin token, expected `Authorization: Bearer <ADMIN_TOKEN>`', {
      location: { in: 'header', parameter: 'authorization' },
      headers: { 'www-authenticate': 'Bearer realm="quizgraph"' },
    })
  }
  return stats
}

export function statsRoutes(api: ApiContext) {
  const app = new OpenAPIHono()
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN the server was started with (statistics and erasure only; open when the server has none)',
  })
  return app
    .openapi(bankStats, async (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      const stats = await admin(api, c)
      const result = await stats.bank(index.id, questionInfo(index))
      return fresh(c, { bank: index.id, version: index.version, ...result })
    })
    .openapi(questionStats, async (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const stats = await admin(api, c)
      const info = questionInfo(index).get(id)
      const revisions = await stats.question(index.id, id, info)
      const retired = index.retired.get(id)
      if (!info && !retired && revisions.length === 0) {
        throw problem('QuestionNotFound', `Unexpected question \`${id}\` in bank \`${index.id}\`, expected an id from GET /v1/banks/${index.id}/questions`, {
          in: 'path',
          parameter: 'id',
        })
      }
      return fresh(c, {
        bank: index.id,
        id,
        itemId: info?.itemId ?? null,
        revision: info?.revision ?? null,
        sources: (info?.sources ?? []) as Array<z.infer<typeof SourceRefView>>,
        retired: retired?.reason ?? null,
        revisions,
      })
    })
    .openapi(erase, async (c) => {
      const stats = await admin(api, c)
      const erased = await stats.erase(c.req.valid('param').id)
      return fresh(c, erased)
    })
}
