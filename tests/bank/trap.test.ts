import { describe, expect, it } from 'vitest'
import { generateBank, type Item } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { normalize } from '../../src/bank/text.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadFixture, realGraph, realGraphs } from './helpers.js'

type Single = Extract<Item, { type: 'single' }>

function trapItems(graph: Graph): { trap: Graph['traps'][number]; item: Single }[] {
  const bank = generateBank(graph)
  return bank.items.flatMap((item) => {
    if (item.type !== 'single' || !item.tags.includes('form:trap')) return []
    const trap = graph.traps.find((candidate) => candidate.id === item.ruleIds[0])
    return trap ? [{ trap, item }] : []
  })
}

/** Independent check: a distractor of an answer-option trap item that a learner could defend as the fix. */
function tiedDistractors(graph: Graph): string[] {
  const index = indexGraph(graph)
  const padded = (id: string) => {
    const answer = index.answer(id)
    return [answer.name, ...answer.aliases].map((name) => ` ${normalize(name)} `)
  }
  const problems: string[] = []
  for (const { trap, item } of trapItems(graph)) {
    const ids = item.options.map((option) => index.resolve(option.text))
    if (ids.some((id) => id === undefined)) continue // correction-option form
    const wrong = new Set(trap.wrongIds.map(index.canon))
    const right = [...new Set(trap.rightIds.map(index.canon))].filter((id) => !wrong.has(id))
    if (right.length > 2) problems.push(`${item.id}: ${right.length} right answers, yet answer options`)
    item.options.forEach((option, i) => {
      if (item.answer.includes(option.id)) return
      const id = index.canon(ids[i]!)
      for (const r of right) {
        const sameCategory = index.answer(id).category === index.answer(r).category
        const contained = padded(id).some((a) => padded(r).some((b) => a.includes(b) || b.includes(a)))
        if (sameCategory || contained) problems.push(`${item.id}: "${option.text}" is tied to right answer "${index.answer(r).name}"`)
      }
    })
  }
  return problems
}

describe('trap items (fixture)', () => {
  const graph = loadFixture()

  it('give no item when the correction names more than two right answers (options would be statements, the key the correction itself)', () => {
    const edited: Graph = structuredClone(graph)
    const trap = edited.traps.find((candidate) => candidate.id.endsWith(':giving-an-iam-role-s3-permission'))!
    const before = trapItems(edited).find((entry) => entry.trap.id === trap.id)!.item
    expect(before.options.some((option) => option.text === 'KMS key policy')).toBe(true)
    trap.rightIds = ['kms-key-policy', 'vpc-endpoints', 'aws-kms']
    expect(trapItems(edited).find((entry) => entry.trap.id === trap.id)).toBeUndefined()
  })

  it('never offer a distractor tied to a right answer', () => {
    expect(tiedDistractors(graph)).toEqual([])
  })
})

describe.skipIf(!realGraph)('trap items (real graph)', () => {
  it('offer only catalog answers as options, never a correction pasted back as the key', () => {
    const index = indexGraph(realGraph!)
    const entries = trapItems(realGraph!)
    expect(entries.length).toBeGreaterThan(0)
    for (const { trap, item } of entries) {
      for (const option of item.options) expect({ item: item.id, option: option.text, answer: index.resolve(option.text) !== undefined }).toEqual({ item: item.id, option: option.text, answer: true })
      const key = item.options.find((option) => option.id === item.answer[0])!
      expect(normalize(key.text)).not.toBe(normalize(trap.correction))
    }
    expect(entries.find(({ trap }) => normalize(trap.mistake) === normalize('Assuming IAM permission alone is enough'))).toBeUndefined()
  })
})

describe.each(realGraphs)('trap items (content/$bank)', ({ graph }) => {
  it('never offer a distractor tied to a right answer', () => {
    expect(tiedDistractors(graph)).toEqual([])
  })
})
