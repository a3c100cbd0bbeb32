/**
 * The bench's baseline, for the same runtime as the app: a bare Hono route
 * answering bytes the app produced once ("primed"), with the app's status and
 * content type. Bench-only: wraps the app's fetch; never part of src/.
 *
 *   POST /__bench/prime   [{ method, path, body? }] → the app answers each once, in process
 *   ANY  /__bare/:n       the n-th primed answer, as precomputed bytes
 */
import { Hono } from 'hono'

export interface Target {
  name: string
  method: 'GET' | 'POST'
  /** With `{seed}` in it, a first-seen target: every request gets a new seed (the bare route serves one sample's bytes). */
  path: string
  body?: string
}

/** The path a target is primed with: its first-seen template with one sample seed. */
export const sampleOf = (path: string) => path.replace('{seed}', '1')

interface Primed {
  bytes: Uint8Array
  status: number
  type: string
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>

export function withBareRoutes(appFetch: Fetch): Fetch {
  let primed: Primed[] = []
  const bare = new Hono()
  const answerOf = async (target: Target, base: string): Promise<Primed> => {
    const init: RequestInit = { method: target.method }
    if (target.body !== undefined) Object.assign(init, { body: target.body, headers: { 'content-type': 'application/json' } })
    const response = await appFetch(new Request(new URL(sampleOf(target.path), base), init))
    return { bytes: new Uint8Array(await response.arrayBuffer()), status: response.status, type: response.headers.get('content-type') ?? '' }
  }
  bare.post('/__bench/prime', async (c) => {
    const targets = (await c.req.json()) as Target[]
    const next: Primed[] = []
    for (const target of targets) next.push(await answerOf(target, c.req.url))
    primed = next
    return c.json(primed.map((p) => ({ status: p.status, bytes: p.bytes.byteLength })))
  })
  bare.all('/__bare/:n', async (c) => {
    if (c.req.method === 'POST') await c.req.arrayBuffer()
    const n = Number(c.req.param('n'))
    // workerd may start a fresh isolate mid-run (module state lost): the client sends the target along to prime it again.
    const sent = c.req.header('x-bench-target')
    if (!primed[n] && sent) primed[n] = await answerOf(JSON.parse(sent) as Target, c.req.url)
    const answer = primed[n]
    if (!answer) return c.text('not primed', 404)
    return c.body(answer.bytes.slice().buffer, answer.status as 200, { 'content-type': answer.type })
  })
  return (request, ...rest) => (request.url.indexOf('/__', 8) >= 0 ? bare.fetch(request, ...rest) : appFetch(request, ...rest))
}
