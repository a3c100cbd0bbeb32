/**
 * The bench's Node server: the app exactly as `npm start` builds it, plus the
 * bare baseline routes (bench/bare.ts), on 127.0.0.1 and a free port. Prints
 * `{"port":n}` on stdout once listening. Bench-only.
 */
import { createApp } from '../src/api/app.js'
import { nodeDocsAssets } from '../src/api/docs/node-assets.js'
import { embeddedBanks } from '../src/api/embedded.js'
import { serveNode } from '../src/api/node-server.js'
import { withBareRoutes } from './bare.js'

const app = createApp({ banks: embeddedBanks, corsOrigins: '*', docsAssets: nodeDocsAssets() })
const server = serveNode({ fetch: withBareRoutes(app.fetch), port: Number(process.env['PORT'] ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(JSON.stringify({ port: info.port }) + '\n')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
