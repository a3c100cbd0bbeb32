/**
 * The fast path (src/api/middleware/replay.ts): a repeated request is answered
 * from stored bytes with exactly the status, headers and body the normal path
 * gives it, including 304s and CORS variants; the store stays within bounds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ReplayStore } from '../../src/api/middleware/replay.js'
import type { RateLimitBinding } from '../../src/api/middleware/rate-limit.js'
import type { ApiOptions } from '../../src/api/index.js'
import { bankPath, client, makeApp } from './helpers.js'

/** A store that counts the lookups it answers. */
class CountingStore extends ReplayStore {
  hits = 0
  override get(key: string) {
    const entry = super.get(key)
    if (entry) this.hits++
    return entry
  }
}

interface Sent {
  method?: 'GET' | 'POST'
  path: string
  body?: string
  headers?: Record<string, string>
}

/** A request as a server hands it over: a body comes with its content length. */
function requestOf({ method = 'GET', path, body, headers = {} }: Sent): Request {
  const init: RequestInit = { method, headers: { ...headers } }
  if (body !== undefined) {
    init.body = body
    init.headers = { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(body).byteLength), ...headers }
  }
  return new Request(`http://localhost${path}`, init)
}

async function snapshot(response: Response) {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) }
}

/** Each request twice through the fast path (miss, then hit) and once through the normal path: all three the same. */
async function expectSameAsSlowPath(options: Partial<ApiOptions>, requests: Sent[]) {
  const store = new CountingStore()
  const fast = makeApp({ ...options, fastPath: store })
  const slow = makeApp({ ...options, fastPath: false })
  for (const sent of requests) {
    const what = `${sent.method ?? 'GET'} ${sent.path} ${JSON.stringify(sent.headers ?? {})} ${sent.body ?? ''}`
    const expected = await snapshot(await slow.request(requestOf(sent)))
    const miss = await snapshot(await fast.request(requestOf(sent)))
    const hits = store.hits
    const hit = await snapshot(await fast.request(requestOf(sent)))
    expect(miss, what).toEqual(expected)
    expect(hit, what).toEqual(expected)
    expect(store.hits, `${what} answered from the store`).toBe(hits + 1)
  }
  return store
}

const { get } = client()
const page = (await get(`${bankPath}/questions?limit=3&reveal=true`)).body as { items: Array<{ id: string; type: string; answer?: unknown }> }
const single = page.items.find((i) => i.type === 'single') ?? page.items[0]!

