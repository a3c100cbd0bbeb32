/**
 * Cloudflare Worker entry (wrangler.toml `main`). The bank is embedded in the
 * bundle; /docs assets are Workers static assets (wrangler.toml [assets]).
 * The app is made on the first request, when the env (CORS_ORIGINS) is known,
 * and kept for the isolate's life. Item statistics go to the D1 binding DB
 * (schema: `wrangler d1 migrations apply`), unless STATS is "off".
 */
import type { ExecutionContext } from 'hono'
import { type App, createApp, parseCorsOrigins } from './api/app.js'
import { embeddedBanks } from './api/embedded.js'
import { D1Driver, type D1Like } from './stats/d1.js'
import { StatsService } from './stats/service.js'
import { SqlStatsStore } from './stats/store.js'

export interface Env {
  /** Static assets: dist/assets (the Swagger UI files under /docs/). */
  ASSETS?: { fetch: (input: Request | string) => Promise<Response> }
  /** Comma-separated allowed CORS origins; `*` (the default) allows any. */
  CORS_ORIGINS?: string
  /** D1 database of item statistics (wrangler.toml [[d1_databases]]). */
  DB?: D1Like
  /** "off": record nothing. */
  STATS?: string
  /** HMAC key for learner ids (a secret: `wrangler secret put STATS_SECRET`). */
  STATS_SECRET?: string
  /** Bearer token for the statistics routes (`wrangler secret put ADMIN_TOKEN`). */
  ADMIN_TOKEN?: string
}

let app: App | undefined

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= createApp({
      banks: embeddedBanks,
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      docsAssets: (name, c) => {
        const assets = (c.env as Env | undefined)?.ASSETS
        return assets ? assets.fetch(new Request(new URL(`/docs/${name}`, c.req.url))) : undefined
      },
      ...(env.DB && env.STATS !== 'off'
        ? { stats: new StatsService({ store: new SqlStatsStore(new D1Driver(env.DB)), secret: env.STATS_SECRET, adminToken: env.ADMIN_TOKEN }) }
        : {}),
    })
    return app.fetch(request, env, ctx)
  },
}
