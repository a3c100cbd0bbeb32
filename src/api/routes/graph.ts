/** The knowledge graph, read-only: rules, answers, traps, the whole graph. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { questionsOf } from '../bank-index.js'
import { type ApiContext, bankOf, cached } from '../context.js'
import { problem } from '../problems.js'
import { AnswerDetail, AnswerList, AnswerParams, BankParams, EmptyQuery, Graph, GraphFilterQuery, RuleList, TrapList } from '../schemas.js'
import { checkFilters } from '../select.js'
import { filterProblems, json, notModified, problems } from './common.js'

const noQuery = [400, 'Invalid parameter: this operation takes no query parameter, and an unknown one is refused'] as const

const has = (list: string[] | undefined, value: string) => list === undefined || list.length === 0 || list.includes(value)

const rules = createRoute({
  method: 'get',
  path: '/{bank}/rules',
  operationId: 'listRules',
  tags: ['Graph'],
  summary: 'Decision rules: a cue and the answers it calls for',
  description:
    'The decision rules of the knowledge graph: a cue and the answers it calls for, optionally narrowed by domain, task or topic.',
  request: { params: BankParams, query: GraphFilterQuery },
  responses: { 200: json(RuleList, 'The rules'), 304: notModified, ...problems([400, filterProblems], 404) },
})

const answers = createRoute({
  method: 'get',
  path: '/{bank}/answers',
  operationId: 'listAnswers',
  tags: ['Graph'],
  summary: 'The catalog of answers (services, features, strategies, ...)',
  description:
    'The catalog of answers the rules point to (services, features, strategies, ...).',
  request: { params: BankParams, query: EmptyQuery },
  responses: { 200: json(AnswerList, 'The answers'), 304: notModified, ...problems(noQuery, 404) },
})

const answer = createRoute({
  method: 'get',
  path: '/{bank}/answers/{id}',
  operationId: 'getAnswer',
  tags: ['Graph'],
  summary: 'One answer, the rules that accept it and the traps around it',
  description:
    'One catalog answer with the rules that accept it, the rules that name it as not fitting, the traps around it and the questions built on it.',
  request: { params: AnswerParams, query: EmptyQuery },
  responses: { 200: json(AnswerDetail, 'The answer'), 304: notModified, ...problems(noQuery, [404, 'Unknown bank or catalog answer']) },
})

const traps = createRoute({
  method: 'get',
  path: '/{bank}/traps',
  operationId: 'listTraps',
  tags: ['Graph'],
  summary: 'Traps: a typical mistake and its correction',
  description:
    'The traps of the knowledge graph: a tempting wrong answer and its correction, optionally narrowed by domain, task or topic.',
  request: { params: BankParams, query: GraphFilterQuery },
  responses: { 200: json(TrapList, 'The traps'), 304: notModified, ...problems([400, filterProblems], 404) },
})

const graph = createRoute({
  method: 'get',
  path: '/{bank}/graph',
  operationId: 'getGraph',
  tags: ['Graph'],
  summary: 'The whole knowledge graph of a bank',
  description:
    'The whole knowledge graph of a bank (domains, tasks, topics, rules, answers, traps), as the generator wrote it.',
  request: { params: BankParams, query: EmptyQuery },
  responses: { 200: json(Graph, 'The graph'), 304: notModified, ...problems(noQuery, 404) },
})

export function graphRoutes(api: ApiContext) {
  return new OpenAPIHono()
    .openapi(rules, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      const q = c.req.valid('query')
      checkFilters(index, q)
      return cached(c, api, index, () => ({
        items: index.graph.rules.filter((r) => has(q.domain, r.domain) && has(q.task, r.task) && has(q.topic, r.topic)),
      }))
    })
    .openapi(answers, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      return cached(c, api, index, () => ({ items: index.graph.answers }))
    })
    .openapi(answer, (c) => {
      const { bank, id } = c.req.valid('param')
      const index = bankOf(api, bank)
      const node = index.graph.answers.find((a) => a.id === id)
      if (!node) {
        throw problem('AnswerNotFound', `Unexpected answer \`${id}\` in bank \`${index.id}\`, expected an id from GET /v1/banks/${index.id}/answers`, {
          in: 'path',
          parameter: 'id',
        })
      }
      return cached(c, api, index, () => {
        const acceptedBy = index.graph.rules.filter((r) => r.answerIds.includes(id))
        const ruleIds = new Set(acceptedBy.map((r) => r.id))
        return {
          answer: node,
          acceptedBy,
          rejectedBy: index.graph.rules.filter((r) => r.rejectedIds.includes(id)),
          traps: index.graph.traps.filter((t) => t.wrongIds.includes(id) || t.rightIds.includes(id)),
          questions: index.items
            .flatMap((item) => questionsOf(item))
            .filter((q) => q.ruleIds.some((r) => ruleIds.has(r)))
            .map((q) => q.id),
        }
      })
    })
    .openapi(traps, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      const q = c.req.valid('query')
      checkFilters(index, q)
      return cached(c, api, index, () => ({
        items: index.graph.traps.filter((t) => has(q.domain, t.domain) && has(q.task, t.task) && has(q.topic, t.topic)),
      }))
    })
    .openapi(graph, (c) => {
      const index = bankOf(api, c.req.valid('param').bank)
      return cached(c, api, index, () => index.graph)
    })
}
