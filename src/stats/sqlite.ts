/**
 * The Node driver: better-sqlite3 (12.x), WAL, one transaction per batch.
 * `openSqliteStore` creates the database file's folder, applies the
 * migrations it is given (src/cli/migrations.ts reads them from migrations/)
 * and records them in d1_migrations, as `wrangler d1 migrations apply` does.
 */
import Database from 'better-sqlite3'
import { SqlStatsStore, type SqlDriver, type SqlStatsStoreOptions, type Statement, type SyncSql } from './store.js'

export interface Migration {
  name: string
  sql: string
}

export class SqliteDriver implements SqlDriver, SyncSql {
  readonly db: Database.Database
  readonly #statements = new Map<string, Database.Statement>()
  readonly #transaction: (statements: readonly Statement[]) => number[]

  constructor(db: Database.Database) {
    this.db = db
    this.#transaction = db.transaction((statements: readonly Statement[]) =>
      statements.map((s) => this.#prepare(s.sql).run(...s.params).changes),
    )
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql)
    if (!statement) this.#statements.set(sql, (statement = this.db.prepare(sql)))
    return statement
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  all(sql: string, params: ReadonlyArray<string | number | null> = []): unknown[][] {
    return this.#prepare(sql).raw(true).all(...params) as unknown[][]
  }

  run(sql: string, params: ReadonlyArray<string | number | null> = []): number {
    return this.#prepare(sql).run(...params).changes
  }

  async batch(statements: readonly Statement[]): Promise<number[]> {
    return this.#transaction(statements)
  }

  async rows(sql: string, params: ReadonlyArray<string | number | null> = []): Promise<unknown[][]> {
    return this.#prepare(sql).raw(true).all(...params) as unknown[][]
  }
}

/** Apply the migrations not yet recorded in d1_migrations, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)')
  const done = new Set((db.prepare('SELECT name FROM d1_migrations').pluck().all() as string[]))
  const applied: string[] = []
  for (const migration of [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (done.has(migration.name)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(migration.name)
    })()
    applied.push(migration.name)
  }
  return applied
}

/**
 * Open (creating it if needed) the statistics database at `path` (`:memory:`
 * allowed) in WAL mode with synchronous=NORMAL: a committed transaction
 * survives the process being killed; a power loss may lose the last ones.
 * Attempts are applied to the sums deferred (SqlStatsStore `deferred`); call
 * `store.applyPending()` at start to apply what a killed process left.
 */
export function openSqliteStore(
  path: string,
  migrations: readonly Migration[],
  options: Pick<SqlStatsStoreOptions, 'delayMs'> = {},
): { store: SqlStatsStore; driver: SqliteDriver; close: () => void } {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  // The store checkpoints after each batch of sums (SqlStatsStore.applyPending), off the grade's path.
  db.pragma('wal_autocheckpoint = 0')
  migrate(db, migrations)
  const driver = new SqliteDriver(db)
  return { store: new SqlStatsStore(driver, { ...options, deferred: driver }), driver, close: () => db.close() }
}
