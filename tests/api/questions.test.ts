import { describe, expect, it } from 'vitest'
import * as api from '../../src/api/index.js'
import { bankPath, client, expectProblem, fixtureBank } from './helpers.js'

const { get, post, call } = client()
const allIds = fixtureBank.items.map((i) => i.id).sort()
const questions = fixtureBank.items.flatMap((item) => (item.type === 'case-study' ? item.questions : [item]))

/** Every key in a body, at any depth. */
function keys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keys(v, out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.add(k), keys(v, out))
  return out
}

describe('api', () => {
  it('should expose the public api', () => {
    expect(Object.keys(api).sort()).toEqual(['Problem', 'ProblemError', 'apiVersion', 'createApp', 'openApiDocument', 'problemCatalog'])
  })
})

describe('GET /v1/banks/{bank}/questions', () => {
  it('pages through every item once, in a stable order by id', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await get(`${bankPath}/questions?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.status).toBe(200)
      expect(page.body.total).toBe(allIds.length)
      seen.push(...page.body.items.map((i: { id: string }) => i.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(allIds)
  })

  it('defaults to 10 items and hides answers, feedback and explanations', async () => {
    const page = await get(`${bankPath}/questions`)
    expect(page.body.items).toHaveLength(10)
    const found = keys(page.body.items)
    for (const hidden of ['answer', 'feedback', 'explanation']) expect(found.has(hidden)).toBe(false)
  })

  it('reveals them with reveal=true', async () => {
    const page = await get(`${bankPath}/questions?limit=100&reveal=true`)
    for (const item of page.body.items) {
      expect(item.explanation).toBeDefined()
      if (item.type === 'case-study') for (const q of item.questions) expect(q.answer).toBeDefined()
      else expect(item.answer).toBeDefined()
    }
  })

  it('filters: AND across filters, OR within one, repeated or comma-separated', async () => {
    const single = await get(`${bankPath}/questions?type=single&limit=100`)
    expect(single.body.items.every((i: any) => i.type === 'single')).toBe(true)
    expect(single.body.total).toBe(fixtureBank.items.filter((i) => i.type === 'single').length)

    const both = await get(`${bankPath}/questions?type=single&type=multiple&limit=100`)
    const comma = await get(`${bankPath}/questions?type=single,multiple&limit=100`)
    expect(both.body).toEqual(comma.body)
    expect(new Set(both.body.items.map((i: any) => i.type))).toEqual(new Set(['single', 'multiple']))

    const narrow = await get(`${bankPath}/questions?domain=1&difficulty=easy&limit=100`)
    expect(narrow.body.items.map((i: any) => i.id)).toEqual(
      allIds.filter((id) => {
        const item = fixtureBank.items.find((i) => i.id === id)!
        return item.domain === '1' && item.difficulty === 'easy'
      }),
    )

    const tagged = await get(`${bankPath}/questions?tag=error:partial-key&limit=100`)
    expect(tagged.body.total).toBeGreaterThan(0)
    expect(tagged.body.items.every((i: any) => i.tags.includes('error:partial-key'))).toBe(true)

    const topic = await get(`${bankPath}/questions?topic=domain-3&task=3.3`)
    expect(topic.body.items.map((i: any) => i.id)).toEqual(['q-pipeline-case'])
  })

  it.each([
    ['type=essay', 'type'],
    ['type=single,Essay', 'type'],
    ['difficulty=extreme', 'difficulty'],
    ['domain=9', 'domain'],
    ['task=1.9', 'task'],
    ['topic=nowhere', 'topic'],
    ['tag=error:nope', 'tag'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['order=sideways', 'order'],
    ['seed=-1', 'seed'],
    ['seed=99999999999', 'seed'],
    ['reveal=yes', 'reveal'],
    ['cursor=garbage', 'cursor'],
    ['typ=single', 'typ'],
  ])('answers 400 naming the parameter for %s', async (query, parameter) => {
    expectProblem(await get(`${bankPath}/questions?${query}`), 400, { parameter })
  })

  it('reports every bad parameter at once', async () => {
    const reply = await get(`${bankPath}/questions?domain=9&tag=nope`)
    expect(reply.body.errors.map((e: any) => e.parameter)).toEqual(['domain', 'tag'])
  })

  it('refuses more than 250 excluded ids', async () => {
    const ids = Array.from({ length: 251 }, (_, i) => `q-${i}`).join(',')
    expectProblem(await get(`${bankPath}/questions?exclude=${ids}`), 400, { parameter: 'exclude' })
  })

  it('shuffles reproducibly with order=random&seed', async () => {
    const a = await get(`${bankPath}/questions?order=random&seed=42&limit=100`)
    const b = await get(`${bankPath}/questions?order=random&seed=42&limit=100`)
    const c = await get(`${bankPath}/questions?order=random&seed=43&limit=100`)
    const ids = (r: any) => r.body.items.map((i: any) => i.id)
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a)).not.toEqual(ids(c))
    expect(ids(a)).not.toEqual(allIds)
    expect([...ids(a)].sort()).toEqual(allIds)
    expect(a.body.seed).toBe(42)
  })

  it('takes a string seed, hashed deterministically; integers keep their order', async () => {
    const ids = (r: any) => r.body.items.map((i: any) => i.id)
    const a = await get(`${bankPath}/questions?order=random&seed=learner-42&limit=100`)
    expect(a.status).toBe(200)
    expect(a.body.seed).toEqual(expect.any(Number))
    expect(ids(await get(`${bankPath}/questions?order=random&seed=learner-42&limit=100`))).toEqual(ids(a))
    expect(ids(await get(`${bankPath}/questions?order=random&seed=${a.body.seed}&limit=100`))).toEqual(ids(a))
    expect(ids(await get(`${bankPath}/questions?order=random&seed=learner-43&limit=100`))).not.toEqual(ids(a))
    const paged = await get(`${bankPath}/questions?order=random&seed=learner-42&limit=2`)
    const next = await get(`${bankPath}/questions?order=random&seed=learner-42&limit=2&cursor=${paged.body.nextCursor}`)
    expect([...ids(paged), ...ids(next)]).toEqual(ids(a).slice(0, 4))
    const drill = await get(`${bankPath}/drills?domain=1&seed=${encodeURIComponent('attempt 7/learner é')}`)
    expect(drill.status).toBe(200)
    expectProblem(await get(`${bankPath}/questions?order=random&seed=${'x'.repeat(129)}`), 400, { parameter: 'seed' })
    expect((await post(`${bankPath}/questions/search`, { order: 'random', seed: 'learner-42', limit: 100 })).body).toEqual(a.body)
  })

  it('pages a seeded shuffle with cursors, without repeats', async () => {
    const whole = await get(`${bankPath}/questions?order=random&seed=7&limit=100`)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await get(`${bankPath}/questions?order=random&seed=7&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.body.items.map((i: any) => i.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(whole.body.items.map((i: any) => i.id))
  })

  it('picks and returns a seed when order=random has none, and the cursor keeps it', async () => {
    const first = await get(`${bankPath}/questions?order=random&limit=5`)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.body.seed).toEqual(expect.any(Number))
    const second = await get(`${bankPath}/questions?order=random&limit=5&cursor=${first.body.nextCursor}`)
    const again = await get(`${bankPath}/questions?order=random&seed=${first.body.seed}&limit=10`)
    expect([...first.body.items, ...second.body.items].map((i: any) => i.id)).toEqual(again.body.items.map((i: any) => i.id))
  })

  it('refuses a cursor from another order', async () => {
    const page = await get(`${bankPath}/questions?limit=2`)
    expectProblem(await get(`${bankPath}/questions?order=random&seed=1&cursor=${page.body.nextCursor}`), 400, { parameter: 'cursor' })
  })

  it('leaves out excluded ids; a case study goes with any of its questions', async () => {
    const page = await get(`${bankPath}/questions?limit=100&exclude=q-ingest-stream,q-pipeline-case-q2&exclude=q-unknown`)
    const ids = page.body.items.map((i: any) => i.id)
    expect(ids).not.toContain('q-ingest-stream')
    expect(ids).not.toContain('q-pipeline-case')
    expect(page.body.total).toBe(allIds.length - 2)
  })

  it('answers 404 for an unknown bank', async () => {
    expectProblem(await get('/v1/banks/nope/questions'), 404, { parameter: 'bank' })
  })
})

