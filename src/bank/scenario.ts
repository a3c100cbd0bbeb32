/**
 * Scenario items from decision models (automatic item generation: model →
 * item model → items). For each model, every compatible set of two to four
 * facts, with or without a qualifier, is solved; a set is kept when it leaves
 * exactly one key (or the exact set of two or three for multiple response),
 * every stated fact rules out a shown option, and at least two distractors
 * fail on exactly one stated fact (near misses). Frames and wordings vary so
 * no two stems are the same, and no content word is shared only by the stem
 * and the key.
 */
import { factSets, failedFacts, qualifierApplies, solve, statesMustState } from '../graph/solve.js'
import type { Fact, Frame, Graph, Model, ModelOption, Qualifier } from '../graph/schema.js'
import type { DraftChoice } from './draft.js'
import type { GraphIndex } from './graph-index.js'
import { fnv32, shuffleBy } from './hash.js'
import { explanationFor, feedbackFor, frameSentence, referencesFor, sourcesFor, withQualifier, type Stated } from './scenario-text.js'
import type { Difficulty } from './schema.js'
import { contentWords } from './text.js'

/** How many items of each type one model may yield: enough variety, no flood of near-twins. */
export const perModel = { single: 32, multiple: 6 }

export interface Candidate {
  model: Model
  facts: Fact[]
  qualifier: Qualifier | undefined
  keys: ModelOption[]
  distractors: ModelOption[]
  nearMisses: number
}

/** A near miss fails on exactly one thing the stem states: one fact, or the qualifier alone. */
export function missCount(model: Model, option: ModelOption, facts: readonly Fact[], qualifier: Qualifier | undefined, keys: readonly ModelOption[]): number {
  const failed = failedFacts(model, option, facts).length
  if (failed > 0) return failed
  return keys.includes(option) ? 0 : qualifier === undefined ? 0 : 1
}

/**
 * A fact that only sets the scene: every feature it sets is one each scenario
 * must state (the problem type). It may rule out no shown option; any other
 * stated fact must rule out at least one.
 */
export function sceneOnly(model: Model, fact: Fact): boolean {
  return fact.sets.every((requirement) => model.mustState.includes(requirement.feature))
}

/** Every `size`-subset of `values`, in order. */
function* subsets<T>(values: readonly T[], size: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === size) return void (yield [...chosen])
  for (let i = start; i <= values.length - (size - chosen.length); i++) {
    chosen.push(values[i]!)
    yield* subsets(values, size, i + 1, chosen)
    chosen.pop()
  }
}

/**
 * The distractors to show: every stated fact must rule out at least one of
 * them (no fact left dangling) unless it only sets the scene (sceneOnly), so a
 * classifier's item need not show a regression metric that anyone can rule out; and with a qualifier one of them must meet
 * every fact and lose only on the qualifier. Of the sets that qualify, the one
 * with the most near misses, then failing on the most different facts, in a
 * seeded order. Undefined when no set qualifies.
 */
function chooseDistractors(model: Model, facts: readonly Fact[], qualifier: Qualifier | undefined, keys: readonly ModelOption[], count: number, seed: string): ModelOption[] | undefined {
  const others = shuffleBy(
    model.options.filter((option) => !keys.includes(option)),
    (option) => `${seed}|${option.answer}`,
  )
  const failing = new Map(others.map((option) => [option, failedFacts(model, option, facts)]))
  let best: ModelOption[] | undefined
  let bestScore = -1
  for (const set of subsets(others, count)) {
    if (!facts.every((fact) => sceneOnly(model, fact) || set.some((option) => failing.get(option)!.includes(fact)))) continue
    if (qualifier !== undefined && !set.some((option) => failing.get(option)!.length === 0)) continue
    const near = set.filter((option) => missCount(model, option, facts, qualifier, keys) === 1).length
    const reasons = new Set(set.map((option) => failing.get(option)![0]?.id ?? 'qualifier')).size
    const score = near * 10 + reasons
    if (score > bestScore) (best = set), (bestScore = score)
  }
  return best
}

/** Solved fact sets per model, type and qualifier list: case studies ask again for every frame. */
const solved = new WeakMap<Model, WeakMap<readonly Qualifier[], Map<string, readonly Candidate[]>>>()

export function candidatesFor(model: Model, qualifiers: readonly Qualifier[], type: 'single' | 'multiple'): readonly Candidate[] {
  let byQualifiers = solved.get(model)
  if (byQualifiers === undefined) solved.set(model, (byQualifiers = new WeakMap()))
  let byType = byQualifiers.get(qualifiers)
  if (byType === undefined) byQualifiers.set(qualifiers, (byType = new Map()))
  let candidates = byType.get(type)
  if (candidates === undefined) byType.set(type, (candidates = solveCandidates(model, qualifiers, type)))
  return candidates
}

