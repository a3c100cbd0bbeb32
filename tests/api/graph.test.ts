import { describe, expect, it } from 'vitest'
import { bankPath, client, expectProblem, fixtureBank, fixtureGraph, makeApp } from './helpers.js'

const { get } = client()

describe('GET /healthz', () => {
  it('says ok with the banks and versions', async () => {
    const reply = await get('/healthz')
    expect(reply.body).toEqual({ status: 'ok', banks: [{ id: 'fixture', version: fixtureBank.version }] })
    expect(reply.headers.get('cache-control')).toBe('no-store')
  })
})

describe('GET /v1/banks', () => {
  it('lists the banks with their counts', async () => {
    const reply = await get('/v1/banks')
    expect(reply.body.items).toEqual([
      { id: 'fixture', title: fixtureGraph.bank.title, description: fixtureGraph.bank.description, version: fixtureBank.version, questions: 17, items: 16 },
    ])
  })

  it('lists nothing on a server with no bank', async () => {
    expect((await client(makeApp({ banks: [] })).get('/v1/banks')).body).toEqual({ items: [] })
  })
})

describe('GET /v1/banks/{bank}', () => {
  it('describes the exam, domains with weights and tasks, and counts per filter', async () => {
    const { body } = await get(bankPath)
    expect(body.exam).toEqual(fixtureGraph.bank.exam)
    expect(body.domains.map((d: any) => [d.id, d.weight, d.tasks.length])).toEqual([['1', 28, 3], ['2', 26, 3], ['3', 22, 3], ['4', 24, 3]])
    expect(body.counts).toMatchObject({
      items: 16,
      questions: 17,
      byType: { single: 8, multiple: 3, matching: 2, ordering: 2, 'case-study': 1 },
      byDomain: { 1: 5, 2: 4, 3: 3, 4: 4 },
      byDifficulty: { easy: 3, medium: 6, hard: 7 },
    })
    expect(body.counts.byTag['error:partial-key']).toBe(2)
    expect(Object.values(body.counts.byTask).reduce((a: number, b) => a + (b as number), 0)).toBe(16)
  })

  it('answers 404 naming the bank', async () => {
    expectProblem(await get('/v1/banks/mla-c02'), 404, { parameter: 'bank' })
  })
})

describe('graph', () => {
  it('serves the rules, filtered', async () => {
    expect((await get(`${bankPath}/rules`)).body.items).toEqual(fixtureGraph.rules)
    const d1 = (await get(`${bankPath}/rules?domain=1`)).body.items
    expect(d1.length).toBeGreaterThan(0)
    expect(d1.every((r: any) => r.domain === '1')).toBe(true)
    expectProblem(await get(`${bankPath}/rules?domain=5`), 400, { parameter: 'domain' })
  })

  it('serves the catalog of answers', async () => {
    expect((await get(`${bankPath}/answers`)).body.items).toEqual(fixtureGraph.answers)
  })

  it('serves an answer with the rules that accept it, the traps around it and its questions', async () => {
    const { body } = await get(`${bankPath}/answers/amazon-s3`)
    expect(body.answer.name).toBe('Amazon S3')
    expect(body.acceptedBy.length).toBeGreaterThan(0)
    expect(body.acceptedBy.every((r: any) => r.answerIds.includes('amazon-s3'))).toBe(true)
    expect(body.traps.map((t: any) => t.id)).toEqual(['fixture:trap:cognito'])
    expect(body.questions).toContain('q-ingest-stream')
    const cognito = (await get(`${bankPath}/answers/amazon-cognito`)).body
    expect(cognito.acceptedBy).toEqual([])
    expect(cognito.traps).toHaveLength(1)
    expectProblem(await get(`${bankPath}/answers/nope`), 404, { parameter: 'id' })
  })

  it('serves the traps, filtered', async () => {
    expect((await get(`${bankPath}/traps`)).body.items).toEqual(fixtureGraph.traps)
    expect((await get(`${bankPath}/traps?task=4.3`)).body.items.map((t: any) => t.id)).toEqual(['fixture:trap:cognito'])
  })

  it('serves the whole graph', async () => {
    expect((await get(`${bankPath}/graph`)).body).toEqual(fixtureGraph)
  })
})

describe('GET /v1/banks/{bank}/drills', () => {
  it('aims at tags, rules, domains or tasks, best matches first, minus exclusions', async () => {
    const { body } = await get(`${bankPath}/drills?tag=error:wrong-order&task=2.2&seed=1&limit=100`)
    const ids = body.items.map((i: any) => i.id)
    expect(ids[0]).toBe('q-train-order') // matches both targets
    expect(new Set(ids)).toEqual(new Set(['q-train-order', 'q-ingest-order', 'q-tune']))
    expect(body.remaining).toBe(3)
    const less = (await get(`${bankPath}/drills?tag=error:wrong-order&task=2.2&seed=1&exclude=q-train-order`)).body
    expect(less.items.map((i: any) => i.id)).not.toContain('q-train-order')
    expect(less.remaining).toBe(2)
    const byRule = (await get(`${bankPath}/drills?rule=${encodeURIComponent('fixture:rules-3:pipeline-case-q1')}&seed=1`)).body
    expect(byRule.items.map((i: any) => i.id)).toEqual(['q-pipeline-case'])
  })

  it('is reproducible with a seed, hides answers unless revealed', async () => {
    const a = await get(`${bankPath}/drills?domain=1&seed=9`)
    const b = await get(`${bankPath}/drills?domain=1&seed=9`)
    expect(a.body).toEqual(b.body)
    expect(JSON.stringify(a.body)).not.toContain('"answer"')
    expect(JSON.stringify((await get(`${bankPath}/drills?domain=1&seed=9&reveal=true`)).body)).toContain('"answer"')
    const unseeded = await get(`${bankPath}/drills?domain=1`)
    expect(unseeded.body.seed).toEqual(expect.any(Number))
    expect(unseeded.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 400 with no target or an unknown one', async () => {
    expectProblem(await get(`${bankPath}/drills`), 400, { parameter: 'tag' })
    expectProblem(await get(`${bankPath}/drills?rule=nope`), 400, { parameter: 'rule' })
    expectProblem(await get(`${bankPath}/drills?domain=1&limit=500`), 400, { parameter: 'limit' })
  })
})
