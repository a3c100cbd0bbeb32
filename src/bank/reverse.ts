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
import { needOverlap, type GraphIndex } from './graph-index.js'
import { reverseStem } from './stems.js'
import { jaccard, normalize, upperFirst } from './text.js'
import { fnv32, shuffleBy } from './hash.js'

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
      const pool = reversePool(index, table.id, rule, answerId)
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

/** At most this many needs enter a reverse item's pool, whatever the size of the content. */
export const reversePoolSize = 12
/** Of which at most this many come from other tables by shared cue words... */
const nearestSize = 6
/** ...found among at most this many entries of the cue-word index... */
const wordScanBudget = 48
/** ...and the rest from a deterministic sample of at most this many needs of the rule's domain and cue kind. */
const sampleBudget = 24

/**
 * The needs a reverse item on `rule` (key `answerId`) draws its distractors
 * from: never one whose need accepts the answer or that shares the rule's
 * need, no cue twice. Same-table needs first (tier 1); then needs of the
 * same domain and cue kind from other tables (tier 2) that share the rarest
 * cue words with the rule; then a seeded sample of that group. Every step is
 * bounded, so the work per item does not grow with the content.
 */
export function reversePool(index: GraphIndex, tableId: string, rule: Rule, answerId: string): Candidate[] {
  // Same need as the rule (what `index.peers` lists), tested pairwise: a need's peers can be many.
  const words = index.cueWords(rule)
  const peer = (other: Rule) => other.id === rule.id || jaccard(words, index.cueWords(other)) >= needOverlap
  const seen = new Set<string>([normalize(rule.cue)])
  const pool: Candidate[] = []
  const take = (other: Rule, tier: 1 | 2): boolean => {
    if (pool.length >= reversePoolSize || peer(other)) return false
    const cue = normalize(other.cue)
    if (seen.has(cue) || index.accepted(other).has(answerId)) return false
    seen.add(cue)
    pool.push({ id: other.id, text: upperFirst(other.cue), tier })
    return true
  }
  for (const other of index.rulesOf(tableId)) take(other, 1)

  const inGroup = (other: Rule) => other.table !== tableId && other.domain === rule.domain && other.cueKind === rule.cueKind
  // Nearest needs: other tables' rules of the group sharing the rule's rarer cue words, weighted by rarity.
  const rarest = [...words].sort(
    (a, b) => index.rulesWithCueWord(a).length - index.rulesWithCueWord(b).length || (a < b ? -1 : a > b ? 1 : 0),
  )
  const score = new Map<Rule, number>()
  let budget = wordScanBudget
  for (const word of rarest) {
    const postings = index.rulesWithCueWord(word)
    const weight = 1 / Math.log2(1 + postings.length)
    for (let i = 0; i < postings.length && budget > 0; i++, budget--) {
      const other = postings[i]!
      if (inGroup(other)) score.set(other, (score.get(other) ?? 0) + weight)
    }
    if (budget === 0) break
  }
  const nearest = [...score].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1))
  let added = 0
  for (const [other] of nearest) if (added < nearestSize && take(other, 2)) added++

  // A bounded, seeded sample of the group fills what is left.
  const group = index.rulesOfGroup(rule.domain, rule.cueKind)
  if (group.length > 0) {
    const start = fnv32(`${rule.id}|reverse-sample|${answerId}`) % group.length
    for (let step = 0; step < Math.min(sampleBudget, group.length) && pool.length < reversePoolSize; step++) {
      const other = group[(start + step) % group.length]!
      if (inGroup(other)) take(other, 2)
    }
  }
  return pool
}
