/**
 * Stateless mock exams. An exam id is `<bank version>-<seed base36>-<size>`:
 * any instance rebuilds the same exam from it, so nothing is stored.
 */
import type { Item } from '../bank/schema.js'
import { type BankIndex, type Answerable, decisionError, questionsOf, units } from './bank-index.js'
import { check, keyOf } from './check.js'
import { maxSeed, apportion, generator, shuffle } from './random.js'
import { problem } from './problems.js'
import type { ItemResponse } from './schemas.js'

export interface ExamPlan {
  id: string
  seed: number
  size: number
  /** Items in exam order; a case study may be cut to fewer questions to hit the domain quotas exactly. */
  items: Item[]
  /** Scored questions per domain, each case-study question under its own domain: what `items` holds. */
  blueprint: Array<{ domain: string; questions: number }>
}

const idPattern = /^([0-9a-f]{12})-([0-9a-z]{1,7})-([1-9][0-9]{0,3})$/

export function examId(version: string, seed: number, size: number): string {
  return `${version}-${seed.toString(36)}-${size}`
}

/** Parse an exam id, answering 404 (malformed) or 410 (another bank version). */
export function parseExamId(index: BankIndex, id: string): { seed: number; size: number } {
  const match = idPattern.exec(id)
  const seed = match ? parseInt(match[2]!, 36) : NaN
  const size = match ? Number(match[3]) : NaN
  if (!match || !(seed >= 0 && seed <= maxSeed) || size > index.examQuestions && match[1] === index.version) {
    throw problem('ExamNotFound', `Unexpected exam id \`${id}\`, expected an id returned by POST /v1/banks/${index.id}/exams`, {
      in: 'path',
      parameter: 'id',
    })
  }
  if (match[1] !== index.version) {
    throw problem(
      'ExamGone',
      `Exam \`${id}\` was made from version ${match[1]} of bank \`${index.id}\`, which is now at version ${index.version}; its questions may have changed`,
      { in: 'path', parameter: 'id' },
    )
  }
  return { seed, size }
}

/** Scored questions an item adds to each domain: a case study counts each question under its own domain. */
function perDomain(item: Item): Map<string, number> {
  const counts = new Map<string, number>()
  for (const question of questionsOf(item)) counts.set(question.domain, (counts.get(question.domain) ?? 0) + 1)
  return counts
}

/**
 * Assemble an exam: questions per domain at the domain weights (largest remainder),
 * each scored question counted under its own domain (a case study's questions may
 * span domains), every item type in proportion to the bank (each type it has at
 * least once), no repeats, seeded. The blueprint is what the exam holds.
 */
