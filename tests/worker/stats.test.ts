/**
 * The statistics store and endpoints inside workerd, on a local D1 database
 * (wrangler.toml binding DB) migrated from migrations/ as
 * `wrangler d1 migrations apply` does.
 */
import { applyD1Migrations } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { D1Driver } from '../../src/stats/d1.js'
import { SqlStatsStore } from '../../src/stats/store.js'
import { statsSuite } from '../api/stats-suite.js'

const tables = ['attempts', 'checks', 'item_stats', 'item_options', 'scores', 'settings']

statsSuite('D1, one batch per write', async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
  for (const table of tables) await env.DB.prepare(`DELETE FROM ${table}`).run()
  const driver = new D1Driver(env.DB)
  return { store: new SqlStatsStore(driver), rows: (sql, params) => driver.rows(sql, params) }
})

describe('the Worker entry with D1', () => {
  it('records a grade through the DB binding and serves the statistics', async () => {
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
    const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://worker.test${path}`, init))
    const bank = ((await (await call('/v1/banks')).json()) as any).items[0].id
    const exam = (await (await call(`/v1/banks/${bank}/exams`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seed: 3, size: 5 }) })).json()) as any
    const body = JSON.stringify({ responses: {}, attemptId: 'worker-attempt-1' })
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body }
    const graded = (await (await call(`/v1/banks/${bank}/exams/${exam.id}/grade`, init)).json()) as any
    expect(graded.attemptId).toBe('worker-attempt-1')
    await call(`/v1/banks/${bank}/exams/${exam.id}/grade`, init)
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM attempts WHERE id = ?').bind('worker-attempt-1').first<{ n: number }>()
    expect(rows?.n).toBe(1)
    const stats = (await (await call(`/v1/banks/${bank}/stats`)).json()) as any
    expect(stats.forms.find((f: any) => f.questions === 5).distribution).toEqual([{ score: 0, attempts: 1 }])
  })
})
