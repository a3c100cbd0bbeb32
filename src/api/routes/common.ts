/** Pieces every route declaration shares. */
import { z } from '@hono/zod-openapi'
import { Problem } from '../problems.js'

const descriptions: Record<number, string> = {
  400: 'Invalid parameter or body; `parameter` or `pointer` names it',
  401: 'Missing or wrong admin token (when the server has ADMIN_TOKEN)',
  404: 'Unknown bank, question, exam or answer',
  410: 'An exam id from an earlier bank version, or a retired question',
  413: 'Body over 64 KiB',
  415: 'Body not sent as application/json',
  429: 'Too many requests (Workers rate limit); see Retry-After',
}

type Status = 400 | 401 | 404 | 410 | 413 | 415

/**
 * Problem responses for the given statuses (429 and 500 are always there);
 * `[status, description]` documents what an operation answers with it (its business rules).
 */
export function problems(...statuses: Array<Status | readonly [Status, string]>) {
  const out: Record<string, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {}
  for (const entry of [...statuses, 429, 500] as const) {
    const [status, description] = typeof entry === 'number' ? [entry, descriptions[entry] ?? 'Internal error, without internals'] : entry
    out[String(status)] = { description, content: { 'application/problem+json': { schema: Problem } } }
  }
  return out
}

/** The 400 of an operation whose query filters are checked against the bank. */
export const filterProblems =
  'Invalid parameter, named in `parameter`: a value the schema refuses, an unknown parameter, or a filter value the bank does not have ' +
  '(an unknown domain, task, topic or tag; GET /v1/banks/{bank} lists the valid ones)'

export function json<T extends z.ZodType>(schema: T, description: string) {
  return {
    description,
    headers: z.object({
      ETag: z.string().optional().openapi({ description: 'Bank version + request; send back as If-None-Match', example: '"3f1c2a9b7d4e-1a2b3c4d"' }),
    }),
    content: { 'application/json': { schema } },
  }
}

/** A JSON body with an example. */
export const jsonExample = <T extends z.ZodType>(schema: T, example: unknown, required = true) => ({
  required,
  content: { 'application/json': { schema, example } },
})

export const notModified = { description: 'Not modified (If-None-Match matched the ETag)' }

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
})
