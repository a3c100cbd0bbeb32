/** Drills: questions aimed at tags, rules, domains, tasks or topics, minus what was seen. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { type ApiContext, bankOf, cached, fresh } from '../context.js'
import { problem } from '../problems.js'
import { BankParams, Drill, DrillQuery } from '../schemas.js'
import { checkFilters, pickSeed } from '../select.js'
import { drillJson } from '../pages.js'
import { filterProblems, json, notModified, problems } from './common.js'

const drill = createRoute({
  method: 'get',
  path: '/{bank}/drills',
  operationId: 'getDrill',
  tags: ['Drills'],
  summary: 'Questions aimed at given tags, rules, domains, tasks or topics',
  description:
    'A question is aimed at when it matches any target; those matching more targets come first, then a seeded shuffle. ' +
    'Questions in `exclude` (already seen) are left out. Name at least one target.',
  request: { params: BankParams, query: DrillQuery },
  responses: { 200: json(Drill, 'The drill'), 304: notModified, ...problems([400, `${filterProblems}; an unknown rule; a drill with no target (name at least one of tag, rule, domain, task or topic); exclude over 250 ids`], 404) },
})

export function drillsRoutes(api: ApiContext) {
  return new OpenAPIHono().openapi(drill, (c) => {
    const query = c.req.valid('query')
    const index = bankOf(api, c.req.valid('param').bank)
    const targets = [query.tag, query.rule, query.domain, query.task, query.topic]
    if (targets.every((t) => t === undefined || t.length === 0)) {
      throw problem('InvalidParameter', 'Unexpected drill with no target, expected at least one of tag, rule, domain, task or topic', {
        in: 'query',
        parameter: 'tag',
      })
    }
    checkFilters(index, query)
    const seed = pickSeed(query.seed)
    const build = () => drillJson(index, { ...query, seed, reveal: query.reveal === 'true' })
    return query.seed === undefined ? fresh(c, build()) : cached(c, api, index, build)
  })
}