export function planExam(index: BankIndex, seed: number, size: number): ExamPlan {
  const random = generator(seed)
  const contributions = new Map<Item, Map<string, number>>(index.examItems.map((item) => [item, perDomain(item)]))
  const available = new Map<string, number>(index.graph.domains.map((d) => [d.id, 0]))
  for (const counts of contributions.values()) for (const [d, n] of counts) available.set(d, (available.get(d) ?? 0) + n)
  const weights = new Map(index.graph.domains.map((d) => [d.id, d.weight]))

  // Quotas at the weights; a domain short of questions gives its share to the others.
  const quota = new Map<string, number>()
  let open = [...available.keys()].filter((d) => (available.get(d) ?? 0) > 0)
  let left = size
  while (left > 0 && open.length > 0) {
    const shares = apportion(left, open.map((d) => [d, weights.get(d) ?? 0] as const))
    const full: string[] = []
    let given = 0
    for (const d of open) {
      const room = (available.get(d) ?? 0) - (quota.get(d) ?? 0)
      const share = Math.min(shares.get(d) ?? 0, room)
      quota.set(d, (quota.get(d) ?? 0) + share)
      given += share
      if (share >= room) full.push(d)
    }
    left -= given
    if (given === 0 && full.length === 0) {
      // Weights of zero: spread what is left evenly.
      const even = apportion(left, open.map((d) => [d, 1] as const))
      for (const d of open) quota.set(d, (quota.get(d) ?? 0) + Math.min(even.get(d) ?? 0, (available.get(d) ?? 0) - (quota.get(d) ?? 0)))
      break
    }
    open = open.filter((d) => !full.includes(d))
  }

  // Every item type in proportion to the bank, and each type the bank has at least once.
  const typeUnits = new Map<string, number>()
  for (const item of index.examItems) typeUnits.set(item.type, (typeUnits.get(item.type) ?? 0) + units(item))
  const typeTargets = apportion(size, [...typeUnits].sort(([a], [b]) => (a < b ? -1 : 1)))
  for (const [type, target] of typeTargets) {
    if (target > 0 || size < typeTargets.size) continue
    const largest = [...typeTargets].sort((a, b) => b[1] - a[1])[0]!
    typeTargets.set(largest[0], largest[1] - 1)
    typeTargets.set(type, 1)
  }

  // Rarest types first, each item where its domains still have room, the emptiest domains first.
  const room = new Map(quota)
  const fitsRoom = (counts: Map<string, number>) => {
    for (const [d, n] of counts) if (n > (room.get(d) ?? 0)) return false
    return true
  }
  const use = (counts: Map<string, number>) => {
    for (const [d, n] of counts) room.set(d, (room.get(d) ?? 0) - n)
  }
  const share = (d: string) => (room.get(d) ?? 0) / Math.max(1, quota.get(d) ?? 0)
  const emptiest = (item: Item) => {
    let least = Infinity
    for (const d of contributions.get(item)!.keys()) least = Math.min(least, share(d))
    return least
  }
  const picked = new Set<Item>()
  const byType = [...typeTargets].sort((a, b) => (typeUnits.get(a[0]) ?? 0) - (typeUnits.get(b[0]) ?? 0))
  const shuffled = shuffle(index.examItems, random)
  for (const [type, wanted] of byType) {
    let got = 0
    const candidates = shuffled.filter((item) => item.type === type)
    while (got < wanted) {
      const fits = candidates.filter(
        // The first of a type may run over its target (a case study of 3 for a target of 1).
        (item) => !picked.has(item) && (units(item) <= wanted - got || got === 0) && fitsRoom(contributions.get(item)!),
      )
      if (fits.length === 0) break
      const best = fits.reduce((a, b) => (emptiest(b) > emptiest(a) ? b : a))
      picked.add(best)
      got += units(best)
      use(contributions.get(best)!)
    }
  }
  // What types could not fill (case studies too big for the gap) is filled with whatever
  // fits, then by cutting a case study to the questions whose domains have room.
  const chosen: Item[] = [...picked]
  for (const cut of [false, true]) {
    for (const item of shuffled) {
      if (picked.has(item)) continue
      const counts = contributions.get(item)!
      if (fitsRoom(counts)) {
        picked.add(item)
        chosen.push(item)
        use(counts)
        continue
      }
      if (!cut || item.type !== 'case-study') continue
      const kept = item.questions.filter((q) => {
        const free = room.get(q.domain) ?? 0
        if (free <= 0) return false
        room.set(q.domain, free - 1)
        return true
      })
      if (kept.length === 0) continue
      picked.add(item)
      chosen.push({ ...item, questions: kept })
    }
  }
  const items = shuffle(chosen, random)
  const delivered = new Map<string, number>()
  for (const item of items) for (const [d, n] of perDomain(item)) delivered.set(d, (delivered.get(d) ?? 0) + n)
  const blueprint = index.graph.domains
    .filter((d) => (delivered.get(d.id) ?? 0) > 0)
    .map((d) => ({ domain: d.id, questions: delivered.get(d.id) ?? 0 }))
  return { id: examId(index.version, seed, size), seed, size, items, blueprint }
}

export interface GradeInput {
  responses: Record<string, ItemResponse>
}

