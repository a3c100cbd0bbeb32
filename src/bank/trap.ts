/**
 * "A team did X. What should it do instead?" items from trap tables, lists
 * and paragraphs. When the trap names a wrong choice and a right one of the
 * same kind, the options are answers (the right one is the key). Otherwise
 * the options are corrections: this trap's, and those of unrelated traps.
 */
import type { Trap } from '../graph/schema.js'
import type { DraftChoice } from './draft.js'
import { difficultyOf, tagsOf } from './draft.js'
import { dedupeSources, errorOf } from './direct.js'
import { candidatesFor, chooseDistractors, type Candidate, type Need } from './distractors.js'
import { whyWrong } from './explain.js'
import type { GraphIndex } from './graph-index.js'
import { fnv32, pick } from './hash.js'
import { trapStem } from './stems.js'
import { contentWords, jaccard, normalize, subjectIs, lowerFirst, phrase, sentence, slug, upperFirst } from './text.js'
import { needOverlap } from './graph-index.js'

export function trapItem(index: GraphIndex, trap: Trap): DraftChoice | undefined {
  return answerTrapItem(index, trap) ?? correctionTrapItem(index, trap)
}

function relatedRules(index: GraphIndex, trap: Trap) {
  return trap.ruleIds.map((id) => index.rules.get(id)).filter((rule) => rule !== undefined)
}

function trapNeed(index: GraphIndex, trap: Trap): Need {
  const accepted = new Set<string>()
  for (const rule of relatedRules(index, trap)) for (const id of index.accepted(rule)) accepted.add(id)
  for (const id of trap.rightIds) for (const relative of index.relatives(id)) accepted.add(relative)
  // Rules that accept a right answer and speak of the same thing as the trap share its need.
  const words = contentWords(`${trap.mistake} ${trap.correction}`)
  for (const id of trap.rightIds) {
    for (const word of words) for (const other of index.acceptedByAnswerWord(index.canon(id), word)) accepted.add(other)
  }
  // "Instead" rules out the mistaken choice itself: it would be a giveaway, not a distractor.
  for (const id of trap.wrongIds) accepted.add(index.canon(id))
  const siblings = new Set(relatedRules(index, trap).flatMap((rule) => index.rulesOf(rule.table).flatMap((r) => index.own(r))))
  return { accepted, typical: new Map(), siblings, domain: trap.domain }
}

/** More right answers than this and "what should it do instead?" has no single answer: options are corrections. */
const maxRightAnswers = 2

/** Names and aliases of an answer, normalised and padded for whole-word containment. */
function namesOf(index: GraphIndex, id: string): string[] {
  const answer = index.answers.get(id)
  return answer ? [answer.name, ...answer.aliases].map((name) => ` ${normalize(name)} `) : []
}

/**
 * A candidate is tied to a right answer when it is of the same category, or
 * one's name contains the other's (for example "Amazon S3" / "S3 bucket policy"): a
 * learner could defend it as the fix, so it is no distractor.
 */
export function tiedTo(index: GraphIndex, candidateId: string, rightId: string): boolean {
  if (index.canon(candidateId) === index.canon(rightId)) return true
  const candidate = index.answers.get(candidateId)
  const right = index.answers.get(rightId)
  if (candidate && right && candidate.category === right.category) return true
  const mine = namesOf(index, candidateId)
  const theirs = namesOf(index, rightId)
  return mine.some((a) => theirs.some((b) => a.includes(b) || b.includes(a)))
}

/** Options are answers: the trap swaps a wrong choice for a right one of the same kind. */
function answerTrapItem(index: GraphIndex, trap: Trap): DraftChoice | undefined {
  const wrong = new Set(trap.wrongIds.map(index.canon))
  const wrongKinds = new Set([...wrong].map((id) => index.answers.get(id)?.kind))
  const rightAll = [...new Set(trap.rightIds.map(index.canon))].filter((id) => !wrong.has(id))
  if (rightAll.length > maxRightAnswers) return undefined
  const right = rightAll.filter(
    (id) => index.answers.get(id)?.inScope && wrongKinds.has(index.answers.get(id)?.kind),
  )
  const keyId = pick(right.sort(), `${trap.id}|key`)
  if (keyId === undefined) return undefined
  const key = index.answer(keyId)
  const pool = candidatesFor(index, trapNeed(index, trap), [keyId]).filter(
    (candidate) => !rightAll.some((id) => tiedTo(index, candidate.id, id)),
  )
  if (pool.length < 3) return undefined
  const seed = `single|trap|${trap.id}`
  const stem = trapStem(index, trap, trap.table ? index.tables.get(trap.table) : undefined)
  const picks = chooseDistractors(pool, { seed, stem, keyTexts: [key.name], count: 3 })
  const rule = relatedRules(index, trap).find((r) => index.own(r).includes(keyId)) ?? index.rulesAccepting(keyId)[0]
  const correct = sentence(`${upperFirst(phrase(trap.correction))}`)
  return trapDraft(index, trap, {
    seed,
    stem,
    correct,
    error: errorOf(index, keyId, trap.table ?? trap.topic),
    options: [
      { text: key.name, feedback: `Correct. ${correct}`, key: true },
      ...picks.map((candidate) => ({
        text: candidate.text,
        feedback: rule ? whyWrong(index, rule, candidate.id) : sentence(`${subjectIs(candidate.text, index.names)} not what corrects this mistake`),
        key: false,
      })),
    ],
    picks,
    extraRules: rule ? [rule.id] : [],
  })
}