function solveCandidates(model: Model, qualifiers: readonly Qualifier[], type: 'single' | 'multiple'): Candidate[] {
  const applicable: Array<Qualifier | undefined> = type === 'multiple' ? [undefined] : [undefined, ...qualifiers.filter((q) => qualifierApplies(model, q))]
  const out: Candidate[] = []
  for (let size = 2; size <= 4; size++) {
    for (const facts of factSets(model.facts, size)) {
      // A feature the model says every scenario must state ("when are results needed?") cannot be left to the reader's guess.
      if (!statesMustState(model, facts)) continue
      for (const qualifier of applicable) {
        const { consistent, best } = solve(model, model.options, facts, qualifier)
        // A qualifier that changes nothing is noise: keep it only where it breaks a tie.
        if (qualifier !== undefined && consistent.length < 2) continue
        const wanted = type === 'single' ? best.length === 1 : best.length >= 2 && best.length <= 3
        if (!wanted) continue
        const optionCount = type === 'single' ? 4 : 5
        const needed = optionCount - best.length
        if (model.options.length - best.length < needed) continue
        const seed = `${model.id}|${facts.map((fact) => fact.id).join('|')}|${qualifier?.id ?? ''}`
        const distractors = chooseDistractors(model, facts, qualifier, best, needed, seed)
        if (distractors === undefined) continue
        const nearMisses = distractors.filter((option) => missCount(model, option, facts, qualifier, best) === 1).length
        if (nearMisses < 2) continue
        if (type === 'multiple' && !best.every((key) => supportedKey(model, key, facts, distractors))) continue
        out.push({ model, facts, qualifier, keys: best, distractors, nearMisses })
      }
    }
  }
  return out
}

/**
 * A key of a multiple-response item must stand on a stated fact of its own:
 * one that sets a feature its cell speaks to (not `any`) and that a shown
 * distractor fails. Otherwise nothing in the stem says why it is chosen.
 */
export function supportedKey(model: Model, key: ModelOption, facts: readonly Fact[], distractors: readonly ModelOption[]): boolean {
  return facts.some(
    (fact) =>
      fact.sets.some((requirement) => key.values.some((value) => value.feature === requirement.feature && value.admits.kind !== 'any')) &&
      distractors.some((option) => failedFacts(model, option, [fact]).length > 0),
  )
}

/** Two items with the same key(s) must differ in at least two stated facts or in the qualifier. */
function nearTwin(a: Candidate, b: Candidate): boolean {
  if (a.qualifier !== b.qualifier) return false
  if (a.keys.map((k) => k.answer).join('|') !== b.keys.map((k) => k.answer).join('|')) return false
  const ids = new Set(a.facts.map((fact) => fact.id))
  const shared = b.facts.filter((fact) => ids.has(fact.id)).length
  return a.facts.length + b.facts.length - 2 * shared < 2
}

/**
 * Up to `limit` candidates: keys in turn (so every option is the key about as
 * often), the most near misses first, no near-twins.
 */
export function pickCandidates(candidates: readonly Candidate[], limit: number): Candidate[] {
  const groups = new Map<string, Candidate[]>()
  for (const candidate of candidates) {
    const key = candidate.keys.map((option) => option.answer).join('|')
    const list = groups.get(key)
    if (list === undefined) groups.set(key, [candidate])
    else list.push(candidate)
  }
  const seedOf = (c: Candidate) => `${c.model.id}|${c.facts.map((fact) => fact.id).join('|')}|${c.qualifier?.id ?? ''}`
  const queues = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => shuffleBy(list, seedOf).sort((a, b) => b.nearMisses - a.nearMisses || a.facts.length - b.facts.length))
  const picked: Candidate[] = []
  let progress = true
  while (picked.length < limit && progress) {
    progress = false
    for (const queue of queues) {
      while (queue.length > 0) {
        const next = queue.shift()!
        if (picked.some((other) => nearTwin(other, next))) continue
        picked.push(next)
        progress = true
        break
      }
      if (picked.length >= limit) break
    }
  }
  return picked
}

/** Content words of the key's text that no distractor has: the stem must not contain them. */
export function giveaways(stem: string, key: readonly string[], distractors: readonly string[]): string[] {
  const stemWords = contentWords(stem)
  const elsewhere = new Set(distractors.flatMap((text) => [...contentWords(text)]))
  return [...new Set(key.flatMap((text) => [...contentWords(text)]))].filter((word) => stemWords.has(word) && !elsewhere.has(word))
}

export function difficultyOf(candidate: Pick<Candidate, 'nearMisses' | 'facts' | 'qualifier'>): Difficulty {
  const score = candidate.nearMisses + (candidate.facts.length - 2) + (candidate.qualifier === undefined ? 0 : 1)
  return score <= 2 ? 'easy' : score === 3 ? 'medium' : 'hard'
}

export interface Written {
  stem: string
  stated: Stated[]
  frame: Frame
}

/**
 * The stem for a candidate: the first frame and wordings (in a seeded order)
 * that give a stem not yet used and no give-away. Undefined when none does.
 */
