/**
 * Fuzzing the API in process (app.request): random and hostile methods,
 * paths, query strings, headers and bodies never get a 5xx; every error is
 * problem+json that matches the OpenAPI document; answers never leak without
 * reveal=true; forged exam ids and bad grade bodies get a clear 4xx.
 * Bounded: fixed seeds and run counts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/api/index.js'
import { Contract, bankPath, fixtureBank, makeApp } from '../api/helpers.js'

let unexpected: unknown[] = []
const app = makeApp({ onUnexpectedError: (error) => unexpected.push(error) })
const contract = new Contract(openApiDocument(app))
const doc = contract.document
const templates = Object.keys(doc.paths ?? {})

const itemIds = fixtureBank.items.map((item) => item.id)
const questionIds = fixtureBank.items.flatMap((item) => (item.type === 'case-study' ? item.questions.map((q) => q.id) : [item.id]))
const hidden = new Set(['answer', 'feedback', 'explanation'])

interface Sent {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

interface Reply {
  status: number
  type: string
  body: unknown
  text: string
}

async function send(request: Sent): Promise<Reply> {
  unexpected = []
  const init: RequestInit = { method: request.method, headers: request.headers }
  if (request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD') init.body = request.body
  const response = await app.request(request.url, init)
  const text = await response.text()
  const type = response.headers.get('content-type') ?? ''
  let body: unknown = text
  if (/json/.test(type) && text !== '') body = JSON.parse(text)
  return { status: response.status, type, body, text }
}

/** Never a 5xx; errors are problem+json; every response matches the document. */
function expectSound(request: Sent, reply: Reply): void {
  const what = `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${request.body?.slice(0, 200) ?? ''}`
  expect(unexpected, what).toEqual([])
  expect(reply.status, `${what} → ${reply.text.slice(0, 300)}`).toBeLessThan(500)
  if (reply.status >= 400) {
    expect(reply.type, what).toMatch(/^application\/problem\+json/)
    if (request.method !== 'HEAD') expect((reply.body as { status: number }).status).toBe(reply.status)
  }
  const path = new URL('http://localhost' + request.url).pathname
  if (request.method === 'HEAD') return // no body to check
  if (reply.status < 400 && /^\/docs(\/|$)/.test(path)) return // the Swagger UI page and assets are not API operations
  contract.check(request.method, path, reply.status, reply.type || null, reply.body)
}

function keysOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out)
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k)
      keysOf(v, out)
    }
  }
  return out
}

// ------------------------------------------------------------ arbitraries

const hostile = fc.constantFrom(
  '', ' ', '..', '.', '%2e%2e', '%2F', '%00', '%ZZ', '%', '%E0%A4%A', '\u0000', '😀', 'é', '<script>alert(1)</script>',
  "' OR 1=1 --", '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN',
  '-1', '0', '1e309', '4294967296', '9007199254740993', '0x10', 'true', 'TRUE', '1', 'a'.repeat(300), 'x'.repeat(5000),
  'q-ingest-stream,q-ingest-stream', 'fixture', 'mla-c01', 'f1f2f3f4f5f6-1-5', 'f1f2f3f4f5f6', ...itemIds, ...questionIds,
)
const segment = fc.oneof(hostile, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }))
/** A path segment as a client would send it: percent-encoded, or a raw hostile piece. */
const pathSegment = fc.oneof(
  segment.map((s) => encodeURIComponent(s)),
  fc.constantFrom('%ZZ', '%', '%2e%2e', '%00', '..', '%E0%A4%A', '%2F'),
)
const paramNames = ['limit', 'exclude', 'reveal', 'seed', 'order', 'cursor', 'domain', 'task', 'topic', 'type', 'difficulty', 'tag', 'rule', 'size', 'q']
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...paramNames), segment), segment), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'))
const rawQuery = fc.constantFrom('', '?', '?&&&', '?=', '?limit', '?limit=%ZZ', '?reveal=%', '?exclude=' + ',,,'.repeat(100), '?seed=1&seed=2')

const path = fc.oneof(
  // A documented operation with hostile parameters.
  fc.tuple(fc.constantFrom(...templates), pathSegment, pathSegment).map(([template, a, b]) => {
    let n = 0
    return template.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === 'bank' && n++ === 0 && a.length % 3 !== 0 ? 'fixture' : name === 'bank' ? a : b))
  }),
  fc.array(pathSegment, { maxLength: 6 }).map((segments) => '/' + segments.join('/')),
  fc.array(pathSegment, { maxLength: 3 }).map((segments) => '/v1/banks/fixture/' + segments.join('/')),
  fc.constantFrom('/', '//', '/v1', '/v1/', '/v1/banks/', '/v1//banks', '/docs', '/docs/', '/docs/../../etc/passwd', '/openapi.json/', '/healthz?x=1'),
)

