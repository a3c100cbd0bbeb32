/**
 * The API's error catalog and its RFC 9457 problem bodies.
 *
 * Every error the API answers is one entry here: a permanent `name` (the last
 * segment of the problem `type`), a `title` that never varies, the HTTP status,
 * and a `hint` saying what to do. The `detail` of one occurrence is written
 * where it happens; the offending parameter or body path is data beside it,
 * never part of the sentence.
 */
import { z } from '@hono/zod-openapi'

export interface ProblemDefinition {
  name: string
  status: 400 | 401 | 404 | 405 | 410 | 413 | 415 | 429 | 431 | 500
  title: string
  hint: string
}

export const catalog = {
  InvalidParameter: {
    name: 'invalid-parameter',
    status: 400,
    title: 'Invalid parameter',
    hint: 'Check the parameter against the OpenAPI document at /openapi.json; enum values are case-sensitive.',
  },
  InvalidBody: {
    name: 'invalid-body',
    status: 400,
    title: 'Invalid request body',
    hint: 'Send a JSON body that matches the operation’s request schema.',
  },
  MalformedBody: {
    name: 'malformed-body',
    status: 400,
    title: 'Malformed JSON body',
    hint: 'The body could not be parsed as JSON; check quoting and commas.',
  },
  BankNotFound: {
    name: 'bank-not-found',
    status: 404,
    title: 'Bank not found',
    hint: 'List the banks this server holds with GET /v1/banks.',
  },
  QuestionNotFound: {
    name: 'question-not-found',
    status: 404,
    title: 'Question not found',
    hint: 'Question ids are stable across bank versions; list them with GET /v1/banks/{bank}/questions.',
  },
  AnswerNotFound: {
    name: 'answer-not-found',
    status: 404,
    title: 'Answer not found',
    hint: 'List the catalog of answers with GET /v1/banks/{bank}/answers.',
  },
  ExamNotFound: {
    name: 'exam-not-found',
    status: 404,
    title: 'Exam not found',
    hint: 'Exam ids come from POST /v1/banks/{bank}/exams; they are not made up by clients.',
  },
  RouteNotFound: {
    name: 'not-found',
    status: 404,
    title: 'Not found',
    hint: 'The operations this API offers are listed at /openapi.json and /docs.',
  },
  Unauthorized: {
    name: 'unauthorized',
    status: 401,
    title: 'Admin token required',
    hint: 'Send `Authorization: Bearer <ADMIN_TOKEN>`, the token the server was started with.',
  },
  StatsDisabled: {
    name: 'stats-disabled',
    status: 404,
    title: 'Statistics are off',
    hint: 'This server records no responses (STATS=off, or no database binding); start it without STATS=off.',
  },
  QuestionRetired: {
    name: 'question-retired',
    status: 410,
    title: 'Question retired',
    hint: 'The authors took this question out of the bank (the detail says why); its id is never reused. Its statistics stay readable.',
  },
  ExamGone: {
    name: 'exam-gone',
    status: 410,
    title: 'Exam from an earlier bank version',
    hint: 'The bank was regenerated since this exam was created; start a new exam with POST /v1/banks/{bank}/exams.',
  },
  MethodNotAllowed: {
    name: 'method-not-allowed',
    status: 405,
    title: 'Method not allowed',
    hint: 'The Allow header lists the methods this path accepts.',
  },
  PayloadTooLarge: {
    name: 'payload-too-large',
    status: 413,
    title: 'Request body too large',
    hint: 'Request bodies are limited to 64 KiB.',
  },
  UnsupportedMediaType: {
    name: 'unsupported-media-type',
    status: 415,
    title: 'Unsupported media type',
    hint: 'Send the body as application/json.',
  },
  HeaderTooLarge: {
    name: 'header-too-large',
    status: 431,
    title: 'Request header fields too large',
    hint: 'Keep the URL and headers under 64 KiB; send long filter lists (exclude) in the body of POST /v1/banks/{bank}/questions/search.',
  },
  MalformedRequest: {
    name: 'malformed-request',
    status: 400,
    title: 'Malformed HTTP request',
    hint: 'The request could not be parsed as HTTP/1.1; check the request line and headers.',
  },
  TooManyRequests: {
    name: 'too-many-requests',
    status: 429,
    title: 'Too many requests',
    hint: 'Wait the number of seconds in Retry-After, then send the request again.',
  },
  Internal: {
    name: 'internal',
    status: 500,
    title: 'Internal server error',
    hint: 'This is a bug in quizgraph, not in the request; it has been logged.',
  },
} as const satisfies Record<string, ProblemDefinition>

export type ProblemName = keyof typeof catalog

/** Where the fault is: a query or path parameter, a header, or a JSON pointer into the body. */
export interface ProblemLocation {
  in: 'query' | 'path' | 'header' | 'body'
  /** Parameter or header name (query, path, header). */
  parameter?: string
  /** RFC 6901 JSON pointer into the request body ("" is the whole body). */
  pointer?: string
}

export interface ProblemIssue extends ProblemLocation {
  detail: string
}

export const problemTypePrefix = 'urn:quizgraph:problem:'

const Issue = z
  .object({
    detail: z.string(),
    in: z.enum(['query', 'path', 'header', 'body']),
    parameter: z.string().optional(),
    pointer: z.string().optional(),
  })
  .openapi('ProblemIssue')

export const Problem = z
  .object({
    type: z.string().describe(`A URN naming the problem kind, e.g. ${problemTypePrefix}invalid-parameter`),
    title: z.string().describe('Same for every occurrence of this kind of problem'),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('What went wrong in this request'),
    instance: z.string().optional().describe('The request path'),
    hint: z.string().optional().describe('What to do about it'),
    in: z.enum(['query', 'path', 'header', 'body']).optional(),
    parameter: z.string().optional().describe('The offending query/path parameter or header'),
    pointer: z.string().optional().describe('JSON pointer to the offending part of the body'),
    errors: z.array(Issue).optional().describe('Every fault found, when there are several'),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' })
export type Problem = z.infer<typeof Problem>

/** A problem thrown from a handler and answered by the app's error handler. */
export class ProblemError extends Error {
  readonly definition: ProblemDefinition
  readonly detail: string
  readonly issues: ProblemIssue[]
  readonly headers: Record<string, string>

  constructor(
    name: ProblemName,
    detail: string,
    options: { location?: ProblemLocation; issues?: ProblemIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail)
    this.name = 'ProblemError'
    this.definition = catalog[name]
    this.detail = detail
    this.issues = options.issues ?? (options.location ? [{ ...options.location, detail }] : [])
    this.headers = options.headers ?? {}
  }

  get status(): ProblemDefinition['status'] {
    return this.definition.status
  }

  toJSON(instance: string): Problem {
    const first = this.issues[0]
    const body: Problem = {
      type: problemTypePrefix + this.definition.name,
      title: this.definition.title,
      status: this.definition.status,
      detail: this.detail,
      instance,
      hint: this.definition.hint,
    }
    if (first) {
      body.in = first.in
      if (first.parameter !== undefined) body.parameter = first.parameter
      if (first.pointer !== undefined) body.pointer = first.pointer
      body.errors = this.issues.map((issue) => ({ ...issue }))
    }
    return body
  }
}

/** Shorthand: `throw problem('BankNotFound', ..., { in: 'path', parameter: 'bank' })`. */
export function problem(name: ProblemName, detail: string, location?: ProblemLocation): ProblemError {
  return new ProblemError(name, detail, location ? { location } : {})
}

/** RFC 6901 pointer from a zod path. */
export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}
