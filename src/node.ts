/**
 * `npm start`: the same app on Node (@hono/node-server), PORT (default 8787), HOST (default: all interfaces),
 * CORS_ORIGINS (comma-separated, default `*`). PORT=0 picks a free port.
 *
 * Item statistics: graded attempts and answer checks are recorded in SQLite at
 * DATABASE_PATH (default ./data/quizgraph.db, created with its folder on
 * start; `:memory:` keeps nothing); STATS=off records nothing. STATS_SECRET is
 * the HMAC key for learner ids; ADMIN_TOKEN protects the statistics routes.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createApp, parseCorsOrigins } from './api/app.js'
import { nodeDocsAssets } from './api/docs/node-assets.js'
import { embeddedBanks } from './api/embedded.js'
import { serveNode } from './api/node-server.js'
import { readMigrations } from './cli/migrations.js'
import { StatsService } from './stats/service.js'
import { ThreadedStatsStore } from './stats/thread.js'

const env = process.env
let stats: StatsService | undefined
let closeDatabase: () => Promise<void> = async () => {}
if (env['STATS'] !== 'off') {
  const path = env['DATABASE_PATH'] || './data/quizgraph.db'
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  // The database has its own thread: recording takes no time from serving.
  const store = await ThreadedStatsStore.open({ path, migrations: readMigrations() })
  // Attempts a killed process stored but had not yet added to the sums.
  const recovered = await store.applyPending()
  if (recovered > 0) console.log(`applied ${recovered} recorded attempt(s) left pending by the last run`)
  closeDatabase = () => store.close()
  stats = new StatsService({ store, secret: env['STATS_SECRET'], adminToken: env['ADMIN_TOKEN'] })
  console.log(`recording item statistics in ${path}${env['ADMIN_TOKEN'] ? '' : ' (statistics readable without a token: set ADMIN_TOKEN)'}`)
}

const app = createApp({
  banks: embeddedBanks,
  corsOrigins: parseCorsOrigins(env['CORS_ORIGINS']),
  docsAssets: nodeDocsAssets(),
  ...(stats ? { stats } : {}),
})

const port = Number(env['PORT'] ?? 8787)
const hostname = env['HOST'] // default: every interface
const server = serveNode({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, (info) => {
  console.log(`quizgraph API listening on http://localhost:${info.port} (docs at /docs)`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(async () => {
      await closeDatabase()
      process.exit(0)
    }),
  )
}
