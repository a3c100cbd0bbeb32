/**
 * The Node store's own guarantees: the thread reports a database it cannot
 * open, two processes on one database never add an attempt twice, and the
 * stored form of a response gives back what was recorded.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { readMigrations } from '../../src/cli/migrations.js'
import { openSqliteStore } from '../../src/stats/sqlite.js'
import { decode, encodeAttempt, type AttemptRecord, type RecordedResponse } from '../../src/stats/store.js'
import { ThreadedStatsStore } from '../../src/stats/thread.js'

const folder = mkdtempSync(join(tmpdir(), 'quizgraph-store-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const attempt = (id: string, responses: RecordedResponse[]): AttemptRecord => ({ bank: 'b', id, examId: 'e', version: 'v', learner: null, responses, at: 1 })
const answer = (question: string, option: string, correct: boolean): RecordedResponse => ({ question, revision: 'r1', response: [option], correct, options: [option] })

describe('the statistics thread', () => {
  it('rejects with SQLite’s reason when the database cannot be opened', async () => {
    await expect(ThreadedStatsStore.open({ path: join(folder, 'missing', 'folder', 'x.db'), migrations: readMigrations() })).rejects.toThrow(/unable to open database|directory does not exist/)
  })

  it('answers each call in order and ends cleanly; a closed store refuses calls', async () => {
    const store = await ThreadedStatsStore.open({ path: join(folder, 'thread.db'), migrations: readMigrations() })
    const recorded = await Promise.all([0, 1, 2, 1].map((i) => store.recordAttempt(attempt(`a-${i}`, [answer('q1', 'o1', i % 2 === 0)]))))
    expect(recorded).toEqual([true, true, true, false])
    const sums = await store.read('b')
    expect(sums.attempts).toBe(3)
    expect(sums.items[0]).toMatchObject({ question: 'q1', n: 3, correct: 2 })
    await store.close()
    await expect(store.read('b')).rejects.toThrow(/statistics thread exited/)
  })
})

describe('two processes on one database', () => {
  it('add each attempt to the sums once, whichever applies it', async () => {
    const path = join(folder, 'shared.db')
    const server = openSqliteStore(path, readMigrations(), { delayMs: 60_000 })
    const cli = openSqliteStore(path, readMigrations(), { delayMs: 60_000 })
    for (let i = 0; i < 5; i++) await server.store.recordAttempt(attempt(`s-${i}`, [answer('q1', 'o1', true), answer('q2', 'o2', i < 2)]))
    // The other process (npm run stats) adds what the server stored but has not added yet.
    expect(await cli.store.applyPending()).toBe(5)
    expect(await server.store.applyPending()).toBe(0)
    await server.store.recordAttempt(attempt('s-5', [answer('q1', 'o1', false)]))
    expect(await server.store.applyPending()).toBe(1)
    const sums = await cli.store.read('b')
    expect(sums.attempts).toBe(6)
    expect(sums.items.find((item) => item.question === 'q1')).toMatchObject({ n: 6, correct: 5 })
    expect(sums.items.find((item) => item.question === 'q2')).toMatchObject({ n: 5, correct: 2 })
    server.close()
    cli.close()
  })
})

describe('the write-ahead log', () => {
  it('stops growing under practice checks alone: each round of sums checkpoints what was written', async () => {
    const path = join(folder, 'checks.db')
    const { store, close } = openSqliteStore(path, readMigrations(), { delayMs: 60_000 })
    const sizes: number[] = []
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 200; i++) {
        await store.recordCheck({ bank: 'b', question: `q${i}`, revision: 'r1', learner: null, response: ['o1'], correct: i % 2 === 0, options: ['o1'], at: 1 })
      }
      await store.applyPending()
      sizes.push(statSync(`${path}-wal`).size)
    }
    close()
    // A checkpointed log is written again from its start; an unchecked one grows by every round.
    expect(sizes[4]!).toBeLessThanOrEqual(sizes[0]! * 1.2)
  })
})

describe('the stored form of an attempt', () => {
  const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)
  const response: fc.Arbitrary<RecordedResponse> = fc
    .record({
      question: id,
      revision: id,
      correct: fc.boolean(),
      kind: fc.constantFrom('choice', 'duplicated choice', 'unanswered', 'matching', 'ordering'),
      options: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    })
    .map(({ question, revision, correct, kind, options }) => {
      if (kind === 'choice') return { question, revision, correct, response: options, options }
      if (kind === 'duplicated choice') return { question, revision, correct, response: [...options, options[0]!], options }
      if (kind === 'unanswered') return { question, revision, correct, response: null, options: [] }
      if (kind === 'matching') return { question, revision, correct, response: Object.fromEntries(options.map((o, i) => [o, `c${i}`])), options: [] }
      return { question, revision, correct, response: options, options: [] }
    })

  it('decodes to the responses recorded, with the score and the length', () => {
    fc.assert(
      fc.property(fc.array(response, { maxLength: 12 }), (responses) => {
        const encoded = encodeAttempt(attempt('x', responses))
        expect(decode(encoded.responses)).toEqual(responses)
        expect(encoded.score).toBe(responses.filter((r) => r.correct).length)
        expect(encoded.total).toBe(responses.length)
      }),
    )
  })

  it('leaves the response out when it is the list of options chosen', () => {
    const encoded = encodeAttempt(attempt('x', [answer('q1', 'o1', true), { question: 'q2', revision: 'r', response: null, correct: false, options: [] }]))
    expect(JSON.parse(encoded.responses)).toEqual([
      { q: 'q1', r: 'r1', c: 1, o: ['o1'] },
      { q: 'q2', r: 'r', c: 0 },
    ])
  })
})
