import { describe, expect, it } from 'vitest'
import * as api from '../../src/bank/index.js'
import { Bank, generateBank, type Item } from '../../src/bank/index.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadFixture, realGraph, realGraphs } from './helpers.js'

const fixture = loadFixture()

describe('generateBank', () => {
  it('should expose the public api', () => {
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['generateBank', 'auditBank', 'formatAudit', 'diffBanks', 'Bank']))
  })

  it('returns a schema-valid bank with every item type', () => {
    const bank = generateBank(fixture)
    expect(Bank.safeParse(bank).success).toBe(true)
    expect(bank.bank).toBe('mla-c01')
    expect(bank.version).toMatch(/^[0-9a-f]{12}$/)
    const types = new Set(bank.items.map((item) => item.type))
    expect([...types].sort()).toEqual(['case-study', 'matching', 'multiple', 'ordering', 'single'])
  })

  it('is deterministic: the same graph gives byte-identical JSON', () => {
    const first = JSON.stringify(generateBank(fixture), null, 2)
    const second = JSON.stringify(generateBank(structuredClone(fixture)), null, 2)
    expect(second).toBe(first)
  })

  it('gives unique item ids and option ids that do not encode the position', () => {
    const bank = generateBank(fixture)
    const ids = bank.items.flatMap((item) => [item.id, ...(item.type === 'case-study' ? item.questions.map((q) => q.id) : [])])
    expect(new Set(ids).size).toBe(ids.length)
    for (const item of bank.items) {
      if (item.type !== 'single' && item.type !== 'multiple' && item.type !== 'ordering') continue
      for (const option of item.options) expect(option.id).not.toMatch(/^o-[a-e]$|^o-\d$/)
    }
  })

  it('keeps ids when an unrelated rule is edited, and changes only the edited items’ revisions', () => {
    const before = generateBank(fixture)
    const edited: Graph = structuredClone(fixture)
    const rule = edited.rules.find((candidate) => candidate.table === 'workflow-selection')!
    rule.reason = 'Native ML steps with lineage'
    const after = generateBank(edited)
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id))
    const revision = (bank: Bank) => new Map(bank.items.map((item) => [item.id, item.revision]))
    const old = revision(before)
    const changed = after.items.filter((item) => old.get(item.id) !== item.revision)
    expect(changed.some((item) => item.ruleIds.includes(rule.id))).toBe(true)
    // Items on other tables are untouched.
    const others = after.items.filter((item) => item.ruleIds.every((id) => !id.includes(':workflow-selection:')))
    expect(others.filter((item) => old.get(item.id) !== item.revision).map((item) => item.id)).toEqual([])
    expect(changed.length).toBeLessThan(after.items.length / 4)
    expect(after.version).not.toBe(before.version)
  })

  it('changes the revision when the item text changes', () => {
    const edited: Graph = structuredClone(fixture)
    const table = edited.tables.find((candidate) => candidate.id === 'classification-metrics')!
    table.stems = ['Which metric fits this evaluation need: {cue:lower}?']
    const before = new Map(generateBank(fixture).items.map((item) => [item.id, item]))
    for (const item of generateBank(edited).items) {
      const old = before.get(item.id)
      if (!old) continue
      if (old.stem !== item.stem) expect(item.revision).not.toBe(old.revision)
      else if (JSON.stringify(old) === JSON.stringify(item)) expect(item.revision).toBe(old.revision)
    }
  })

  it('gives every item an explanation, sources with file and line, and tags', () => {
    const bank = generateBank(fixture)
    const parts = bank.items.flatMap((item): Item[] => (item.type === 'case-study' ? [item, ...item.questions] : [item]))
    for (const item of parts) {
      expect(item.explanation.correct.length).toBeGreaterThan(10)
      for (const source of item.explanation.sources) {
        expect(source.file).toMatch(/^content\//)
        expect(source.line).toBeGreaterThan(0)
      }
      // Recall drills name the decision error they train; scenario items name their decision model.
      const scenario = item.tags.includes('form:scenario') || item.tags.includes('form:case')
      expect(item.tags).toEqual(
        expect.arrayContaining([
          `domain:${item.domain}`,
          `task:${item.task}`,
          `topic:${item.topic}`,
          scenario ? expect.stringMatching(/^decision:[a-z0-9-]+$/) : expect.stringMatching(/^error:[a-z0-9-]+$/),
          expect.stringMatching(/^form:(scenario|case|recall)$/),
        ]),
      )
      if (item.type === 'single' || item.type === 'multiple') {
        for (const option of item.options) expect(option.feedback.length).toBeGreaterThan(10)
      }
    }
  })
})

describe.each(realGraphs)('generateBank on content/$bank', ({ graph }) => {
  const bank = generateBank(graph)
  const count = (type: Item['type']) => bank.items.filter((item) => item.type === type).length

  it('meets the minimum counts per type the bank declares (at least one of each declared type)', () => {
    for (const { type } of graph.bank.exam.itemTypes) {
      expect(count(type), type).toBeGreaterThanOrEqual(Math.max(1, graph.bank.audit?.minimums?.[type] ?? 0))
    }
  })

  it('has a single item for every rule', () => {
    const covered = new Set(bank.items.filter((item) => item.type === 'single').flatMap((item) => item.ruleIds))
    expect(graph.rules.filter((rule) => !covered.has(rule.id)).map((rule) => rule.id)).toEqual([])
  })

  it('is byte-identical across runs', () => {
    expect(JSON.stringify(generateBank(graph), null, 2)).toBe(JSON.stringify(bank, null, 2))
  })
})

describe.skipIf(!realGraph)('MLA-C01 audit targets', () => {
  it('are declared in its content, not in code', () => {
    expect(realGraph!.bank.audit).toEqual({
      minimums: { single: 144, multiple: 15, matching: 20, ordering: 3, 'case-study': 12 },
      positionTolerance: 0.03,
      keyLongest: 0.3,
      solver: 0.35,
      scenario: { items: 400, multiple: 40, cases: 12, medianStemWords: 45, domains: 4, tasks: 10 },
    })
  })
})
