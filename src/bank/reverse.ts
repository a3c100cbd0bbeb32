/**
 * Reverse items: the answer is given, the options are needs from the same
 * table. A cue is a distractor only if no rule of its need (in any table)
 * accepts the answer.
 */
import type { Rule, Table } from '../graph/schema.js'
import type { DraftChoice } from './draft.js'
import { difficultyOf, tagsOf } from './draft.js'
import { errorOf } from './direct.js'
import { chooseDistractors, type Candidate } from './distractors.js'
import { whyCue, whyRight } from './explain.js'
import type { GraphIndex } from './graph-index.js'
import { reverseStem } from './stems.js'
import { normalize, upperFirst } from './text.js'
import { shuffleBy } from './hash.js'

export function reverseItems(index: GraphIndex, table: Table): DraftChoice[] {
  const rules = index.rulesOf(table.id)
  const drafts: DraftChoice[] = []
  const done = new Set<string>()
  for (const rule of rules) {
    // One reverse item per rule: the first answer (seeded) that singles the rule out.
    let made = false
    for (const answerId of shuffleBy(index.own(rule), (id) => `${rule.id}|reverse|${id}`)) {
      if (made) break
      if (done.has(answerId)) continue
      done.add(answerId)
      const answer = index.answer(answerId)
      if (!answer.inScope) continue
      // The answer must pick out one rule of this table, else the key is ambiguous.
      if (rules.filter((other) => index.own(other).includes(answerId)).length !== 1) continue
      // Same-table needs first; needs of the same kind from the domain's other tables widen the pool.
      const peers = new Set(index.peers(rule))
      const fits = (other: Rule) => other.id !== rule.id && !index.accepted(other).has(answerId) && !peers.has(other)
      const seen = new Set<string>([normalize(rule.cue)])
      const pool: Candidate[] = []
      // Graph order over this table's rules and those of the same domain and cue kind (the rest never enter).
      for (const other of candidateRules(index, table.id, rule)) {
        const sameTable = other.table === table.id
        if (!fits(other) || seen.has(normalize(other.cue))) continue
        if (!sameTable && (other.domain !== rule.domain || other.cueKind !== rule.cueKind)) continue
        seen.add(normalize(other.cue))
        pool.push({ id: other.id, text: upperFirst(other.cue), tier: sameTable ? 1 : 2 })
      }
      if (pool.filter((candidate) => candidate.tier === 1).length < 2) continue
      if (pool.length < 3) continue
      const seed = `single|reverse|${rule.id}|${answerId}`
      const stem = reverseStem(rule, answer.name, index.names)
      const picks = chooseDistractors(pool, { seed, stem, keyTexts: [upperFirst(rule.cue)], count: 3 })
      const byId = index.rules
      const pickedRules = picks.map((pick) => byId.get(pick.id)).filter((other): other is Rule => other !== undefined)
      made = true
      drafts.push({
        type: 'single',
        seed,
        prefix: `${table.id}-reverse`,
        domain: rule.domain,
        task: rule.task,
        topic: rule.topic,
        ruleIds: [rule.id],
        tags: tagsOf({ ...rule, error: errorOf(index, answerId, table.id), form: 'reverse' }),
        difficulty: difficultyOf(picks),
        stem,
        explanation: {
          correct: whyRight(index, rule, answer.name),
          sources: [{ ruleId: rule.id, file: rule.source.file, line: rule.source.line }],
        },
        options: [
          { text: upperFirst(rule.cue), feedback: whyCue(index, rule, true, answer.name), key: true },
          ...pickedRules.map((other) => ({ text: upperFirst(other.cue), feedback: whyCue(index, other, false, answer.name), key: false })),
        ],
      })
    }
  }
  return drafts
}

/** Rules by domain and cue kind, with their graph positions, per graph. */
const groupsByGraph = new WeakMap<object, { position: Map<Rule, number>; groups: Map<string, Rule[]> }>()

/**
 * The rules a reverse item's pool can draw on, in graph order: the table's own
 * and those of the rule's domain and cue kind. Scanning them instead of every
 * rule keeps the same pool in the same order.
 */
function candidateRules(index: GraphIndex, tableId: string, rule: Rule): Rule[] {
  let cached = groupsByGraph.get(index.graph)
  if (cached === undefined) {
    const position = new Map<Rule, number>()
    const groups = new Map<string, Rule[]>()
    index.graph.rules.forEach((other, i) => {
      position.set(other, i)
      const key = `${other.domain}\u0000${other.cueKind}`
      const list = groups.get(key)
      if (list === undefined) groups.set(key, [other])
      else list.push(other)
    })
    cached = { position, groups }
    groupsByGraph.set(index.graph, cached)
  }
  const group = cached.groups.get(`${rule.domain}\u0000${rule.cueKind}`) ?? []
  const own = index.rulesOf(tableId).filter((other) => other.domain !== rule.domain || other.cueKind !== rule.cueKind)
  if (own.length === 0) return group
  const { position } = cached
  return [...new Set([...group, ...own])].sort((a, b) => position.get(a)! - position.get(b)!)
}
