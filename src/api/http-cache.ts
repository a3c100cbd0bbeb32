/**
 * Responses that depend only on the bank and the request are serialised once
 * and reused; every such response carries an ETag from the bank version and
 * the request, and a matching If-None-Match gets a 304.
 */
import type { Context } from 'hono'
import { hash } from './random.js'

export interface CachedBody {
  body: string
  etag: string
}

/**
 * Serialised bodies, least recently used first out, bounded by entries and by
 * total characters, so distinct queries cannot grow memory without limit
 * (a Worker isolate has 128 MB).
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedBody>()
  readonly #maxEntries: number
  readonly #maxChars: number
  #chars = 0

  constructor(maxEntries = 2000, maxChars = 16 * 1024 * 1024) {
    this.#maxEntries = maxEntries
    this.#maxChars = maxChars
  }

  get size(): number {
    return this.#entries.size
  }

  get chars(): number {
    return this.#chars
  }

  get(key: string, version: string, build: () => unknown): CachedBody {
    const found = this.#entries.get(key)
    if (found) {
      this.#entries.delete(key)
      this.#entries.set(key, found)
      return found
    }
    const entry = { body: JSON.stringify(build()), etag: `"${version}-${hash(key)}"` }
    if (entry.body.length > this.#maxChars / 4) return entry
    this.#entries.set(key, entry)
    this.#chars += entry.body.length
    for (const [oldest, value] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#chars <= this.#maxChars) break
      this.#entries.delete(oldest)
      this.#chars -= value.body.length
    }
    return entry
  }
}

/** The request as a cache key: method, path and the query in a canonical order. */
export function requestKey(c: Context): string {
  const url = new URL(c.req.url)
  const params = [...url.searchParams].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return `${c.req.method === 'HEAD' ? 'GET' : c.req.method} ${url.pathname}?${new URLSearchParams(params).toString()}`
}

/** Does If-None-Match name this ETag (weak comparison, RFC 9110 §13.1.2)? */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const strip = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => strip(tag) === strip(etag))
}

/** The return type handlers declare: zod-openapi's typed responses are not used for pre-serialised bodies. */
export type Sent = never

/** What the fast path (middleware/replay.ts) may store of the response being sent. */
export interface Replayable {
  status: number
  body: string | Uint8Array | null
}

const replayables = new WeakMap<Context, Replayable>()

/** The response being sent, if the last sendJson said it is a pure function of the bank and the request. */
export function replayableOf(c: Context): Replayable | undefined {
  return replayables.get(c)
}

/**
 * Send a body that is already serialised (JSON unless said), with validators
 * and caching headers. `replayable` (default: when it has an ETag) says the
 * response is a pure function of the bank and the request, so the fast path
 * may store it and answer the same request again from it.
 */
export function sendJson(
  c: Context,
  body: string | Uint8Array,
  options: { status?: number; etag?: string; cacheControl: string; contentType?: string; headers?: Record<string, string>; replayable?: boolean },
): Sent {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json; charset=utf-8',
    'cache-control': options.cacheControl,
    ...options.headers,
  }
  const replayable = options.replayable ?? options.etag !== undefined
  let status = options.status ?? 200
  let sent: string | Uint8Array | null = body
  if (options.etag) {
    headers['etag'] = options.etag
    if (matches(c.req.header('if-none-match'), options.etag)) {
      delete headers['content-type']
      status = 304
      sent = null
    }
  }
  if (replayable) replayables.set(c, { status, body: sent })
  else replayables.delete(c)
  return c.body(sent as string, status as 200, headers) as Sent
}
