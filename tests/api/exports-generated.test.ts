/**
 * GET …/exports/{format} serves the very bytes `npm run generate` writes to
 * generated/<bank>/exports/, for every bank under generated/ and every format.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportFormats, exportTarget } from '../../src/exports/index.js'
import { createApp } from '../../src/api/index.js'
import type { Bank } from '../../src/bank/schema.js'
import type { Graph } from '../../src/graph/schema.js'

const generated = new URL('../../generated/', import.meta.url)
const banks = readdirSync(generated, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/bank.json`, generated)))
  .map((entry) => entry.name)
  .sort()
const read = (path: string) => readFileSync(new URL(path, generated))
const entries = banks.map((id) => ({
  bank: JSON.parse(read(`${id}/bank.json`).toString('utf8')) as Bank,
  graph: JSON.parse(read(`${id}/graph.json`).toString('utf8')) as Graph,
}))
const app = createApp({ banks: entries, onUnexpectedError: () => {} })

describe('exports served equal the generated files', () => {
  it('finds the generated banks', () => {
    expect(banks.length).toBeGreaterThan(0)
  })

  it.each(banks.flatMap((bank) => exportFormats.map((format) => [bank, format] as const)))('%s %s', async (bank, format) => {
    const response = await app.request(`/v1/banks/${bank}/exports/${format}`)
    expect(response.status).toBe(200)
    const served = Buffer.from(await response.arrayBuffer())
    const file = read(`${bank}/exports/${exportTarget(format).path}`)
    expect(served.equals(file), `${bank} ${format}: served bytes differ from generated/${bank}/exports/${exportTarget(format).path}`).toBe(true)
  })
})
