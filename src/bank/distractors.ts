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
import { fnvFinish, fnvStart, fnvUpdate, unit } from './hash.js'
import { solverNames, solverTable, type SolverName } from './solvers.js'
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
  let keyLength = 1
  for (const text of keyTexts) if (text.length > keyLength) keyLength = text.length
  // The best count + 6 by score, ties in candidate order (a stable sort's first count + 6, without sorting them all).
  const size = count + 6
  const pool: Candidate[] = []
  const scores: number[] = []
  // unit(`${seed}|${id}`) with the seed's part hashed once.
  const seeded = fnvUpdate(fnvStart, `${seed}|`)
  // Candidates usually come by distance (candidatesFor sorts them): then, once the pool is full, the first one
  // whose distance alone cannot enter ends the scan, as every later one is at least as far.
  let byDistance = true
  for (let i = 1; i < candidates.length && byDistance; i++) {
    const previous = candidates[i - 1]!
    const next = candidates[i]!
    if ((next.distance ?? tierCost[next.tier]) < (previous.distance ?? tierCost[previous.tier])) byDistance = false
  }
  for (const candidate of candidates) {
    const distance = candidate.distance ?? tierCost[candidate.tier]
    if (byDistance && pool.length === size && !(distance < scores[size - 1]!)) break
    const lengthCost = 0.5 * Math.abs(Math.log(Math.max(1, candidate.text.length) / keyLength))
    // The jitter only adds (0 ≤ unit < 1), so a candidate that cannot enter without it cannot enter with it.
    if (pool.length === size && !(distance + lengthCost < scores[size - 1]!)) continue
    const score = distance + 0.6 * (fnvFinish(fnvUpdate(seeded, candidate.id)) / 0x100000000) + lengthCost
    if (pool.length === size && !(score < scores[size - 1]!)) continue
    let at = pool.length
    while (at > 0 && scores[at - 1]! > score) at--
    pool.splice(at, 0, candidate)
    scores.splice(at, 0, score)
    if (pool.length > size) pool.pop(), scores.pop()
  }
  // Keys first, then the pool: a combination is a selection of these texts.
  const table = solverTable(stem, [...keyTexts, ...pool.map((candidate) => candidate.text)])
  const keyCount = keyTexts.length
  const optionCount = keyCount + count
  const factor = 4 / optionCount
  // Weights in the order of `solverNames`; 0 for a solver not guarded (none today).
  const weights = solverNames.map((name) =>
    !guarded.includes(name)
      ? 0
      : // Stem overlap leans towards the key by nature (the cue names what the key does): always push back.
        name === 'stemOverlap'
        ? 2
        : unit(`${seed}|allow|${name}`) < 0.3
          ? -1.2
          : 0.8,
  )
  const shares = new Float64Array(solverNames.length)
  const selection = new Int32Array(optionCount)
  for (let k = 0; k < keyCount; k++) selection[k] = k
  const combo = new Int32Array(count)
  for (let k = 0; k < count; k++) combo[k] = k
  const n = pool.length
  // The solvers can lower a combination's cost by at most this much (every solver allowed to find the key, finding
  // it alone): a combination whose scores alone, less that, cannot beat the best so far is not scored.
  let leeway = 0
  for (const weight of weights) if (weight < 0) leeway += weight * factor
  let bestCost = Number.POSITIVE_INFINITY
  let best: Int32Array | undefined
  if (count <= n) {
    while (true) {
      let cost = 0
      for (let k = 0; k < count; k++) {
        cost += scores[combo[k]!]!
        selection[keyCount + k] = keyCount + combo[k]!
      }
      // 1e-7: room for rounding between this bound and the cost summed below.
      if (best === undefined || cost + leeway - 1e-7 < bestCost - 1e-9) {
        table.sharesOfHead(selection, optionCount, keyCount, shares)
        for (let g = 0; g < shares.length; g++) if (weights[g] !== 0) cost += weights[g]! * (shares[g]! * factor)
        if (best === undefined || cost < bestCost - 1e-9) {
          bestCost = cost
          best = combo.slice()
        }
      }
      let i = count - 1
      while (i >= 0 && combo[i] === n - count + i) i--
      if (i < 0) break
      combo[i]!++
      for (let j = i + 1; j < count; j++) combo[j] = combo[j - 1]! + 1
    }
  }
  return best === undefined ? [] : Array.from(best, (i) => pool[i]!)
}
