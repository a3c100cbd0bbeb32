/** The statistics store and endpoints on Node: better-sqlite3 over the migrations in migrations/. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { readMigrations } from '../../src/cli/migrations.js'
import { migrate, SqliteDriver } from '../../src/stats/sqlite.js'
import { SqlStatsStore } from '../../src/stats/store.js'
import { ThreadedStatsStore } from '../../src/stats/thread.js'
import { StatsService } from '../../src/stats/service.js'
import { bankPath, client, fixtureBank, makeApp } from './helpers.js'
import { statsOffSuite, statsSuite } from './stats-suite.js'

const memory = () => {
  const db = new Database(':memory:')
  migrate(db, readMigrations())
  return new SqliteDriver(db)
}
statsSuite('SQLite, one transaction per write', async () => {
  const driver = memory()
  return { store: new SqlStatsStore(driver), rows: (sql, params) => driver.rows(sql, params) }
})
statsSuite('SQLite, sums added in batches after the write', async () => {
  const driver = memory()
  return { store: new SqlStatsStore(driver, { deferred: driver }), rows: (sql, params) => driver.rows(sql, params) }
})

// As `npm start` runs it: the database on its own thread, read here through a second connection.
const folder = mkdtempSync(join(tmpdir(), 'quizgraph-stats-'))
const opened: Array<{ store: ThreadedStatsStore; reader: Database.Database }> = []
afterAll(async () => {
  for (const { store, reader } of opened) {
    reader.close()
    await store.close()
  }
  rmSync(folder, { recursive: true, force: true })
})
statsSuite('SQLite on its own thread', async () => {
  const path = join(folder, `stats-${opened.length}.db`)
  const store = await ThreadedStatsStore.open({ path, migrations: readMigrations() })
  const reader = new Database(path, { readonly: true })
  opened.push({ store, reader })
  const driver = new SqliteDriver(reader)
  return { store, rows: (sql, params) => driver.rows(sql, params) }
})

describe('statistics off', () => statsOffSuite())

describe('a failed write', () => {
  it('still answers the grade and the check, without an attempt id, and reports the error', async () => {
    const driver = memory()
    const store = new SqlStatsStore(driver)
    const failure = new Error('disk full')
    store.recordAttempt = () => Promise.reject(failure)
    store.recordCheck = () => Promise.reject(failure)
    const errors: unknown[] = []
    const { post } = client(makeApp({ stats: new StatsService({ store, onError: (error) => errors.push(error) }) }))
    const exam = (await post(`${bankPath}/exams`, { seed: 5, size: 3 })).body
    const graded = await post(`${bankPath}/exams/${exam.id}/grade`, { responses: {}, attemptId: 'attempt-lost-1' })
    expect(graded.status).toBe(200)
    expect(graded.body.total).toBe(3)
    expect(graded.body).not.toHaveProperty('attemptId')
    const question = fixtureBank.items.find((item) => item.type === 'single')!
    const checked = await post(`${bankPath}/questions/${question.id}/answer`, { response: [] })
    expect(checked.status).toBe(200)
    expect(errors).toEqual([failure, failure])
    expect(await driver.rows('SELECT COUNT(*) FROM attempts')).toEqual([[0]])
  })
})

describe('migrations', () => {
  it('are applied once and recorded in d1_migrations, as wrangler does', () => {
    const db = new Database(':memory:')
    const migrations = readMigrations()
    expect(migrations.map((m) => m.name)).toContain('0001_item_statistics.sql')
    expect(migrate(db, migrations)).toEqual(migrations.map((m) => m.name))
    expect(migrate(db, migrations)).toEqual([])
    expect(db.prepare('SELECT name FROM d1_migrations').pluck().all()).toEqual(migrations.map((m) => m.name))
  })
})
