import { describe, expect, it } from 'vitest'
import { auditBank, formatAudit, generateBank, indexGraph, thresholds, type Bank } from '../../src/bank/index.js'
import { loadFixture, realGraphs } from './helpers.js'

describe('auditBank (fixture)', () => {
  const graph = loadFixture()
  const bank = generateBank(graph)
  const report = auditBank(bank, graph)

  it('covers every rule with a valid item and agrees with the graph oracle', () => {
    expect(report.rules.gaps).toEqual([])
    expect(report.invalid).toEqual([])
    expect(report.oracle.rate).toBe(1)
  })

  it('gives the same bank and report when generate and audit share one graph index', () => {
    const index = indexGraph(graph)
    const shared = generateBank(graph, index)
    expect(shared).toEqual(bank)
    expect(auditBank(shared, graph, index)).toEqual(report)
  })

  it('balances key positions and lengths', () => {
    for (const share of report.positions) expect(Math.abs(share - 0.25)).toBeLessThanOrEqual(thresholds.positionTolerance)
    expect(report.keyLongest).toBeLessThanOrEqual(thresholds.keyLongest)
    expect(report.solvers.position).toBeLessThanOrEqual(thresholds.solver)
    expect(report.solvers.longest).toBeLessThanOrEqual(thresholds.solver)
    expect(report.solvers.shortest).toBeLessThanOrEqual(thresholds.solver)
  })

  it('reports a rule whose only items are broken, with its file and line', () => {
    const broken: Bank = structuredClone(bank)
    const rule = graph.rules.find((candidate) => candidate.cue === 'Offline predictions for a dataset')!
    // Keep one item on this rule and make one of its distractors an accepted answer.
    broken.items = broken.items.filter(
      (item) => !item.ruleIds.includes(rule.id) || (item.type === 'single' && item.ruleIds.length === 1 && item.tags.includes('form:direct')),
    )
    for (const item of broken.items) {
      if (item.type === 'case-study') item.questions = item.questions.filter((question) => !question.ruleIds.includes(rule.id))
      if (item.type !== 'single' || !item.ruleIds.includes(rule.id)) continue
      item.options.find((option) => !item.answer.includes(option.id))!.text = 'Batch transform'
    }
    const result = auditBank(broken, graph)
    expect(result.ok).toBe(false)
    expect(result.invalid.length).toBeGreaterThan(0)
    expect(result.rules.gaps).toContainEqual({
      ruleId: rule.id,
      file: rule.source.file,
      line: rule.source.line,
      reason: 'no valid item',
    })
    expect(formatAudit(result)).toContain(`${rule.source.file}:${rule.source.line}`)
  })

  it('fails when keys pile up in one position', () => {
    const skewed: Bank = structuredClone(bank)
    for (const item of skewed.items) {
      if (item.type !== 'single' || item.options.length !== 4) continue
      const key = item.options.find((option) => option.id === item.answer[0])!
      item.options = [key, ...item.options.filter((option) => option !== key)]
    }
    const result = auditBank(skewed, graph)
    expect(result.solvers.position).toBeGreaterThan(0.8)
    expect(result.failures.some((failure) => failure.startsWith('key position A'))).toBe(true)
  })
})

describe.each(realGraphs)('auditBank (content/$bank)', ({ graph }) => {
  const report = auditBank(generateBank(graph), graph)

  it('passes every threshold', () => {
    expect(report.failures).toEqual([])
    expect(report.ok).toBe(true)
  })

  it('keeps every cheap solver at or under its target on four-option items (35% at most for a large bank)', () => {
    for (const rate of Object.values(report.solvers)) expect(rate).toBeLessThanOrEqual(report.targets.solver)
    if (report.fourOption >= 400) expect(report.targets.solver).toBe(thresholds.solver)
  })

  it('holds every declared item type and none other', () => {
    const declared = new Set(graph.bank.exam.itemTypes.map((entry) => entry.type))
    for (const [type, count] of Object.entries(report.counts)) {
      if (declared.has(type as never)) expect(count, type).toBeGreaterThan(0)
      else expect(count, type).toBe(0)
    }
  })
})
