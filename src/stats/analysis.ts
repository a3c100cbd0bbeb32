/**
 * Classical item analysis from the stored sums (store.ts): a pure function
 * of the sums and the bank, no response is read.
 *
 * - p: proportion correct in exam attempts.
 * - pointBiserial: corrected item–rest correlation, x = item score (0/1),
 *   y = total score − x, from n, Σx, Σy, Σxy, Σy² (Σx² = Σx).
 * - discrimination: upper–lower 27% index D = p(upper) − p(lower). The groups
 *   are the top and bottom 27% of the item's takers by percent score, read off
 *   the per-item score histogram (2-point buckets); a bucket cut by the
 *   boundary counts in proportion, as tied scores are split.
 * - options: each option's share of responses (multiple: of responses that
 *   chose it), overall and in the two groups.
 * - flags, once an item revision has `minResponses` exam responses.
 */
import type { BankSums, ItemSums } from './store.js'

/** Exam responses an item revision needs before it is flagged. */
export const minResponses = 50
export const thresholds = {
  tooEasy: 0.95,
  tooHard: 0.2,
  lowDiscrimination: 0.1,
  nonFunctioning: 0.05,
  group: 0.27,
} as const

export type FlagCode =
  | 'too-easy'
  | 'too-hard'
  | 'negative-discrimination'
  | 'low-discrimination'
  | 'distractor-beats-key'
  | 'non-functioning-distractor'

export interface Flag {
  code: FlagCode
  detail: string
  option?: string
}

export interface SourceRef {
  ruleId: string
  file: string
  line: number
}

/** What the analysis needs to know about a question of the current bank. */
export interface QuestionInfo {
  id: string
  itemId: string
  type: string
  revision: string
  /** Option ids in display order (single and multiple), empty otherwise. */
  options: string[]
  key: string[]
  sources: SourceRef[]
}

export interface OptionStatistics {
  id: string
  key: boolean
  chosen: number
  share: number | null
  upper: number | null
  lower: number | null
  practiceChosen: number
}

export interface Group {
  responses: number
  p: number | null
}

export interface ItemStatistics {
  id: string
  itemId: string | null
  type: string | null
  revision: string
  current: boolean
  responses: number
  correct: number
  p: number | null
  pointBiserial: number | null
  discrimination: number | null
  upper: Group
  lower: Group
  options: OptionStatistics[]
  practice: { responses: number; correct: number; p: number | null }
  flags: Flag[]
  sources: SourceRef[]
}

export interface Form {
  questions: number
  attempts: number
  mean: number
  sd: number
  kr20: number | null
  distribution: Array<{ score: number; attempts: number }>
}

export interface BankStatistics {
  attempts: number
  practiceChecks: number
  minResponses: number
  items: { withResponses: number; reported: number; flagged: number }
  forms: Form[]
  flagged: ItemStatistics[]
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b))

/** Corrected point-biserial from the sums; null when x or y does not vary. */
export function pointBiserial(s: Pick<ItemSums, 'n' | 'correct' | 'sy' | 'sxy' | 'syy'>): number | null {
  const { n, correct: sx, sy, sxy, syy } = s
  const vx = n * sx - sx * sx
  const vy = n * syy - sy * sy
  if (n < 2 || vx <= 0 || vy <= 0) return null
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy)
}

interface GroupSums {
  size: number
  correct: number
  /** Share taken of each bucket (1 inside the group, a fraction at its boundary, 0 outside). */
  weights: number[]
}

/** The top (or bottom) `fraction` of takers from the bucket histogram, the boundary bucket in proportion. */
function group(item: ItemSums, fraction: number, top: boolean): GroupSums {
  const wanted = fraction * item.n
  const count = item.bucketN.length
  const out: GroupSums = { size: 0, correct: 0, weights: new Array<number>(count).fill(0) }
  for (let k = 0; k < count && out.size < wanted; k++) {
    const bucket = top ? count - 1 - k : k
    const n = item.bucketN[bucket]!
    if (n <= 0) continue
    const share = Math.min(1, (wanted - out.size) / n)
    out.size += share * n
    out.correct += share * item.bucketCorrect[bucket]!
    out.weights[bucket] = share
  }
  return out
}

/** Choices of an option within a group. */
function chosenIn(group: GroupSums, buckets: readonly number[]): number {
  let sum = 0
  for (let b = 0; b < buckets.length; b++) if (group.weights[b]! > 0) sum += group.weights[b]! * buckets[b]!
  return sum
}

