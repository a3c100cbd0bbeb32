/**
 * Scenario items and case studies from decision models: every key proven by
 * re-solving the model, near misses, no dangling fact, no give-away, frames'
 * exclusions honoured; and the audit catches an item that breaks a gate.
 */
import { describe, expect, it } from 'vitest'
import { auditBank, generateBank, type Item } from '../../src/bank/index.js'
import { checkScenario, scenarioAnswer, type ScenarioItem } from '../../src/bank/scenario-audit.js'
import { sceneOnly, supportedKey } from '../../src/bank/scenario.js'
import { failedFacts, meets, solve, unreachableOptions } from '../../src/graph/solve.js'
import { buildGraph } from '../../src/content/index.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadCase } from '../content/helpers.js'
import { loadFixture, realGraphs } from './helpers.js'

const basic = buildGraph(loadCase('model-basic'), { bank: 'basic' }).graph as Graph
const scenarioOf = (items: readonly Item[]) =>
  items.flatMap((item): ScenarioItem[] => (item.type === 'case-study' ? item.questions : item.type === 'single' || item.type === 'multiple' ? [item] : []))
    .filter((item) => item.tags.includes('form:scenario') || item.tags.includes('form:case'))

describe('the solver', () => {
  const model = basic.models[0]!
  const option = (id: string) => model.options.find((candidate) => candidate.answer === id)!
  const fact = (key: string) => model.facts.find((candidate) => candidate.key === key)!

  it('checks numbers against bounds in the feature’s unit, sets and yes/no against the cell', () => {
    expect(meets(model, option('sagemaker-serverless-inference'), fact('mid-payload').sets[0]!)).toBe(false)
    expect(meets(model, option('sagemaker-real-time-endpoint'), fact('mid-payload').sets[0]!)).toBe(true)
    expect(meets(model, option('sagemaker-batch-transform'), fact('big-files').sets[0]!)).toBe(true)
    expect(failedFacts(model, option('sagemaker-real-time-endpoint'), [fact('long-run'), fact('idle'), fact('nightly')]).map((f) => f.key)).toEqual(['long-run', 'idle', 'nightly'])
  })

  it('breaks a tie with a qualifier only among the options that meet every fact', () => {
    const [qualifier] = basic.qualifiers
    const waits = solve(model, model.options, [fact('caller-waits')], qualifier)
    expect(waits.consistent.map((o) => o.answer)).toEqual(['sagemaker-real-time-endpoint', 'sagemaker-serverless-inference'])
    expect(waits.best.map((o) => o.answer)).toEqual(['sagemaker-serverless-inference'])
  })

  it('finds every option reachable in a model whose facts single each out', () => {
    expect(unreachableOptions(model, basic.qualifiers)).toEqual([])
    const without = { ...model, facts: model.facts.filter((f) => f.key !== 'nightly') }
    expect(unreachableOptions(without, []).map((o) => o.answer)).toEqual(['sagemaker-batch-transform'])
  })
})

describe('scenario items (fixture model)', () => {
  const bank = generateBank(basic)
  const items = scenarioOf(bank.items)

  it('are generated, and each re-solves to exactly its key with two or more near misses and no give-away', () => {
    expect(items.length).toBeGreaterThan(5)
    for (const item of items) {
      expect(scenarioAnswer(basic, item)?.sort(), item.id).toEqual([...item.answer].sort())
      const problems = checkScenario(basic, item, '')!
      expect({ id: item.id, near: problems.nearMisses >= 2, giveaway: problems.giveaway, homogeneous: problems.homogeneous }).toEqual({ id: item.id, near: true, giveaway: [], homogeneous: true })
    }
  })

  it('state only facts that rule out a shown option, except one that only sets the scene; the must-state feature always among them', () => {
    const model = basic.models[0]!
    for (const item of items) {
      const facts = item.ruleIds.slice(1).map((id) => model.facts.find((fact) => fact.id === id)!)
      expect(facts.some((fact) => fact.sets.some((set) => set.feature === 'Results'))).toBe(true)
      const shown = item.options.map((option) => model.options.find((candidate) => candidate.solution === option.text)!)
      for (const fact of facts.filter((f) => !sceneOnly(model, f))) expect(shown.some((option) => failedFacts(model, option, [fact]).length > 0), `${item.id} ${fact.key}`).toBe(true)
    }
  })

  it('tells a fact that only sets the scene (every feature it sets is a must-state one) from the others', () => {
    const model = basic.models[0]!
    const only = (features: string[]) => ({ ...model.facts[0]!, sets: features.map((feature) => ({ ...model.facts[0]!.sets[0]!, feature })) })
    expect(model.mustState).toEqual(['Results'])
    expect(sceneOnly(model, only(['Results']))).toBe(true)
    expect(sceneOnly(model, only(['Results', 'Payload']))).toBe(false)
  })

  it('read as scenarios: frame, facts, goal, question; distinct stems; feedback names the stated fact', () => {
    expect(new Set(items.map((item) => item.stem)).size).toBe(items.length)
    for (const item of items) {
      expect(item.stem).toMatch(/^(A legal-services company|An online retailer) /)
      expect(item.stem).toMatch(/Which solution will meet these requirements( with the LEAST operational overhead)?\?$/)
      for (const option of item.options) {
        if (item.answer.includes(option.id)) expect(option.feedback).toMatch(/^Correct\. /)
        else expect(option.feedback).toMatch(/^Incorrect\. This solution .+, but .+\.|^Incorrect\. This solution would meet the stated requirements, but it has higher operational overhead than /)
      }
    }
  })

  it('never state a fact the frame excludes', () => {
    for (const item of items.filter((i) => i.stem.startsWith('An online retailer'))) {
      expect(item.ruleIds).not.toContain('basic:model:serving:long-run')
    }
  })

  it('keep their ids when a fact wording changes, and change only their revision', () => {
    const edited = structuredClone(basic)
    const fact = edited.models[0]!.facts.find((f) => f.key === 'caller-waits')!
    fact.wordings = fact.wordings.map((wording) => wording.replace('waits for', 'waits on'))
    const after = scenarioOf(generateBank(edited).items)
    expect(after.map((item) => item.id)).toEqual(items.map((item) => item.id))
    const changed = after.filter((item, i) => item.revision !== items[i]!.revision)
    expect(changed.length).toBeGreaterThan(0)
    for (const item of changed) expect(item.ruleIds).toContain(fact.id)
  })
})

