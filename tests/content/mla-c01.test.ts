import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../src/content/index.js'
import type { Graph } from '../../src/graph/schema.js'

const folder = fileURLToPath(new URL('../../content/mla-c01/', import.meta.url))
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ path: `content/mla-c01/${name}`, text: readFileSync(folder + name, 'utf8') }))
const result = buildGraph(files, { bank: 'mla-c01' })
const graph = result.graph as Graph

describe('content/mla-c01', () => {
  it('builds with no error and no warning (so no unresolved mention)', () => {
    expect(result.messages).toEqual([])
    expect(graph).toBeDefined()
  })

  it('has the 23 tables of the review sheet and their 144 rows', () => {
    const tables = graph.tables.filter((table) => table.form === 'table')
    expect(tables).toHaveLength(23)
    const ids = new Set(tables.map((table) => table.id))
    const rows = graph.rules.filter((rule) => ids.has(rule.table)).length + graph.traps.filter((trap) => trap.table !== undefined && ids.has(trap.table)).length
    expect(rows).toBe(144)
    expect(graph.traps.filter((trap) => trap.table !== undefined && ids.has(trap.table))).toHaveLength(19)
    expect(graph.rules.filter((rule) => ids.has(rule.table))).toHaveLength(125)
  })

  it('has every list rule', () => {
    const lists = Object.fromEntries(
      graph.tables
        .filter((table) => table.form === 'list' && table.role === 'rules')
        .map((table) => [table.id.replace('mla-c01:', ''), graph.rules.filter((rule) => rule.table === table.id).length]),
    )
    expect(lists).toEqual({
      'data-leakage-examples': 5,
      // The review sheet's "Accuracy can be misleading with imbalanced data" is a reason to avoid accuracy, not a clue for it: a note.
      'metric-traps': 5,
      'real-time-endpoint-concepts': 6,
      'model-registry-decision-points': 5,
      'fast-rules-data': 6,
      'fast-rules-training': 5,
      'fast-rules-deployment': 6,
      'fast-rules-monitoring': 6,
    })
  })

  it('has the lifecycle’s 10 stages in order', () => {
    const lifecycle = graph.sequences.find((sequence) => sequence.id === 'mla-c01:lifecycle')
    expect(lifecycle?.steps.map((step) => step.label)).toEqual([
      'Collect data',
      'Store in S3',
      'Catalog and prepare',
      'Train and tune',
      'Evaluate',
      'Meets criteria?',
      'Register model',
      'Deploy',
      'Monitor',
      'Drift or degradation?',
    ])
    expect(lifecycle?.steps.filter((step) => step.decision).map((step) => step.label)).toEqual(['Meets criteria?', 'Drift or degradation?'])
  })

  it('gives every rule and trap a domain and one of its tasks', () => {
    const tasks = new Map(graph.domains.flatMap((domain) => domain.tasks.map((task) => [task.id, domain.id] as const)))
    for (const item of [...graph.rules, ...graph.traps]) expect(tasks.get(item.task), item.id).toBe(item.domain)
  })

  it('resolves every rule to at least one catalog answer', () => {
    const answers = new Set(graph.answers.map((answer) => answer.id))
    for (const rule of graph.rules) {
      expect(rule.answerIds.length, rule.id).toBeGreaterThan(0)
      for (const id of [...rule.answerIds, ...rule.rejectedIds]) expect(answers.has(id), `${rule.id} → ${id}`).toBe(true)
    }
  })

  it('reads what a mistake left out as the right answer, not a wrong one', () => {
    const trap = (prefix: string) => graph.traps.find((item) => item.mistake.startsWith(prefix))
    expect(trap('Deploying without data capture')).toMatchObject({ wrongIds: [], rightIds: expect.arrayContaining(['sagemaker-endpoint-data-capture']) })
    expect(trap('giving an IAM role S3 permission')?.rightIds).toEqual(['kms-key-policy', 'kms-key-permissions'])
    expect(trap('giving an IAM role S3 permission')?.wrongIds).not.toContain('kms-key-policy')
  })

  it('matches the committed generated/mla-c01/graph.json', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../generated/mla-c01/graph.json', import.meta.url)), 'utf8')
    expect(JSON.stringify(graph, null, 2) + '\n').toBe(committed)
  })
})
