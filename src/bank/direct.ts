/**
 * Direct questions on one rule: "which answer fits this need?" — a single
 * item for every rule and, where the cell accepts several answers of one
 * kind, a "Select TWO/THREE" multiple-response item.
 */
import type { Rule } from '../graph/schema.js'
import type { DraftChoice, DraftOption } from './draft.js'
import { difficultyOf, tagsOf } from './draft.js'
import { candidatesFor, chooseDistractors, ruleNeed, type Candidate } from './distractors.js'
import { whyRight, whyWrong } from './explain.js'
import type { GraphIndex } from './graph-index.js'
import { shuffleBy } from './hash.js'
import { multipleStem, ruleStem } from './stems.js'
import { slug } from './text.js'

/** Decision-error tag: the key's catalog category (content-declared), so re-drills group by decision. */
export function errorOf(index: GraphIndex, answerId: string | undefined, fallback: string): string {
  const answer = answerId === undefined ? undefined : index.answers.get(answerId)
  return slug(answer?.category ?? fallback)
}

/** In-scope accepted answers of a rule, in a stable per-rule order. */
function keysOf(index: GraphIndex, rule: Rule): string[] {
  return shuffleBy(
    index.own(rule).filter((id) => index.answer(id).inScope),
    (id) => `${rule.id}|key|${id}`,
  )
}

/** Same-kind candidates first, then (only if too few) siblings and traps of other kinds. */
export function distractorPool(index: GraphIndex, rule: Rule, keyIds: readonly string[], count: number): Candidate[] {
  const need = ruleNeed(index, rule)
  const pool = candidatesFor(index, need, keyIds)
  if (pool.length >= count) return pool
  return [...pool, ...candidatesFor(index, need, keyIds, { anyKind: true })]
}

export interface ChoiceOptions {
  /** Extra seed so a case-study question differs from the rule's own single. */
  variant?: string
  form?: string
}

/** A single-answer item on a rule, or undefined when no four-option item can be built. */
export function singleFor(index: GraphIndex, rule: Rule, settings: ChoiceOptions = {}): DraftChoice | undefined {
  const variant = settings.variant ?? ''
  const stem = ruleStem(index, rule, variant)
  for (const keyId of keysOf(index, rule)) {
    const pool = distractorPool(index, rule, [keyId], 3)
    if (pool.length < 3) continue
    const key = index.answer(keyId)
    const seed = `single|${rule.id}${variant}`
    const picks = chooseDistractors(pool, { seed, stem, keyTexts: [key.name], count: 3 })
    return choiceDraft(index, rule, {
      type: 'single',
      seed,
      stem,
      keys: [keyId],
      picks,
      form: settings.form ?? 'direct',
    })
  }
  return undefined
}

/** A "Select TWO/THREE" item when the rule accepts several answers of one kind. */
export function multipleFor(index: GraphIndex, rule: Rule): DraftChoice | undefined {
  const byKind = new Map<string, string[]>()
  for (const id of keysOf(index, rule)) {
    const kind = index.answer(id).kind
    byKind.set(kind, [...(byKind.get(kind) ?? []), id])
  }
  const keys = [...byKind.values()].sort((a, b) => b.length - a.length)[0] ?? []
  if (keys.length < 2) return undefined
  const chosen = keys.slice(0, Math.min(3, keys.length))
  const pool = candidatesFor(index, ruleNeed(index, rule), chosen)
  if (pool.length < 3) return undefined
  const seed = `multiple|${rule.id}`
  const stem = multipleStem(index, rule, chosen.length, '|multiple')
  const picks = chooseDistractors(pool, {
    seed,
    stem,
    keyTexts: chosen.map((id) => index.answer(id).name),
    count: 3,
  })
  return choiceDraft(index, rule, { type: 'multiple', seed, stem, keys: chosen, picks, form: 'direct' })
}

/**
 * Rules of other tables that state the same need as `rule`, at least as
 * specifically (every cue word of `rule` is in theirs), and confirm it by
 * accepting one of its answers ("Gradual rollout" / "gradual rollout"). Their
 * other answers are right for `rule`'s stem too. A looser overlap is enough
 * to keep an answer out of the distractors, not to make it a key:
 * "Low latency, spiky traffic" is no "Low-latency, always-on API".
 */
