/**
 * Rate limiting through the Workers rate-limiting binding (wrangler.toml
 * `[[ratelimits]]`): a request over the limit gets a 429 problem with
 * `Retry-After` and `RateLimit` / `RateLimit-Policy` headers. Where the
 * binding is absent (Node, tests) the middleware does nothing: on Node the
 * operator limits at the reverse proxy (SECURITY.md).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { ProblemError } from '../problems.js'

/** The binding's shape (`RateLimit` in @cloudflare/workers-types). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>
}

export interface RateLimitOptions {
  /** Name of the binding in the Worker's env (default `RATE_LIMITER`). */
  binding?: string
  /** The binding's `simple.limit`: requests per period, reported in `RateLimit-Policy` (default 600). */
  limit?: number
  /** The binding's `simple.period` in seconds, 10 or 60 (default 60). */
  period?: number
  /** Who is counted (default the client IP Cloudflare sets, `cf-connecting-ip`). */
  key?: (c: Context) => string
  /** Policy name in the headers (default `quizgraph`). */
  policy?: string
}

export function rateLimit({
  binding = 'RATE_LIMITER',
  limit = 600,
  period = 60,
  key = (c) => c.req.header('cf-connecting-ip') ?? 'anonymous',
  policy = 'quizgraph',
}: RateLimitOptions = {}): MiddlewareHandler {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`Unexpected rate limit ${limit}, expected a positive integer`)
  if (period !== 10 && period !== 60) throw new Error(`Unexpected rate-limit period ${period}, expected 10 or 60 (the binding's only periods)`)
  // One verdict per request: the fast path (replay.ts) asks before this middleware runs in the chain.
  const verdicts = new WeakMap<Context, Promise<{ success: boolean }>>()
  return async function rateLimiter(c, next) {
    const limiter = (c.env as Record<string, unknown> | undefined)?.[binding] as RateLimitBinding | undefined
    if (typeof limiter?.limit !== 'function' || c.req.method === 'OPTIONS') return next()
    let verdict = verdicts.get(c)
    if (!verdict) verdicts.set(c, (verdict = limiter.limit({ key: key(c) })))
    const { success } = await verdict
    if (success) return next()
    // The binding counts in fixed windows and does not say when this one ends: at most `period` seconds.
    throw new ProblemError('TooManyRequests', `Unexpected request over the limit of ${limit} per ${period} s, expected at most ${limit}`, {
      headers: {
        'retry-after': String(period),
        ratelimit: `"${policy}";r=0;t=${period}`,
        'ratelimit-policy': `"${policy}";q=${limit};w=${period}`,
      },
    })
  }
}
