/** `npm start` (src/node.ts) records statistics with no set-up, and STATS=off records nothing. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { startServer } from '../../src/cli/server.js'

const folder = mkdtempSync(join(tmpdir(), 'quizgraph-start-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const grade = async (base: string) => {
  const post = (path: string, body: unknown) =>
    fetch(`${base}/v1/banks/mla-c01${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)
  const exam = await post('/exams', { seed: 1, size: 4 })
  return post(`/exams/${exam.id}/grade`, { responses: {} })
}

it('creates the database and its folder on start, in WAL mode, and records a grade', async () => {
  const path = join(folder, 'nested', 'data', 'quizgraph.db')
  const server = await startServer({ DATABASE_PATH: path, STATS: 'on', ADMIN_TOKEN: '' })
  try {
    expect((await grade(server.base)).attemptId).toMatch(/^d-/)
    const stats = (await (await fetch(`${server.base}/v1/banks/mla-c01/stats`)).json()) as any
    expect(stats.attempts).toBe(1)
  } finally {
    await server.stop()
  }
  const db = new Database(path, { readonly: true })
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
  expect(db.prepare('SELECT COUNT(*) FROM attempts WHERE applied = 1').pluck().get()).toBe(1)
  db.close()
})

it('STATS=off: no database, no attempt id, statistics 404', async () => {
  const path = join(folder, 'off', 'quizgraph.db')
  const server = await startServer({ DATABASE_PATH: path, STATS: 'off', ADMIN_TOKEN: '' })
  try {
    expect((await grade(server.base)).attemptId).toBeUndefined()
    expect((await fetch(`${server.base}/v1/banks/mla-c01/stats`)).status).toBe(404)
  } finally {
    await server.stop()
  }
  expect(existsSync(path)).toBe(false)
})