describe('case studies (fixture graph with three staged models)', () => {
  const graph = loadFixture()
  const bank = generateBank(graph)
  const cases = bank.items.filter((item): item is Extract<Item, { type: 'case-study' }> => item.type === 'case-study')

  it('follow one organisation through three decisions, each question needing the scenario', () => {
    expect(cases.length).toBeGreaterThan(0)
    for (const item of cases) {
      expect(item.questions.length).toBeGreaterThanOrEqual(3)
      expect(item.scenario.split(/\s+/).length).toBeLessThanOrEqual(250)
      const decisions = new Set(item.questions.map((q) => q.tags.find((tag) => tag.startsWith('decision:'))))
      expect(decisions.size).toBe(item.questions.length)
      for (const question of item.questions) {
        const problems = checkScenario(graph, question, item.scenario)!
        expect({ id: question.id, unique: problems.unique, needsScenario: problems.needsScenario, giveaway: problems.giveaway }).toEqual({ id: question.id, unique: true, needsScenario: true, giveaway: [] })
      }
    }
  })
})

describe('a multiple-response key', () => {
  it('stands on a stated fact only where its own cell speaks to the fact and a shown distractor fails it', () => {
    const model = basic.models[0]!
    const fact = model.facts.find((f) => model.options.some((o) => failedFacts(model, o, [f]).length > 0) && model.options.some((o) => failedFacts(model, o, [f]).length === 0))!
    const key = model.options.find((o) => failedFacts(model, o, [fact]).length === 0)!
    const failing = model.options.filter((o) => failedFacts(model, o, [fact]).length > 0)
    const passing = model.options.filter((o) => o !== key && failedFacts(model, o, [fact]).length === 0)
    const specific = fact.sets.some((r) => key.values.some((v) => v.feature === r.feature && v.admits.kind !== 'any'))
    expect(specific).toBe(true)
    expect(supportedKey(model, key, [fact], failing)).toBe(true)
    // No shown distractor fails the fact: nothing in the stem sets the key apart.
    expect(supportedKey(model, key, [fact], passing)).toBe(false)
    // A key whose cells are all `any` meets the fact without being chosen for it.
    const vague = { ...key, values: key.values.map((v) => ({ ...v, admits: { kind: 'any' as const }, text: 'any' })) }
    expect(supportedKey(model, vague, [fact], failing)).toBe(false)
  })
})

describe('the audit on scenario items', () => {
  const bank = generateBank(basic)
  const first = bank.items.find((item) => item.tags.includes('form:scenario') && item.type === 'single')!

  it('fails an item keyed on a distractor', () => {
    const broken = structuredClone(bank)
    const item = broken.items.find((candidate) => candidate.id === first.id)! as Extract<Item, { type: 'single' }>
    item.answer = [item.options.find((option) => option.id !== item.answer[0])!.id]
    const report = auditBank(broken, basic)
    expect(report.invalid.find((entry) => entry.itemId === first.id)?.problems).toContain('scenario: re-solving the model does not give exactly the keyed option(s)')
  })

  it('fails a stem that gives the key away', () => {
    const broken = structuredClone(bank)
    const item = broken.items.find((candidate) => candidate.id === first.id)! as Extract<Item, { type: 'single' }>
    const key = item.options.find((option) => option.id === item.answer[0])!
    item.stem = `${key.text} ${item.stem}`
    const report = auditBank(broken, basic)
    expect(report.invalid.find((entry) => entry.itemId === first.id)?.problems.some((p) => p.startsWith('scenario: give-away word(s)'))).toBe(true)
  })

  it('fails a scenario stem repeated in the bank', () => {
    const broken = structuredClone(bank)
    const others = broken.items.filter((candidate) => candidate.tags.includes('form:scenario'))
    others[1]!.stem = others[0]!.stem
    expect(auditBank(broken, basic).forms.duplicateStems.scenario).toBe(1)
  })
})

describe.each(realGraphs)('$bank: items with the same key', ({ graph: real }) => {
  it('are set in different organisations while the model has frames left (at most 5% repeat one)', () => {
    const items = generateBank(real).items.filter((item): item is Extract<Item, { type: 'single' | 'multiple' }> => item.tags.includes('form:scenario') && (item.type === 'single' || item.type === 'multiple'))
    const seen = new Set<string>()
    let repeated = 0
    for (const item of items) {
      const keys = item.options.filter((option) => item.answer.includes(option.id)).map((option) => option.text).sort()
      // The frame sentence opens the stem.
      const key = [item.ruleIds[0], item.type, ...keys, item.stem.split('. ')[0]].join('|')
      if (seen.has(key)) repeated++
      seen.add(key)
    }
    expect(items.length).toBeGreaterThan(50)
    expect(repeated / items.length).toBeLessThan(0.05)
  })
})