export function analyseItem(item: ItemSums, info: QuestionInfo | undefined): ItemStatistics {
  const current = info !== undefined && info.revision === item.revision
  const upper = group(item, thresholds.group, true)
  const lower = group(item, thresholds.group, false)
  const key = new Set(current ? info.key : [])
  const optionIds = current && info.options.length > 0 ? info.options : [...item.options.keys()].sort()
  const options: OptionStatistics[] = optionIds.map((id) => {
    const counts = item.options.get(id)
    const buckets = counts?.buckets ?? []
    let chosen = 0
    for (const n of buckets) chosen += n
    return {
      id,
      key: key.has(id),
      chosen,
      share: ratio(chosen, item.n),
      upper: upper.size > 0 ? round(chosenIn(upper, buckets) / upper.size) : null,
      lower: lower.size > 0 ? round(chosenIn(lower, buckets) / lower.size) : null,
      practiceChosen: counts?.practice ?? 0,
    }
  })
  const p = item.n === 0 ? null : item.correct / item.n
  const rpb = pointBiserial(item)
  const pUpper = upper.size > 0 ? upper.correct / upper.size : null
  const pLower = lower.size > 0 ? lower.correct / lower.size : null
  const discrimination = pUpper === null || pLower === null ? null : pUpper - pLower
  const flags: Flag[] = []
  if (current && item.n >= minResponses && p !== null) {
    if (p > thresholds.tooEasy) flags.push({ code: 'too-easy', detail: `p = ${p.toFixed(2)} > ${thresholds.tooEasy}: almost everyone answers it` })
    if (p < thresholds.tooHard) flags.push({ code: 'too-hard', detail: `p = ${p.toFixed(2)} < ${thresholds.tooHard}: check the key and the wording` })
    if (rpb !== null && rpb < 0) {
      flags.push({ code: 'negative-discrimination', detail: `point-biserial ${rpb.toFixed(2)} < 0: stronger candidates miss it more often (possible miskey)` })
    } else if (rpb !== null && rpb < thresholds.lowDiscrimination) {
      flags.push({ code: 'low-discrimination', detail: `point-biserial ${rpb.toFixed(2)} < ${thresholds.lowDiscrimination}: it barely separates strong from weak candidates (second defensible answer?)` })
    }
    const keyed = options.filter((o) => o.key)
    const distractors = options.filter((o) => !o.key)
    if (keyed.length > 0 && upper.size > 0) {
      const weakestKey = Math.min(...keyed.map((o) => o.upper ?? 0))
      for (const d of distractors) {
        if ((d.upper ?? 0) > weakestKey) {
          flags.push({ code: 'distractor-beats-key', option: d.id, detail: `distractor ${d.id} is chosen by ${pct(d.upper)} of the top 27%, the key by ${pct(weakestKey)}` })
        }
      }
    }
    for (const d of distractors) {
      if ((d.share ?? 0) < thresholds.nonFunctioning) {
        flags.push({ code: 'non-functioning-distractor', option: d.id, detail: `distractor ${d.id} is chosen by ${pct(d.share)} of candidates (< 5%)` })
      }
    }
  }
  return {
    id: item.question,
    itemId: info?.itemId ?? null,
    type: info?.type ?? null,
    revision: item.revision,
    current,
    responses: item.n,
    correct: item.correct,
    p: p === null ? null : round(p),
    pointBiserial: rpb === null ? null : round(rpb),
    discrimination: discrimination === null ? null : round(discrimination),
    upper: { responses: round(upper.size, 2), p: pUpper === null ? null : round(pUpper) },
    lower: { responses: round(lower.size, 2), p: pLower === null ? null : round(pLower) },
    options,
    practice: { responses: item.practiceN, correct: item.practiceCorrect, p: ratio(item.practiceCorrect, item.practiceN) },
    flags,
    sources: info?.sources ?? [],
  }
}

const pct = (share: number | null) => `${Math.round(100 * (share ?? 0))}%`

/**
 * KR-20 per exam length k: k/(k−1) · (1 − Σpq / σ²). Mock exams draw different
 * questions, so Σpq is k times the mean item variance p(1−p) over the
 * responses to current item revisions (exact for a fixed form).
 */
export function forms(sums: BankSums, meanItemVariance: number | null): Form[] {
  return [...sums.scores]
    .sort((a, b) => a[0] - b[0])
    .map(([k, byScore]) => {
      let attempts = 0
      let sum = 0
      let squares = 0
      for (const [score, n] of byScore) {
        attempts += n
        sum += n * score
        squares += n * score * score
      }
      const mean = sum / attempts
      const variance = squares / attempts - mean * mean
      const kr20 = k < 2 || variance <= 0 || meanItemVariance === null ? null : (k / (k - 1)) * (1 - (k * meanItemVariance) / variance)
      return {
        questions: k,
        attempts,
        mean: round(mean, 2),
        sd: round(Math.sqrt(Math.max(0, variance)), 2),
        kr20: kr20 === null ? null : round(kr20, 3),
        distribution: [...byScore].sort((a, b) => a[0] - b[0]).map(([score, n]) => ({ score, attempts: n })),
      }
    })
}

export function analyseBank(sums: BankSums, questions: ReadonlyMap<string, QuestionInfo>): BankStatistics {
  const items = sums.items.map((item) => analyseItem(item, questions.get(item.question)))
  const currentSums = sums.items.filter((item) => questions.get(item.question)?.revision === item.revision && item.n > 0)
  let responses = 0
  let variance = 0
  for (const item of currentSums) {
    const p = item.correct / item.n
    responses += item.n
    variance += item.n * p * (1 - p)
  }
  const current = items.filter((i) => i.current)
  const flagged = current
    .filter((i) => i.flags.length > 0)
    .sort((a, b) => severity(a) - severity(b) || (a.pointBiserial ?? 0) - (b.pointBiserial ?? 0) || (a.id < b.id ? -1 : 1))
  return {
    attempts: sums.attempts,
    practiceChecks: sums.items.reduce((n, i) => n + i.practiceN, 0),
    minResponses,
    items: {
      withResponses: current.filter((i) => i.responses > 0).length,
      reported: current.filter((i) => i.responses >= minResponses).length,
      flagged: flagged.length,
    },
    forms: forms(sums, responses === 0 ? null : variance / responses),
    flagged,
  }
}

const order: FlagCode[] = ['negative-discrimination', 'distractor-beats-key', 'too-hard', 'low-discrimination', 'non-functioning-distractor', 'too-easy']
const severity = (item: ItemStatistics) => Math.min(...item.flags.map((f) => order.indexOf(f.code)))
