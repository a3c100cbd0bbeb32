/**
 * Test harness: the app over the fixture bank, and a `call` that sends a
 * request with app.request and checks the response against the OpenAPI
 * document the app serves (contract), whatever the test then asserts.
 */
import ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import { Bank } from '../../src/bank/schema.js'
import { Graph } from '../../src/graph/schema.js'
import { createApp, openApiDocument, type ApiOptions, type App } from '../../src/api/index.js'

import bankJson from '../fixtures/api/bank.json' with { type: 'json' }
import graphJson from '../fixtures/api/graph.json' with { type: 'json' }

export const fixtureBank = Bank.parse(bankJson)
export const fixtureGraph = Graph.parse(graphJson)

/** Inside workerd (the workers test project), where ajv cannot compile (no code from strings). */
export const userAgent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent
export const inWorkerd = userAgent === 'Cloudflare-Workers'
export const bankPath = '/v1/banks/fixture'

export function makeApp(options: Partial<ApiOptions> = {}): App {
  return createApp({ banks: [{ bank: fixtureBank, graph: fixtureGraph }], onUnexpectedError: () => {}, ...options })
}

type Doc = ReturnType<typeof openApiDocument>

/** ajv is CommonJS: under NodeNext its default import is the module, the class is `.default`. */
const Ajv2020 = ajv2020.default

/** Validates response bodies against an OpenAPI 3.1 document. */
export class Contract {
  readonly #ajv: InstanceType<typeof Ajv2020>
  readonly #doc: Doc
  readonly #compiled = new Map<string, ValidateFunction>()
  readonly #operations: Array<{ method: string; template: string; pattern: RegExp }>
  /** Operations and statuses seen, for the coverage test. */
  readonly seen = new Set<string>()

  constructor(doc: Doc) {
    this.#doc = doc
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
    addFormats.default(this.#ajv)
    this.#ajv.addFormat('binary', true)
    this.#ajv.addSchema(doc as object, 'openapi')
    this.#operations = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
      Object.keys(item as object)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
        })),
    )
  }

  get document(): Doc {
    return this.#doc
  }

  #validator(pointer: string): ValidateFunction {
    const found = this.#compiled.get(pointer)
    if (found) return found
    const fn = this.#ajv.compile({ $ref: `openapi#${pointer}` })
    this.#compiled.set(pointer, fn)
    return fn
  }

  /** Throws (fails the test) when the response is not what the document promises. */
  check(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
    if (inWorkerd) return
    const op = this.#operations.find((o) => o.method === (method === 'HEAD' ? 'GET' : method) && o.pattern.test(path))
    const mediaType = (contentType ?? '').split(';')[0]!.trim()
    const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')
    if (!op) {
      // No operation: only problems may come back (404 unknown path, 405 wrong method, OPTIONS preflight).
      if (method === 'OPTIONS' && status === 204) return
      if (status === 304) return
      expect(mediaType, `${method} ${path} → ${status}`).toBe('application/problem+json')
      this.#assertValid('/components/schemas/Problem', body, `${method} ${path} → ${status}`)
      return
    }
    this.seen.add(`${op.method} ${op.template} ${status}`)
    const responses = (this.#doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>)[op.template]![op.method.toLowerCase()]!.responses
    const declared = responses[String(status)] ?? responses['default']
    expect(declared, `${method} ${path}: status ${status} is not declared in the OpenAPI document`).toBeDefined()
    if (status === 304 || method === 'HEAD') return
    expect(declared!.content?.[mediaType], `${method} ${path} → ${status}: media type ${mediaType} not declared`).toBeDefined()
    const pointer = `/paths/${escape(op.template)}/${op.method.toLowerCase()}/responses/${status}/content/${escape(mediaType)}/schema`
    this.#assertValid(pointer, body, `${method} ${path} → ${status}`)
  }

  #assertValid(pointer: string, body: unknown, what: string) {
    const validate = this.#validator(pointer)
    if (!validate(body)) {
      throw new Error(`${what}: body does not match the OpenAPI schema:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}\n${JSON.stringify(body).slice(0, 500)}`)
    }
  }
}

export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

/** A client over app.request whose every response is contract-checked. */
export function client(app: App = makeApp()) {
  const contract = new Contract(openApiDocument(app))
  async function call<T = any>(method: string, url: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers }
    let body: string | undefined = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await response.text()
    const type = response.headers.get('content-type')
    const parsed = text && type && /json/.test(type) ? JSON.parse(text) : text
    contract.check(method, new URL(url, 'http://localhost').pathname, response.status, type, parsed)
    return { status: response.status, headers: response.headers, body: parsed as T, text }
  }
  return {
    app,
    contract,
    call,
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, headers ? { headers } : {}),
    post: <T = any>(url: string, body?: unknown) => call<T>('POST', url, body === undefined ? {} : { body }),
  }
}

/** Asserts a problem+json body naming where the fault is. */
export function expectProblem(reply: Reply, status: number, where?: { parameter?: string; pointer?: string }) {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(reply.body.status).toBe(status)
  expect(reply.body.title).toEqual(expect.any(String))
  expect(reply.body.detail).toEqual(expect.any(String))
  expect(reply.body.type).toMatch(/^urn:quizgraph:problem:/)
  if (where?.parameter !== undefined) expect(reply.body.parameter).toBe(where.parameter)
  if (where?.pointer !== undefined) expect(reply.body.pointer).toBe(where.pointer)
}
