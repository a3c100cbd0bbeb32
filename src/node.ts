/**
 * `npm start`: the same app on Node (@hono/node-server), PORT (default 8787),
 * CORS_ORIGINS (comma-separated, default `*`). PORT=0 picks a free port.
 */
import { createApp, parseCorsOrigins } from './api/app.js'
import { nodeDocsAssets } from './api/docs/node-assets.js'
import { embeddedBanks } from './api/embedded.js'
import { serveNode } from './api/node-server.js'

const app = createApp({
  banks: embeddedBanks,
  corsOrigins: parseCorsOrigins(process.env['CORS_ORIGINS']),
  docsAssets: nodeDocsAssets(),
})

const port = Number(process.env['PORT'] ?? 8787)
const server = serveNode({ fetch: app.fetch, port }, (info) => {
  console.log(`quizgraph API listening on http://localhost:${info.port} (docs at /docs)`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