export function writeStem(
  candidate: Candidate,
  frames: readonly Frame[],
  used: ReadonlySet<string>,
  seed: string,
  close: string,
  /** Frames already used for an item with the same key: tried last, so two such items do not read alike. */
  later: ReadonlySet<string> = new Set(),
): Written | undefined {
  const { model } = candidate
  const keyTexts = candidate.keys.map((option) => option.solution)
  const distractorTexts = candidate.distractors.map((option) => option.solution)
  if (frames.length === 0) return undefined
  const shuffled = shuffleBy(frames, (frame) => `${seed}|frame|${frame.id}`)
  const orderedFrames = [...shuffled.filter((frame) => !later.has(frame.id)), ...shuffled.filter((frame) => later.has(frame.id))]
  const variants = Math.max(...candidate.facts.map((fact) => fact.wordings.length), model.goals.length)
  for (const frame of orderedFrames) {
    for (let v = 0; v < variants; v++) {
      const stated = candidate.facts.map((fact) => ({ fact, wording: fact.wordings[(fnv32(`${seed}|${fact.id}`) + v) % fact.wordings.length]! }))
      const goal = model.goals[(fnv32(`${seed}|goal`) + v) % model.goals.length]!
      // As certification items read (for example AWS ones): the situation, the deciding facts, then what must be decided and the question.
      const stem = [frameSentence(frame), ...stated.map((item) => item.wording), goal, close].join(' ')
      if (used.has(stem)) continue
      if (giveaways(stem, keyTexts, distractorTexts).length > 0) continue
      return { stem, stated, frame }
    }
  }
  return undefined
}

export function optionsFor(index: GraphIndex, candidate: Candidate, stated: readonly Stated[]) {
  const { model, qualifier } = candidate
  const key = candidate.keys.length === 1 ? candidate.keys[0]! : candidate.keys
  return [...candidate.keys, ...candidate.distractors].map((option) => ({
    text: option.solution,
    feedback: feedbackFor(index, model, option, stated, qualifier, key),
    key: candidate.keys.includes(option),
  }))
}

const selectWord = ['', '', 'TWO', 'THREE']

/** The frames that can host a candidate: each states every fact it implies for the model and none it excludes. */
export function framesFor(frames: readonly Frame[], candidate: Pick<Candidate, 'model' | 'facts'>): Frame[] {
  const stated = new Set(candidate.facts.map((fact) => fact.id))
  const prefix = `${candidate.model.id}:`
  return frames.filter(
    (frame) =>
      frame.models.includes(candidate.model.id) &&
      frame.facts.every((id) => !id.startsWith(prefix) || stated.has(id)) &&
      !frame.excludes.some((id) => stated.has(id)),
  )
}

/** Scenario single and multiple-response items for every model hosted by a frame. */
export function scenarioItems(index: GraphIndex, graph: Graph = index.graph): DraftChoice[] {
  const drafts: DraftChoice[] = []
  const used = new Set<string>()
  for (const model of graph.models) {
    const frames = graph.frames.filter((frame) => frame.models.includes(model.id))
    if (frames.length === 0) continue
    const types: Array<'single' | 'multiple'> = model.questionMultiple === undefined ? ['single'] : ['single', 'multiple']
    const framesByKey = new Map<string, Set<string>>()
    for (const type of types) {
      const picked = pickCandidates(candidatesFor(model, graph.qualifiers, type), perModel[type])
      for (const candidate of picked) {
        const seed = `scenario|${type}|${model.id}|${candidate.facts.map((fact) => fact.id).join('|')}|${candidate.qualifier?.id ?? ''}`
        const close =
          type === 'single'
            ? withQualifier(model.question, candidate.qualifier)
            : `${model.questionMultiple} (Select ${selectWord[candidate.keys.length]}.)`
        const sameKey = `${type}|${candidate.keys.map((option) => option.answer).join('|')}`
        const framesOfKey = framesByKey.get(sameKey) ?? new Set<string>()
        const written = writeStem(candidate, framesFor(frames, candidate), used, seed, close, framesOfKey)
        if (written === undefined) continue
        used.add(written.stem)
        framesByKey.set(sameKey, framesOfKey.add(written.frame.id))
        const shown = [...candidate.keys, ...candidate.distractors]
        drafts.push({
          type,
          seed,
          prefix: `scenario-${model.key}`,
          domain: model.domain,
          task: model.task,
          topic: model.topic,
          ruleIds: [model.id, ...candidate.facts.map((fact) => fact.id)],
          tags: scenarioTags(model, candidate.qualifier, 'scenario'),
          difficulty: difficultyOf(candidate),
          stem: written.stem,
          explanation: {
            correct: explanationFor(index, model, shown, written.stated, candidate.qualifier, candidate.keys),
            sources: sourcesFor(model, written.stated),
            ...referencesFor(candidate.keys, written.stated),
          },
          options: optionsFor(index, candidate, written.stated),
        })
      }
    }
  }
  return drafts
}

export function scenarioTags(model: Model, qualifier: Qualifier | undefined, form: 'scenario' | 'case'): string[] {
  const tags = [`domain:${model.domain}`, `task:${model.task}`, `topic:${model.topic}`, `form:${form}`, `decision:${model.key}`]
  if (qualifier !== undefined) tags.push(`qualifier:${qualifier.id}`)
  return tags
}