/** Grade responses against a planned exam. */
export function gradeExam(index: BankIndex, plan: ExamPlan, input: GradeInput, basePath: string) {
  const questions: Array<{ question: Answerable; item: Item }> = plan.items.flatMap((item) =>
    questionsOf(item).map((question) => ({ question, item })),
  )
  const inExam = new Set(questions.map((q) => q.question.id))
  const stray = Object.keys(input.responses).filter((id) => !inExam.has(id))
  if (stray.length > 0) {
    const caseIds = plan.items.filter((i) => i.type === 'case-study').map((i) => i.id)
    const first = stray[0]!
    const detail = caseIds.includes(first)
      ? `Unexpected response for case study \`${first}\`, expected responses for each of its questions by their own ids`
      : `Unexpected response for \`${first}\`, which is not a question of exam ${plan.id}`
    throw problem('InvalidBody', detail, { in: 'body', pointer: `/responses/${first}` })
  }

  const { exam } = index.graph.bank
  // With no published scale, scores are percentages (and so is the pass mark).
  const [low, high] = exam.scale ?? [0, 100]
  let rawScore = 0
  let answered = 0
  const domainTally = new Map<string, { correct: number; total: number }>()
  const taskTally = new Map<string, { correct: number; total: number }>()
  const missed = []
  const errorCounts = new Map<string, number>()
  const right: string[] = []
  for (const { question, item } of questions) {
    const response = input.responses[question.id]
    const result = response === undefined ? null : check(question, response, `/responses/${question.id}`)
    if (response !== undefined) answered++
    const correct = result?.correct ?? false
    if (correct) {
      rawScore++
      right.push(question.id)
    }
    for (const [tally, key] of [[domainTally, question.domain], [taskTally, question.task]] as const) {
      const entry = tally.get(key) ?? { correct: 0, total: 0 }
      entry.total++
      if (correct) entry.correct++
      tally.set(key, entry)
    }
    if (!correct) {
      const error = decisionError(question)
      if (error) errorCounts.set(error, (errorCounts.get(error) ?? 0) + 1)
      missed.push({
        id: question.id,
        itemId: item.id,
        type: question.type,
        domain: question.domain,
        task: question.task,
        stem: question.stem,
        response: response ?? null,
        answer: keyOf(question),
        decisionError: error,
        explanation: question.explanation,
      })
    }
  }
  const total = questions.length
  const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((1000 * n) / of) / 10)
  const scaledScore = total === 0 ? low : Math.round(low + ((high - low) * rawScore) / total)
  const domains = index.graph.domains
    .filter((d) => domainTally.has(d.id))
    .map((d) => {
      const t = domainTally.get(d.id)!
      return { domain: d.id, title: d.title, weight: d.weight, correct: t.correct, total: t.total, percent: percent(t.correct, t.total) }
    })
  const tasks = [...taskTally]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([task, t]) => ({
      task,
      domain: index.tasks.get(task)?.domain ?? task.split('.')[0] ?? '',
      title: index.tasks.get(task)?.title ?? task,
      correct: t.correct,
      total: t.total,
      percent: percent(t.correct, t.total),
    }))

  let recommendedDrill = null
  if (missed.length > 0) {
    const errors = [...errorCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([e]) => e)
    const weakest = tasks
      .filter((t) => t.correct < t.total)
      .sort((a, b) => a.percent - b.percent || b.total - a.total || (a.task < b.task ? -1 : 1))
      .slice(0, 1)
      .map((t) => t.task)
    const tag = errors.map((e) => `error:${e}`)
    const exclude = right.slice(0, 250)
    const query = new URLSearchParams()
    for (const t of tag) query.append('tag', t)
    for (const t of weakest) query.append('task', t)
    if (exclude.length > 0) query.set('exclude', exclude.join(','))
    const reason =
      (errors.length > 0 ? `Most missed decision errors: ${errors.join(', ')}` : 'Missed questions') +
      (weakest.length > 0 ? `; weakest task ${weakest[0]} (${index.tasks.get(weakest[0]!)?.title ?? ''})` : '')
    recommendedDrill = { reason, tag, task: weakest, exclude, href: `${basePath}/drills?${query.toString()}` }
  }

  return {
    examId: plan.id,
    bank: index.id,
    version: index.version,
    answered,
    rawScore,
    total,
    percent: percent(rawScore, total),
    scaledScore,
    passingScore: exam.passingScore,
    passed: scaledScore >= exam.passingScore,
    domains,
    tasks,
    missed,
    recommendedDrill,
  }
}

/** Minutes for an exam of `size` questions, in proportion to the real one. */
export function timeLimit(index: BankIndex, size: number): number {
  const { questions, minutes } = index.graph.bank.exam
  return Math.max(1, Math.ceil((minutes * size) / questions))
}
