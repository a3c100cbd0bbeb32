/**
 * Retiring items: a `<!-- quizgraph retired -->` table takes items out of the
 * bank and its exports, keeps their ids reserved (retired.json, 410 from the
 * API), and warns at the row about an id the generator does not make.
 */
import { describe, expect, it } from 'vitest'
import { readContent } from '../../src/cli/generate.js'
import { build } from '../../src/pipeline.js'
import { Bank } from '../../src/bank/schema.js'
import { Graph } from '../../src/graph/schema.js'
import { bankPath, client, expectProblem, fixtureBank, fixtureGraph } from '../api/helpers.js'
import { createApp } from '../../src/api/index.js'

const root = new URL('../../', import.meta.url).pathname
const content = readContent(root)
const plain = build(content)
const bankOf = (result: ReturnType<typeof build>) =>
  Bank.parse(JSON.parse(result.outputs.find((o) => o.path === 'generated/mla-c01/bank.json')!.content as string))
const original = bankOf(plain)
const target = original.items.find((i) => i.type === 'single')!

const retiredFile = (rows: string) => ({
  path: 'content/mla-c01/99-retired.md',
  text: `# Retired items\n\n<!-- quizgraph retired -->\n| Item | Reason |\n| --- | --- |\n${rows}`,
})

describe('retired items', () => {
  const result = build([...content, retiredFile(`| \`${target.id}\` | Miskeyed: the top group picks another option (stats 2026-11) |\n| single-no-such-item-00000000 | typo |\n`)])
  const bank = bankOf(result)

  it('leave the bank and every export, and change the version', () => {
    expect(bank.items.map((i) => i.id)).not.toContain(target.id)
    expect(bank.items).toHaveLength(original.items.length - 1)
    expect(bank.version).not.toBe(original.version)
    for (const output of result.outputs.filter((o) => o.path.includes('/exports/') && typeof o.content === 'string')) {
      expect(output.content as string, output.path).not.toContain(target.id)
    }
  })

  it('stay reserved in retired.json with the reason and the content line', () => {
    const retired = JSON.parse(result.outputs.find((o) => o.path === 'generated/mla-c01/retired.json')!.content as string)
    expect(retired).toEqual([
      { id: target.id, reason: 'Miskeyed: the top group picks another option (stats 2026-11)', source: { file: 'content/mla-c01/99-retired.md', line: 6, column: 3 } },
    ])
    expect(JSON.parse(plain.outputs.find((o) => o.path === 'generated/mla-c01/retired.json')!.content as string)).toEqual([])
  })

  it('warn at the row about an id the generator does not make', () => {
    const warning = result.messages.find((m) => m.ruleId === 'unknown-item')!
    expect(warning).toMatchObject({ file: 'content/mla-c01/99-retired.md', line: 7, column: 3, severity: 'warning' })
    expect(warning.reason).toContain('`single-no-such-item-00000000`')
    expect(result.messages.filter((m) => m.severity === 'error')).toEqual([])
  })

  it('report a table without the Reason column and an empty reason as errors', () => {
    const bad = build([...content, { path: 'content/mla-c01/99-retired.md', text: '<!-- quizgraph retired -->\n| Item |\n| --- |\n| x |\n' }])
    expect(bad.messages.find((m) => m.severity === 'error')).toMatchObject({ file: 'content/mla-c01/99-retired.md', line: 2, ruleId: 'bad-value' })
    const empty = build([...content, retiredFile(`| \`${target.id}\` |  |\n`)])
    expect(empty.messages.find((m) => m.severity === 'error')).toMatchObject({ line: 6, ruleId: 'empty-cell' })
  })

  it('answer 410 with the reason from the API', async () => {
    const item = fixtureBank.items.find((i) => i.type === 'single')!
    const bank = Bank.parse({ ...fixtureBank, items: fixtureBank.items.filter((i) => i !== item) })
    const app = createApp({ banks: [{ bank, graph: Graph.parse(fixtureGraph), retired: [{ id: item.id, reason: 'Second defensible answer', source: { file: 'content/x.md', line: 3, column: 3 } }] }] })
    const { get, post } = client(app)
    const reply = await get(`${bankPath}/questions/${item.id}`)
    expectProblem(reply, 410, { parameter: 'id' })
    expect(reply.body.detail).toContain('Second defensible answer')
    expectProblem(await post(`${bankPath}/questions/${item.id}/answer`, { response: ['o-x'] }), 410)
  })
})
