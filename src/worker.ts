/**
 * Cloudflare Worker entry (wrangler.toml `main`). The bank is embedded in the
 * bundle; /docs assets are Workers static assets (wrangler.toml [assets]).
 * The app is made on the first request, when the env (CORS_ORIGINS) is known,
 * and kept for the isolate's life.
 */
import type { ExecutionContext } from 'hono'
import { type App, createApp, parseCorsOrigins } from './api/app.js'
import { embeddedBanks } from './api/embedded.js'

export interface Env {
  /** Static assets: dist/assets (the Swagger UI files under /docs/). */
  ASSETS?: { fetch: (input: Request | string) => Promise<Response> }
  /** Comma-separated allowed CORS origins; `*` (the default) allows any. */
  CORS_ORIGINS?: string
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
    })
    return app.fetch(request, env, ctx)
  },
}
