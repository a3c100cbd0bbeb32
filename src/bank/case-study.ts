/**
 * Case studies: one organisation (a frame) followed through three or four
 * lifecycle decisions (data → training → deployment → monitoring and
 * security). The scenario states each decision's goal and deciding facts; each
 * question asks about one decision, and its key follows only from the facts
 * the scenario states. A question whose key the qualifier alone would single
 * out (scenario removed) is not asked.
 */
import { solve } from '../graph/solve.js'
import type { Frame, Model, Stage } from '../graph/schema.js'
import type { DraftCase, DraftChoice } from './draft.js'
import type { GraphIndex } from './graph-index.js'
import { fnv32 } from './hash.js'
import { candidatesFor, difficultyOf, framesFor, giveaways, optionsFor, scenarioTags, type Candidate } from './scenario.js'
import { explanationFor, frameSentence, referencesFor, sourcesFor, withQualifier, type Stated } from './scenario-text.js'
import { referencesOf } from './references.js'
import type { Difficulty } from './schema.js'

const stageOrder: readonly Stage[] = ['data', 'training', 'deployment', 'monitoring', 'security']

/** At most this many decisions per case; the scenario stays under about 250 words. */
const maxQuestions = 4
const minQuestions = 3
const maxWords = 250
const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length

/** The question without its scenario: the qualifier alone must leave two or more shown options. */
export function needsScenario(candidate: Pick<Candidate, 'model' | 'qualifier' | 'keys' | 'distractors'>): boolean {
  const shown = [...candidate.keys, ...candidate.distractors]
  return solve(candidate.model, shown, [], candidate.qualifier).best.length >= 2
}

/** The models a frame hosts that can sit in a case study, one per stage, in lifecycle order. */
export function caseModels(frame: Frame, models: ReadonlyMap<string, Model>): Model[] {
  const byStage = new Map<Stage, Model>()
  for (const id of frame.models) {
    const model = models.get(id)
    if (model?.stage === undefined || model.ask === undefined || byStage.has(model.stage)) continue
    byStage.set(model.stage, model)
  }
  return stageOrder.flatMap((stage) => byStage.get(stage) ?? []).slice(0, maxQuestions)
}

/** A case for every frame that hosts decisions of three or more lifecycle stages. */
export function caseStudies(index: GraphIndex): DraftCase[] {
  const { graph } = index
  const models = new Map(graph.models.map((model) => [model.id, model]))
  const drafts: DraftCase[] = []
  for (const frame of graph.frames) {
    const chosen = caseModels(frame, models)
    if (chosen.length < minQuestions) continue
    const parts = chooseParts(index, frame, chosen)
    if (parts.length < minQuestions) continue
    const scenario = scenarioText(frame, parts)
    const questions: DraftChoice[] = []
    for (const { candidate, stated } of parts) {
      const { model, qualifier } = candidate
      const stem = withQualifier(model.ask!, qualifier)
      const shown = [...candidate.keys, ...candidate.distractors]
      questions.push({
        type: 'single',
        seed: `case-question|${frame.id}|${model.id}|${candidate.facts.map((fact) => fact.id).join('|')}|${qualifier?.id ?? ''}`,
        prefix: `case-${frame.id}`,
        domain: model.domain,
        task: model.task,
        topic: model.topic,
        ruleIds: [model.id, ...candidate.facts.map((fact) => fact.id)],
        tags: scenarioTags(model, qualifier, 'case'),
        difficulty: difficultyOf(candidate),
        stem,
        explanation: {
          correct: explanationFor(index, model, shown, stated, qualifier, candidate.keys),
          sources: sourcesFor(model, stated),
          ...referencesFor(candidate.keys, stated),
        },
        options: optionsFor(index, candidate, stated),
      })
    }
    if (questions.length < minQuestions) continue
    const first = parts[0]!.candidate.model
    drafts.push({
      type: 'case-study',
      seed: `case-study|${frame.id}`,
      prefix: `case-${frame.id}`,
      domain: first.domain,
      task: first.task,
      topic: first.topic,
      ruleIds: [...new Set(questions.flatMap((question) => question.ruleIds))],
      tags: [...new Set([...questions.flatMap((question) => question.tags.filter((tag) => /^(domain|task|topic|decision):/.test(tag))), 'form:case'])],
      difficulty: hardest(questions.map((question) => question.difficulty)),
      stem: 'Read the scenario, then answer each question. Each question is scored separately.',
      scenario,
      explanation: {
        correct: questions.map((question) => question.explanation.correct).join(' '),
        sources: questions.flatMap((question) => question.explanation.sources),
        ...referencesOf(questions.flatMap((question) => question.explanation.references ?? [])),
      },
      questions,
    })
  }
  return drafts
}