export function sameNeedRules(index: GraphIndex, rule: Rule): Rule[] {
  const mine = [...index.cueWords(rule)]
  const own = new Set(index.own(rule))
  return index.peers(rule).filter((other) => {
    if (other.table === rule.table) return false
    const theirs = index.cueWords(other)
    if (theirs.size < mine.length) return false
    for (const word of mine) if (!theirs.has(word)) return false
    return index.own(other).some((id) => own.has(id))
  })
}

/**
 * A "Select TWO/THREE" item from rules that share a need: one key from this
 * rule's cell and the answers of the same kind that only the other tables
 * accept, each explained by its own rule.
 */
export function combinedMultipleFor(index: GraphIndex, rule: Rule): DraftChoice | undefined {
  const own = keysOf(index, rule)
  const first = own[0]
  if (first === undefined) return undefined
  const kind = index.answer(first).kind
  const extra: { id: string; rule: Rule }[] = []
  for (const other of sameNeedRules(index, rule)) {
    for (const id of index.own(other)) {
      const answer = index.answer(id)
      if (!answer.inScope || answer.kind !== kind || own.includes(id) || extra.some((entry) => entry.id === id)) continue
      extra.push({ id, rule: other })
    }
  }
  if (extra.length === 0) return undefined
  const chosen = [{ id: first, rule }, ...shuffleBy(extra, (entry) => `${rule.id}|combined|${entry.id}`).slice(0, 2)]
  const keys = chosen.map((entry) => entry.id)
  // Same kind first; a kind too small for 5+ options is completed with same-table siblings and typical errors.
  const pool = distractorPool(index, rule, keys, 3)
  if (pool.length < 3) return undefined
  const seed = `multiple|combined|${rule.id}`
  const stem = multipleStem(index, rule, chosen.length, '|combined')
  const picks = chooseDistractors(pool, { seed, stem, keyTexts: keys.map((id) => index.answer(id).name), count: 3 })
  const draft = choiceDraft(index, rule, { type: 'multiple', seed, stem, keys, picks, form: 'combined' })
  const partners = [...new Set(chosen.slice(1).map((entry) => entry.rule))]
  return {
    ...draft,
    ruleIds: [rule.id, ...partners.map((other) => other.id)],
    explanation: {
      correct: chosen.map((entry) => whyRight(index, entry.rule, index.answer(entry.id).name, true)).join(' '),
      sources: dedupeSources([
        ...draft.explanation.sources,
        ...partners.map((other) => ({ ruleId: other.id, file: other.source.file, line: other.source.line })),
      ]),
    },
    options: draft.options.map((option) => {
      const entry = chosen.find((candidate) => index.answer(candidate.id).name === option.text)
      return entry ? { ...option, feedback: `Correct. ${whyRight(index, entry.rule, option.text, true)}` } : option
    }),
  }
}

function choiceDraft(
  index: GraphIndex,
  rule: Rule,
  parts: { type: 'single' | 'multiple'; seed: string; stem: string; keys: string[]; picks: Candidate[]; form: string },
): DraftChoice {
  const keyNames = parts.keys.map((id) => index.answer(id).name)
  const options: DraftOption[] = [
    ...parts.keys.map((id) => ({
      text: index.answer(id).name,
      feedback: `Correct. ${whyRight(index, rule, index.answer(id).name, parts.keys.length > 1)}`,
      key: true,
    })),
    ...parts.picks.map((pick) => ({ text: pick.text, feedback: whyWrong(index, rule, pick.id, pick.trap), key: false })),
  ]
  const traps = parts.picks.flatMap((pick) => (pick.trap ? [pick.trap] : []))
  const sources = [
    { ruleId: rule.id, file: rule.source.file, line: rule.source.line },
    ...traps.map((trap) => ({ ruleId: trap.id, file: trap.source.file, line: trap.source.line })),
  ]
  return {
    type: parts.type,
    seed: parts.seed,
    prefix: rule.table,
    domain: rule.domain,
    task: rule.task,
    topic: rule.topic,
    ruleIds: [rule.id],
    tags: tagsOf({ ...rule, error: errorOf(index, parts.keys[0], rule.table), form: parts.form }),
    difficulty: difficultyOf(parts.picks),
    stem: parts.stem,
    explanation: {
      correct: whyRight(index, rule, keyNames),
      sources: dedupeSources(sources),
    },
    options,
  }
}

export function dedupeSources<T extends { ruleId: string }>(sources: readonly T[]): T[] {
  const seen = new Set<string>()
  return sources.filter((source) => !seen.has(source.ruleId) && seen.add(source.ruleId))
}
