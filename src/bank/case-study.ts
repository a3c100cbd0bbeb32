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
import { explanationFor, frameSentence, sourcesFor, withQualifier, type Stated } from './scenario-text.js'
import type { Difficulty } from './schema.js'

const stageOrder: readonly Stage[] = ['data', 'training', 'deployment', 'monitoring', 'security']

/** At most this many decisions per case; the scenario stays under about 250 words. */
const maxQuestions = 4
const minQuestions = 3

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
    const parts: Array<{ candidate: Candidate; stated: Stated[]; goal: string }> = []
    for (const model of chosen) {
      const seed = `case|${frame.id}|${model.id}`
      const pool = candidatesFor(model, graph.qualifiers, 'single').filter((c) => c.facts.length <= 3 && needsScenario(c) && framesFor([frame], c).length === 1)
      if (pool.length === 0) continue
      // Rotate keys across frames so cases do not all ask for the same option.
      const keys = [...new Set(pool.map((c) => c.keys[0]!.answer))].sort()
      const wantedKey = keys[fnv32(seed) % keys.length]
      const ofKey = pool.filter((c) => c.keys[0]!.answer === wantedKey)
      const candidate = ofKey[fnv32(`${seed}|pick`) % ofKey.length]!
      const stated = candidate.facts.map((fact) => ({ fact, wording: fact.wordings[fnv32(`${seed}|${fact.id}`) % fact.wordings.length]! }))
      const goal = model.goals[fnv32(`${seed}|goal`) % model.goals.length]!
      parts.push({ candidate, stated, goal })
    }
    if (parts.length < minQuestions) continue
    const scenario = [frameSentence(frame), ...parts.map((part) => [part.goal, ...part.stated.map((item) => item.wording)].join(' '))].join('\n\n')
    const questions: DraftChoice[] = []
    for (const { candidate, stated } of parts) {
      const { model, qualifier } = candidate
      const stem = withQualifier(model.ask!, qualifier)
      // The scenario must not hand over the key: no word shared only by it and the key.
      if (giveaways(`${scenario} ${stem}`, candidate.keys.map((o) => o.solution), candidate.distractors.map((o) => o.solution)).length > 0) continue
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
      },
      questions,
    })
  }
  return drafts
}

function hardest(values: readonly Difficulty[]): Difficulty {
  return values.includes('hard') ? 'hard' : values.includes('medium') ? 'medium' : 'easy'
}
