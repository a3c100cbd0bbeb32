/**
 * The audit's targets for one bank, derived from what the bank declares: its
 * item types (a declared type must appear, an undeclared one must not), its
 * size (small banks get the sampling allowance a fair coin would need) and its
 * own `audit` table (a bank may hold itself to stricter targets, for example
 * a minimum number of items per type). No target names a particular exam.
 */
import type { Graph, ItemType } from '../graph/schema.js'
import type { ScenarioTargets } from './audit-forms.js'
import { itemTypes } from './schema.js'

/** Targets for a large bank: the floor of what any bank is held to. */
export const thresholds = {
  /** Each of A–D holds 25% ± 3% of four-option keys. */
  positionTolerance: 0.03,
  keyLongest: 0.3,
  solver: 0.35,
  oracle: 1,
}

export interface AuditTargets {
  /** Least items per type: 1 for a declared type (or the bank's own minimum), 0 otherwise. */
  minimums: Record<ItemType, number>
  /** Types the bank declares (every type when it declares none): items of any other type fail the audit. */
  allowed: ReadonlySet<ItemType>
  positionTolerance: number
  keyLongest: number
  solver: number
  oracle: number
  /** Least scenario items, multiple-response items, case studies, median stem words, domains and tasks covered (0 unless declared). */
  scenario: ScenarioTargets
}

/**
 * Two standard deviations of a share of `n` four-option items answered by
 * chance (p = 1/4): how far a fair bank of that size may drift from 25%.
 */
export function samplingAllowance(n: number): number {
  return n <= 0 ? 1 : 2 * Math.sqrt((0.25 * 0.75) / n)
}

/** The targets for `graph`'s bank, whose audit counted `fourOption` four-option items. */
export function auditTargets(graph: Graph, fourOption: number): AuditTargets {
  const declared = graph.bank.exam.itemTypes.map((entry) => entry.type)
  const allowed = new Set<ItemType>(declared.length > 0 ? declared : itemTypes)
  const own = graph.bank.audit ?? {}
  const minimums = Object.fromEntries(
    itemTypes.map((type) => {
      const least = declared.includes(type) ? 1 : 0
      return [type, allowed.has(type) ? Math.max(least, own.minimums?.[type] ?? 0) : 0]
    }),
  ) as Record<ItemType, number>
  const allowance = samplingAllowance(fourOption)
  return {
    minimums,
    allowed,
    // Layout balances key positions in runs of four: at most one key off per position.
    positionTolerance: own.positionTolerance ?? Math.max(thresholds.positionTolerance, fourOption > 0 ? 1 / fourOption : 1),
    keyLongest: own.keyLongest ?? Math.max(thresholds.keyLongest, 0.25 + allowance),
    solver: own.solver ?? Math.max(thresholds.solver, 0.25 + allowance),
    oracle: thresholds.oracle,
    scenario: {
      items: own.scenario?.items ?? 0,
      multiple: own.scenario?.multiple ?? 0,
      cases: own.scenario?.cases ?? 0,
      medianStemWords: own.scenario?.medianStemWords ?? 0,
      domains: own.scenario?.domains ?? 0,
      tasks: own.scenario?.tasks ?? 0,
    },
  }
}