describe('fast path', () => {
  it('should answer repeated GETs and POSTs with the same status, headers and bytes as the normal path', async () => {
    const created = await makeApp().request(requestOf({ method: 'POST', path: `${bankPath}/exams`, body: '{"seed":7,"size":3}' }))
    const examId = ((await created.json()) as { id: string }).id
    const store = await expectSameAsSlowPath({}, [
      { path: `${bankPath}/questions?limit=10&reveal=true` },
      { path: `${bankPath}/questions?reveal=true&limit=10` },
      { path: `${bankPath}/questions?order=random&seed=5&limit=2` },
      { path: `${bankPath}/questions/${single.id}` },
      { path: `${bankPath}/questions/${single.id}?reveal=true` },
      { path: `${bankPath}/exams/${examId}` },
      { path: '/v1/banks' },
      { path: bankPath },
      { path: '/openapi.json' },
      { path: '/docs' },
      // Deterministic problems: 400, 404, 405.
      { path: `${bankPath}/questions?type=nope` },
      { path: `${bankPath}/questions?limit=1000` },
      { path: '/v1/banks/nope/questions' },
      { path: `${bankPath}/questions/nope` },
      { path: '/nowhere' },
      { method: 'POST', path: `${bankPath}/questions`, body: '{}' },
      { method: 'POST', path: `${bankPath}/questions/${single.id}/answer`, body: JSON.stringify({ response: single.answer ?? 'a' }) },
      { method: 'POST', path: `${bankPath}/questions/${single.id}/answer`, body: JSON.stringify({ response: 'zzz' }) },
      { method: 'POST', path: `${bankPath}/questions/${single.id}/answer`, body: '{"response":' },
      { method: 'POST', path: `${bankPath}/questions/${single.id}/answer`, body: '{}' },
      { method: 'POST', path: `${bankPath}/questions/${single.id}/answer`, body: '{"response":"a"}', headers: { 'content-type': 'text/plain' } },
      { method: 'POST', path: `${bankPath}/exams`, body: '{"seed":42}' },
      { method: 'POST', path: `${bankPath}/exams`, body: '{"seed":42,"size":5}' },
      { method: 'POST', path: `${bankPath}/exams`, body: '{"seed":-1}' },
    ])
    expect(store.size).toBe(24)
  })

  it('should answer If-None-Match with the same 304 (and a stale tag with the same 200) as the normal path', async () => {
    const path = `${bankPath}/questions?limit=2`
    const etag = (await makeApp().request(path)).headers.get('etag')!
    expect(etag).toMatch(/^"/)
    const store = await expectSameAsSlowPath({}, [
      { path },
      { path, headers: { 'if-none-match': etag } },
      { path, headers: { 'if-none-match': `W/${etag}` } },
      { path, headers: { 'if-none-match': '"stale"' } },
      { path, headers: { 'if-none-match': '*' } },
    ])
    const notModified = await makeApp({ fastPath: store }).request(requestOf({ path, headers: { 'if-none-match': etag } }))
    expect(notModified.status).toBe(304)
  })

  it('should keep CORS answers apart per Origin when origins are listed, and share them when any origin is allowed', async () => {
    const path = `${bankPath}/questions?limit=1`
    const answer = { method: 'POST' as const, path: `${bankPath}/questions/${single.id}/answer`, body: JSON.stringify({ response: single.answer ?? 'a' }) }
    const origins = [{}, { origin: 'https://learner.example' }, { origin: 'https://other.example' }, { origin: 'https://learner.example' }]
    const listed = await expectSameAsSlowPath(
      { corsOrigins: ['https://learner.example'] },
      origins.flatMap((headers) => [{ path, headers }, { ...answer, headers }]),
    )
    expect(listed.size).toBe(6)
    const any = await expectSameAsSlowPath({}, origins.flatMap((headers) => [{ path, headers }, { ...answer, headers }]))
    expect(any.size).toBe(2)
  })

  it('should store nothing that is not a pure function of the bank and the request', async () => {
    const store = new ReplayStore()
    const app = makeApp({ fastPath: store })
    const seeds = new Set<number>()
    for (let i = 0; i < 5; i++) {
      seeds.add(((await (await app.request(`${bankPath}/questions?order=random&limit=1`)).json()) as { seed: number }).seed)
      await app.request(requestOf({ method: 'POST', path: `${bankPath}/exams`, body: '{}' }))
      await app.request(requestOf({ path: '/healthz' }))
    }
    expect(seeds.size).toBeGreaterThan(1)
    expect(store.size).toBe(0)
    // A body without a declared length (in process, chunked) takes the normal path.
    const unsized = await app.request(`${bankPath}/exams`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seed":1}' })
    expect(unsized.status).toBe(201)
    expect(store.size).toBe(0)
    // HEAD and OPTIONS take the normal path.
    expect((await app.request(`${bankPath}/questions?limit=1`, { method: 'HEAD' })).status).toBe(200)
    expect((await app.request(`${bankPath}/exams`, { method: 'OPTIONS', headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' } })).status).toBe(204)
    expect(store.size).toBe(0)
  })

  it('should still rate-limit stored answers, counting each request once', async () => {
    const calls: string[] = []
    const binding: RateLimitBinding = {
      async limit({ key }) {
        calls.push(key)
        return { success: calls.length <= 2 }
      },
    }
    const store = new CountingStore()
    const app = makeApp({ fastPath: store })
    const env = { RATE_LIMITER: binding }
    const path = `${bankPath}/questions?limit=1`
    expect((await app.request(path, { headers: { 'cf-connecting-ip': '203.0.113.9' } }, env)).status).toBe(200)
    expect((await app.request(path, { headers: { 'cf-connecting-ip': '203.0.113.9' } }, env)).status).toBe(200)
    expect(store.hits).toBe(1)
    const over = await app.request(path, { headers: { 'cf-connecting-ip': '203.0.113.9' } }, env)
    expect(over.status).toBe(429)
    expect(over.headers.get('retry-after')).toBe('60')
    expect(over.headers.get('access-control-allow-origin')).toBe('*')
    expect(calls).toHaveLength(3)
    // The 429 was not stored in place of the answer.
    expect((await app.request(path)).status).toBe(200)
  })

  it('should keep its memory within its bounds', async () => {
    const store = new ReplayStore(20, 256 * 1024)
    const app = makeApp({ fastPath: store })
    for (let i = 1; i <= 100; i++) {
      const response = await app.request(`${bankPath}/questions?limit=${i}&reveal=true`)
      expect(response.status).toBe(200)
      await response.arrayBuffer()
      expect(store.size).toBeLessThanOrEqual(20)
      expect(store.bytes).toBeLessThanOrEqual(256 * 1024)
    }
    for (let i = 0; i < 100; i++) await app.request(requestOf({ method: 'POST', path: `${bankPath}/exams`, body: JSON.stringify({ seed: i }) }))
    expect(store.size).toBeGreaterThan(0)
    expect(store.size).toBeLessThanOrEqual(20)
    expect(store.bytes).toBeLessThanOrEqual(256 * 1024)
    // An answer over an eighth of the bytes is served but not kept.
    const tiny = new ReplayStore(20, 8 * 1024)
    const big = await makeApp({ fastPath: tiny }).request(`${bankPath}/questions?limit=100&reveal=true`)
    expect((await big.arrayBuffer()).byteLength).toBeGreaterThan(1024)
    expect(tiny.size).toBe(0)
  })

  it('should evict least recently used entries first', () => {
    const store = new ReplayStore(2, 1 << 20)
    const stored = (n: number) => ({ status: 200, headers: { etag: `"${n}"` }, body: new Uint8Array(n) })
    store.set('a', stored(1))
    store.set('b', stored(2))
    expect(store.get('a')?.etag).toBe('"1"')
    store.set('c', stored(3))
    expect(store.get('b')).toBeUndefined()
    expect(store.get('a')).toBeDefined()
    expect(store.size).toBe(2)
    store.delete('a')
    store.delete('c')
    expect(store.bytes).toBe(0)
  })

  it('should answer first-seen pages and drills (the fast lane) exactly as routing and validation do, valid or not', async () => {
    const fast = makeApp()
    const slow = makeApp({ fastPath: false })
    const strict = makeApp({ corsOrigins: ['https://lms.example'] })
    const strictSlow = makeApp({ corsOrigins: ['https://lms.example'], fastPath: false })
    const value = fc.oneof(
      fc.constantFrom('1', '2', '9', '1.1', '3.3', 'single', 'multiple', 'case-study', 'Essay', 'easy', 'hard', 'error:wrong-service', 'error:nope', 'domain-3'),
      fc.constantFrom('q-ingest-stream', 'q-pipeline-case-q2', 'q-unknown', 'true', 'false', 'random', 'stable', '0', '10', '100', '101', '-1', 'learner-42', ''),
      fc.constantFrom('1,2', ' 2 , 3 ', 'single,,multiple', '4294967295', '4294967296', 'x'.repeat(129), 'a%2Cb', '%E0%A4%A'),
    )
    const name = fc.constantFrom('domain', 'task', 'topic', 'type', 'difficulty', 'tag', 'rule', 'exclude', 'limit', 'cursor', 'order', 'seed', 'reveal', 'typ')
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('questions', 'drills'), fc.array(fc.tuple(name, value), { maxLength: 5 }), fc.boolean(), async (kind, params, listed) => {
        const path = `${bankPath}/${kind}?${params.map(([k, v]) => `${k}=${/%/.test(v) ? v : encodeURIComponent(v)}`).join('&')}`
        const headers = listed ? { origin: 'https://lms.example' } : {}
        const [a, b] = listed ? [strict, strictSlow] : [fast, slow]
        const got = await snapshot(await a.request(requestOf({ path, headers })))
        const want = await snapshot(await b.request(requestOf({ path, headers })))
        if (got.headers['cache-control'] === 'no-store' && got.status === 200) {
          // A server-chosen seed: the same but for the seed.
          expect({ ...got, body: null }, path).toEqual({ ...want, body: null })
        } else expect(got, path).toEqual(want)
      }),
      { numRuns: 300 },
    )
  })
})
