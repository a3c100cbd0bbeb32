/**
 * The fast path, and the API's one cache of responses: a request seen before
 * is answered from the response stored for it (status, every header, the
 * body) before routing, validation, serialisation and the header middleware run.
 *
 * Only responses that a handler marks as a pure function of the bank and the
 * request (sendJson's `replayable`) are stored: a GET whose answer
 * depends on the bank and the query, an answer check, an exam with a given
 * seed, a deterministic 4xx problem. The key is what such an answer depends
 * on, exactly as received:
 *
 *     <method> <path>?<query>                      (raw, not reordered or decoded)
 *     origin: <Origin header>                      (only when CORS allows a list of origins)
 *     content-type: <Content-Type>\n\n<raw body>   (POST only, bodies with a Content-Length up to the body limit)
 *
 * The bank version is not in the key: an app serves fixed banks, and a new
 * bank version is a new app (a new deploy or process) with an empty store.
 * If-None-Match is answered from the stored ETag: a 304 is stored as its own
 * variant of the entry the first time the slow path gives it.
 *
 * Bounded least-recently-used store (entries and bytes: body characters or
 * bytes, headers and key), so that distinct requests cannot grow memory
 * without limit; one entry may take at most an eighth of the bytes. A body is
 * kept as the string or bytes the handler sent, never re-encoded.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { matches, replayableOf } from '../http-cache.js'

interface Stored {
  status: number
  headers: Record<string, string>
  body: string | Uint8Array | null
}

interface Entry {
  full: Stored
  etag: string | undefined
  notModified?: Stored
  bytes: number
}

export interface ReplayOptions {
  /** Where the responses are kept. */
  store: ReplayStore
  /** Largest request body read for a key; larger or unsized bodies take the normal path. */
  maxBodyBytes: number
  /** Whether the Origin header changes the answer (CORS with a list of origins). */
  varyOrigin: boolean
  /** Middleware that must let a request through before a stored answer is served (the rate limit). */
  gate?: MiddlewareHandler
}

const bodySize = (body: string | Uint8Array | null) => (body === null ? 0 : typeof body === 'string' ? body.length : body.byteLength)
const storedBytes = (s: Stored) => {
  let bytes = bodySize(s.body)
  for (const name in s.headers) bytes += name.length + s.headers[name]!.length
  return bytes
}

/** The stored responses, least recently used first out. */
export class ReplayStore {
  readonly #entries = new Map<string, Entry>()
  readonly maxEntries: number
  readonly maxBytes: number
  #bytes = 0

  /** At most `maxEntries` entries and `maxBytes` bytes (keys, headers and bodies); one entry may take at most an eighth. */
  constructor(maxEntries = 1000, maxBytes = 8 * 1024 * 1024) {
    this.maxEntries = maxEntries
    this.maxBytes = maxBytes
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry) {
      this.#entries.delete(key)
      this.#entries.set(key, entry)
    }
    return entry
  }

  set(key: string, full: Stored): void {
    const bytes = key.length + storedBytes(full)
    if (bytes > this.maxBytes / 8) return
    this.delete(key)
    this.#entries.set(key, { full, etag: full.headers['etag'], bytes })
    this.#bytes += bytes
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  /** Store the 304 variant of the entry under `key`, if it is still there. */
  setNotModified(key: string, notModified: Stored): void {
    const entry = this.#entries.get(key)
    if (!entry || entry.notModified) return
    entry.notModified = notModified
    const bytes = storedBytes(notModified)
    entry.bytes += bytes
    this.#bytes += bytes
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }
}

const encoder = new TextEncoder()

/** A stored answer as a new Response; a text body is encoded once, on its first repeat, and served as bytes from then on. */
function respond(s: Stored): Response {
  if (typeof s.body === 'string') s.body = encoder.encode(s.body)
  return new Response(s.body, { status: s.status, headers: s.headers })
}

/** The request's key, or undefined when it takes the normal path (other methods, unsized or large bodies). */
async function keyOf(c: Context, options: ReplayOptions): Promise<string | undefined> {
  const method = c.req.method
  if (method !== 'GET' && method !== 'POST') return undefined
  const url = c.req.url
  let key = `${method} ${url.slice(url.indexOf('/', url.indexOf('//') + 2))}`
  if (options.varyOrigin) key += `\norigin: ${c.req.header('origin') ?? ''}`
  if (method === 'POST') {
    const headers = c.req.raw.headers
    const length = headers.get('content-length')
    if (length === null || !/^\d{1,9}$/.test(length) || Number(length) > options.maxBodyBytes || headers.has('transfer-encoding')) return undefined
    // Hono keeps the text: the validators read the same body from it.
    key += `\ncontent-type: ${headers.get('content-type') ?? ''}\n\n${await c.req.text()}`
  }
  return key
}

/** The fast-path middleware; register it before every other middleware. */
/** Whether a middleware lets the request through (it remembers its verdict for the normal path). */
export function passesGate(gate: MiddlewareHandler | undefined): (c: Context) => Promise<boolean> {
  return async (c) => {
    if (!gate) return true
    let passed = false
    try {
      await gate(c, async () => {
        passed = true
      })
    } catch {
      /* the gate says no: the normal path answers (and the gate remembers its verdict) */
    }
    return passed
  }
}

export function replay(options: ReplayOptions): MiddlewareHandler {
  const { store } = options
  const passes = passesGate(options.gate)
  const middleware: MiddlewareHandler = async function replayMiddleware(c, next) {
    const key = await keyOf(c, options)
    if (key === undefined) return next()
    const entry = store.get(key)
    const ifNoneMatch = c.req.header('if-none-match')
    const conditional = entry?.etag !== undefined && matches(ifNoneMatch, entry.etag)
    if (entry && (!conditional || entry.notModified) && (await passes(c))) return respond(conditional ? entry.notModified! : entry.full)

    await next()
    const marked = replayableOf(c)
    const res = c.res
    const status = res.status
    if (!marked || marked.status !== status) return
    const stored: Stored = {
      status,
      headers: marked.headers ?? Object.fromEntries(res.headers),
      // A body the handler made whole for this response (marked.headers) is its own; others are copied.
      body: marked.body === null || typeof marked.body === 'string' || marked.headers ? marked.body : marked.body.slice(),
    }
    if (status === 304) {
      if (conditional) store.setNotModified(key, stored)
    } else if ((status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429)) {
      store.set(key, stored)
    }
  }
  return middleware
}
