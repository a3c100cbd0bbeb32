/**
 * The statistics operations against a real store: SQLite on Node
 * (tests/api/stats.test.ts), local D1 in workerd (tests/worker/stats.test.ts).
 * No node: imports here.
 */
import { describe, expect, it } from 'vitest'
import { StatsService } from '../../src/stats/service.js'
import type { SqlDriver, StatsStore } from '../../src/stats/store.js'
import { bankPath, client, expectProblem, fixtureBank, makeApp } from './helpers.js'

export interface StoreFactory {
  /** A store over a fresh, migrated, empty database, and a way to query that database directly. */
  (): Promise<{ store: StatsStore; rows: SqlDriver['rows'] }>
}

const questionsOf = (item: any): any[] => (item.type === 'case-study' ? item.questions : [item])
const allQuestions = fixtureBank.items.flatMap(questionsOf)
const total = allQuestions.length

/** Pearson correlation, computed directly from the pairs. */
function pearson(xs: number[], ys: number[]): number {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
    syy += (ys[i]! - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

/** `label`: how the store writes (it names the describe block). */
export function statsSuite(label: string, makeStore: StoreFactory) {
  async function setup(options: { adminToken?: string; secret?: string } = {}) {
    const { store, rows } = await makeStore()
    const driver = { rows }
    const stats = new StatsService({ store, secret: options.secret ?? 'test-secret', adminToken: options.adminToken })
    const api = client(makeApp({ stats }))
    const exam = (await api.post(`${bankPath}/exams`, { seed: 5, size: total })).body
    const keys: Record<string, any> = {}
    for (const q of allQuestions as any[]) keys[q.id] = (await api.get(`${bankPath}/questions/${q.id}?reveal=true`)).body.answer
    const grade = (body: Record<string, unknown>) => api.post(`${bankPath}/exams/${exam.id}/grade`, body)
    return { ...api, driver, stats, exam, keys, grade }
  }

  describe(`item statistics (store and endpoints: ${label})`, () => {
    it('records a graded attempt once per attempt id, and a retried grade does not count twice', async () => {
      const { grade, get, keys } = await setup()
      const first: string = allQuestions[0]!.id
      const responses: Record<string, unknown> = { ...keys }
      delete responses[first]
      const a = await grade({ responses, attemptId: 'attempt-0001' })
      expect(a.status).toBe(200)
      expect(a.body.attemptId).toBe('attempt-0001')
      const again = await grade({ responses, attemptId: 'attempt-0001' })
      expect(again.body.rawScore).toBe(a.body.rawScore)
      // Without an attempt id: derived from exam, learner and responses, so a retry is the same attempt.
      const b1 = await grade({ responses: keys })
      const b2 = await grade({ responses: keys })
      expect(b1.body.attemptId).toMatch(/^d-[0-9a-f]{32}$/)
      expect(b2.body.attemptId).toBe(b1.body.attemptId)
      const stats = (await get(`${bankPath}/stats`)).body
      expect(stats.attempts).toBe(2)
      expect(stats.forms).toEqual([
        { questions: total, attempts: 2, mean: total - 0.5, sd: 0.5, kr20: expect.any(Number), distribution: [{ score: total - 1, attempts: 1 }, { score: total, attempts: 1 }] },
      ])
      const one = (await get(`${bankPath}/questions/${first}/stats`)).body
      expect(one.revisions[0]).toMatchObject({ id: first, current: true, responses: 2, correct: 1, p: 0.5 })
      expect(one.sources.length).toBeGreaterThan(0)
      const other = (await get(`${bankPath}/questions/${allQuestions[1]!.id}/stats`)).body
      expect(other.revisions[0]).toMatchObject({ responses: 2, correct: 2, p: 1 })
    })

    it('computes p, the corrected point-biserial and the upper–lower index from the sums, matching a direct computation', async () => {
      const { grade, get, keys } = await setup()
      // 40 attempts: attempt k answers the first (k mod (total+1)) questions right, and question 0 wrong when k is even.
      const scores: number[][] = []
      for (let k = 0; k < 40; k++) {
        const right = k % (total + 1)
        const responses: Record<string, unknown> = {}
        const row: number[] = []
        allQuestions.forEach((q, i) => {
          const correct = i === 0 ? k % 2 === 1 : i < right
          row.push(correct ? 1 : 0)
          if (correct) responses[q.id] = keys[q.id]
        })
        scores.push(row)
        expect((await grade({ responses, attemptId: `attempt-${String(k).padStart(4, '0')}` })).status).toBe(200)
      }
      for (const index of [0, 3, 7]) {
        const q = allQuestions[index]!
        const x = scores.map((row) => row[index]!)
        const rest = scores.map((row) => row.reduce((a, b) => a + b, 0) - row[index]!)
        const stats = (await get(`${bankPath}/questions/${q.id}/stats`)).body.revisions[0]
        expect(stats.responses).toBe(40)
        expect(stats.correct).toBe(x.reduce((a, b) => a + b, 0))
        expect(stats.pointBiserial).toBeCloseTo(pearson(x, rest), 3)
        // Upper and lower 27% by total score: 10.8 attempts each, ties split in proportion.
        const totals = scores.map((row) => row.reduce((a, b) => a + b, 0))
        const byScore = totals.map((t, i) => ({ t, x: x[i]! })).sort((a, b) => b.t - a.t)
        const groupP = (list: typeof byScore) => {
          const want = 0.27 * list.length
          let size = 0
          let correct = 0
          for (let i = 0; i < list.length && size < want; ) {
            const tied = list.filter((e) => bucket(e.t) === bucket(list[i]!.t))
            const share = Math.min(1, (want - size) / tied.length)
            size += share * tied.length
            correct += share * tied.reduce((a, e) => a + e.x, 0)
            i += tied.length
          }
          return correct / size
        }
        const bucket = (t: number) => Math.floor((50 * t) / total)
        expect(stats.discrimination).toBeCloseTo(groupP(byScore) - groupP([...byScore].reverse()), 3)
      }
    })

    it('records practice answer checks, each one (not replayed), apart from exam responses', async () => {
      const { post, get, keys } = await setup()
      const q = allQuestions.find((x) => x.type === 'single')!
      const wrong = q.options.find((o: any) => !q.answer.includes(o.id)).id
      for (const response of [keys[q.id], keys[q.id], [wrong]]) {
        expect((await post(`${bankPath}/questions/${q.id}/answer`, { response })).status).toBe(200)
      }
      const stats = (await get(`${bankPath}/questions/${q.id}/stats`)).body.revisions[0]
      expect(stats.responses).toBe(0)
      expect(stats.practice).toEqual({ responses: 3, correct: 2, p: 0.6667 })
      expect(stats.options.find((o: any) => o.id === wrong).practiceChosen).toBe(1)
    })

    it('stores a learner id only as an HMAC, and erases a learner’s records and their part of the statistics', async () => {
      const { grade, post, get, call, driver, keys } = await setup()
      const q = allQuestions.find((x) => x.type === 'single')!
      await grade({ responses: keys, learner: 'alice@example.com' })
      await grade({ responses: {}, learner: 'bob' })
      await post(`${bankPath}/questions/${q.id}/answer`, { response: keys[q.id], learner: 'alice@example.com' })
      const learners = (await driver.rows('SELECT learner FROM attempts UNION ALL SELECT learner FROM checks')).map((r) => r[0])
      expect(learners).toHaveLength(3)
      for (const l of learners) expect(l).toMatch(/^[0-9a-f]{64}$/)
      const dump = JSON.stringify(await driver.rows('SELECT * FROM attempts')) + JSON.stringify(await driver.rows('SELECT * FROM checks'))
      expect(dump).not.toContain('alice')
      expect(dump).not.toContain('bob')

      const erased = await call('DELETE', '/v1/learners/alice@example.com/responses')
      expect(erased.body).toEqual({ attempts: 1, checks: 1 })
      expect((await call('DELETE', '/v1/learners/alice@example.com/responses')).body).toEqual({ attempts: 0, checks: 0 })
      const stats = (await get(`${bankPath}/stats`)).body
      expect(stats.attempts).toBe(1)
      expect(stats.practiceChecks).toBe(0)
      const left = (await get(`${bankPath}/questions/${q.id}/stats`)).body.revisions[0]
      expect(left).toMatchObject({ responses: 1, correct: 0, practice: { responses: 0, correct: 0, p: null } })
      expect(left.options.every((o: any) => o.practiceChosen === 0)).toBe(true)
    })

    it('asks for the admin token when the server has one', async () => {
      const { get, call } = await setup({ adminToken: 's3cret-token' })
      const denied = await get(`${bankPath}/stats`)
      expectProblem(denied, 401, { parameter: 'authorization' })
      expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expectProblem(await get(`${bankPath}/stats`, { authorization: 'Bearer wrong' }), 401)
      expectProblem(await call('DELETE', '/v1/learners/x/responses'), 401)
      expect((await get(`${bankPath}/stats`, { authorization: 'Bearer s3cret-token' })).status).toBe(200)
      expect((await call('DELETE', '/v1/learners/x/responses', { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200)
    })

    it('answers 404 for an unknown question and a bank it does not hold', async () => {
      const { get } = await setup()
      expectProblem(await get(`${bankPath}/questions/nope/stats`), 404, { parameter: 'id' })
      expectProblem(await get('/v1/banks/nope/stats'), 404, { parameter: 'bank' })
    })
  })
}

/** Without a store, nothing is recorded and the statistics routes say so. */
export function statsOffSuite() {
  it('STATS=off: grades carry no attempt id and the statistics answer 404 stats-disabled', async () => {
    const { post, get } = client(makeApp())
    const exam = (await post(`${bankPath}/exams`, { seed: 5, size: 3 })).body
    const graded = await post(`${bankPath}/exams/${exam.id}/grade`, { responses: {} })
    expect(graded.status).toBe(200)
    expect(graded.body.attemptId).toBeUndefined()
    const reply = await get(`${bankPath}/stats`)
    expectProblem(reply, 404)
    expect(reply.body.type).toBe('urn:quizgraph:problem:stats-disabled')
  })
}
