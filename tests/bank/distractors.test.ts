import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateBank, type CaseQuestion, type Item } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { normalize } from '../../src/bank/text.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadFixture, realGraphs } from './helpers.js'

const formOf = (item: Item | CaseQuestion) => item.tags.find((tag) => tag.startsWith('form:'))

function choiceItems(bank: ReturnType<typeof generateBank>) {
  return bank.items
    .flatMap((item): (Item | CaseQuestion)[] => (item.type === 'case-study' ? item.questions : [item]))
    .filter((item) => item.type === 'single' || item.type === 'multiple')
    .filter((item) => formOf(item) === 'form:direct' || formOf(item) === 'form:case')
}

/**
 * An independent check of "guaranteed wrong": a distractor is never an answer
 * that any rule with the same (normalised) cue accepts, in any table, and
 * never out of scope.
 */
function checkGuarantees(graph: Graph) {
  const index = indexGraph(graph)
  const bank = generateBank(graph)
  const problems: string[] = []
  // Recall items are checked against their rule's need; scenario items against their model (tests/bank/scenario.test.ts).
  for (const item of choiceItems(bank)) {
    if (item.type !== 'single' && item.type !== 'multiple') continue
    if (!item.tags.includes('form:recall')) continue
    const rule = index.rules.get(item.ruleIds[0]!)!
    const sameCue = graph.rules.filter((other) => normalize(other.cue) === normalize(rule.cue))
    const accepted = new Set(sameCue.flatMap((other) => other.answerIds.map(index.canon)))
    for (const option of item.options) {
      const id = index.resolve(option.text)
      if (id === undefined) {
        problems.push(`${item.id}: option "${option.text}" is not an answer of the graph`)
        continue
      }
      const isKey = item.answer.includes(option.id)
      if (!isKey && accepted.has(index.canon(id))) problems.push(`${item.id}: distractor "${option.text}" is accepted`)
      if (isKey && !accepted.has(index.canon(id))) problems.push(`${item.id}: key "${option.text}" is not accepted`)
      if (!index.answer(id).inScope) problems.push(`${item.id}: out-of-scope option "${option.text}"`)
    }
  }
  return { bank, index, problems }
}

describe('distractors (fixture)', () => {
  const graph = loadFixture()
  const { bank, index, problems } = checkGuarantees(graph)

  it('are never accepted for the need, and never out of scope', () => {
    expect(problems).toEqual([])
    const outOfScope = graph.answers.filter((answer) => !answer.inScope).map((answer) => answer.name)
    const texts = JSON.stringify(bank)
    for (const name of outOfScope) expect(texts).not.toContain(`"text": "${name}"`)
    expect(outOfScope.length).toBeGreaterThan(0)
  })

  it('are of the key’s kind when the kind has enough answers', () => {
    const items = choiceItems(bank).filter((item) => item.tags.includes('topic:monitoring.monitoring-selection-table'))
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      if (item.type !== 'single' && item.type !== 'multiple') continue
      const kinds = new Set(item.options.map((option) => index.answer(index.resolve(option.text)!).kind))
      expect(kinds.size).toBe(1)
    }
  })

  it('put the documented typical error first', () => {
    // Trap: "Keeping a real-time endpoint for infrequent jobs" → batch transform or serverless.
    for (const cue of ['Offline predictions for a dataset', 'Intermittent traffic, simpler scaling']) {
      const rule = graph.rules.find((candidate) => candidate.cue === cue)!
      const item = bank.items.find((candidate) => candidate.type === 'single' && candidate.ruleIds[0] === rule.id && formOf(candidate) === 'form:direct')
      expect(item?.type).toBe('single')
      if (item?.type !== 'single') continue
      const endpoint = item.options.find((option) => option.text === 'SageMaker real-time endpoint')
      expect(endpoint?.feedback).toMatch(/^Typical error: keeping a real-time endpoint/)
    }
  })

  it('say what each distractor is for', () => {
    const item = bank.items.find((candidate) => candidate.type === 'single' && candidate.stem.includes('ow-latency, always-on API'))
    expect(item?.type).toBe('single')
    if (item?.type !== 'single') return
    const batch = item.options.find((option) => option.text === 'SageMaker batch transform')
    expect(batch?.feedback).toContain('SageMaker batch transform is the answer to a different requirement: “Offline predictions for a dataset”.')
  })
})

describe.each(realGraphs)('distractors (content/$bank)', ({ graph }) => {
  it('are never accepted for the need, and never out of scope', () => {
    expect(checkGuarantees(graph).problems).toEqual([])
  })
})

describe('src/bank', () => {
  it('is not keyed to any table of the content', () => {
    const folder = fileURLToPath(new URL('../../src/bank/', import.meta.url))
    const source = readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(folder + name, 'utf8'))
      .join('\n')
    const graphs = [loadFixture(), ...realGraphs.map((entry) => entry.graph)]
    for (const graph of graphs) {
      for (const table of graph.tables) {
        expect(source).not.toContain(`'${table.id}'`)
        expect(source).not.toContain(table.title)
      }
    }
  })
})