/** One decision of the case: its facts, stated in the scenario; its question asks the model's `ask`. */
interface Part {
  candidate: Candidate
  stated: Stated[]
}

function scenarioText(frame: Frame, parts: readonly Part[]): string {
  return [frameSentence(frame), ...parts.map(textOf)].join('\n\n')
}

/** The scenario must not hand a question its key: no word shared only by the scenario (and stem) and the key. */
function clean(frame: Frame, parts: readonly Part[]): boolean {
  const scenario = scenarioText(frame, parts)
  return parts.every(({ candidate }) => {
    const stem = withQualifier(candidate.model.ask!, candidate.qualifier)
    return giveaways(`${scenario} ${stem}`, candidate.keys.map((o) => o.solution), candidate.distractors.map((o) => o.solution)).length === 0
  })
}

/**
 * One part per model, in lifecycle order. For each model the candidates are
 * tried from a seeded start (keys rotate across frames); a part is taken when
 * its text names no option of another chosen decision (nor theirs its options)
 * and the scenario so far gives no question its key.
 */
function chooseParts(index: GraphIndex, frame: Frame, models: readonly Model[]): Part[] {
  const { graph } = index
  const parts: Part[] = []
  for (const model of models) {
    const seed = `case|${frame.id}|${model.id}`
    const pool = candidatesFor(model, graph.qualifiers, 'single').filter((c) => c.facts.length <= 3 && needsScenario(c) && framesFor([frame], c).length === 1)
    if (pool.length === 0) continue
    const keys = [...new Set(pool.map((c) => c.keys[0]!.answer))].sort()
    const wanted = keys[fnv32(seed) % keys.length]
    // Candidates of the wanted key first, each list from a seeded start.
    const rotate = (list: Candidate[]) => list.map((_, i) => list[(fnv32(`${seed}|pick`) + i) % list.length]!)
    const ordered = [...rotate(pool.filter((c) => c.keys[0]!.answer === wanted)), ...rotate(pool.filter((c) => c.keys[0]!.answer !== wanted))]
    for (const candidate of ordered.slice(0, 40)) {
      const stated = candidate.facts.map((fact) => ({ fact, wording: fact.wordings[fnv32(`${seed}|${fact.id}`) % fact.wordings.length]! }))
      const part = { candidate, stated }
      const fits =
        words(scenarioText(frame, [...parts, part])) <= maxWords &&
        parts.every((other) => !namesOptionOf(index, textOf(part), other.candidate.model) && !namesOptionOf(index, textOf(other), model)) &&
        clean(frame, [...parts, part])
      if (fits) {
        parts.push(part)
        break
      }
    }
  }
  return parts
}

/** A decision's paragraph: its facts only; the question says what is decided, so no goal sentence repeats it. */
function textOf(part: Part): string {
  return part.stated.map((item) => item.wording).join(' ')
}

/** Whether `text` names (by name or alias, whole words) an option of `model`. */
function namesOptionOf(index: GraphIndex, text: string, model: Model): boolean {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `
  return model.options.some((option) => {
    const answer = index.answer(option.answer)
    return [answer.name, ...answer.aliases].some((name) => lower.includes(` ${name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `))
  })
}

function hardest(values: readonly Difficulty[]): Difficulty {
  return values.includes('hard') ? 'hard' : values.includes('medium') ? 'medium' : 'easy'
}
