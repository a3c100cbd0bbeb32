/**
 * The app on Node's HTTP server (@hono/node-server), as `npm start`, the
 * bench and the end-to-end tests run it. Two things only a socket shows:
 *
 * - Header limits: Node refuses a header section over `maxHeaderSize` before
 *   any handler runs, with a bare 431. The limit here is 64 KiB (the
 *   documented maximum `exclude` list, 250 ids of 100 characters, is about
 *   25 KiB of URL), and anything Node refuses while parsing is answered with
 *   an RFC 9457 problem+json body, then the connection is closed.
 * - Early errors: the app answers a body over its limit without reading it,
 *   with `Connection: close` (src/api/app.ts), so a pooled client opens a new
 *   connection instead of reusing one the server closes.
 */
import type { Socket } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { ProblemError, type ProblemName } from './problems.js'

export interface NodeServerOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fetch: (request: Request, ...rest: any[]) => Response | Promise<Response>
  port?: number
  hostname?: string
  /** Largest header section (request line, URL and headers) in bytes; default 64 KiB. */
  maxHeaderSize?: number
}

export const defaultMaxHeaderSize = 64 * 1024

const reasons: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' }

/** The raw HTTP/1.1 answer to a request Node could not parse. */
export function parseErrorResponse(code: string | undefined, maxHeaderSize: number): string {
  const overflow = code === 'HPE_HEADER_OVERFLOW'
  const name: ProblemName = overflow ? 'HeaderTooLarge' : 'MalformedRequest'
  const detail = overflow
    ? `Unexpected request line and headers over ${maxHeaderSize} bytes, expected at most ${maxHeaderSize}; ` +
      'send long filter lists (exclude) in the body of POST /v1/banks/{bank}/questions/search'
    : `Unexpected request that is not valid HTTP/1.1 (${code ?? 'parse error'})`
  const { instance: _unknown, ...problem } = new ProblemError(name, detail).toJSON('')
  const body = JSON.stringify(problem)
  const bytes = new TextEncoder().encode(body).byteLength
  return (
    `HTTP/1.1 ${problem.status} ${reasons[problem.status] ?? 'Bad Request'}\r\n` +
    'content-type: application/problem+json; charset=utf-8\r\n' +
    'cache-control: no-store\r\n' +
    `content-length: ${bytes}\r\n` +
    'connection: close\r\n\r\n' +
    body
  )
}

export function serveNode(options: NodeServerOptions, onListen?: (info: { port: number }) => void): ServerType {
  const maxHeaderSize = options.maxHeaderSize ?? defaultMaxHeaderSize
  const server = serve(
    {
      fetch: options.fetch,
      port: options.port ?? 8787,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      serverOptions: { maxHeaderSize },
    },
    onListen,
  )
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    socket.end(parseErrorResponse(error.code, maxHeaderSize))
  })
  return server
}
