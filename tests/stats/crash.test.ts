/**
 * kill -9 during a load of grades: after a restart on the same database every
 * acknowledged attempt is stored, none twice, and the sums agree with the
 * stored attempts (the restart applies what the killed process left pending).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { startServer, type Server } from '../../src/cli/server.js'

const folder = mkdtempSync(join(tmpdir(), 'quizgraph-crash-'))
const path = join(folder, 'stats.db')
let server: Server | undefined

afterAll(async () => {
  await server?.stop()
  rmSync(folder, { recursive: true, force: true })
})

const post = (base: string, url: string, body: unknown) =>
  fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

it('keeps every acknowledged attempt, once, across kill -9 and restart', async () => {
  server = await startServer({ DATABASE_PATH: path, STATS: 'on', ADMIN_TOKEN: '' })
  const bank = 'mla-c01'
  const exam = (await (await post(server.base, `/v1/banks/${bank}/exams`, { seed: 99, size: 20 })).json()) as any
  const questions: any[] = exam.items.flatMap((item: any) => (item.type === 'case-study' ? item.questions : [item]))
  const gradePath = `/v1/banks/${bank}/exams/${exam.id}/grade`
  const body = (i: number) => ({
    attemptId: `crash-attempt-${i}`,
    // Attempt i answers the first (i mod 21) questions with their first option.
    responses: Object.fromEntries(questions.slice(0, i % 21).filter((q) => q.options).map((q) => [q.id, [q.options[0].id]])),
  })
  const acknowledged = new Set<number>()
  let next = 0
  let killed = false
  const base = server.base
  const client = async () => {
    while (!killed) {
      const i = next++
      try {
        const reply = await post(base, gradePath, body(i))
        if (reply.status === 200) {
          const graded = (await reply.json()) as { attemptId: string }
          if (graded.attemptId === `crash-attempt-${i}`) acknowledged.add(i)
        }
      } catch {
        // the connection died with the server: not acknowledged
      }
    }
  }
  const clients = Array.from({ length: 6 }, client)
  while (acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 20))
  await server.kill()
  killed = true
  await Promise.all(clients)
  server = undefined

  // The killed process may have left attempts stored but not yet in the sums.
  const before = new Database(path)
  const pendingAfterKill = before.prepare('SELECT COUNT(*) FROM attempts WHERE applied = 0').pluck().get() as number
  before.close()

  server = await startServer({ DATABASE_PATH: path, STATS: 'on', ADMIN_TOKEN: '' })
  // A client retrying some acknowledged grades after the restart changes nothing.
  for (const i of [...acknowledged].slice(0, 10)) expect((await post(server.base, gradePath, body(i))).status).toBe(200)
  const stats = (await (await fetch(`${server.base}/v1/banks/${bank}/stats`)).json()) as any
  await server.stop()
  server = undefined

  const db = new Database(path, { readonly: true })
  const ids = db.prepare('SELECT id FROM attempts').pluck().all() as string[]
  for (const i of acknowledged) expect(ids).toContain(`crash-attempt-${i}`)
  expect(new Set(ids).size).toBe(ids.length)
  expect(db.prepare('SELECT COUNT(*) FROM attempts WHERE applied = 0').pluck().get()).toBe(0)
  // Sums = what the stored attempts add up to: each counted once.
  const attempts = db.prepare('SELECT score, total FROM attempts').all() as Array<{ score: number; total: number }>
  expect(db.prepare('SELECT SUM(n) FROM scores').pluck().get()).toBe(attempts.length)
  expect(db.prepare('SELECT SUM(n) FROM item_stats').pluck().get()).toBe(attempts.reduce((n, a) => n + a.total, 0))
  expect(db.prepare('SELECT SUM(correct) FROM item_stats').pluck().get()).toBe(attempts.reduce((n, a) => n + a.score, 0))
  const perBucket = (db.prepare('SELECT bucket_n FROM item_stats').pluck().all() as string[]).flatMap((text) => JSON.parse(text) as number[])
  expect(perBucket.reduce((a, b) => a + b, 0)).toBe(attempts.reduce((n, a) => n + a.total, 0))
  db.close()
  expect(stats.attempts).toBe(attempts.length)
  expect(acknowledged.size).toBeGreaterThanOrEqual(150)
  console.log(`crash test: ${acknowledged.size} acknowledged, ${ids.length} stored, ${pendingAfterKill} pending after kill -9`)
}, 120_000)
