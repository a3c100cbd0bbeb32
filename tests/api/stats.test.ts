/** The statistics store and endpoints on Node: better-sqlite3 over the migrations in migrations/. */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { readMigrations } from '../../src/cli/migrations.js'
import { migrate, SqliteDriver } from '../../src/stats/sqlite.js'
import { statsOffSuite, statsSuite } from './stats-suite.js'

const sqlite = async () => {
  const db = new Database(':memory:')
  migrate(db, readMigrations())
  return new SqliteDriver(db)
}
statsSuite(sqlite)
// As the Node server runs it: the grade writes the attempt, the sums follow before any read.
statsSuite(sqlite, 'deferred')

describe('statistics off', () => statsOffSuite())

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
