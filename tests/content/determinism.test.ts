import { describe, expect, it } from 'vitest'
import { build } from '../../src/pipeline.js'
import { loadFixture } from './helpers.js'

const files = loadFixture('basic')
const graphText = (input = files): string => {
  const output = build(input).outputs.find((item) => item.path === 'generated/basic/graph.json')
  return String(output?.content)
}

describe('determinism', () => {
  it('builds byte-identical output twice, whatever the order files come in', () => {
    expect(graphText()).toBe(graphText())
    expect(graphText([...files].reverse())).toBe(graphText())
    expect(graphText().endsWith('}\n')).toBe(true)
  })

  it('changing one row changes only that rule’s entry', () => {
    const edited = files.map((file) =>
      file.path.endsWith('10-deploy.md')
        ? { ...file, text: file.text.replace('No persistent endpoint needed', 'No endpoint left running') }
        : file,
    )
    const before = JSON.parse(graphText()) as Record<string, unknown[]>
    const after = JSON.parse(graphText(edited)) as Record<string, unknown[]>
    for (const key of Object.keys(before)) {
      if (key !== 'rules') expect(after[key], key).toEqual(before[key])
    }
    const changed = (before['rules'] ?? []).flatMap((rule, index) =>
      JSON.stringify(rule) === JSON.stringify(after['rules']?.[index]) ? [] : [(rule as { id: string }).id],
    )
    expect(changed).toEqual(['basic:inference-pattern:offline-predictions-for-a-dataset'])
  })

  it('keeps rule ids when rows are added above', () => {
    const edited = files.map((file) =>
      file.path.endsWith('10-deploy.md')
        ? { ...file, text: file.text.replace('| Low-latency, always-on API |', '| Brand new need | Batch transform | New |\n| Low-latency, always-on API |') }
        : file,
    )
    const ids = (text: string) => (JSON.parse(text) as { rules: Array<{ id: string }> }).rules.map((rule) => rule.id)
    expect(ids(graphText(edited))).toEqual(expect.arrayContaining(ids(graphText())))
  })
})
