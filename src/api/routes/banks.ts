/** GET /v1/banks and /v1/banks/{bank}: what a bank holds and how much. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { type BankIndex, units } from '../bank-index.js'
import { type ApiContext, bankOf, cached } from '../context.js'
import { BankDetail, BankList, BankParams, EmptyQuery } from '../schemas.js'
import { json, notModified, problems } from './common.js'

const noQuery = [400, 'Invalid parameter: this operation takes no query parameter, and an unknown one is refused'] as const

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listBanks',
  tags: ['Banks'],
  summary: 'List the banks this server holds',
  description:
    'Every bank this server holds: id, title, description, version and how many items and scored questions it has.',
  request: { query: EmptyQuery },
  responses: { 200: json(BankList, 'The banks'), 304: notModified, ...problems(noQuery) },
})

const show = createRoute({
  method: 'get',
  path: '/{bank}',
  operationId: 'getBank',
  tags: ['Banks'],
  summary: 'A bank: exam format, domains and task statements, counts per type, domain, task, difficulty, topic and tag',
  description:
    'One bank: its exam format (questions, minutes, passing score, scale), its domains with weights and task statements, and counts that list every valid filter value.',
  request: { params: BankParams, query: EmptyQuery },
  responses: { 200: json(BankDetail, 'The bank'), 304: notModified, ...problems(noQuery, 404) },
})

function tally(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1
}

export function bankDetail(index: BankIndex) {
  const { bank, graph } = index
  const counts = {
    items: bank.items.length,
    questions: index.totalQuestions,
    examQuestions: index.examQuestions,
    byType: {} as Record<string, number>,
    byDomain: {} as Record<string, number>,
    byTask: {} as Record<string, number>,
    byDifficulty: {} as Record<string, number>,
    byTopic: {} as Record<string, number>,
    byTag: {} as Record<string, number>,
  }
  for (const item of index.items) {
    tally(counts.byType, item.type)
    tally(counts.byDomain, item.domain)
    tally(counts.byTask, item.task)
    tally(counts.byDifficulty, item.difficulty)
    tally(counts.byTopic, item.topic)
    for (const tag of item.tags) tally(counts.byTag, tag)
  }
  return {
    id: index.id,
    title: graph.bank.title,
    description: graph.bank.description,
    version: index.version,
    exam: graph.bank.exam,
    domains: graph.domains.map((d) => ({
      id: d.id,
      title: d.title,
      weight: d.weight,
      tasks: d.tasks.map((t) => ({ id: t.id, title: t.title })),
    })),
    counts,
  }
}

export function banksRoutes(api: ApiContext) {
  const versions = { version: [...api.banks.values()].map((b) => b.version).join('+') || 'empty' }
  return new OpenAPIHono()
    .openapi(list, (c) =>
      cached(c, api, versions, () => ({
        items: [...api.banks.values()].map((index) => ({
          id: index.id,
          title: index.graph.bank.title,
          description: index.graph.bank.description,
          version: index.version,
          questions: index.items.reduce((a, i) => a + units(i), 0),
          items: index.items.length,
        })),
      })),
    )
    .openapi(show, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      return cached(c, api, index, () => bankDetail(index))
    })
}
