/**
 * The fast lane for the requests an LMS sends most, each with a new seed or
 * filter: GET …/questions and GET …/drills. A plain query is checked against
 * the same rules the zod schemas state (the same limits, enums and defaults),
 * the page is assembled from precomputed parts (pages.ts), and the response
 * is made in one step with every header the normal path sets (content, cache,
 * ETag, CORS, security), so no middleware rewrites it.
 *
 * Anything else takes the normal path, which answers it (and every error)
 * through routing and validation: HEAD, If-None-Match, an unknown or repeated
 * parameter, a value the schema or the bank refuses, a bad cursor. Both paths
 * give the same status, headers and bytes (tests/api/fast-path.test.ts).
 * Mounted after the response store (replay.ts), which may keep what it sends.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ApiContext } from '../context.js'
import { etagOf, markReplayable } from '../http-cache.js'
import { drillBytes } from '../pages.js'
import { questionPage, type Selection } from '../routes/questions.js'
import { maxSeed, maxSeedLength } from '../random.js'
import { checkFilters, pickSeed } from '../select.js'

export interface FastPagesOptions {
  api: ApiContext
  /** Headers every API response carries (security headers). */
  headers: ReadonlyArray<readonly [string, string]>
  /** CORS as createApp configures it. */
  corsOrigins: '*' | string[] | ((origin: string) => boolean)
  exposeHeaders: string
  /** Middleware that must let a request through first (the rate limit). */
  passes: (c: Context) => Promise<boolean>
}

const route = /^\/v1\/banks\/([^/?#%]+)\/(questions|drills)$/
const itemTypes = new Set(['single', 'multiple', 'matching', 'ordering', 'case-study'])
const difficulties = new Set(['easy', 'medium', 'hard'])

interface ListRule {
  max: number
  /** Longest value, or the only values allowed. */
  each: number | Set<string>
}

const lists: Record<'questions' | 'drills', Record<string, ListRule>> = {
  questions: {
    domain: { max: 50, each: 20 },
    task: { max: 50, each: 20 },
    topic: { max: 50, each: 200 },
    type: { max: 50, each: itemTypes },
    difficulty: { max: 50, each: difficulties },
    tag: { max: 50, each: 200 },
    exclude: { max: 250, each: 100 },
  },
  drills: {
    tag: { max: 50, each: 200 },
    rule: { max: 50, each: 200 },
    domain: { max: 50, each: 20 },
    task: { max: 50, each: 20 },
    topic: { max: 50, each: 200 },
    exclude: { max: 250, each: 100 },
  },
}
const scalars: Record<'questions' | 'drills', Set<string>> = {
  questions: new Set(['limit', 'cursor', 'order', 'seed', 'reveal']),
  drills: new Set(['limit', 'seed', 'reveal']),
}

/** The list as `many()` in schemas.ts reads it: every value split at commas, trimmed, blanks dropped. */
function list(values: string[], rule: ListRule): string[] | undefined {
  const out: string[] = []
  for (const value of values) {
    for (const part of value.split(',')) {
      const item = part.trim()
      if (item === '') continue
      if (typeof rule.each === 'number' ? item.length > rule.each : !rule.each.has(item)) return undefined
      out.push(item)
    }
  }
  return out.length > rule.max ? undefined : out
}

/** A valid seed as schemas.ts states it; undefined for anything the schema refuses. */
function validSeed(value: string): string | undefined {
  if (value.length < 1 || value.length > maxSeedLength) return undefined
  if (/^-?\d+$/.test(value) && (value.startsWith('-') || Number(value) > maxSeed)) return undefined
  return value
}

type Parsed = Record<string, string[] | string | boolean | number | undefined>

/** The query, when every parameter is one the operation takes, with a value its schema accepts. */
function parse(kind: 'questions' | 'drills', query: Record<string, string[]>): Parsed | undefined {
  const out: Parsed = { limit: 10, reveal: false, order: 'stable' }
  for (const name in query) {
    const values = query[name]!
    const rule = lists[kind][name]
    if (rule) {
      const parsed = list(values, rule)
      if (parsed === undefined) return undefined
      out[name] = parsed
      continue
    }
    if (!scalars[kind].has(name) || values.length !== 1) return undefined
    const value = values[0]!
    switch (name) {
      case 'limit':
        if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) return undefined
        out['limit'] = Number(value)
        break
      case 'reveal':
        if (value !== 'true' && value !== 'false') return undefined
        out['reveal'] = value === 'true'
        break
      case 'order':
        if (value !== 'stable' && value !== 'random') return undefined
        out['order'] = value
        break
      case 'seed': {
        const seed = validSeed(value)
        if (seed === undefined) return undefined
        out['seed'] = seed
        break
      }
      case 'cursor':
        if (value.length > 200) return undefined
        out['cursor'] = value
        break
    }
  }
  return out
}

/** The fast-lane middleware; mount it right after the response store. */
export function fastPages(options: FastPagesOptions): MiddlewareHandler {
  const { api, corsOrigins } = options
  const allowOrigin =
    corsOrigins === '*'
      ? () => '*'
      : typeof corsOrigins === 'function'
        ? (origin: string) => (corsOrigins(origin) ? origin : null)
        : (origin: string) => (corsOrigins.includes(origin) ? origin : null)

  const answer = (c: Context, kind: 'questions' | 'drills', bank: string): { body: Uint8Array; cacheable: boolean; version: string } | undefined => {
    const index = api.banks.get(bank)
    if (!index) return undefined
    const query = parse(kind, c.req.queries())
    if (!query) return undefined
    try {
      if (kind === 'questions') {
        const { bytes, unique } = questionPage(index, query as unknown as Selection, 'query')
        return { body: bytes(), cacheable: !unique, version: index.version }
      }
      const targets = [query['tag'], query['rule'], query['domain'], query['task'], query['topic']] as Array<string[] | undefined>
      if (targets.every((t) => t === undefined || t.length === 0)) return undefined
      checkFilters(index, query as Parameters<typeof checkFilters>[1])
      const seed = pickSeed(query['seed'] as string | undefined)
      const body = drillBytes(index, { ...(query as Record<string, string[]>), limit: query['limit'] as number, reveal: query['reveal'] as boolean, seed })
      return { body, cacheable: query['seed'] !== undefined, version: index.version }
    } catch {
      return undefined // the normal path says what is wrong
    }
  }

  return async function fastPagesMiddleware(c, next) {
    if (c.req.method !== 'GET') return next()
    const url = c.req.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    const mark = url.indexOf('?', start)
    const match = route.exec(mark < 0 ? url.slice(start) : url.slice(start, mark))
    if (!match || c.req.header('if-none-match') !== undefined) return next()
    const origin = allowOrigin(c.req.header('origin') ?? '')
    const found = answer(c, match[2] as 'questions' | 'drills', match[1]!)
    if (!found || !(await options.passes(c))) return next()
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': found.cacheable ? api.cacheControl : 'no-store',
    }
    if (found.cacheable) headers['etag'] = etagOf(c, found.version)
    for (const [name, value] of options.headers) headers[name] = value
    if (origin) headers['access-control-allow-origin'] = origin
    headers['access-control-expose-headers'] = options.exposeHeaders
    if (corsOrigins !== '*') headers['vary'] = 'Origin'
    if (found.cacheable) markReplayable(c, { status: 200, body: found.body, headers })
    return new Response(found.body, { status: 200, headers })
  }
}