/** Options are corrections; a correction is a distractor only if its trap is about something else. */
function correctionTrapItem(index: GraphIndex, trap: Trap): DraftChoice | undefined {
  const words = contentWords(trap.mistake)
  const mine = new Set([...trap.wrongIds, ...trap.rightIds].map(index.canon))
  const accepted = trapNeed(index, trap).accepted
  const pool = correctionPool(index, trap, words, mine, accepted)
  if (pool.length < 3) return undefined
  const seed = `single|trap|${trap.id}`
  const stem = trapStem(index, trap, trap.table ? index.tables.get(trap.table) : undefined)
  const keyText = upperFirst(phrase(trap.correction))
  const picks = chooseDistractors(pool, { seed, stem, keyTexts: [keyText], count: 3 })
  const rule = relatedRules(index, trap)[0]
  const key = rule ? index.own(rule)[0] : undefined
  return trapDraft(index, trap, {
    seed,
    stem,
    correct: sentence(keyText),
    error: errorOf(index, key, trap.table ?? trap.topic),
    options: [
      { text: keyText, feedback: `Correct. ${sentence(keyText)}`, key: true },
      ...picks.map((candidate) => ({
        text: candidate.text,
        feedback: sentence(
          `This corrects a different mistake: ${lowerFirst(phrase(index.trap(candidate.id)?.mistake ?? candidate.text), index.names)}`,
        ),
        key: false,
      })),
    ],
    picks,
    extraRules: [],
  })
}

/** At most this many corrections enter a correction item's pool, whatever the size of the content. */
export const correctionPoolSize = 12
/** Of which at most this many are found through shared mistake words... */
const nearestSize = 6
/** ...among at most this many entries of the mistake-word index... */
const wordScanBudget = 48
/** ...and the rest from a seeded sample of at most this many traps of the domain, then of any domain. */
const sampleBudget = 24

/**
 * Corrections of other traps that can stand as distractors: traps about
 * something else (no shared answer, mistakes not alike). The same table's
 * first (tier 1), then traps sharing rarer mistake words (tier 2 in the
 * domain, else 3), then a seeded sample of the domain's traps and of all
 * traps. Bounded at every step, so the work per item does not grow with the
 * content.
 */
export function correctionPool(
  index: GraphIndex,
  trap: Trap,
  words: ReadonlySet<string>,
  mine: ReadonlySet<string>,
  accepted: ReadonlySet<string>,
): Candidate[] {
  const pool: Candidate[] = []
  const seen = new Set<string>([trap.id])
  const take = (other: Trap): boolean => {
    if (pool.length >= correctionPoolSize || seen.has(other.id)) return false
    seen.add(other.id)
    const theirs = [...other.wrongIds, ...other.rightIds].map(index.canon)
    if (theirs.some((id) => mine.has(id) || accepted.has(id))) return false
    if (jaccard(words, contentWords(other.mistake)) >= needOverlap) return false
    const tier = other.table !== undefined && other.table === trap.table ? 1 : other.domain === trap.domain ? 2 : 3
    pool.push({ id: other.id, text: upperFirst(phrase(other.correction)), tier })
    return true
  }
  if (trap.table !== undefined) for (const other of index.trapsOfTable(trap.table)) take(other)

  const rarest = [...words].sort(
    (a, b) => index.trapsWithMistakeWord(a).length - index.trapsWithMistakeWord(b).length || (a < b ? -1 : a > b ? 1 : 0),
  )
  const score = new Map<Trap, number>()
  let budget = wordScanBudget
  for (const word of rarest) {
    const postings = index.trapsWithMistakeWord(word)
    const weight = 1 / Math.log2(1 + postings.length)
    for (let i = 0; i < postings.length && budget > 0; i++, budget--) {
      const other = postings[i]!
      if (other.id !== trap.id) score.set(other, (score.get(other) ?? 0) + weight)
    }
    if (budget === 0) break
  }
  const nearest = [...score].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1))
  let added = 0
  for (const [other] of nearest) if (added < nearestSize && take(other)) added++

  for (const group of [index.trapsOfDomain(trap.domain), index.graph.traps]) {
    if (group.length === 0) continue
    const start = fnv32(`${trap.id}|correction-sample`) % group.length
    for (let step = 0; step < Math.min(sampleBudget, group.length) && pool.length < correctionPoolSize; step++) {
      take(group[(start + step) % group.length]!)
    }
  }
  return pool
}

function trapDraft(
  index: GraphIndex,
  trap: Trap,
  parts: {
    seed: string
    stem: string
    correct: string
    error: string
    options: DraftChoice['options']
    picks: readonly Candidate[]
    extraRules: string[]
  },
): DraftChoice {
  const ruleIds = [...new Set([trap.id, ...trap.ruleIds, ...parts.extraRules])]
  const sources = dedupeSources(
    ruleIds.flatMap((id) => {
      const source = id === trap.id ? trap.source : index.rules.get(id)?.source
      return source ? [{ ruleId: id, file: source.file, line: source.line }] : []
    }),
  )
  return {
    type: 'single',
    seed: parts.seed,
    prefix: trap.table ?? slug(trap.topic.split(/[./:]/).pop() ?? 'trap'),
    domain: trap.domain,
    task: trap.task,
    topic: trap.topic,
    ruleIds,
    tags: tagsOf({ ...trap, error: parts.error, form: 'trap' }),
    difficulty: difficultyOf(parts.picks),
    stem: parts.stem,
    explanation: { correct: parts.correct, sources },
    options: parts.options,
  }
}
