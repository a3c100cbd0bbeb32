/**
 * `npm run new-bank -- <id> "<title>"`: the scaffold generates, passes the
 * audit and is served by the API, with no change outside content/ and generated/.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/api/index.js'
import { Bank } from '../../src/bank/schema.js'
import { newBank, scaffold } from '../../src/cli/new-bank.js'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { Graph } from '../../src/graph/schema.js'

describe('new-bank', () => {
  const root = mkdtempSync(join(tmpdir(), 'quizgraph-new-bank-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const log: string[] = []
  const code = newBank(root, 'demo-01', 'Demo Certification (DEMO-01)', (line) => log.push(line))

  it('scaffolds content/<id>/ that builds with no message', () => {
    expect(code, log.join('\n')).toBe(0)
    expect(readdirSync(join(root, 'content', 'demo-01')).sort()).toEqual(['00-bank.md', '01-catalog.md', '10-fundamentals.md'])
    const { graph, messages } = buildGraph(scaffold('demo-01', 'Demo Certification (DEMO-01)'), { bank: 'demo-01' })
    expect(messages.map(formatMessage)).toEqual([])
    expect(graph?.bank.title).toBe('Demo Certification (DEMO-01)')
    // No scale published: scores are percentages, the pass mark one of them.
    expect(graph?.bank.exam.scale).toBeUndefined()
    expect(graph?.bank.exam.passingScore).toBe(70)
  })

  it('generates the bank and the manifest, and passes the audit', () => {
    expect(readdirSync(join(root, 'generated')).sort()).toEqual(['banks.json', 'banks.ts', 'demo-01'])
    const manifest = JSON.parse(readFileSync(join(root, 'generated', 'banks.json'), 'utf8'))
    expect(manifest.banks.map((bank: { id: string }) => bank.id)).toEqual(['demo-01'])
    expect(readFileSync(join(root, 'generated', 'banks.ts'), 'utf8')).toContain(`from './demo-01/bank.json'`)
    expect(log.join('\n')).toContain('all checks pass')
  })

  it('is served by the API: bank, questions and a graded exam in percentages', async () => {
    const bank = Bank.parse(JSON.parse(readFileSync(join(root, 'generated', 'demo-01', 'bank.json'), 'utf8')))
    const graph = Graph.parse(JSON.parse(readFileSync(join(root, 'generated', 'demo-01', 'graph.json'), 'utf8')))
    // Only the declared item types.
    expect(new Set(bank.items.map((item) => item.type))).toEqual(new Set(['single', 'matching']))
    const app = createApp({ banks: [{ bank, graph }], onUnexpectedError: () => {} })
    const list: any = await (await app.request('/v1/banks')).json()
    expect(list.items.map((item: { id: string }) => item.id)).toEqual(['demo-01'])
    const exam: any = await (await app.request('/v1/banks/demo-01/exams', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seed":1}' })).json()
    const grade: any = await (
      await app.request(`/v1/banks/demo-01/exams/${exam.id}/grade`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"responses":{}}' })
    ).json()
    expect(grade).toMatchObject({ rawScore: 0, scaledScore: 0, passingScore: 70, passed: false })
  })

  it('refuses an existing folder or a bad id, writing nothing', () => {
    const lines: string[] = []
    expect(newBank(root, 'demo-01', 'Again', (line) => lines.push(line))).toBe(1)
    expect(lines).toEqual(['content/demo-01 already exists: nothing written'])
    expect(newBank(root, 'Bad Id', 'Title', () => {})).toBe(1)
    expect(readdirSync(join(root, 'content'))).toEqual(['demo-01'])
  })
})
