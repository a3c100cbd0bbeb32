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

/** Problem responses for the given statuses (429 and 500 are always there). */
export function problems(...statuses: Array<400 | 401 | 404 | 410 | 413 | 415>) {
  const out: Record<string, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {}
  for (const status of [...statuses, 429, 500] as const) {
    out[String(status)] = {
      description: descriptions[status] ?? 'Internal error, without internals',
      content: { 'application/problem+json': { schema: Problem } },
    }
  }
  return out
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return {
    description,
    headers: z.object({
      ETag: z.string().optional().openapi({ description: 'Bank version + request; send back as If-None-Match' }),
    }),
    content: { 'application/json': { schema } },
  }
}

export const notModified = { description: 'Not modified (If-None-Match matched the ETag)' }

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
})
