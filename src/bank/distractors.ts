/**
 * Distractor choice. Candidates are guaranteed wrong (never accepted for the
 * need in any table, never out of scope), of the key's kind, and ranked by
 * closeness in the graph: documented typical errors, then same-table
 * siblings, then same category or domain, then the rest of the kind. Among
 * near-equal candidates a set is chosen so that length, stem overlap and
 * convergence do not point at the key.
 */
import type { Answer, Rule, Trap } from '../graph/schema.js'
import type { GraphIndex } from './graph-index.js'
import { unit } from './hash.js'
import { solverTable, type SolverName } from './solvers.js'
import { normalize } from './text.js'

/** 0 documented trap, 1 same-table sibling, 2 same category or domain, 3 same kind elsewhere. */
export type Tier = 0 | 1 | 2 | 3

export interface Candidate {
  id: string
  text: string
  tier: Tier
  /** Graph distance from the key (0 = documented typical error); defaults from the tier. */
  distance?: number
  trap?: Trap
}

/** What a question asks for, as far as distractor choice is concerned. */
export interface Need {
  /** Canonical ids accepted for the need in any table: never a distractor. */
  accepted: ReadonlySet<string>
  /** Documented wrong choices (trap wrongIds, "rather than" answers), with the trap if any. */
  typical: ReadonlyMap<string, Trap | undefined>
  /** Answers of the same table's other rules. */
  siblings: ReadonlySet<string>
  domain: string
}

export function ruleNeed(index: GraphIndex, rule: Rule): Need {
  const typical = new Map<string, Trap | undefined>()
  for (const id of rule.rejectedIds) typical.set(index.canon(id), undefined)
  for (const [id, trap] of index.typicalFor(rule)) typical.set(id, trap)
  return {
    accepted: index.accepted(rule),
    typical,
    siblings: new Set(index.rulesOf(rule.table).flatMap((sibling) => index.own(sibling))),
    domain: rule.domain,
  }
}

/**
 * Candidate distractors, most plausible first. `anyKind` drops the kind
 * filter but keeps only typical errors and siblings: the fallback for a
 * kind too small to fill four options.
 */
export function candidatesFor(
  index: GraphIndex,
  need: Need,
  keyIds: readonly string[],
  options: { anyKind?: boolean } = {},
): Candidate[] {
  const keys = keyIds.map((id) => index.answer(id))
  const kinds = new Set(keys.map((key) => key.kind))
  const categories = new Set(keys.map((key) => key.category))
  const keyTexts = new Set(keys.map((key) => normalize(key.name)))
  const sameDomain = (id: string) => index.domainsAccepting(id).has(need.domain)

  // Same kind: the catalog's answers of the keys' kinds. Any kind: only typical errors and siblings can qualify.
  const scanned: Iterable<Answer> = options.anyKind
    ? [...new Set([...need.typical.keys(), ...need.siblings])].flatMap((id) => {
        const answer = index.answers.get(id)
        return answer !== undefined && index.canon(id) === id ? [answer] : []
      })
    : [...kinds].flatMap((kind) => index.answersOfKind(kind))
  const out: Candidate[] = []
  for (const answer of scanned) {
    const id = answer.id
    if (!answer.inScope) continue
    if (need.accepted.has(id) || keyIds.includes(id) || keyTexts.has(normalize(answer.name))) continue
    const typical = need.typical.has(id)
    const sibling = need.siblings.has(id)
    const sameCategory = categories.has(answer.category)
    const tier: Tier = typical ? 0 : sibling ? 1 : sameCategory || sameDomain(id) ? 2 : 3
    if (options.anyKind ? tier > 1 || kinds.has(answer.kind) : !kinds.has(answer.kind)) continue
    // Finer than the tier: a sibling of the key's own category is closer than one from elsewhere in a broad table.
    const distance = typical ? 0 : sibling ? (sameCategory ? 0.5 : 1) : sameCategory ? 1.1 : tier === 2 ? 1.7 : 2.4
    const trap = need.typical.get(id)
    out.push(trap ? { id, text: answer.name, tier, distance, trap } : { id, text: answer.name, tier, distance })
  }
  return out.sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const tierCost = [0, 1, 1.7, 2.4] as const

/** Solvers the choice guards against; position is handled by the layout. */
const guarded: SolverName[] = ['longest', 'shortest', 'stemOverlap', 'convergence', 'inclusive']

/**
 * Pick `count` distractors. Candidates are scored by closeness plus a
 * seeded jitter (so usage spreads over a pool), then the best-scoring
 * combination among the top few is kept, where a combination pays for
 * options much longer or shorter than the key and for letting a cheap solver
 * find the key. Each solver is allowed to find the key in about a quarter of
 * items (seeded), so no solver scores far below chance either.
 */
export function chooseDistractors(
  candidates: readonly Candidate[],
  options: { seed: string; stem: string; keyTexts: readonly string[]; count: number },
): Candidate[] {
  const { seed, stem, keyTexts, count } = options
  if (candidates.length <= count) return [...candidates]
  const keyLength = Math.max(1, ...keyTexts.map((text) => text.length)) 
  // The best count + 6 by score, ties in candidate order (a stable sort's first count + 6, without sorting them all).
  const size = count + 6
  const pool: Array<{ candidate: Candidate; score: number }> = []
  for (const candidate of candidates) {
    const score =
      (candidate.distance ?? tierCost[candidate.tier]) +
      0.6 * unit(`${seed}|${candidate.id}`) +
      0.5 * Math.abs(Math.log(Math.max(1, candidate.text.length) / keyLength))
    if (pool.length === size && !(score < pool[size - 1]!.score)) continue
    let at = pool.length
    while (at > 0 && pool[at - 1]!.score > score) at--
    pool.splice(at, 0, { candidate, score })
    if (pool.length > size) pool.pop()
  }
  const allowed = new Map(guarded.map((name) => [name, unit(`${seed}|allow|${name}`) < 0.3]))

  // Keys first, then the pool: a combination is a selection of these texts.
  const table = solverTable(stem, [...keyTexts, ...pool.map((entry) => entry.candidate.text)])
  const keyIndexes = keyTexts.map((_text, i) => i)
  const optionCount = keyTexts.length + count
  let best: { cost: number; picks: Candidate[] } | undefined
  for (const combo of combinations(pool.length, count)) {
    const picks = combo.map((i) => pool[i]!.candidate)
    let cost = combo.reduce((sum, i) => sum + pool[i]!.score, 0)
    const selection = [...keyIndexes, ...combo.map((i) => keyTexts.length + i)]
    for (const name of guarded) {
      const share = table.share(name, selection, keyIndexes) * (4 / optionCount)
      // Stem overlap leans towards the key by nature (the cue names what the key does): always push back.
      if (name === 'stemOverlap') cost += 2 * share
      else cost += allowed.get(name) ? -1.2 * share : 0.8 * share
    }
    if (!best || cost < best.cost - 1e-9) best = { cost, picks }
  }
  return best?.picks ?? []
}

function* combinations(n: number, k: number): Generator<number[]> {
  const combo = Array.from({ length: k }, (_v, i) => i)
  if (k > n) return
  while (true) {
    yield [...combo]
    let i = k - 1
    while (i >= 0 && combo[i] === n - k + i) i--
    if (i < 0) return
    combo[i]!++
    for (let j = i + 1; j < k; j++) combo[j] = combo[j - 1]! + 1
  }
}
