import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bankPath, client, expectProblem, inWorkerd, makeApp } from './helpers.js'

const { get, post, call, app } = client()

describe('caching', () => {
  it('sends an ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const first = await get(`${bankPath}/questions?type=single`)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"f1f2f3f4f5f6-[0-9a-f]{8}"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=300')
    const again = await get(`${bankPath}/questions?type=single`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    expect((await get(`${bankPath}/questions?type=single`, { 'if-none-match': `"x", W/${etag}` })).status).toBe(304)
    expect((await get(`${bankPath}/questions?type=single`, { 'if-none-match': '"other"' })).status).toBe(200)
  })

  it('gives one ETag per request, whatever the order of the query', async () => {
    const a = await get(`${bankPath}/questions?type=single&limit=5`)
    const b = await get(`${bankPath}/questions?limit=5&type=single`)
    const c = await get(`${bankPath}/questions?limit=6&type=single`)
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'))
    expect(a.headers.get('etag')).not.toBe(c.headers.get('etag'))
  })

  it('serialises a response once and reuses it', async () => {
    const fresh = makeApp()
    const first = await fresh.request(`${bankPath}/graph`)
    const body = await first.text()
    const started = performance.now()
    for (let i = 0; i < 200; i++) expect(await (await fresh.request(`${bankPath}/graph`)).text()).toBe(body)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('never caches errors or answers', async () => {
    expect((await get('/v1/banks/nope')).headers.get('cache-control')).toBe('no-store')
    expect((await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: [] })).headers.get('cache-control')).toBe('no-store')
  })

  it('answers HEAD like GET without a body', async () => {
    const reply = await call('HEAD', `${bankPath}/questions`)
    expect(reply.status).toBe(200)
    expect(reply.text).toBe('')
    expect(reply.headers.get('etag')).toBeTruthy()
  })
})

describe('CORS and security headers', () => {
  it('allows any origin by default and answers preflights', async () => {
    const reply = await get('/v1/banks', { origin: 'https://learner.example' })
    expect(reply.headers.get('access-control-allow-origin')).toBe('*')
    expect(reply.headers.get('access-control-expose-headers')).toContain('ETag')
    const preflight = await call('OPTIONS', `${bankPath}/exams`, {
      headers: { origin: 'https://learner.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('allows only the configured origins', async () => {
    const strict = client(makeApp({ corsOrigins: ['https://lms.example'] }))
    expect((await strict.get('/v1/banks', { origin: 'https://lms.example' })).headers.get('access-control-allow-origin')).toBe('https://lms.example')
    expect((await strict.get('/v1/banks', { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sets security headers on every response, errors included', async () => {
    for (const reply of [await get('/v1/banks'), await get('/nope')]) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff')
      expect(reply.headers.get('x-frame-options')).toBe('DENY')
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer')
      expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=/)
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'")
    }
  })

  it('serves plain UTF-8 JSON, no HTML entities', async () => {
    const reply = await get(bankPath)
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(reply.text).toContain('every item type – plain UTF-8: <b> & \\"quotes\\"')
    expect(reply.text).not.toMatch(/&(amp|quot|lt|#\d+);/)
  })
})

describe('errors are problem+json', () => {
  it('404 for an unknown path', async () => {
    expectProblem(await get('/v2/banks'), 404)
  })

  it('405 with Allow for a known path and another method', async () => {
    const reply = await call('DELETE', `${bankPath}/questions/q-ingest-stream`)
    expectProblem(reply, 405)
    expect(reply.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    const put = await call('PUT', `${bankPath}/exams`, { body: {} })
    expectProblem(put, 405)
    expect(put.headers.get('allow')).toBe('POST, OPTIONS')
  })

  it('413 for a body over 64 KiB', async () => {
    const big = { responses: { x: ['o-'.padEnd(70 * 1024, 'a')] } }
    expectProblem(await post(`${bankPath}/exams/f1f2f3f4f5f6-1-5/grade`, big), 413)
  })

  it('415 for a body that is not JSON', async () => {
    const reply = await call('POST', `${bankPath}/questions/q-ingest-stream/answer`, { raw: 'response=o-a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expectProblem(reply, 415, { parameter: 'content-type' })
    expectProblem(await call('POST', `${bankPath}/exams`, { raw: 'seed=1', headers: { 'content-type': 'text/plain' } }), 415)
  })

  it('500 without internals', async () => {
    const seen: unknown[] = []
    const broken = client(
      makeApp({
        docsAssets: () => {
          throw new Error('secret /etc/passwd stack')
        },
        onUnexpectedError: (error) => seen.push(error),
      }),
    )
    const reply = await broken.get('/docs/swagger-ui.css')
    expectProblem(reply, 500)
    expect(reply.text).not.toContain('secret')
    expect(reply.text).not.toContain('at ')
    expect(seen).toHaveLength(1)
  })

  it('never answers 5xx, whatever the path, query or body', async () => {
    const segment = fc.oneof(fc.constantFrom('v1', 'banks', 'fixture', 'questions', 'exams', 'grade', 'answer', 'drills', 'q-ingest-stream', 'f1f2f3f4f5f6-1-5', '%', '%E0%A4%A', '..', ''), fc.string())
    const query = fc.array(fc.tuple(fc.constantFrom('type', 'domain', 'limit', 'cursor', 'seed', 'order', 'exclude', 'reveal', 'tag', 'x'), fc.string()), { maxLength: 4 })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE'), fc.array(segment, { maxLength: 6 }), query, fc.option(fc.json()), async (method, segments, params, body) => {
        const path = '/' + segments.map((s) => (/%/.test(s) ? s : encodeURIComponent(s))).join('/')
        const search = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
        const response = await app.request(`${path}?${search}`, {
          method,
          ...(method === 'POST' && body !== null ? { body, headers: { 'content-type': 'application/json' } } : {}),
        })
        expect(response.status, `${method} ${path}?${search}`).toBeLessThan(500)
      }),
      { numRuns: 300 },
    )
  })
})

describe.skipIf(inWorkerd)('contract checker', () => {
  it('fails a body that breaks the schema', () => {
    const { contract } = client()
    expect(() => contract.check('GET', '/v1/banks', 200, 'application/json', { items: [{ id: 1 }] })).toThrow(/does not match/)
    expect(() => contract.check('GET', '/v1/banks', 418, 'application/json', {})).toThrow(/not declared/)
  })
})
