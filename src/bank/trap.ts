/**
 * "A team did X. What should it do instead?" items from trap tables, lists
 * and paragraphs, when the trap names a right answer of the catalog: the
 * options are answers of its kind and the right one is the key. A trap whose
 * correction names no answer (or too many) stays a note for the explanations.
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

/**
 * Only traps whose right answer is a catalog answer become items: options that
 * are corrections ("Scaling fixes capacity, not drift") are statements, not
 * actions, and the key would be the trap's own correction pasted back.
 */
export function trapItem(index: GraphIndex, trap: Trap): DraftChoice | undefined {
  return answerTrapItem(index, trap)
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
