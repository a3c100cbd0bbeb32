/**
 * createApp: the whole HTTP API as one Hono app, a pure function of the banks
 * it serves and its options. The Worker and Node entries only add the bank
 * files and, for /docs, where the Swagger UI assets come from.
 */
import { OpenAPIHono, createRoute, z, type Hook } from '@hono/zod-openapi'
import type { Context, Env } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { type BankEntry, type BankIndex, indexBank, questionsOf } from './bank-index.js'
import { keyOf } from './check.js'
import { planExam } from './exams.js'
import { createContext } from './context.js'
import { docsCsp, docsInit, docsPage } from './docs/page.js'
import { hash } from './random.js'
import { sendJson } from './http-cache.js'
import { ProblemError, type ProblemIssue, toPointer } from './problems.js'
import { banksRoutes } from './routes/banks.js'
import { drillsRoutes } from './routes/drills.js'
import { examsRoutes } from './routes/exams.js'
import { exportsRoutes } from './routes/exports.js'
import { graphRoutes } from './routes/graph.js'
import { questionsRoutes } from './routes/questions.js'
import { statsRoutes } from './routes/stats.js'
import type { StatsService } from '../stats/service.js'
import { json, problems } from './routes/common.js'
import { rateLimit } from './middleware/rate-limit.js'
import { fastPages } from './middleware/fast-pages.js'
import { passesGate, replay, ReplayStore } from './middleware/replay.js'
import { Health } from './schemas.js'

export type { BankEntry } from './bank-index.js'

/** Where /docs gets a Swagger UI file; undefined when it has none (404). */
export type DocsAssets = (name: string, c: Context) => Promise<Response | undefined> | Response | undefined

export interface ApiOptions {
  /** The banks to serve, each with its knowledge graph. */
  banks: BankEntry[]
  /** Allowed CORS origins: `*` (default), a list, or a predicate. */
  corsOrigins?: '*' | string[] | ((origin: string) => boolean)
  /** Cache-Control of responses that depend only on the bank and the request. */
  cacheControl?: string
  /** Largest request body in bytes (default 64 KiB). */
  maxBodyBytes?: number
  /** Source of the /docs assets; without it /docs/* assets answer 404. */
  docsAssets?: DocsAssets
  /**
   * The one cache of responses: the fast path's store (middleware/replay.ts),
   * or false to answer every request through routing and validation. Default:
   * a store of 1000 entries and 8 MiB.
   */
  fastPath?: ReplayStore | false
  /** Called with every unexpected error (default: console.error); the client only sees a 500 problem. */
  onUnexpectedError?: (error: unknown, c: Context) => void
  /** Where graded attempts and answer checks are recorded, and statistics read (absent: nothing is recorded). */
  stats?: StatsService
}

export const apiVersion = '1.0.0'

/** `CORS_ORIGINS` as both runtimes read it: comma-separated origins; empty or `*` allows any. */
export function parseCorsOrigins(value: string | undefined): '*' | string[] {
  const list = (value ?? '*').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '')
  return list.length === 0 || list.includes('*') ? '*' : list
}

const exposeHeaders = ['ETag', 'Location']

