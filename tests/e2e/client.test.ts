/**
 * End to end: the typed client generated from the OpenAPI document
 * (openapi-typescript + openapi-fetch, src/client) against a real server
 * started like `npm start`: fetch, answer, take and grade an exam.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQuizgraphClient } from '../../src/client/index.js'
import { type Server, startServer } from './server.js'

let server: Server
let api: ReturnType<typeof createQuizgraphClient>

beforeAll(async () => {
  server = await startServer()
  api = createQuizgraphClient(server.url)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('typed client against npm start', () => {
  it('fetches, answers, takes and grades an exam', async () => {
    const banks = await api.GET('/v1/banks')
    expect(banks.response.status).toBe(200)
    // The bank with the most questions: the exam below takes 12 of them.
    const bank = [...banks.data!.items].sort((a, b) => b.questions - a.questions)[0]!.id

    const page = await api.GET('/v1/banks/{bank}/questions', {
      params: { path: { bank }, query: { type: ['single', 'multiple'], limit: 5 } },
    })
    expect(page.data!.items).toHaveLength(5)
    expect(page.data!.items.every((q) => q.type === 'single' || q.type === 'multiple')).toBe(true)

    const first = page.data!.items[0]!
    const revealed = await api.GET('/v1/banks/{bank}/questions/{id}', { params: { path: { bank, id: first.id }, query: { reveal: 'true' } } })
    const key = (revealed.data as { answer: string[] }).answer
    const checked = await api.POST('/v1/banks/{bank}/questions/{id}/answer', { params: { path: { bank, id: first.id } }, body: { response: key } })
    expect(checked.data).toMatchObject({ correct: true, answer: key })

    const exam = await api.POST('/v1/banks/{bank}/exams', { params: { path: { bank } }, body: { seed: 2024, size: 12 } })
    expect(exam.response.status).toBe(201)
    const again = await api.GET('/v1/banks/{bank}/exams/{id}', { params: { path: { bank, id: exam.data!.id } } })
    expect(again.data).toEqual(exam.data)

    // Answer the first half right (from reveal), leave the rest.
    const questions = exam.data!.items.flatMap((item) => (item.type === 'case-study' ? item.questions : [item]))
    expect(questions).toHaveLength(12)
    const responses: Record<string, string[] | { prompt: string; choice: string }[]> = {}
    for (const q of questions.slice(0, 6)) {
      const shown = await api.GET('/v1/banks/{bank}/questions/{id}', { params: { path: { bank, id: q.id }, query: { reveal: 'true' } } })
      responses[q.id] = (shown.data as { answer: string[] }).answer
    }
    const grade = await api.POST('/v1/banks/{bank}/exams/{id}/grade', { params: { path: { bank, id: exam.data!.id } }, body: { responses } })
    expect(grade.response.status).toBe(200)
    // Half right: the middle of the bank's scale (550 on 100–1000), or 50 when it scores in percentages.
    const detail = await api.GET('/v1/banks/{bank}', { params: { path: { bank } } })
    const [low = 0, high = 100] = detail.data!.exam.scale ?? []
    expect(grade.data).toMatchObject({ rawScore: 6, total: 12, answered: 6, scaledScore: low + (high - low) / 2, passed: false })
    expect(grade.data!.missed).toHaveLength(6)
    expect(grade.data!.recommendedDrill).not.toBeNull()

    const drill = await fetch(new URL(grade.data!.recommendedDrill!.href, server.url))
    expect(drill.status).toBe(200)
  })

  it('gets typed problems back', async () => {
    const missing = await api.GET('/v1/banks/{bank}', { params: { path: { bank: 'no-such-bank' } } })
    expect(missing.response.status).toBe(404)
    expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(missing.error).toMatchObject({ status: 404, parameter: 'bank' })
  })

  it('serves the docs assets from the installed package', async () => {
    const css = await fetch(`${server.url}/docs/swagger-ui.css`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toContain('text/css')
  })
})
