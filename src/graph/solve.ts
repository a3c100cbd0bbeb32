/**
 * The decision-model solver: which options a set of stated facts (and a
 * qualifier) leaves. Shared by the content checks, the generator and the audit,
 * so "the key" means one thing everywhere.
 */
import type { Fact, Feature, Model, ModelOption, Qualifier, Requirement } from './schema.js'

export function featureOf(model: Model, name: string): Feature | undefined {
  const wanted = name.toLowerCase()
  return model.features.find((feature) => feature.name.toLowerCase() === wanted)
}

/** Whether `option` meets one requirement. A feature the option has no cell for admits anything. */
export function meets(model: Model, option: ModelOption, requirement: Requirement): boolean {
  const cell = option.values.find((value) => value.feature === requirement.feature)
  if (cell === undefined || cell.admits.kind === 'any') return true
  const { admits } = cell
  switch (requirement.kind) {
    case 'number': {
      if (admits.kind !== 'range') return false
      const v = requirement.value
      if (admits.min !== undefined && (admits.minOpen ? v <= admits.min : v < admits.min)) return false
      if (admits.max !== undefined && (admits.maxOpen ? v >= admits.max : v > admits.max)) return false
      return true
    }
    case 'value':
      return admits.kind === 'values' && admits.values.includes(requirement.value)
    case 'level': {
      if (admits.kind !== 'values') return false
      const levels = featureOf(model, requirement.feature)?.values ?? []
      const have = levels.indexOf(admits.values[0] ?? '')
      const bound = levels.indexOf(requirement.value)
      return requirement.op === '<=' ? have <= bound : requirement.op === '>=' ? have >= bound : have === bound
    }
  }
}

/** The stated facts an option fails, in the order given. */
export function failedFacts(model: Model, option: ModelOption, facts: readonly Fact[]): Fact[] {
  return facts.filter((fact) => !fact.sets.every((requirement) => meets(model, option, requirement)))
}

/** The option's level on the qualifier's feature (lower index = lower level); undefined when not ranked. */
export function levelOf(model: Model, option: ModelOption, qualifier: Qualifier): number | undefined {
  const feature = featureOf(model, qualifier.feature)
  if (feature?.type !== 'level') return undefined
  const cell = option.values.find((value) => value.feature === feature.name)
  if (cell?.admits.kind !== 'values') return undefined
  const index = (feature.values ?? []).indexOf(cell.admits.values[0] ?? '')
  return index < 0 ? undefined : index
}

/** A qualifier applies to a model with a level feature of its name on every option. */
export function qualifierApplies(model: Model, qualifier: Qualifier): boolean {
  return model.options.every((option) => levelOf(model, option, qualifier) !== undefined)
}

export interface Solution {
  /** Options consistent with every stated fact. */
  consistent: ModelOption[]
  /** What remains after the qualifier's tie-break (the consistent options when there is none). */
  best: ModelOption[]
}

export function solve(model: Model, options: readonly ModelOption[], facts: readonly Fact[], qualifier?: Qualifier): Solution {
  const consistent = options.filter((option) => failedFacts(model, option, facts).length === 0)
  if (qualifier === undefined || consistent.length === 0) return { consistent, best: consistent }
  const score = (option: ModelOption) => {
    const level = levelOf(model, option, qualifier) ?? 0
    return qualifier.prefer === 'lowest' ? level : -level
  }
  const top = Math.min(...consistent.map(score))
  return { consistent, best: consistent.filter((option) => score(option) === top) }
}

/** Two facts can be stated together: no shared feature, no declared exclusion. */
export function compatible(a: Fact, b: Fact): boolean {
  if (a.excludes.includes(b.id) || b.excludes.includes(a.id)) return false
  return !a.sets.some((x) => b.sets.some((y) => x.feature === y.feature))
}

/** Every set of `size` mutually compatible facts, in a fixed order. */
export function* factSets(facts: readonly Fact[], size: number): Generator<Fact[]> {
  const chosen: Fact[] = []
  function* walk(start: number): Generator<Fact[]> {
    if (chosen.length === size) {
      yield [...chosen]
      return
    }
    for (let i = start; i < facts.length; i++) {
      const fact = facts[i]
      if (fact === undefined || !chosen.every((other) => compatible(other, fact))) continue
      chosen.push(fact)
      yield* walk(i + 1)
      chosen.pop()
    }
  }
  yield* walk(0)
}

/** Whether `facts` state every feature the model says a scenario must state (`must-state:`). */
export function statesMustState(model: Model, facts: readonly Fact[]): boolean {
  return model.mustState.every((name) => facts.some((fact) => fact.sets.some((requirement) => requirement.feature === name)))
}

/** Options that no set of up to `maxFacts` facts (with or without a qualifier) makes the only answer. */
export function unreachableOptions(model: Model, qualifiers: readonly Qualifier[], maxFacts = 4): ModelOption[] {
  const reached = new Set<string>()
  const applicable: Array<Qualifier | undefined> = [undefined, ...qualifiers.filter((q) => qualifierApplies(model, q))]
  for (let size = 1; size <= maxFacts && reached.size < model.options.length; size++) {
    for (const facts of factSets(model.facts, size)) {
      if (!statesMustState(model, facts)) continue
      for (const qualifier of applicable) {
        const { best } = solve(model, model.options, facts, qualifier)
        if (best.length === 1 && best[0] !== undefined) reached.add(best[0].answer)
      }
    }
  }
  return model.options.filter((option) => !reached.has(option.answer))
}
