/**
 * A typed client for the quizgraph API: openapi-fetch over the types that
 * `npm run openapi` generates from the OpenAPI document.
 *
 *   const api = createQuizgraphClient('http://localhost:8787')
 *   // for example, with the MLA-C01 bank:
 *   const { data } = await api.GET('/v1/banks/{bank}/questions', { params: { path: { bank: 'mla-c01' }, query: { type: ['single'] } } })
 */
import createClient, { type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './schema.js'

export type { components, paths }
export type Question = components['schemas']['Question']
export type Exam = components['schemas']['Exam']
export type Grade = components['schemas']['Grade']
export type Problem = components['schemas']['Problem']

export function createQuizgraphClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  return createClient<paths>({ ...options, baseUrl, querySerializer: { array: { style: 'form', explode: true } } })
}