describe('POST /v1/banks/{bank}/questions/search', () => {
  it('answers what GET /questions answers for the same filters, sent as a JSON body', async () => {
    const query = await get(`${bankPath}/questions?type=single,multiple&difficulty=easy&limit=100&order=random&seed=42&reveal=true&exclude=q-ingest-stream`)
    const body = await post(`${bankPath}/questions/search`, {
      type: ['single', 'multiple'],
      difficulty: ['easy'],
      limit: 100,
      order: 'random',
      seed: 42,
      reveal: true,
      exclude: ['q-ingest-stream'],
    })
    expect(body.status).toBe(200)
    expect(body.body).toEqual(query.body)
    const stable = await post(`${bankPath}/questions/search`, {})
    expect(stable.body).toEqual((await get(`${bankPath}/questions`)).body)
  })

  it('takes exclude lists longer than a URL can carry, and pages with the cursors it returns', async () => {
    const long = Array.from({ length: 500 }, (_, n) => `q-seen-${n}-`.padEnd(100, 'x'))
    const first = await post(`${bankPath}/questions/search`, { exclude: [...long, 'q-ingest-stream'], limit: 3 })
    expect(first.status).toBe(200)
    expect(first.body.total).toBe(allIds.length - 1)
    expect(first.body.items.map((i: any) => i.id)).not.toContain('q-ingest-stream')
    const second = await post(`${bankPath}/questions/search`, { exclude: [...long, 'q-ingest-stream'], limit: 3, cursor: first.body.nextCursor })
    const both = [...first.body.items, ...second.body.items].map((i: any) => i.id)
    expect(both).toEqual(allIds.filter((id) => id !== 'q-ingest-stream').slice(0, 6))
  })

  it('answers 400 naming the body path', async () => {
    expectProblem(await post(`${bankPath}/questions/search`, { tag: ['error:nope'] }), 400, { pointer: '/tag/0' })
    expectProblem(await post(`${bankPath}/questions/search`, { domain: ['1', '9'] }), 400, { pointer: '/domain/1' })
    expectProblem(await post(`${bankPath}/questions/search`, { type: 'single' }), 400, { pointer: '/type' })
    expectProblem(await post(`${bankPath}/questions/search`, { limit: 101 }), 400, { pointer: '/limit' })
    expectProblem(await post(`${bankPath}/questions/search`, { reveal: 'true' }), 400, { pointer: '/reveal' })
    expectProblem(await post(`${bankPath}/questions/search`, { typ: ['single'] }), 400, { pointer: '/typ' })
    expectProblem(await post(`${bankPath}/questions/search`, { cursor: 'garbage' }), 400, { pointer: '/cursor' })
    expectProblem(await post('/v1/banks/nope/questions/search', {}), 404, { parameter: 'bank' })
  })
})

