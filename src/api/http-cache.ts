/**
 * Validators and sending: every response that depends only on the bank and
 * the request carries an ETag from the bank version and the request, and a
 * matching If-None-Match gets a 304. The one server-side cache of responses
 * is the fast path's store (middleware/replay.ts), fed by `sendJson`.
 */
import type { Context } from 'hono'
import { hash } from './random.js'

/** The request in a canonical form: method (HEAD as GET), path and the query's parameters in order. */
export function requestKey(c: Context): string {
  const url = c.req.url
  const start = url.indexOf('/', url.indexOf('//') + 2)
  const mark = url.indexOf('?', start)
  const path = mark < 0 ? url.slice(start) : url.slice(start, mark)
  const query = mark < 0 ? '' : url.slice(mark + 1).split('&').filter((p) => p !== '').sort().join('&')
  return `${c.req.method === 'HEAD' ? 'GET' : c.req.method} ${path}?${query}`
}

/** The ETag of a response that depends only on the bank version and the request. */
export function etagOf(c: Context, version: string): string {
  return `"${version}-${hash(`${version} ${requestKey(c)}`)}"`
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
  /** Every header of the response, when the handler made it whole (the store then need not read them back). */
  headers?: Record<string, string>
}

const replayables = new WeakMap<Context, Replayable>()

/** The response being sent, if the last sendJson said it is a pure function of the bank and the request. */
export function replayableOf(c: Context): Replayable | undefined {
  return replayables.get(c)
}

/** Say that the response being sent is a pure function of the bank and the request (see sendJson). */
export function markReplayable(c: Context, replayable: Replayable): void {
  replayables.set(c, replayable)
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