const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** Security headers on every response, composed once (what hono's secureHeaders sets, with our choices). */
const securityHeaderList: ReadonlyArray<readonly [string, string]> = [
  ['cross-origin-resource-policy', 'cross-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
]

/** zod issues → one problem naming the parameter or body path. */
const defaultHook: Hook<unknown, Env, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined
  const target = result.target
  const where = target === 'json' || target === 'form' ? 'body' : target === 'param' ? 'path' : target === 'header' ? 'header' : 'query'
  const issues: ProblemIssue[] = result.error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]
    return keys.map((path) => {
      const name = String(path[0] ?? '')
      const values = where === 'query' && name ? c.req.queries(name) : undefined
      const joined = values?.join(',')
      const raw = joined === undefined ? undefined : [joined.length > 80 ? joined.slice(0, 80) + '…' : joined]
      let detail: string
      if (issue.code === 'unrecognized_keys') {
        detail = where === 'body' ? `Unexpected property \`${name}\` in the body` : `Unexpected ${where} parameter \`${name}\``
        detail += where === 'query' ? ', expected only the parameters this operation documents' : ''
      } else if (issue.code === 'invalid_value' && 'values' in issue) {
        const got = raw ? ` \`${raw.join(',')}\`` : ''
        detail = `Unexpected ${where === 'body' ? toPointer(path) || 'body' : name}${got}, expected ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map(String).join(', ')}`
      } else if (where === 'body') {
        detail = `Unexpected value at ${toPointer(path) || 'the body root'}: ${issue.message}`
      } else {
        detail = `Unexpected ${name}${raw ? ` \`${raw.join(',')}\`` : ''}: ${issue.message}`
      }
      return where === 'body'
        ? { in: 'body' as const, pointer: toPointer(path), detail }
        : { in: where, parameter: name, detail }
    })
  })
  const error = new ProblemError(where === 'body' ? 'InvalidBody' : 'InvalidParameter', issues[0]?.detail ?? 'Invalid request', { issues })
  return problemResponse(c, error)
}

function problemResponse(c: Context, error: ProblemError): Response {
  const body = JSON.stringify(error.toJSON(new URL(c.req.url).pathname))
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
  // A 4xx is a pure function of the bank and the request, except a 429 and a 401 (the
  // Authorization header is not part of the replay key).
  const replayable = error.status >= 400 && error.status < 500 && error.status !== 429 && error.status !== 401
  return sendJson(c, body, { status: error.status, cacheControl: 'no-store', contentType: 'application/problem+json; charset=utf-8', replayable })
}

const health = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  tags: ['Meta'],
  summary: 'Liveness, with the banks and their versions',
  description:
    'Liveness: `ok` and the id and version of every bank this server holds. Never cached.',
  responses: { 200: json(Health, 'Alive'), ...problems() },
})

const openapiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'openapi',
  tags: ['Meta'],
  summary: 'This document (OpenAPI 3.1)',
  description:
    'The OpenAPI 3.1 document of this API, from the same zod schemas that validate requests. Send the ETag back as If-None-Match for a 304.',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document'), 304: { description: 'Not modified' }, ...problems() },
})

export function createApp(options: ApiOptions) {
  const settings = {
    corsOrigins: options.corsOrigins ?? '*',
    cacheControl: options.cacheControl ?? 'public, max-age=300',
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    onUnexpectedError: options.onUnexpectedError ?? ((error: unknown) => console.error(error)),
  }
  const api = createContext(options.banks.map(indexBank), settings.cacheControl)
  if (options.stats) api.stats = options.stats
  const app = new OpenAPIHono({ defaultHook })
  const first = api.banks.values().next().value
  if (first) documentExamples.set(app, () => examplesOf(first))

  const limiter = rateLimit() // Workers: the RATE_LIMITER binding (wrangler.toml); a no-op without it
  // First: a request answered before is answered again from its stored bytes (rate limit still applies).
  if (options.fastPath !== false) {
    app.use(
      replay({
        store: options.fastPath ?? new ReplayStore(),
        maxBodyBytes: settings.maxBodyBytes,
        varyOrigin: settings.corsOrigins !== '*',
        gate: limiter,
      }),
    )
    // Then first-seen pages and drills, made whole from precomputed parts.
    app.use(
      fastPages({
        api,
        headers: [...securityHeaderList, ['content-security-policy', apiCsp]],
        corsOrigins: settings.corsOrigins,
        exposeHeaders: exposeHeaders.join(','),
        passes: passesGate(limiter),
      }),
    )
  }
  // A body over the limit is refused unread: the connection cannot carry another request.
  app.use(async function closeAfterUnreadBody(c, next) {
    await next()
    if (c.res.status < 400) return
    const length = Number(c.req.header('content-length') ?? 0)
    if (c.res.status === 413 || length > settings.maxBodyBytes) c.res.headers.set('connection', 'close')
  })
  app.use(async function securityHeaders(c, next) {
    await next()
    const headers = c.res.headers
    for (const [name, value] of securityHeaderList) headers.set(name, value)
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', apiCsp)
  })
  app.use(
    cors({
      origin: settings.corsOrigins === '*' ? '*' : typeof settings.corsOrigins === 'function' ? (origin) => ((settings.corsOrigins as (o: string) => boolean)(origin) ? origin : null) : settings.corsOrigins,
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'If-None-Match'],
      exposeHeaders,
      maxAge: 86400,
    }),
  )
  app.use(limiter)
  const limitBody = bodyLimit({
    maxSize: settings.maxBodyBytes,
    onError: (c) =>
      problemResponse(c, new ProblemError('PayloadTooLarge', `Unexpected body over ${settings.maxBodyBytes} bytes, expected at most ${settings.maxBodyBytes}`, {
        location: { in: 'body', pointer: '' },
      })),
  })
  // A GET or HEAD has no body to limit (and asking for one makes Node's adapter build a full Request).
  app.use(function bodyLimitForBodies(c, next) {
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)
  })

  app.openapi(health, (c) =>
    sendJson(c, JSON.stringify({ status: 'ok', banks: [...api.banks.values()].map((b) => ({ id: b.id, version: b.version })) }), {
      cacheControl: 'no-store',
      replayable: false,
    }),
  )
  app.route('/v1/banks', banksRoutes(api))
  app.route('/v1/banks', questionsRoutes(api))
  app.route('/v1/banks', examsRoutes(api))
  app.route('/v1/banks', drillsRoutes(api))
  app.route('/v1/banks', graphRoutes(api))
  app.route('/v1/banks', exportsRoutes(api))
  app.route('/v1', statsRoutes(api))

  let document: { body: string; etag: string } | undefined
  const openapiDocument = () => {
    if (!document) {
      const body = JSON.stringify(openApiDocument(app))
      document = { body, etag: `"${hash(body)}"` }
    }
    return document
  }
  app.openapi(openapiRoute, (c) => {
    const doc = openapiDocument()
    return sendJson(c, doc.body, { etag: doc.etag, cacheControl: 'public, max-age=300' })
  })

  const page = docsPage('quizgraph API reference')
  const pageTag = `"${hash(page)}"`
  app.get('/docs', (c) => {
    c.header('content-security-policy', docsCsp)
    return sendJson(c, page, { etag: pageTag, cacheControl: 'public, max-age=300', contentType: 'text/html; charset=utf-8' })
  })
  app.get('/docs/', (c) => c.redirect('/docs', 301))
  app.get('/docs/init.js', (c) =>
    sendJson(c, docsInit, { etag: `"${hash(docsInit)}"`, cacheControl: 'public, max-age=300', contentType: 'text/javascript; charset=utf-8' }),
  )
  app.get('/docs/:asset', async (c) => {
    const asset = c.req.param('asset')
    const response = options.docsAssets ? await options.docsAssets(asset, c) : undefined
    if (!response || !response.ok) throw notFound(c)
    return response
  })

  const routes = () =>
    app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: new RegExp('^' + r.path.replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*') + '/?$') }))
  let known: ReturnType<typeof routes> | undefined
  app.notFound((c) => {
    known ??= routes()
    const path = new URL(c.req.url).pathname
    const allowed = [...new Set(known.filter((r) => r.pattern.test(path)).map((r) => r.method))]
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD')
      allowed.push('OPTIONS')
      return problemResponse(
        c,
        new ProblemError('MethodNotAllowed', `Unexpected method ${c.req.method} for ${path}, expected ${allowed.join(', ')}`, {
          headers: { allow: allowed.join(', ') },
        }),
      )
    }
    return problemResponse(c, notFound(c))
  })

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error)
    if (error instanceof HTTPException) {
      const status = error.status
      if (status === 415) {
        return problemResponse(c, new ProblemError('UnsupportedMediaType', `Unexpected content type \`${c.req.header('content-type') ?? 'none'}\`, expected application/json`, {
          location: { in: 'header', parameter: 'content-type' },
        }))
      }
      if (status === 413) {
        return problemResponse(c, new ProblemError('PayloadTooLarge', `Unexpected body over ${settings.maxBodyBytes} bytes`, { location: { in: 'body', pointer: '' } }))
      }
      if (status === 400) {
        return problemResponse(c, new ProblemError('MalformedBody', 'Unexpected body that is not valid JSON, expected a JSON object', {
          location: { in: 'body', pointer: '' },
        }))
      }
    }
    settings.onUnexpectedError(error, c)
    return problemResponse(c, new ProblemError('Internal', 'Unexpected failure while answering; nothing about the request is known to be wrong'))
  })

  return app
}

