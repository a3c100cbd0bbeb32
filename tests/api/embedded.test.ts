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
import { contentBanks } from '../bank/helpers.js'
import { client } from './helpers.js'

describe('embedded banks', () => {
  const { get, post } = client(createApp({ banks: embeddedBanks, onUnexpectedError: () => {} }))

  it('are every bank under content/, each listed by GET /v1/banks', async () => {
    expect(embeddedBanks.map((entry) => entry.bank.bank)).toEqual(contentBanks())
    const list = await get('/v1/banks')
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(contentBanks())
  })

  it('are valid against the Bank and Graph schemas', () => {
    expect(embeddedBanks.length).toBeGreaterThan(0)
    for (const { bank, graph } of embeddedBanks) {
      expect(() => Bank.parse(bank)).not.toThrow()
      expect(() => Graph.parse(graph)).not.toThrow()
    }
  })

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
      // The exam's minutes, in proportion when the bank holds fewer questions than the exam.
      expect(exam.timeLimitMinutes).toBe(Math.max(1, Math.ceil((detail.exam.minutes * exam.size) / detail.exam.questions)))
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

  it.each(embeddedBanks.map((b) => b.bank.bank))('%s: exams draw scenario items and case studies, and recall drills only in domains without them', async (bank) => {
    const items = embeddedBanks.find((entry) => entry.bank.bank === bank)!.bank.items
    const scenarioDomains = new Set(
      items
        .filter((item) => item.tags.includes('form:scenario') || item.tags.includes('form:case'))
        .flatMap((item) => (item.type === 'case-study' ? item.questions.map((q) => q.domain) : [item.domain])),
    )
    for (const seed of [1, 2, 3]) {
      const exam = (await post(`/v1/banks/${bank}/exams`, { seed })).body
      let scenario = 0
      let total = 0
      for (const item of exam.items) {
        const full = (await get(`/v1/banks/${bank}/questions/${item.id}`)).body
        const units = item.type === 'case-study' ? item.questions.length : 1
        total += units
        if (full.tags.includes('form:scenario') || full.tags.includes('form:case')) scenario += units
        else if (item.type !== 'matching' && item.type !== 'ordering') expect(scenarioDomains.has(item.domain), `${item.id} is a drill in a domain with scenario items`).toBe(false)
      }
      // MLA-C01 has decision models in every domain: its exams are scenario exams.
      if (bank === 'mla-c01') expect(scenario / total).toBeGreaterThanOrEqual(0.8)
    }
  })

  it.each(embeddedBanks.map((b) => b.bank.bank))('%s: every route answers (rules, answers, traps, graph, drills, exports, grading)', async (bank) => {
    const base = `/v1/banks/${bank}`
    for (const path of ['/rules', '/answers', '/traps', '/graph', '/drills?domain=1&limit=3']) {
      const reply = await get(base + path)
      expect(reply.status, path).toBe(200)
    }
    const answers = (await get(`${base}/answers`)).body.items
    expect((await get(`${base}/answers/${answers[0].id}`)).status).toBe(200)
    for (const format of ['qti21', 'qti30', 'gift', 'moodle', 'anki']) {
      expect((await get(`${base}/exports/${format}?domain=1`)).status, format).toBe(200)
    }
    const detail = (await get(base)).body
    const exam = (await post(`${base}/exams`, { seed: 3 })).body
    const graded = (await post(`${base}/exams/${exam.id}/grade`, { responses: {} })).body
    // On the bank's scale, or a percentage when it publishes none.
    expect(graded.scaledScore).toBe(detail.exam.scale?.[0] ?? 0)
    expect(graded.passingScore).toBe(detail.exam.passingScore)
  })
})
