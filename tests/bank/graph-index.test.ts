import { describe, expect, it } from 'vitest'
import type { Graph, Rule } from '../../src/graph/schema.js'
import { indexGraph, needOverlap } from '../../src/bank/graph-index.js'
import { jaccard } from '../../src/bank/text.js'
import { loadFixture, realGraphs } from './helpers.js'

/** The indexes (prefix-filtered peers, traps by rule and by right answer) agree with scans of every rule and trap. */
function checkAgainstScans(graph: Graph): void {
  const index = indexGraph(graph)
  for (const rule of graph.rules) {
    const peers = graph.rules.filter(
      (other) => other.id === rule.id || jaccard(index.cueWords(rule), index.cueWords(other)) >= needOverlap,
    )
    expect(index.peers(rule).map((other) => other.id)).toEqual(peers.map((other) => other.id))
    const need = index.accepted(rule)
    const traps = graph.traps.filter(
      (trap) => trap.ruleIds.includes(rule.id) || (trap.wrongIds.length > 0 && trap.rightIds.some((id) => need.has(index.canon(id)))),
    )
    expect(index.trapsFor(rule).map((trap) => trap.id)).toEqual(traps.map((trap) => trap.id))
    // typicalFor: each wrong choice of those traps, with the first trap naming it.
    const typical = new Map<string, string>()
    for (const trap of traps) for (const id of trap.wrongIds) if (!typical.has(index.canon(id))) typical.set(index.canon(id), trap.id)
    expect(new Map([...index.typicalFor(rule)].map(([id, trap]) => [id, trap.id]))).toEqual(typical)
    for (const id of index.own(rule)) {
      const accepting = graph.rules.filter((other) => index.own(other).includes(id))
      expect(index.firstAccepting(id, 'any')).toEqual(accepting.slice(0, 2))
      expect(index.firstAccepting(id, { table: rule.table })).toEqual(accepting.filter((o) => o.table === rule.table).slice(0, 2))
      expect(index.firstAccepting(id, { domain: rule.domain })).toEqual(accepting.filter((o) => o.domain === rule.domain).slice(0, 2))
      expect(index.domainsAccepting(id)).toEqual(new Set(accepting.map((o) => o.domain)))
      for (const word of index.cueWords(rule)) {
        const union = new Set(accepting.filter((o) => index.cueWords(o).has(word)).flatMap((o) => [...index.accepted(o)]))
        expect(index.acceptedByAnswerWord(id, word)).toEqual(union)
      }
    }
    expect(index.rulesOf(rule.table)).toEqual(graph.rules.filter((other) => other.table === rule.table))
    expect(index.rulesWithCue(` ${rule.cue.toUpperCase()}!`)).toContain(rule)
  }
}

describe('graph index', () => {
  it('agrees with the scans on the fixture', () => checkAgainstScans(loadFixture()))

  it.each(realGraphs)('agrees with the scans on content/$bank', ({ graph }) => checkAgainstScans(graph))

  it('finds peers through common and rare words alike', () => {
    const graph = loadFixture()
    const template = graph.rules[0]!
    const cues = ['Low latency data set', 'low latency data', 'data set', 'set', 'data set storage cheap', 'Cheap storage set']
    const rules: Rule[] = cues.map((cue, i) => ({ ...template, id: `${template.table}:peer-${i}`, cue }))
    const index = indexGraph({ ...graph, rules, traps: [] })
    const brute = (rule: Rule) =>
      rules.filter((other) => other.id === rule.id || jaccard(index.cueWords(rule), index.cueWords(other)) >= needOverlap).map((r) => r.id)
    for (const rule of rules) expect(index.peers(rule).map((r) => r.id)).toEqual(brute(rule))
    expect(index.peers(rules[0]!).length).toBeGreaterThan(1)
  })
})