function notFound(c: Context): ProblemError {
  const path = new URL(c.req.url).pathname
  return new ProblemError('RouteNotFound', `Unexpected path ${path}, expected one of the operations listed at /openapi.json`)
}

export type App = ReturnType<typeof createApp>

/** The OpenAPI 3.1 document of an app made by createApp. */
export function openApiDocument(app: OpenAPIHono<any, any, any>) {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'quizgraph API',
      version: apiVersion,
      description:
        'Questions, answer checking, stateless mock exams, drills and the knowledge graph of a certification review sheet. ' +
        'Every error is RFC 9457 application/problem+json. Responses carry an ETag; send it back as If-None-Match for a 304.',
      // The project has not chosen an open-source license: all rights reserved (npm's UNLICENSED).
      license: { name: 'UNLICENSED (all rights reserved)', identifier: 'LicenseRef-quizgraph-UNLICENSED' } as { name: string },
      contact: { name: 'quizgraph maintainers: report problems through the project repository (vulnerabilities privately, as SECURITY.md says)' },
    },
    servers: [{ url: '/' }],
    // Public, read-mostly API: no authentication.
    security: [],
    tags: [
      { name: 'Banks', description: 'What the server holds' },
      { name: 'Questions', description: 'Questions and answer checking' },
      { name: 'Exams', description: 'Stateless mock exams' },
      { name: 'Drills', description: 'Targeted practice' },
      { name: 'Graph', description: 'The knowledge graph, read-only' },
      { name: 'Exports', description: 'LMS import files' },
      { name: 'Statistics', description: 'Item statistics from recorded responses (admin)' },
      { name: 'Meta', description: 'Health and this document' },
    ],
  })
  closeTuples(doc)
  const examples = documentExamples.get(app)?.()
  if (examples) applyExamples(doc as unknown as Parameters<typeof applyExamples>[0], examples)
  return doc
}