describe('GET /v1/banks/{bank}/questions/{id}', () => {
  it('serves one question, hidden or revealed', async () => {
    const hidden = await get(`${bankPath}/questions/q-ingest-stream`)
    expect(hidden.body.id).toBe('q-ingest-stream')
    expect(hidden.body.answer).toBeUndefined()
    const shown = await get(`${bankPath}/questions/q-ingest-stream?reveal=true`)
    expect(shown.body.answer).toEqual(['o-ingeststreamb'])
    expect(shown.body.options[0].feedback).toEqual(expect.any(String))
  })

  it('serves a case study’s question with its scenario', async () => {
    const reply = await get(`${bankPath}/questions/q-pipeline-case-q1`)
    expect(reply.body.caseStudy).toEqual({ id: 'q-pipeline-case', scenario: expect.any(String) })
  })

  it('answers 404 naming the id', async () => {
    expectProblem(await get(`${bankPath}/questions/q-nope`), 404, { parameter: 'id' })
  })
})

describe('POST /v1/banks/{bank}/questions/{id}/answer', () => {
  it.each(questions.map((q) => [q.id, q.type]))('accepts exactly what reveal=true shows as the answer of %s (%s)', async (id) => {
    const shown = await get(`${bankPath}/questions/${id}?reveal=true`)
    const reply = await post(`${bankPath}/questions/${id}/answer`, { response: shown.body.answer })
    expect(reply.status).toBe(200)
    expect(reply.body.correct).toBe(true)
    expect(reply.body.answer).toEqual(shown.body.answer)
    expect(reply.body.explanation).toEqual(shown.body.explanation)
    expect(reply.body.feedback.every((f: any) => f.correct)).toBe(true)
  })

  it('marks a wrong response wrong, with feedback for the options chosen', async () => {
    const reply = await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: ['o-ingeststreama'] })
    expect(reply.body).toMatchObject({ correct: false, answer: ['o-ingeststreamb'] })
    expect(reply.body.feedback).toEqual([{ id: 'o-ingeststreama', correct: false, feedback: expect.stringMatching(/^Wrong/) }])
  })

  it('is order-free for multiple and matching, ordered for ordering, all-or-nothing', async () => {
    expect((await post(`${bankPath}/questions/q-transform-etl/answer`, { response: ['o-transformetld', 'o-transformetla'] })).body.correct).toBe(true)
    expect((await post(`${bankPath}/questions/q-transform-etl/answer`, { response: ['o-transformetla'] })).body.correct).toBe(false)
    expect(
      (await post(`${bankPath}/questions/q-integrity-match/answer`, {
        response: [{ prompt: 'p-skew', choice: 'o-smote' }, { prompt: 'p-missing', choice: 'o-impute' }, { prompt: 'p-outliers', choice: 'o-clip' }],
      })).body.correct,
    ).toBe(true)
    expect((await post(`${bankPath}/questions/q-ingest-order/answer`, { response: ['o-buffer', 'o-collect', 'o-store'] })).body.correct).toBe(false)
    expect((await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: [] })).body.correct).toBe(false)
  })

  it('refuses options the question does not have, naming the body path', async () => {
    expectProblem(await post(`${bankPath}/questions/q-transform-etl/answer`, { response: ['o-transformetla', 'o-nope'] }), 400, { pointer: '/response/1' })
    expectProblem(await post(`${bankPath}/questions/q-transform-etl/answer`, { response: ['o-transformetla', 'o-transformetla'] }), 400, { pointer: '/response/1' })
    expectProblem(await post(`${bankPath}/questions/q-integrity-match/answer`, { response: [{ prompt: 'p-x', choice: 'o-clip' }] }), 400, { pointer: '/response/0/prompt' })
    expectProblem(await post(`${bankPath}/questions/q-integrity-match/answer`, { response: ['o-clip'] }), 400, { pointer: '/response' })
    expectProblem(await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: [{ prompt: 'p', choice: 'o' }] }), 400, { pointer: '/response' })
  })

  it('refuses a malformed body, naming the path', async () => {
    expectProblem(await post(`${bankPath}/questions/q-ingest-stream/answer`, {}), 400, { pointer: '/response' })
    expectProblem(await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: 'o-ingeststreamb' }), 400, { pointer: '/response' })
    expectProblem(await post(`${bankPath}/questions/q-ingest-stream/answer`, { response: [], extra: 1 }), 400, { pointer: '/extra' })
    expectProblem(await call('POST', `${bankPath}/questions/q-ingest-stream/answer`, { raw: '{"response": [', headers: { 'content-type': 'application/json' } }), 400, { pointer: '' })
  })

  it('asks for a case study’s questions by their own ids', async () => {
    const reply = await post(`${bankPath}/questions/q-pipeline-case/answer`, { response: [] })
    expectProblem(reply, 400, { parameter: 'id' })
    expect(reply.body.detail).toContain('q-pipeline-case-q1')
  })

  it('answers 404 for an unknown question', async () => {
    expectProblem(await post(`${bankPath}/questions/q-nope/answer`, { response: [] }), 404, { parameter: 'id' })
  })
})
