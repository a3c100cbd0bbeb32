import { describe, expect, it } from 'vitest'
import type { Item } from '../../src/bank/schema.js'
import { bankPath, client, expectProblem, fixtureBank, fixtureGraph, makeApp } from './helpers.js'

const { get, post, call } = client()
const totalQuestions = fixtureBank.items.reduce((a, i) => a + (i.type === 'case-study' ? i.questions.length : 1), 0)

/** Responses for every question of an exam: the revealed keys (right) or nothing. */
async function keysFor(items: any[]): Promise<Record<string, unknown>> {
  const responses: Record<string, unknown> = {}
  for (const item of items) {
    for (const q of item.type === 'case-study' ? item.questions : [item]) {
      responses[q.id] = (await get(`${bankPath}/questions/${q.id}?reveal=true`)).body.answer
    }
  }
  return responses
}

describe('POST /v1/banks/{bank}/exams', () => {
  it('builds an exam of every question the bank has when it has fewer than 65, answers hidden', async () => {
    const reply = await post(`${bankPath}/exams`, {})
    expect(reply.status).toBe(201)
    expect(reply.headers.get('location')).toBe(`${bankPath}/exams/${reply.body.id}`)
    expect(reply.body.size).toBe(totalQuestions)
    expect(reply.body.timeLimitMinutes).toBe(Math.ceil((130 * totalQuestions) / 65))
    const ids = reply.body.items.map((i: any) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(JSON.stringify(reply.body)).not.toMatch(/"answer"|"feedback"|"explanation"/)
  })

  it('works with no body at all', async () => {
    const reply = await call('POST', `${bankPath}/exams`)
    expect(reply.status).toBe(201)
  })

  it('encodes seed, size and version in the id, and GET gives the same exam', async () => {
    const a = await post(`${bankPath}/exams`, { seed: 123, size: 8 })
    const b = await post(`${bankPath}/exams`, { seed: 123, size: 8 })
    expect(a.body.id).toBe(`${fixtureBank.version}-${(123).toString(36)}-8`)
    expect(b.body).toEqual(a.body)
    const again = await get(`${bankPath}/exams/${a.body.id}`)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(a.body)
    // Another instance: a fresh app knows the same exam from the id alone.
    const other = client(makeApp())
    expect((await other.get(`${bankPath}/exams/${a.body.id}`)).body).toEqual(a.body)
    const sum = a.body.items.reduce((n: number, i: any) => n + (i.type === 'case-study' ? i.questions.length : 1), 0)
    expect(sum).toBe(8)
    expect(a.body.blueprint.reduce((n: number, d: any) => n + d.questions, 0)).toBe(8)
  })

  it('takes a string seed (a learner or attempt id), hashed to the same exam every time', async () => {
    const a = await post(`${bankPath}/exams`, { seed: 'learner-42', size: 8 })
    expect(a.status).toBe(201)
    const b = await post(`${bankPath}/exams`, { seed: 'learner-42', size: 8 })
    expect(b.body).toEqual(a.body)
    expect(a.body.seed).toEqual(expect.any(Number))
    expect(a.body.id).toBe(`${fixtureBank.version}-${a.body.seed.toString(36)}-8`)
    // The number it hashes to gives the same exam, and GET by id rebuilds it.
    expect((await post(`${bankPath}/exams`, { seed: a.body.seed, size: 8 })).body).toEqual(a.body)
    expect((await get(`${bankPath}/exams/${a.body.id}`)).body).toEqual(a.body)
    const other = await post(`${bankPath}/exams`, { seed: 'learner-43', size: 8 })
    expect(other.body.seed).not.toBe(a.body.seed)
    // A digit string is the integer; a 128-character id is accepted.
    expect((await post(`${bankPath}/exams`, { seed: '123', size: 8 })).body.id).toBe(`${fixtureBank.version}-${(123).toString(36)}-8`)
    expect((await post(`${bankPath}/exams`, { seed: 'attempt:'.padEnd(128, 'z'), size: 8 })).status).toBe(201)
  })

  it('answers 400 naming the body path', async () => {
    expectProblem(await post(`${bankPath}/exams`, { size: totalQuestions + 1 }), 400, { pointer: '/size' })
    expectProblem(await post(`${bankPath}/exams`, { size: 0 }), 400, { pointer: '/size' })
    expectProblem(await post(`${bankPath}/exams`, { seed: -1 }), 400, { pointer: '/seed' })
    expectProblem(await post(`${bankPath}/exams`, { seed: '' }), 400, { pointer: '/seed' })
    expectProblem(await post(`${bankPath}/exams`, { seed: 'x'.repeat(129) }), 400, { pointer: '/seed' })
    expectProblem(await post(`${bankPath}/exams`, { seed: '-1' }), 400, { pointer: '/seed' })
    expectProblem(await post(`${bankPath}/exams`, { seed: 1.5 }), 400, { pointer: '/seed' })
    expectProblem(await post(`${bankPath}/exams`, { sise: 3 }), 400, { pointer: '/sise' })
    expectProblem(await post(`${bankPath}/exams`, [1, 2]), 400, { pointer: '' })
  })
})

describe('exam blueprint on a full-size bank', () => {
  // 120 items: the fixture's items cloned with new ids, in every domain and type.
  const items: Item[] = []
  for (let copy = 0; items.length < 120; copy++) {
    for (const item of fixtureBank.items) {
      const rename = (id: string) => `${id}-c${copy}`
      items.push(
        item.type === 'case-study'
          ? { ...item, id: rename(item.id), questions: item.questions.map((q) => ({ ...q, id: rename(q.id) })) }
          : { ...item, id: rename(item.id) },
      )
    }
  }
  const big = client(makeApp({ banks: [{ bank: { ...fixtureBank, items }, graph: fixtureGraph }] }))

  it('gives 65 questions at the domain weights 18/17/14/16, no repeats, every type', async () => {
    for (const seed of [1, 2, 3, 99]) {
      const exam = (await big.post(`${bankPath}/exams`, { seed })).body
      expect(exam.size).toBe(65)
      expect(exam.timeLimitMinutes).toBe(130)
      expect(exam.blueprint).toEqual([
        { domain: '1', questions: 18 },
        { domain: '2', questions: 17 },
        { domain: '3', questions: 14 },
        { domain: '4', questions: 16 },
      ])
      const perDomain: Record<string, number> = {}
      const ids = new Set<string>()
      const types = new Set<string>()
      for (const item of exam.items) {
        const n = item.type === 'case-study' ? item.questions.length : 1
        perDomain[item.domain] = (perDomain[item.domain] ?? 0) + n
        ids.add(item.id)
        types.add(item.type)
      }
      expect(perDomain).toEqual({ 1: 18, 2: 17, 3: 14, 4: 16 })
      expect(ids.size).toBe(exam.items.length)
      expect(types).toEqual(new Set(['single', 'multiple', 'matching', 'ordering', 'case-study']))
    }
  })
})

describe('exam blueprint when a case study spans domains', () => {
  // The fixture cloned to 120 items, each case study's second question moved to domain 1 (task 1.1).
  const items: Item[] = []
  for (let copy = 0; items.length < 120; copy++) {
    for (const item of fixtureBank.items) {
      const rename = (id: string) => `${id}-m${copy}`
      items.push(
        item.type === 'case-study'
          ? { ...item, id: rename(item.id), questions: item.questions.map((q, n) => ({ ...q, id: rename(q.id), ...(n === 1 ? { domain: '1', task: '1.1' } : {}) })) }
          : { ...item, id: rename(item.id) },
      )
    }
  }
  const mixed = client(makeApp({ banks: [{ bank: { ...fixtureBank, items }, graph: fixtureGraph }] }))

  it('counts each case-study question under its own domain, and delivers what the blueprint says', async () => {
    for (const seed of [1, 2, 3, 4, 5, 99]) {
      for (const size of [65, 20, 7]) {
        const exam = (await mixed.post(`${bankPath}/exams`, { seed, size })).body
        const perDomain: Record<string, number> = {}
        for (const item of exam.items) {
          for (const q of item.type === 'case-study' ? item.questions : [item]) perDomain[q.domain] = (perDomain[q.domain] ?? 0) + 1
        }
        expect(Object.fromEntries(exam.blueprint.map((d: any) => [d.domain, d.questions])), `seed ${seed} size ${size}`).toEqual(perDomain)
        expect(Object.values(perDomain).reduce((a, b) => a + b, 0)).toBe(size)
        if (size === 65) expect(perDomain, `seed ${seed}`).toEqual({ 1: 18, 2: 17, 3: 14, 4: 16 })
        const graded = (await mixed.post(`${bankPath}/exams/${exam.id}/grade`, { responses: {} })).body
        expect(Object.fromEntries(graded.domains.map((d: any) => [d.domain, d.total]))).toEqual(perDomain)
      }
    }
  })
})

describe('GET /v1/banks/{bank}/exams/{id}', () => {
  it('answers 410 for an exam from another bank version, saying so', async () => {
    const reply = await get(`${bankPath}/exams/aaaaaaaaaaaa-1-5`)
    expectProblem(reply, 410, { parameter: 'id' })
    expect(reply.body.detail).toContain('aaaaaaaaaaaa')
    expect(reply.body.detail).toContain(fixtureBank.version)
  })

  it.each(['nope', `${'f'.repeat(12)}-1-0`, `${fixtureBank.version}-zzzzzzz-5`, `${fixtureBank.version}-1-9999`])('answers 404 for the malformed id %s', async (id) => {
    expectProblem(await get(`${bankPath}/exams/${id}`), 404, { parameter: 'id' })
  })
})

describe('POST /v1/banks/{bank}/exams/{id}/grade', () => {
  it('grades a perfect exam 1000, passed, nothing missed', async () => {
    const exam = (await post(`${bankPath}/exams`, { seed: 5 })).body
    const grade = await post(`${bankPath}/exams/${exam.id}/grade`, { responses: await keysFor(exam.items) })
    expect(grade.status).toBe(200)
    expect(grade.body).toMatchObject({ examId: exam.id, rawScore: totalQuestions, total: totalQuestions, scaledScore: 1000, passed: true, missed: [], recommendedDrill: null })
    expect(grade.body.domains.map((d: any) => d.domain)).toEqual(['1', '2', '3', '4'])
    expect(grade.body.tasks.reduce((n: number, t: any) => n + t.total, 0)).toBe(totalQuestions)
  })

  it('grades an empty exam 100, failed, with every question missed and a drill that works', async () => {
    const exam = (await post(`${bankPath}/exams`, { seed: 6 })).body
    const grade = await post(`${bankPath}/exams/${exam.id}/grade`, { responses: {} })
    expect(grade.body).toMatchObject({ answered: 0, rawScore: 0, scaledScore: 100, passed: false })
    expect(grade.body.missed).toHaveLength(totalQuestions)
    const missed = grade.body.missed.find((m: any) => m.id === 'q-pipeline-case-q1')
    expect(missed).toMatchObject({ itemId: 'q-pipeline-case', response: null, decisionError: 'wrong-service' })
    expect(missed.explanation.correct).toEqual(expect.any(String))
    const drill = grade.body.recommendedDrill
    expect(drill.tag.length).toBeGreaterThan(0)
    const reply = await get(drill.href)
    expect(reply.status).toBe(200)
    expect(reply.body.items.length).toBeGreaterThan(0)
  })

  it('scores partly right exams on the 100–1000 scale and tallies domains and tasks', async () => {
    const exam = (await post(`${bankPath}/exams`, { seed: 7 })).body
    const right = await keysFor(exam.items)
    const ids = Object.keys(right)
    const half = Object.fromEntries(ids.slice(0, Math.floor(ids.length / 2)).map((id) => [id, right[id]]))
    const grade = (await post(`${bankPath}/exams/${exam.id}/grade`, { responses: half })).body
    expect(grade.rawScore).toBe(Object.keys(half).length)
    expect(grade.scaledScore).toBe(Math.round(100 + (900 * grade.rawScore) / grade.total))
    expect(grade.passed).toBe(grade.scaledScore >= 720)
    expect(grade.domains.reduce((n: number, d: any) => n + d.correct, 0)).toBe(grade.rawScore)
    expect(grade.recommendedDrill.exclude.sort()).toEqual(Object.keys(half).sort())
  })

  it('refuses responses for questions not in the exam, case studies by id, and bad options', async () => {
    const exam = (await post(`${bankPath}/exams`, { seed: 8, size: 17 })).body
    expectProblem(await post(`${bankPath}/exams/${exam.id}/grade`, { responses: { 'q-nope': [] } }), 400, { pointer: '/responses/q-nope' })
    const caseReply = await post(`${bankPath}/exams/${exam.id}/grade`, { responses: { 'q-pipeline-case': [] } })
    expectProblem(caseReply, 400, { pointer: '/responses/q-pipeline-case' })
    expect(caseReply.body.detail).toContain('case study')
    expectProblem(await post(`${bankPath}/exams/${exam.id}/grade`, { responses: { 'q-ingest-stream': ['o-x'] } }), 400, { pointer: '/responses/q-ingest-stream/0' })
    expectProblem(await post(`${bankPath}/exams/${exam.id}/grade`, { responses: { 'q-ingest-stream': 'o-x' } }), 400, { pointer: '/responses/q-ingest-stream' })
    expectProblem(await post(`${bankPath}/exams/${exam.id}/grade`, {}), 400, { pointer: '/responses' })
  })

  it('answers 410 and 404 for old and unknown exams', async () => {
    expectProblem(await post(`${bankPath}/exams/000000000000-1-5/grade`, { responses: {} }), 410)
    expectProblem(await post(`${bankPath}/exams/bogus/grade`, { responses: {} }), 404)
  })
})
