/** The README's example for authors must stay true: it builds, with the messages it shows. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildGraph, formatMessage } from '../../src/content/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const readme = readFileSync(root + 'README.md', 'utf8')
const example = /An example, from `content\/mla-c01\/50-deployment\.md`:\n\n```md\n([\s\S]*?)```/.exec(readme)?.[1]
// The rest of the real bank (every declared domain needs rules), with the example instead of 50-deployment.md.
const rest = readdirSync(`${root}content/mla-c01`)
  .filter((name) => name.endsWith('.md') && name !== '50-deployment.md')
  .map((name) => ({ path: `content/mla-c01/${name}`, text: readFileSync(`${root}content/mla-c01/${name}`, 'utf8') }))

describe('README example for content authors', () => {
  it('is in the README', () => {
    expect(example).toBeDefined()
  })

  it('builds into the rules it describes, beside the rest of the real bank', () => {
    const result = buildGraph([...rest, { path: 'content/mla-c01/50-deployment.md', text: example ?? '' }])
    expect(result.messages.map(formatMessage)).toEqual([])
    expect(result.graph?.rules.filter((rule) => rule.source.file.endsWith('/50-deployment.md')).map((rule) => [rule.id, rule.answerIds, rule.domain, rule.task])).toEqual([
      ['mla-c01:inference-pattern:offline-predictions-for-a-dataset', ['sagemaker-batch-transform'], '3', '3.1'],
      ['mla-c01:inference-pattern:large-payloads-or-long-processing-time', ['sagemaker-asynchronous-inference'], '3', '3.1'],
    ])
  })

  it('is a copy of the real content, not an invention', () => {
    const real = readFileSync(`${root}content/mla-c01/50-deployment.md`, 'utf8')
    for (const line of (example ?? '').split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))) {
      expect(real).toContain(line)
    }
  })
})

describe('README sample items', () => {
  it('are the bank’s items as the bank holds them today (npm run readme)', async () => {
    const { renderReadme } = await import('../../src/cli/readme.js')
    const { Bank } = await import('../../src/bank/schema.js')
    const load = (bank: string) => Bank.parse(JSON.parse(readFileSync(`${root}generated/${bank}/bank.json`, 'utf8')))
    expect(renderReadme(readme, load)).toBe(readme)
    expect(readme).toMatch(/### Case study — `case-study-/)
    expect(readme).toMatch(/### Multiple response — `multiple-scenario-/)
  })
})
