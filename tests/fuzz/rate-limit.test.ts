/** The rate-limit middleware: 429 + Retry-After + RateLimit headers with the binding; nothing without it. */
import { describe, expect, it } from 'vitest'
import { rateLimit, type RateLimitBinding } from '../../src/api/middleware/rate-limit.js'
import { Problem } from '../../src/api/problems.js'
import { bankPath, makeApp } from '../api/helpers.js'

/** The binding as workerd gives it, counting per key in one fixed window. */
function fakeBinding(limit: number): RateLimitBinding & { keys: string[] } {
  const counts = new Map<string, number>()
  const keys: string[] = []
  return {
    keys,
    async limit({ key }) {
      keys.push(key)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      return { success: counts.get(key)! <= limit }
    },
  }
}

const app = makeApp()
const get = (env: object | undefined, ip = '203.0.113.7', extra: Record<string, string> = {}) =>
  app.request(`${bankPath}/questions?limit=1`, { headers: { 'cf-connecting-ip': ip, ...extra } }, env)

describe('rateLimit', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../../src/api/middleware/rate-limit.js'))).toEqual(['rateLimit'])
  })

  it('should do nothing without the binding (Node, tests)', async () => {
    for (let i = 0; i < 50; i++) expect((await get(undefined)).status).toBe(200)
    expect((await get({})).status).toBe(200)
  })

  it('should answer 429 problem+json with Retry-After and RateLimit headers over the limit', async () => {
    const binding = fakeBinding(3)
    const env = { RATE_LIMITER: binding }
    for (let i = 0; i < 3; i++) expect((await get(env)).status).toBe(200)
    const over = await get(env, '203.0.113.7', { origin: 'https://learner.example' })
    expect(over.status).toBe(429)
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(over.headers.get('retry-after')).toBe('60')
    expect(over.headers.get('ratelimit')).toBe('"quizgraph";r=0;t=60')
    expect(over.headers.get('ratelimit-policy')).toBe('"quizgraph";q=600;w=60')
    expect(over.headers.get('cache-control')).toBe('no-store')
    // CORS runs first, so a browser can read the 429 and its Retry-After.
    expect(over.headers.get('access-control-allow-origin')).toBe('*')
    const body = Problem.parse(await over.json())
    expect(body).toMatchObject({ status: 429, type: 'urn:quizgraph:problem:too-many-requests', title: 'Too many requests' })
    expect(body.detail).toMatch(/^Unexpected request over the limit/)
    // Counted per client: another address still gets through.
    expect((await get(env, '198.51.100.1')).status).toBe(200)
    expect(binding.keys).toContain('198.51.100.1')
  })

  it('should not count CORS preflights', async () => {
    const binding = fakeBinding(0)
    const response = await app.request(`${bankPath}/exams`, {
      method: 'OPTIONS',
      headers: { origin: 'https://learner.example', 'access-control-request-method': 'POST' },
    }, { RATE_LIMITER: binding })
    expect(response.status).toBe(204)
    expect(binding.keys).toEqual([])
  })

  it('should throw at construction on a period the binding does not offer', () => {
    expect(() => rateLimit({ period: 30 })).toThrow(/expected 10 or 60/)
    expect(() => rateLimit({ limit: 0 })).toThrow(/positive integer/)
  })
})
