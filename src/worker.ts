/**
 * Cloudflare Worker entry (wrangler.toml `main`). The bank is embedded in the
 * bundle; /docs assets are Workers static assets (wrangler.toml [assets]).
 */
import type { ExecutionContext } from 'hono'
import { createApp } from './api/app.js'
import { embeddedBanks } from './api/embedded.js'

export interface Env {
  /** Static assets: dist/assets (the Swagger UI files under /docs/). */
  ASSETS?: { fetch: (input: Request | string) => Promise<Response> }
  /** Comma-separated allowed CORS origins; `*` when unset. */
  CORS_ORIGINS?: string
}

let origins: string[] | undefined

const app = createApp({
  banks: embeddedBanks,
  corsOrigins: (origin) => {
    if (!origins || origins.length === 0 || origins.includes('*')) return true
    return origins.includes(origin)
  },
  docsAssets: (name, c) => {
    const assets = (c.env as Env | undefined)?.ASSETS
    return assets ? assets.fetch(new Request(new URL(`/docs/${name}`, c.req.url))) : undefined
  },
})

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    origins ??= (env.CORS_ORIGINS ?? '*').split(',').map((o) => o.trim()).filter((o) => o !== '')
    return app.fetch(request, env, ctx)
  },
}
