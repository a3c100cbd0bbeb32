import { describe, expect, it } from 'vitest'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { loadFixture } from './helpers.js'

/** The basic bank with `stem-multiple:` lines after the inference-pattern table's first stem. */
function withMultipleStems(...lines: string[]) {
  return loadFixture('basic').map((file) => {
    if (!file.path.endsWith('/10-deploy.md')) return file
    const at = file.text.indexOf('\nstem: ') + 1
    return { ...file, text: file.text.slice(0, at) + lines.map((line) => `stem-multiple: ${line}\n`).join('') + file.text.slice(at) }
  })
}

describe('`stem-multiple:` (repeatable)', () => {
  it('keeps the templates a multiple-response item asks with', () => {
    const { graph, messages } = buildGraph(
      withMultipleStems('Which inference options fit this requirement: {cue}?', 'A team needs {cue:lower}. Which options meet it?'),
      { bank: 'basic' },
    )
    expect(messages.map(formatMessage)).toEqual([])
    expect(graph?.tables.find((table) => table.id === 'basic:inference-pattern')?.multipleStems).toEqual([
      'Which inference options fit this requirement: {cue}?',
      'A team needs {cue:lower}. Which options meet it?',
    ])
    // Undeclared: no property.
    expect(graph?.tables.find((table) => table.id !== 'basic:inference-pattern' && table.role === 'rules')).not.toHaveProperty('multipleStems')
  })

  it('reports an unknown placeholder like `stem:` does', () => {
    const { messages } = buildGraph(withMultipleStems('Which options fit {need}?'), { bank: 'basic' })
    expect(messages.map((message) => message.ruleId)).toEqual(['unknown-stem-placeholder'])
  })
})
