/**
 * What can be proven about a scenario item from its model, reading only the
 * item's text and ids: the facts it states (rule ids after the model), the
 * qualifier (tag), and which model option each option text is. The key is
 * re-solved; near misses, give-aways, option homogeneity, contradictions and,
 * for case-study questions, the need for the scenario are checked.
 */
import { compatible, solve } from '../graph/solve.js'
import type { Fact, Graph, Model, ModelOption, Qualifier } from '../graph/schema.js'
import { giveaways, missCount, supportedKey } from './scenario.js'
import type { CaseQuestion, Item } from './schema.js'

export type ScenarioItem = Extract<Item | CaseQuestion, { type: 'single' | 'multiple' }>

export interface Resolved {
  model: Model
  facts: Fact[]
  qualifier: Qualifier | undefined
  /** The model option each option text is, in option order (undefined when the text is no solution of the model). */
  options: Array<ModelOption | undefined>
}

export function formOf(item: { tags: readonly string[] }): string | undefined {
  return item.tags.find((tag) => tag.startsWith('form:') && tag !== 'form:recall')?.slice(5) ?? (item.tags.includes('form:recall') ? 'recall' : undefined)
}

export function isScenario(item: { tags: readonly string[] }): boolean {
  const form = formOf(item)
  return form === 'scenario' || form === 'case'
}

export function resolveScenario(graph: Graph, item: ScenarioItem): Resolved | undefined {
  const [modelId, ...factIds] = item.ruleIds
  const model = graph.models.find((candidate) => candidate.id === modelId)
  if (model === undefined) return undefined
  const facts = factIds.map((id) => model.facts.find((fact) => fact.id === id))
  if (facts.some((fact) => fact === undefined)) return undefined
  const qualifierId = item.tags.find((tag) => tag.startsWith('qualifier:'))?.slice(10)
  const qualifier = qualifierId === undefined ? undefined : graph.qualifiers.find((candidate) => candidate.id === qualifierId)
  if (qualifierId !== undefined && qualifier === undefined) return undefined
  const options = item.options.map((option) => model.options.find((candidate) => candidate.solution === option.text))
  return { model, facts: facts as Fact[], qualifier, options }
}

/** The option ids the model says are right, or undefined when the item cannot be read against its model. */
export function scenarioAnswer(graph: Graph, item: ScenarioItem): string[] | undefined {
  const resolved = resolveScenario(graph, item)
  if (resolved === undefined || resolved.options.some((option) => option === undefined)) return undefined
  const shown = resolved.options as ModelOption[]
  const { best } = solve(resolved.model, shown, resolved.facts, resolved.qualifier)
  return item.options.filter((_, i) => best.includes(shown[i]!)).map((option) => option.id)
}

/** Words a candidate can recognise an imperative by: never a determiner, pronoun or inflected verb. */
const notImperative = /^(a|an|the|this|that|these|those|it|its|they|their|each|every|all|no|none|only|\w{2,}ing|\w+[^sui]s)$/i

export interface ScenarioProblems {
  unique: boolean
  nearMisses: number
  giveaway: string[]
  homogeneous: boolean
  contradiction: boolean
  question: boolean
  /** Case-study questions: the question alone leaves two or more options. */
  needsScenario: boolean | undefined
  /** Multiple-response keys no stated fact of their own supports (supportedKey). */
  unsupportedKeys: number
}

export function checkScenario(graph: Graph, item: ScenarioItem, context: string): ScenarioProblems | undefined {
  const resolved = resolveScenario(graph, item)
  if (resolved === undefined) return undefined
  const { model, facts, qualifier } = resolved
  const readable = resolved.options.every((option) => option !== undefined)
  const shown = resolved.options.filter((option) => option !== undefined)
  const keys = shown.filter((_, i) => item.answer.includes(item.options[i]!.id))
  const answer = readable ? scenarioAnswer(graph, item) : undefined
  const unique = answer !== undefined && answer.length === item.answer.length && answer.every((id) => item.answer.includes(id)) && (item.type === 'multiple' || answer.length === 1)
  const distractors = shown.filter((option) => !keys.includes(option))
  const nearMisses = distractors.filter((option) => missCount(model, option, facts, qualifier, keys) === 1).length
  const keyTexts = item.options.filter((option) => item.answer.includes(option.id)).map((option) => option.text)
  const otherTexts = item.options.filter((option) => !item.answer.includes(option.id)).map((option) => option.text)
  const giveaway = giveaways(`${context} ${item.stem}`, keyTexts, otherTexts)
  const firstWords = item.options.map((option) => option.text.split(/\s+/)[0] ?? '')
  const homogeneous = readable && item.options.every((option) => /^[A-Z]/.test(option.text) && /\.$/.test(option.text)) && firstWords.every((word) => !notImperative.test(word))
  const contradiction = facts.some((a, i) => facts.some((b, j) => i < j && !compatible(a, b)))
  const question = /\?( \(Select [A-Z]+\.\))?$/.test(item.stem)
  const needsScenario = context === '' ? undefined : solve(model, shown, [], qualifier).best.length >= 2
  const unsupportedKeys = item.type === 'multiple' ? keys.filter((key) => !supportedKey(model, key, facts, distractors)).length : 0
  return { unique, nearMisses, giveaway, homogeneous, contradiction, question, needsScenario, unsupportedKeys }
}

/** The problems as sentences, empty when the item passes every gate. */
export function scenarioFailures(problems: ScenarioProblems | undefined): string[] {
  if (problems === undefined) return ['scenario: the item does not match its decision model (unknown model, fact, qualifier or option text)']
  const out: string[] = []
  if (!problems.unique) out.push('scenario: re-solving the model does not give exactly the keyed option(s)')
  if (problems.nearMisses < 2) out.push(`scenario: ${problems.nearMisses} near miss(es), at least 2 required`)
  if (problems.giveaway.length > 0) out.push(`scenario: give-away word(s) shared only by the stem and the key: ${problems.giveaway.join(', ')}`)
  if (!problems.homogeneous) out.push('scenario: options are not all solution sentences of one decision in one grammatical form')
  if (problems.contradiction) out.push('scenario: the stem states contradicting facts')
  if (!problems.question) out.push('scenario: the stem does not end with a question')
  if (problems.needsScenario === false) out.push('case study: the question can be answered without the scenario')
  if (problems.unsupportedKeys > 0) out.push(`scenario: ${problems.unsupportedKeys} key(s) with no stated fact of their own that a shown distractor fails`)
  return out
}
