/**
 * What every route module shares: the indexed banks and the settings, read
 * once by createApp.
 */
import type { Context } from 'hono'
import type { BankIndex } from './bank-index.js'
import { etagOf, sendJson, type Sent } from './http-cache.js'
import { problem } from './problems.js'
import type { StatsService } from '../stats/service.js'

export interface ApiContext {
  banks: Map<string, BankIndex>
  /** Cache-Control for responses that depend only on the bank and the request. */
  cacheControl: string
  /** Item statistics: where graded attempts and answer checks are recorded (absent: STATS=off). */
  stats?: StatsService
}

export function createContext(banks: BankIndex[], cacheControl: string): ApiContext {
  const map = new Map<string, BankIndex>()
  for (const index of banks) {
    if (map.has(index.id)) throw new Error(`Unexpected second bank \`${index.id}\`, expected each bank once`)
    map.set(index.id, index)
  }
  return { banks: map, cacheControl }
}

/** The bank named in the path, or a 404 naming the parameter. */
export function bankOf(api: ApiContext, id: string): BankIndex {
  const index = api.banks.get(id)
  if (!index) {
    const known = [...api.banks.keys()]
    throw problem(
      'BankNotFound',
      `Unexpected bank \`${id}\`, expected ${known.length === 0 ? 'none: this server holds no bank' : 'one of ' + known.join(', ')}`,
      { in: 'path', parameter: 'bank' },
    )
  }
  return index
}

/**
 * Answer a GET whose body depends only on the bank and the request, with its
 * ETag and Cache-Control. The fast path (middleware/replay.ts) keeps the bytes:
 * the same request again is answered from there.
 */
export function cached(c: Context, api: ApiContext, index: { version: string }, build: () => unknown): Sent {
  const body = build()
  return sendJson(c, typeof body === 'string' ? body : JSON.stringify(body), { etag: etagOf(c, index.version), cacheControl: api.cacheControl })
}

/**
 * Answer with a body that HTTP caches must not keep (a server-chosen seed, a
 * POST result). `replayable`: it is still a pure function of the bank and the
 * request (an answer check, an exam with a given seed), so the fast path may
 * answer the same request again from it.
 */
export function fresh(c: Context, body: unknown, status = 200, replayable = false): Sent {
  return sendJson(c, typeof body === 'string' ? body : JSON.stringify(body), { status, cacheControl: 'no-store', replayable })
}
