/** The SQL migrations in migrations/ (what `wrangler d1 migrations apply` reads), for the Node store. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Migration } from '../stats/sqlite.js'

export const migrationsDir = new URL('../../migrations/', import.meta.url)

export function readMigrations(dir: string | URL = migrationsDir): Migration[] {
  const path = typeof dir === 'string' ? dir : dir.pathname
  return readdirSync(path)
    .filter((name) => /^\d{4}_.*\.sql$/.test(name))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(path, name), 'utf8') }))
}
