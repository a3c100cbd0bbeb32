/** Drills: questions aimed at tags, rules, domains, tasks or topics, minus what was seen. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { type ApiContext, bankOf, cached, fresh } from '../context.js'
import { problem } from '../problems.js'
import { BankParams, Drill, DrillQuery } from '../schemas.js'
import { checkFilters, excluder, ordered, pickSeed, targetScore } from '../select.js'
import { toView } from '../views.js'
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
    const build = () => {
      const excluded = excluder(index, query.exclude)
      const scored = ordered(index, seed)
        .filter((item) => !excluded(item))
        .map((item) => ({ item, score: targetScore(item, query) }))
        .filter((entry) => entry.score > 0)
      // Stable sort keeps the seeded order within a score.
      scored.sort((a, b) => b.score - a.score)
      const reveal = query.reveal === 'true'
      return { items: scored.slice(0, query.limit).map((e) => toView(e.item, reveal)), remaining: scored.length, seed }
    }
    return query.seed === undefined ? fresh(c, build()) : cached(c, api, index, build)
  })
}