const contentTypes = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', '', 'application/json;;;', '*/*',
)
const headers = fc.record(
  {
    'content-type': contentTypes,
    // Header values a client can send at all: bytes, no controls (Headers refuses the rest before the app sees them).
    'if-none-match': fc.oneof(hostile.filter((s) => /^[\x20-\x7e\x80-\xff]*$/.test(s)), fc.constant('*'), fc.constant('W/"x", "y"')),
    origin: fc.constantFrom('https://evil.example', 'null', '', 'http://localhost'),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', ''),
    'access-control-request-method': fc.constantFrom('POST', 'DELETE', 'X'),
  },
  { requiredKeys: [] },
)
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.record({ response: fc.jsonValue({ maxDepth: 3 }) }).map((v) => JSON.stringify(v)),
  fc.record({ responses: fc.dictionary(fc.oneof(fc.constantFrom(...questionIds), segment), fc.jsonValue({ maxDepth: 2 })) }).map((v) => JSON.stringify(v)),
  fc.record({ seed: fc.oneof(fc.integer(), fc.double(), hostile), size: fc.oneof(fc.integer({ min: -5, max: 600 }), hostile) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', '{', '{"response":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '\u0000', '['.repeat(5000) + ']'.repeat(5000)),
  fc.constant('{"response":["' + 'a'.repeat(70 * 1024) + '"]}'),
)
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')

const request: fc.Arbitrary<Sent> = fc
  .record({ method, path, query: fc.oneof(query.map((q) => (q ? '?' + q : '')), rawQuery), headers, body: fc.option(body, { nil: undefined }) })
  .map(({ method, path, query, headers, body }) => ({ method, url: path + query, headers, ...(body !== undefined ? { body } : {}) }))

// ------------------------------------------------------------ properties

describe('hostile requests', () => {
  it('should never answer 5xx, and every answer should match the OpenAPI document', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => expectSound(r, await send(r))),
      { seed: 20260701, numRuns: 1000 },
    )
  })

  it('should never show answers, feedback or explanations without reveal=true', async () => {
    const reveal = fc.constantFrom(undefined, 'false', 'TRUE', '1', 'yes', '', 'true ', 'True')
    const list = fc
      .record({
        limit: fc.integer({ min: 1, max: 100 }),
        order: fc.constantFrom(undefined, 'stable', 'random'),
        seed: fc.option(fc.nat(), { nil: undefined }),
        type: fc.option(fc.constantFrom('single', 'multiple', 'matching', 'ordering', 'case-study'), { nil: undefined }),
        exclude: fc.subarray(itemIds, { maxLength: 5 }),
        reveal,
      })
      .map((q) => {
        const params = new URLSearchParams()
        for (const [k, v] of Object.entries(q)) {
          if (v === undefined || (Array.isArray(v) && v.length === 0)) continue
          params.set(k, Array.isArray(v) ? v.join(',') : String(v))
        }
        return params.toString()
      })
    const target = fc.oneof(
      list.map((q) => ({ method: 'GET', url: `${bankPath}/questions?${q}` })),
      fc.tuple(fc.constantFrom(...itemIds, ...questionIds), reveal).map(([id, r]) => ({ method: 'GET', url: `${bankPath}/questions/${id}${r === undefined ? '' : `?reveal=${encodeURIComponent(r)}`}` })),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 17 })).map(([seed, size]) => ({ method: 'POST', url: `${bankPath}/exams`, body: JSON.stringify({ seed, size }) })),
      fc.tuple(fc.constantFrom('error:wrong-service', 'domain:1'), reveal).map(([tag, r]) => ({ method: 'GET', url: `${bankPath}/drills?tag=${tag}${r === undefined ? '' : `&reveal=${encodeURIComponent(r)}`}` })),
    )
    await fc.assert(
      fc.asyncProperty(target, async (t) => {
        const sent: Sent = { method: t.method, url: t.url, headers: { 'content-type': 'application/json' }, ...('body' in t ? { body: t.body } : {}) }
        const reply = await send(sent)
        expectSound(sent, reply)
        if (reply.status >= 300) return
        const body = reply.body as { items?: unknown[]; id?: string }
        if (t.method === 'POST') {
          // The same exam again by its id: also answers hidden.
          const again = await send({ method: 'GET', url: `${bankPath}/exams/${body.id}`, headers: {} })
          expectSound({ method: 'GET', url: `${bankPath}/exams/${body.id}`, headers: {} }, again)
          expect([...keysOf(again.body)].filter((k) => hidden.has(k))).toEqual([])
        }
        expect([...keysOf(body)].filter((k) => hidden.has(k)), `${t.method} ${t.url}`).toEqual([])
      }),
      { seed: 20260702, numRuns: 200 },
    )
  })

  it('should show answers with reveal=true (the check above is not vacuous)', async () => {
    const reply = await send({ method: 'GET', url: `${bankPath}/questions?limit=100&reveal=true`, headers: {} })
    expect(keysOf(reply.body).has('answer')).toBe(true)
    expect(keysOf(reply.body).has('explanation')).toBe(true)
  })
})

// ------------------------------------------------------------ exams and grading

async function newExam(seed: number, size?: number) {
  const reply = await send({ method: 'POST', url: `${bankPath}/exams`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seed, ...(size ? { size } : {}) }) })
  expect(reply.status).toBe(201)
  return reply.body as { id: string; version: string; items: Array<{ id: string; type: string; questions?: Array<{ id: string }>; options?: Array<{ id: string }> }> }
}

describe('exams with bad input', () => {
  it('should answer a forged or truncated exam id with a 4xx problem naming the id', async () => {
    const exam = await newExam(7, 10)
    const forged = fc.oneof(
      fc.nat({ max: exam.id.length - 1 }).map((n) => exam.id.slice(0, n)),
      fc.tuple(fc.nat({ max: exam.id.length - 1 }), fc.constantFrom('0', 'z', '-', 'G', '%', ' ', 'é')).map(([n, c]) => exam.id.slice(0, n) + c + exam.id.slice(n + 1)),
      fc.constantFrom(exam.id + '0', exam.id + '-1', 'aaaaaaaaaaaa-1-5', `${exam.version}-zzzzzzz-5`, `${exam.version}-1-0`, `${exam.version}-1-9999`, `${exam.version}-1-05`, exam.id.toUpperCase()),
      segment,
    ).filter((id) => id !== exam.id && id !== '')
    await fc.assert(
      fc.asyncProperty(forged, fc.boolean(), async (id, grade) => {
        const url = `${bankPath}/exams/${encodeURIComponent(id)}${grade ? '/grade' : ''}`
        const sent: Sent = grade
          ? { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"responses":{}}' }
          : { method: 'GET', url, headers: {} }
        const reply = await send(sent)
        expectSound(sent, reply)
        // A changed seed digit can name another valid exam: that is a 200, and fine.
        if (reply.status < 300) return
        expect([400, 404, 410]).toContain(reply.status)
        expect((reply.body as { parameter?: string }).parameter).toBe('id')
      }),
      { seed: 20260710, numRuns: 150 },
    )
  })

  it('should refuse responses for questions not in the exam, naming the response', async () => {
    const exam = await newExam(11, 5)
    const inExam = new Set(exam.items.flatMap((item) => (item.questions ? item.questions.map((q) => q.id) : [item.id])))
    const strangers = [...questionIds.filter((id) => !inExam.has(id)), 'q-nope', '__proto__', 'constructor', '']
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...strangers), async (stranger) => {
        const sent: Sent = {
          method: 'POST',
          url: `${bankPath}/exams/${exam.id}/grade`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ responses: { [stranger]: ['o-x'] } }),
        }
        const reply = await send(sent)
        expectSound(sent, reply)
        expect(reply.status, reply.text).toBe(400)
        expect((reply.body as { pointer?: string }).pointer).toBe(`/responses/${stranger.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      }),
      { seed: 20260711, numRuns: 20 },
    )
  })

  it('should refuse a response to a case study by the case study’s own id', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const exam = await newExam(seed)
      const caseStudy = exam.items.find((item) => item.type === 'case-study')
      if (!caseStudy) continue
      const sent: Sent = { method: 'POST', url: `${bankPath}/exams/${exam.id}/grade`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses: { [caseStudy.id]: [] } }) }
      const reply = await send(sent)
      expectSound(sent, reply)
      expect(reply.status).toBe(400)
      return
    }
    throw new Error('no exam with a case study in 20 seeds')
  })

  it('should refuse duplicated responses: an option twice, a matching prompt twice', async () => {
    const exam = await newExam(3)
    for (const item of exam.items) {
      if (item.type === 'case-study' || item.type === 'matching' || !item.options?.[0]) continue
      const first = item.options[0].id
      const sent: Sent = { method: 'POST', url: `${bankPath}/exams/${exam.id}/grade`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses: { [item.id]: [first, first] } }) }
      const reply = await send(sent)
      expectSound(sent, reply)
      expect(reply.status, reply.text).toBe(400)
      expect((reply.body as { pointer?: string }).pointer).toBe(`/responses/${item.id}/1`)
    }
    const matching = fixtureBank.items.find((item) => item.type === 'matching')!
    if (matching.type !== 'matching') throw new Error('no matching item')
    const pair = { prompt: matching.prompts[0]!.id, choice: matching.choices[0]!.id }
    const sent: Sent = { method: 'POST', url: `${bankPath}/questions/${matching.id}/answer`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response: [pair, pair] }) }
    const reply = await send(sent)
    expectSound(sent, reply)
    expect(reply.status, reply.text).toBe(400)
    expect((reply.body as { pointer?: string }).pointer).toBe('/response/1/prompt')
  })

  it('should grade a well-formed body even with responses in any shape the schema allows (4xx when wrong shape)', async () => {
    const exam = await newExam(5, 8)
    const ids = exam.items.flatMap((item) => (item.questions ? item.questions.map((q) => q.id) : [item.id]))
    const responses = fc.dictionary(fc.constantFrom(...ids), fc.oneof(fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }), fc.array(fc.record({ prompt: fc.string(), choice: fc.string() }), { maxLength: 3 })))
    await fc.assert(
      fc.asyncProperty(responses, async (r) => {
        const sent: Sent = { method: 'POST', url: `${bankPath}/exams/${exam.id}/grade`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses: r }) }
        const reply = await send(sent)
        expectSound(sent, reply)
        expect([200, 400]).toContain(reply.status)
      }),
      { seed: 20260712, numRuns: 60 },
    )
  })
})
