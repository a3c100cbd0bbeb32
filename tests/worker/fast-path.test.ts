/**
 * The fast path inside workerd: repeated requests to the Worker entry get the
 * same status, headers and bytes as the first (stored) answer.
 */
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const send = async (path: string, body?: string, headers: Record<string, string> = {}) => {
  const init: RequestInit = { headers }
  if (body !== undefined) {
    Object.assign(init, { method: 'POST', body })
    init.headers = { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(body).byteLength), ...headers }
  }
  const response = await exports.default.fetch(new Request(`http://worker.test${path}`, init))
  return { status: response.status, headers: Object.fromEntries(response.headers), bytes: new Uint8Array(await response.arrayBuffer()) }
}

describe('worker fast path', () => {
  it('answers repeated requests with the same status, headers and bytes', async () => {
    const bank = (JSON.parse(new TextDecoder().decode((await send('/v1/banks')).bytes)) as { items: Array<{ id: string }> }).items[0]!.id
    const list = `/v1/banks/${bank}/questions?limit=10&reveal=true`
    const first = await send(list)
    const question = (JSON.parse(new TextDecoder().decode(first.bytes)) as { items: Array<{ id: string; answer: unknown }> }).items[0]!
    const requests: Array<[string, (string | undefined)?, Record<string, string>?]> = [
      [list],
      [list, undefined, { 'if-none-match': first.headers['etag']! }],
      [`/v1/banks/${bank}/questions/${question.id}`],
      [`/v1/banks/${bank}/questions/${question.id}/answer`, JSON.stringify({ response: question.answer })],
      [`/v1/banks/${bank}/exams`, '{"seed":42}'],
      [`/v1/banks/${bank}/exams`, '{"seed":"x"}'],
    ]
    for (const [path, body, headers] of requests) {
      const a = await send(path, body, headers)
      const b = await send(path, body, headers)
      const c = await send(path, body, headers)
      expect(b, path).toEqual(a)
      expect(c, path).toEqual(a)
    }
    expect((await send(list, undefined, { 'if-none-match': first.headers['etag']! })).status).toBe(304)
  })
})