/** Real ids from the first bank a server holds, for the examples of the document it serves. */
interface Examples {
  bank: string
  question: string
  answer: unknown
  exam: string
  catalogAnswer: string | undefined
}

/** Made when the document is first asked for, not at start-up. */
const documentExamples = new WeakMap<object, () => Examples | undefined>()

function examplesOf(index: BankIndex): Examples | undefined {
  if (index.totalQuestions === 0) return undefined
  // A question of the example exam, so the grade example grades it.
  const size = Math.min(index.graph.bank.exam.questions, index.totalQuestions)
  const plan = planExam(index, 42, size)
  const questions = plan.items.flatMap((item) => questionsOf(item))
  const question = questions.find((q) => q.type === 'single') ?? questions[0]
  if (!question) return undefined
  return {
    bank: index.id,
    question: question.id,
    answer: keyOf(question),
    exam: plan.id,
    catalogAnswer: index.graph.answers[0]?.id,
  }
}

type Operation = { parameters?: Array<{ name: string; in: string; schema?: { example?: unknown } }>; requestBody?: { content?: Record<string, { example?: unknown }> } }

/** Put the served bank's ids in the path parameter and request body examples. */
function applyExamples(doc: { paths?: Record<string, Record<string, unknown>> }, examples: Examples): void {
  const ids: Array<[RegExp, string | undefined]> = [
    [/\/questions\/\{id\}/, examples.question],
    [/\/exams\/\{id\}/, examples.exam],
    [/\/answers\/\{id\}/, examples.catalogAnswer],
  ]
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const value of Object.values(item)) {
      const operation = value as Operation
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' || !parameter.schema) continue
        if (parameter.name === 'bank') parameter.schema.example = examples.bank
        const id = ids.find(([pattern]) => pattern.test(path))?.[1]
        if (parameter.name === 'id' && id !== undefined) parameter.schema.example = id
      }
      const body = operation.requestBody?.content?.['application/json']
      if (!body) continue
      if (path.endsWith('/answer')) body.example = { response: examples.answer }
      else if (path.endsWith('/grade')) body.example = { responses: { [examples.question]: examples.answer } }
      else if (path.endsWith('/questions/search')) body.example = { ...(body.example as object), exclude: [examples.question] }
    }
  }
}

/** A tuple (`prefixItems`) admits no further items: zod's tuples are closed, the schema says so too. */
function closeTuples(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) closeTuples(child)
    return
  }
  if (node === null || typeof node !== 'object') return
  const schema = node as Record<string, unknown>
  if (Array.isArray(schema['prefixItems']) && schema['items'] === undefined) {
    schema['items'] = false
    schema['minItems'] ??= (schema['prefixItems'] as unknown[]).length
    schema['maxItems'] ??= (schema['prefixItems'] as unknown[]).length
  }
  for (const value of Object.values(schema)) closeTuples(value)
}
