import { describe, expect, it } from 'vitest'
import { exportFormat } from '../../src/exports/index.js'
import { bankPath, client, expectProblem, fixtureBank, fixtureGraph } from './helpers.js'

const { get, app } = client()

describe('GET /v1/banks/{bank}/exports/{format}', () => {
  it.each(['qti21', 'qti30', 'gift', 'moodle', 'anki'] as const)('serves %s as an attachment, the bytes src/exports makes with the bank title', async (format) => {
    const response = await app.request(`${bankPath}/exports/${format}`)
    expect(response.status).toBe(200)
    const expected = exportFormat(fixtureBank, format, { title: fixtureGraph.bank.title })
    expect(response.headers.get('content-type')).toBe(expected.contentType)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${expected.filename}"`)
    const bytes = new Uint8Array(await response.arrayBuffer())
    const want = typeof expected.body === 'string' ? new TextEncoder().encode(expected.body) : expected.body
    expect(bytes).toEqual(want)
    await get(`${bankPath}/exports/${format}`) // contract
  })

  it('narrows by the question filters, with an ETag and 304', async () => {
    const all = await get(`${bankPath}/exports/gift`)
    const some = await get(`${bankPath}/exports/gift?domain=1`)
    expect(some.text.length).toBeLessThan(all.text.length)
    expect(some.text).toContain('q-ingest-stream')
    expect(some.text).not.toContain('q-drift')
    const again = await get(`${bankPath}/exports/gift?domain=1`, { 'if-none-match': some.headers.get('etag')! })
    expect(again.status).toBe(304)
  })

  it('answers 400 for an unknown format or filter, 404 for an unknown bank', async () => {
    expectProblem(await get(`${bankPath}/exports/scorm`), 400, { parameter: 'format' })
    expectProblem(await get(`${bankPath}/exports/gift?type=essay`), 400, { parameter: 'type' })
    expectProblem(await get('/v1/banks/nope/exports/gift'), 404, { parameter: 'bank' })
  })
})
