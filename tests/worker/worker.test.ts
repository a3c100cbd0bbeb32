/**
 * The Worker entry (src/worker.ts, wrangler.toml) inside workerd: the embedded
 * bank, the static /docs assets, a whole exam round trip.
 */
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { userAgent } from '../api/helpers.js'

const fetchJson = async (path: string, init?: RequestInit) => {
  const response = await exports.default.fetch(new Request(`http://worker.test${path}`, init))
  const text = await response.text()
  return { response, body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text }
}

describe('worker', () => {
  it('runs in workerd, not Node', () => {
    expect(userAgent).toBe('Cloudflare-Workers')
  })

  it('serves every embedded bank (every bank of generated/banks.json)', async () => {
    const health = await fetchJson('/healthz')
    expect(health.response.status).toBe(200)
    expect(health.body.banks.length).toBeGreaterThan(1)
    const { body } = await fetchJson('/v1/banks')
    expect(body.items.map((item: { id: string }) => item.id)).toEqual(health.body.banks.map((bank: { id: string }) => bank.id))
    for (const { id: bank } of body.items) {
      const detail = await fetchJson(`/v1/banks/${bank}`)
      expect(detail.body.counts.items, bank).toBeGreaterThan(0)
      const page = await fetchJson(`/v1/banks/${bank}/questions?limit=5`)
      expect(page.body.items, bank).toHaveLength(5)
      expect(page.response.headers.get('etag')).toBeTruthy()
    }
  })

  it('takes and grades an exam statelessly', async () => {
    // The bank with the most questions: the exam takes 10 of them.
    const banks: Array<{ id: string; questions: number }> = (await fetchJson('/v1/banks')).body.items
    const bank = [...banks].sort((a, b) => b.questions - a.questions)[0]!.id
    const created = await fetchJson(`/v1/banks/${bank}/exams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed: 11, size: 10 }),
    })
    expect(created.response.status).toBe(201)
    const again = await fetchJson(`/v1/banks/${bank}/exams/${created.body.id}`)
    expect(again.body).toEqual(created.body)
    const first = created.body.items[0]
    const question = first.type === 'case-study' ? first.questions[0] : first
    const shown = await fetchJson(`/v1/banks/${bank}/questions/${question.id}?reveal=true`)
    const graded = await fetchJson(`/v1/banks/${bank}/exams/${created.body.id}/grade`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responses: { [question.id]: shown.body.answer } }),
    })
    expect(graded.body.rawScore).toBe(1)
    expect(graded.body.total).toBe(10)
  })

  it('allows any origin (CORS_ORIGINS = "*")', async () => {
    const { response } = await fetchJson('/v1/banks', { headers: { origin: 'https://learner.example' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers problems as application/problem+json', async () => {
    const { response, body } = await fetchJson('/v1/banks/nope/questions')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(body.parameter).toBe('bank')
  })

  it('serves /docs and its assets from the Workers static assets', async () => {
    const page = await fetchJson('/docs')
    expect(page.response.status).toBe(200)
    expect(page.body).toContain('/docs/swagger-ui-bundle.js')
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      const response = await exports.default.fetch(new Request(`http://worker.test${asset}`))
      expect(response.status, asset).toBe(200)
      expect((await response.text()).length).toBeGreaterThan(1000)
    }
    const doc = await fetchJson('/openapi.json')
    expect(doc.body.openapi).toBe('3.1.0')
  })
})
