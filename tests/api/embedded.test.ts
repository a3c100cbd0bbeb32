/**
 * The banks the Worker and `npm start` embed (generated/): valid, and served
 * whole by the API — every question accepts what reveal=true shows, and a
 * default exam has 65 questions at the domain weights.
 */
import { describe, expect, it } from 'vitest'
import { Bank } from '../../src/bank/schema.js'
import { Graph } from '../../src/graph/schema.js'
import { embeddedBanks } from '../../src/api/embedded.js'
import { createApp } from '../../src/api/index.js'
import { client } from './helpers.js'

describe('embedded banks', () => {
  it('are valid against the Bank and Graph schemas', () => {
    expect(embeddedBanks.length).toBeGreaterThan(0)
    for (const { bank, graph } of embeddedBanks) {
      expect(() => Bank.parse(bank)).not.toThrow()
      expect(() => Graph.parse(graph)).not.toThrow()
    }
  })

  const { get, post } = client(createApp({ banks: embeddedBanks, onUnexpectedError: () => {} }))

  it.each(embeddedBanks.map((b) => b.bank.bank))('%s: every question accepts exactly what reveal=true shows', async (bank) => {
    let next: string | null = null
    let count = 0
    do {
      const page: any = await get(`/v1/banks/${bank}/questions?limit=100&reveal=true${next ? `&cursor=${next}` : ''}`)
      for (const item of page.body.items) {
        for (const q of item.type === 'case-study' ? item.questions : [item]) {
          const reply = await post(`/v1/banks/${bank}/questions/${q.id}/answer`, { response: q.answer })
          expect(reply.body.correct, q.id).toBe(true)
          count++
        }
      }
      next = page.body.nextCursor
    } while (next)
    expect(count).toBe((await get(`/v1/banks/${bank}`)).body.counts.questions)
  })

  it.each(embeddedBanks.map((b) => b.bank.bank))('%s: a default exam has the exam’s size at the domain weights, every type', async (bank) => {
    const detail = (await get(`/v1/banks/${bank}`)).body
    for (const seed of [1, 2, 3, 'learner-42']) {
      const exam = (await post(`/v1/banks/${bank}/exams`, { seed })).body
      expect(exam.size).toBe(Math.min(detail.exam.questions, detail.counts.questions))
      expect(exam.timeLimitMinutes).toBe(detail.exam.minutes)
      // Counted per scored question: each case-study question under its own domain.
      const perDomain: Record<string, number> = {}
      for (const item of exam.items) {
        for (const q of item.type === 'case-study' ? item.questions : [item]) perDomain[q.domain] = (perDomain[q.domain] ?? 0) + 1
      }
      expect(Object.fromEntries(exam.blueprint.map((d: any) => [d.domain, d.questions])), `seed ${seed}`).toEqual(perDomain)
      if (bank === 'mla-c01') expect(perDomain, `seed ${seed}`).toEqual({ 1: 18, 2: 17, 3: 14, 4: 16 })
      expect(new Set(exam.items.map((i: any) => i.type))).toEqual(new Set(Object.keys(detail.counts.byType)))
    }
  })

  it('serves an OpenAPI document whose examples reach real questions, exams and answers', async () => {
    const doc = (await get('/openapi.json')).body
    const example = (path: string, method: string, name: string) =>
      doc.paths[path][method].parameters.find((p: any) => p.name === name && p.in === 'path').schema.example
    const bank = example('/v1/banks/{bank}/questions/{id}', 'get', 'bank')
    expect(embeddedBanks.map((b) => b.bank.bank)).toContain(bank)
    const question = example('/v1/banks/{bank}/questions/{id}', 'get', 'id')
    expect((await get(`/v1/banks/${bank}/questions/${question}`)).status).toBe(200)
    expect((await get(`/v1/banks/${bank}/exams/${example('/v1/banks/{bank}/exams/{id}', 'get', 'id')}`)).status).toBe(200)
    expect((await get(`/v1/banks/${bank}/answers/${example('/v1/banks/{bank}/answers/{id}', 'get', 'id')}`)).status).toBe(200)
    const answerBody = doc.paths['/v1/banks/{bank}/questions/{id}/answer'].post.requestBody.content['application/json'].example
    expect((await post(`/v1/banks/${bank}/questions/${example('/v1/banks/{bank}/questions/{id}/answer', 'post', 'id')}/answer`, answerBody)).body.correct).toBe(true)
    const exam = example('/v1/banks/{bank}/exams/{id}/grade', 'post', 'id')
    const gradeBody = doc.paths['/v1/banks/{bank}/exams/{id}/grade'].post.requestBody.content['application/json'].example
    const graded = await post(`/v1/banks/${bank}/exams/${exam}/grade`, gradeBody)
    expect(graded.status).toBe(200)
  })
})
