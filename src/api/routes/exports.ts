/** LMS exports of a bank (src/exports): QTI 2.1 / 3.0, GIFT, Moodle XML, Anki. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { exportFormat, exportFormats, exportTarget } from '../../exports/index.js'
import { type ApiContext, bankOf } from '../context.js'
import { etagOf, sendJson } from '../http-cache.js'
import { BankParams, QuestionsQuery } from '../schemas.js'
import { checkFilters, matchesAll } from '../select.js'
import { notModified, problems } from './common.js'

const ExportParams = BankParams.extend({
  format: z.enum(exportFormats).openapi({ param: { name: 'format', in: 'path' }, description: 'Export format', example: 'moodle' }),
})

const ExportQuery = QuestionsQuery.pick({ domain: true, task: true, topic: true, type: true, difficulty: true, tag: true }).strict()

const mediaTypes = [...new Set(exportFormats.map((f) => exportTarget(f).contentType.split(';')[0]!.trim()))]
const file = z.string().openapi({ format: 'binary' })

const route = createRoute({
  method: 'get',
  path: '/{bank}/exports/{format}',
  operationId: 'exportBank',
  tags: ['Exports'],
  summary: 'The bank as an LMS import file: qti21 / qti30 (zip), gift, moodle (XML), anki (TSV)',
  description:
    'The same bytes `npm run generate` writes to generated/<bank>/exports/, optionally narrowed by the question filters ' +
    '(a case study is kept or dropped whole). Sent as an attachment with a download name.',
  request: { params: ExportParams, query: ExportQuery },
  responses: {
    200: {
      description: 'The file',
      headers: z.object({
        ETag: z.string().openapi({ description: 'Bank version + request; send back as If-None-Match for a 304', example: '"3f1c2a9b7d4e-1a2b3c4d"' }),
        'Content-Disposition': z.string().openapi({
          description: 'An attachment with a download name: `<bank>-<file>`',
          // for example the MLA-C01 bank's Moodle export
          example: 'attachment; filename="mla-c01-moodle.xml"',
        }),
        'Cache-Control': z.string().openapi({ description: 'How long shared caches may keep the file', example: 'public, max-age=300' }),
      }),
      content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: file }])),
    },
    304: notModified,
    ...problems([400, 'Invalid parameter: an unknown format, or a filter value the bank does not have (an unknown domain, task, topic or tag)'], 404),
  },
})

interface Exported {
  body: string | Uint8Array
  contentType: string
  filename: string
}

export function exportsRoutes(api: ApiContext) {
  // The whole bank in each format is made once per bank version (a precomputed file,
  // as generated/ holds it); a filtered export is made per request, and the fast path
  // (middleware/replay.ts) keeps it for a repeat.
  const whole = new Map<string, Exported>()
  return new OpenAPIHono().openapi(route, (c) => {
    const { bank, format } = c.req.valid('param')
    const query = c.req.valid('query')
    const index = bankOf(api, bank)
    checkFilters(index, query)
    const filtered = Object.values(query).some((v) => v !== undefined && v.length > 0)
    // The title src/pipeline.ts passes: the same bytes as generated/<bank>/exports/.
    const title = index.graph.bank.title
    const make = () => exportFormat(index.bank, format, filtered ? { title, filter: (item) => matchesAll(item, query) } : { title })
    let entry: Exported
    if (filtered) entry = make()
    else {
      const key = `${index.id} ${index.version} ${format}`
      entry = whole.get(key) ?? make()
      whole.set(key, entry)
    }
    return sendJson(c, entry.body, {
      etag: etagOf(c, index.version),
      cacheControl: api.cacheControl,
      contentType: entry.contentType,
      headers: { 'content-disposition': `attachment; filename="${entry.filename}"` },
    })
  })
}
