import { describe, expect, it } from 'vitest'
import { generateBank } from '../../src/bank/index.js'
import { requirementLine } from '../../src/bank/case-study.js'
import type { Graph, Rule, Table } from '../../src/graph/schema.js'
import { realGraph } from './helpers.js'

describe('case-study scenario lines', () => {
  const table = { cueColumns: ['Latency', 'Workload'] } as Table
  const rule = { cue: 'Low latency, Spiky or intermittent API traffic' } as Rule

  it('give a cue of several columns with its headers', () => {
    expect(requirementLine(rule, table, new Set())).toBe('Latency: low latency; workload: spiky or intermittent API traffic.')
  })

  it('keep a one-column cue as written', () => {
    expect(requirementLine({ cue: 'Offline predictions for a dataset' } as Rule, { cueColumns: ['Requirement'] } as Table, new Set())).toBe(
      'Offline predictions for a dataset.',
    )
  })
})

describe.skipIf(!realGraph)('case studies (real graph)', () => {
  const graph = realGraph as Graph
  const tables = new Map(graph.tables.map((table) => [table.id, table]))

  it('record the cue and answer columns of every rules table', () => {
    for (const table of graph.tables.filter((candidate) => candidate.role === 'rules' && candidate.form === 'table')) {
      expect(table.cueColumns?.length, table.id).toBeGreaterThan(0)
      expect(table.columns).toContain(table.answerColumn)
    }
  })

  it('state requirements, not definitions, decision points or clues', () => {
    const bank = generateBank(graph)
    const cases = bank.items.filter((item) => item.type === 'case-study')
    expect(cases.length).toBeGreaterThanOrEqual(10)
    for (const item of cases) {
      for (const id of item.ruleIds) {
        const table = tables.get(graph.rules.find((rule) => rule.id === id)!.table)!
        const cue = table.cueColumns?.[0]
        if (cue === undefined) continue
        // The answer column never comes first ("Choose | When", "Metric | ... | Use when").
        expect(table.columns.indexOf(table.answerColumn!), `${item.id}: ${table.id}`).toBeGreaterThan(table.columns.indexOf(cue))
        // One cue column must name a requirement or need ("Decision point" does not).
        if (table.cueColumns!.length === 1) expect(cue, `${item.id}: ${table.id}`).toMatch(/requirement|need/i)
      }
      expect(item.type === 'case-study' && item.scenario).not.toMatch(/, [A-Z][a-z]/)
    }
  })
})
