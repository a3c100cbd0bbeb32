import { describe, expect, it } from 'vitest'
import { generateBank, type Item } from '../../src/bank/index.js'
import { sameNeedRules } from '../../src/bank/direct.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadFixture, realGraph, realGraphs } from './helpers.js'

type Multiple = Extract<Item, { type: 'multiple' }>

/** Multiple-response items built from rules of different tables that share a need, checked against the graph. */
function combined(graph: Graph): { items: Multiple[]; problems: string[] } {
  const index = indexGraph(graph)
  const items = generateBank(graph).items.filter(
    (item): item is Multiple => item.type === 'multiple' && item.tags.includes('form:combined'),
  )
  const problems: string[] = []
  for (const item of items) {
    const rules = item.ruleIds.map((id) => index.rules.get(id)!)
    const where = (text: string) => `${item.id}: ${text}`
    if (new Set(rules.map((rule) => rule.table)).size < 2) problems.push(where('rules from one table'))
    if (item.options.length < 5) problems.push(where('fewer than 5 options'))
    if (item.answer.length !== item.select || item.select < 2) problems.push(where('select differs from the keys'))
    const keyRules = new Set<string>()
    for (const option of item.options) {
      const id = index.canon(index.resolve(option.text)!)
      const owners = rules.filter((rule) => index.own(rule).includes(id))
      if (item.answer.includes(option.id)) {
        // Every key defensible: a rule of the shared need accepts it in its own cell.
        if (owners.length === 0) problems.push(where(`key "${option.text}" is accepted by none of the item's rules`))
        owners.forEach((rule) => keyRules.add(rule.id))
      } else if (rules.some((rule) => index.accepted(rule).has(id))) {
        problems.push(where(`distractor "${option.text}" is accepted for the need`))
      }
    }
    if (keyRules.size < 2) problems.push(where('keys come from one rule only'))
  }
  return { items, problems }
}

describe('multiple-response items from rules that share a need (fixture)', () => {
  const graph = loadFixture()
  const { items, problems } = combined(graph)

  it('combine "Gradual rollout" and "gradual rollout" from two tables into a Select TWO item', () => {
    expect(items.length).toBeGreaterThan(0)
    const item = items.find((candidate) => candidate.stem.toLowerCase().includes('gradual rollout'))
    expect(item?.select).toBe(2)
    expect(item?.stem).toMatch(/\(Select TWO\.\)$/)
    expect(item?.explanation.sources.length).toBeGreaterThanOrEqual(2)
  })

  it('keep every key defensible and every distractor indefensible, with 5+ options', () => {
    expect(problems).toEqual([])
  })
})

describe.each(realGraphs)('multiple-response items from rules that share a need (content/$bank)', ({ bank, graph }) => {
  it('keep every key defensible and every distractor indefensible', () => {
    const { items, problems } = combined(graph)
    if (bank === 'mla-c01') expect(items.length).toBeGreaterThan(0)
    expect(problems).toEqual([])
  })
})

describe.skipIf(!realGraph)('multiple-response items from rules that share a need (MLA-C01)', () => {

  it('take keys only from a rule stating the same need at least as specifically, confirmed by a shared answer', () => {
    const index = indexGraph(realGraph!)
    const rule = (cue: string) => realGraph!.rules.find((candidate) => candidate.cue === cue)!
    // Overlapping words, different needs: an always-on API is not spiky traffic.
    expect(index.peers(rule('Low-latency, always-on API')).map((other) => other.cue)).toContain('Low latency, Spiky or intermittent API traffic')
    expect(sameNeedRules(index, rule('Low-latency, always-on API'))).toEqual([])
    // A general need does not lend its answers to a more specific one (Firehose is not real-time ingestion).
    expect(sameNeedRules(index, rule('“Streaming records need real-time ingestion”'))).toEqual([])
    expect(sameNeedRules(index, rule('Gradual rollout')).map((other) => other.cue)).toEqual(['gradual rollout'])
  })
})
