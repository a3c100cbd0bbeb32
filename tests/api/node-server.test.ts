/**
 * The app on a real Node HTTP server (src/api/node-server.ts): what only a
 * socket shows — keep-alive after an early error, header limits.
 */
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveNode } from '../../src/api/node-server.js'
import { bankPath, makeApp } from './helpers.js'

let base = ''
let close: () => Promise<void> = async () => {}

beforeAll(async () => {
  const app = makeApp()
  await new Promise<void>((resolve) => {
    const server = serveNode({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`
      resolve()
    })
    close = () => new Promise((done) => server.close(() => done()))
    void (server.address() as AddressInfo | null)
  })
})
afterAll(() => close())

describe('Node server', () => {
  it('keeps a pooled connection usable after an early 413 (it says Connection: close)', async () => {
    const big = JSON.stringify({ responses: { x: ['a'.repeat(2 * 1024 * 1024)] } })
    for (let round = 0; round < 5; round++) {
      const rejected = await fetch(`${base}${bankPath}/exams/f1f2f3f4f5f6-1-5/grade`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      })
      expect(rejected.status).toBe(413)
      expect(rejected.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(rejected.headers.get('connection')).toBe('close')
      expect(((await rejected.json()) as { status: number }).status).toBe(413)
      const next = await fetch(`${base}/healthz`)
      expect(next.status).toBe(200)
      await next.arrayBuffer()
    }
  })

  it('accepts the documented maximum exclude list in the query (250 ids of 100 characters)', async () => {
    const ids = Array.from({ length: 250 }, (_, n) => `q-${String(n).padStart(3, '0')}-`.padEnd(100, 'x'))
    const response = await fetch(`${base}${bankPath}/questions?limit=1&exclude=${ids.join(',')}`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { items: unknown[] }).items.length).toBe(1)
  })

  it('answers a header section over the limit with a 431 problem+json', async () => {
    const response = await fetch(`${base}${bankPath}/questions?exclude=${'x'.repeat(200 * 1024)}`)
    expect(response.status).toBe(431)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const body = (await response.json()) as { status: number; type: string; detail: string }
    expect(body.status).toBe(431)
    expect(body.type).toMatch(/^urn:quizgraph:problem:/)
    expect(body.detail).toMatch(/search/)
  })
})
