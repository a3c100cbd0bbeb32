import { readFileSync } from 'node:fs'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { describe, expect, it } from 'vitest'
import { clientTypesText, documentText } from '../../src/cli/openapi.js'
import { client } from './helpers.js'

const committed = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('OpenAPI document', () => {
  const { get } = client()

  it('is served at /openapi.json as OpenAPI 3.1, with an ETag', async () => {
    const reply = await get('/openapi.json')
    expect(reply.body.openapi).toBe('3.1.0')
    expect(reply.headers.get('etag')).toBeTruthy()
    expect((await get('/openapi.json', { 'if-none-match': reply.headers.get('etag')! })).status).toBe(304)
  })

  it('lists every operation, each with an id, a summary and problem responses', async () => {
    const { body } = await get('/openapi.json')
    const operations = Object.entries(body.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, any>).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    )
    expect(operations.map((o) => o.key)).toEqual([
      'GET /healthz',
      'GET /v1/banks',
      'GET /v1/banks/{bank}',
      'GET /v1/banks/{bank}/questions',
      'POST /v1/banks/{bank}/questions/search',
      'GET /v1/banks/{bank}/questions/{id}',
      'POST /v1/banks/{bank}/questions/{id}/answer',
      'POST /v1/banks/{bank}/exams',
      'GET /v1/banks/{bank}/exams/{id}',
      'POST /v1/banks/{bank}/exams/{id}/grade',
      'GET /v1/banks/{bank}/drills',
      'GET /v1/banks/{bank}/rules',
      'GET /v1/banks/{bank}/answers',
      'GET /v1/banks/{bank}/answers/{id}',
      'GET /v1/banks/{bank}/traps',
      'GET /v1/banks/{bank}/graph',
      'GET /v1/banks/{bank}/exports/{format}',
      'GET /v1/banks/{bank}/stats',
      'GET /v1/banks/{bank}/questions/{id}/stats',
      'DELETE /v1/learners/{id}/responses',
      'GET /openapi.json',
    ])
    for (const { key, op } of operations) {
      expect(op.operationId, key).toEqual(expect.any(String))
      expect(op.summary, key).toEqual(expect.any(String))
      expect(op.responses['500'].content['application/problem+json'], key).toBeDefined()
    }
  })

  it('documents enums and limits from the same schemas that validate requests', async () => {
    const { body } = await get('/openapi.json')
    const params = body.paths['/v1/banks/{bank}/questions'].get.parameters
    const type = params.find((p: any) => p.name === 'type')
    expect(type.schema.items).toEqual({ $ref: '#/components/schemas/ItemType' })
    expect(body.components.schemas.ItemType.enum).toEqual(['single', 'multiple', 'matching', 'ordering', 'case-study'])
    for (const p of params.filter((p: any) => p.in === 'query')) expect(p.schema.type, p.name).not.toContain('null')
    expect(type.explode).toBe(true)
    expect(params.find((p: any) => p.name === 'limit').schema).toMatchObject({ minimum: 1, maximum: 100, default: 10 })
    expect(params.find((p: any) => p.name === 'exclude').schema.maxItems).toBe(250)
  })

  it('passes Redocly’s recommended-strict lint (structure, refs, operation ids, 4xx responses, license)', async () => {
    const config = await createConfig({ extends: ['recommended-strict'] })
    const problems = await lintFromString({ source: documentText(), absoluteRef: 'openapi.json', config })
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([])
  })

  it('describes every operation and the bank parameter, with examples on path ids and request bodies', async () => {
    const { body } = await get('/openapi.json')
    expect(body.info.license.name).toEqual(expect.any(String))
    expect(body.info.contact.name).toEqual(expect.any(String))
    for (const [path, item] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${path}`
        expect(op.description, key).toEqual(expect.any(String))
        for (const p of (op.parameters ?? []).filter((p: any) => p.in === 'path')) {
          expect(p.description, `${key} ${p.name}`).toEqual(expect.any(String))
          expect(p.schema.example ?? p.example, `${key} ${p.name}`).toBeDefined()
        }
        if (op.requestBody) expect(op.requestBody.content['application/json'].example, key).toBeDefined()
        if (['post', 'get'].includes(method) && op.responses['400']) expect(op.responses['400'].description.length, key).toBeGreaterThan(20)
      }
    }
  })

  it('documents the business-rule 400s, the export headers and closed tuples', async () => {
    const { body } = await get('/openapi.json')
    const op = (path: string, method = 'get') => body.paths[path][method]
    expect(op('/v1/banks/{bank}/questions').responses['400'].description).toMatch(/unknown domain, task, topic or tag/)
    expect(op('/v1/banks/{bank}/exams', 'post').responses['400'].description).toMatch(/above the scored questions the bank holds/)
    expect(op('/v1/banks/{bank}/drills').responses['400'].description).toMatch(/no target/)
    expect(op('/v1/banks/{bank}/exams/{id}/grade', 'post').responses['400'].description).toMatch(/not a question of this exam/)
    expect(Object.keys(op('/v1/banks/{bank}/exports/{format}').responses['200'].headers)).toEqual(expect.arrayContaining(['ETag', 'Content-Disposition']))
    expect(body.components.schemas.ExamFormat.properties.scale).toMatchObject({ items: false, minItems: 2, maxItems: 2 })
  })

  it('is committed fresh in openapi/openapi.json, with the client types (npm run openapi)', async () => {
    const text = documentText()
    expect(committed('openapi/openapi.json'), 'openapi/openapi.json is stale: run npm run openapi').toBe(text)
    expect(committed('src/client/schema.d.ts'), 'src/client/schema.d.ts is stale: run npm run openapi').toBe(await clientTypesText(text))
  })
})
