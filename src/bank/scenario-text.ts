/**
 * The words of scenario items: stems from a frame, a goal, fact wordings and
 * a question (with its qualifier), and feedback that names the stated fact
 * ruling each option out. Shared by scenario items and case studies.
 */
import { failedFacts, featureOf, meets } from '../graph/solve.js'
import type { Fact, Frame, Model, ModelOption, Qualifier, Requirement } from '../graph/schema.js'
import type { GraphIndex } from './graph-index.js'
import { referencesOf } from './references.js'
import type { SourceRef } from './schema.js'
import { lowerFirst, phrase } from './text.js'

/** "Which solution will meet these requirements?" + "with the LEAST operational overhead". */
export function withQualifier(question: string, qualifier: Qualifier | undefined): string {
  if (qualifier === undefined) return question
  return `${question.trim().replace(/\?$/, '')} ${qualifier.phrase}?`
}

export function frameSentence(frame: Frame): string {
  return `${frame.organisation} ${frame.situation}.`
}

export function optionName(index: GraphIndex, option: ModelOption): string {
  return index.answer(option.answer).name
}

/**
 * How the option stands on a requirement's feature: "accepts request payloads
 * of up to 4 MB". An option that meets a requirement on a set feature is
 * described by the value asked for, not by every value its cell lists.
 */
function says(model: Model, option: ModelOption, requirement: Requirement): string | undefined {
  const feature = featureOf(model, requirement.feature)
  const cell = option.values.find((value) => value.feature === requirement.feature)
  if (feature === undefined || cell === undefined || cell.admits.kind === 'any') return undefined
  if (feature.type === 'yesno') return cell.text === 'yes' ? feature.says[0] : feature.says[1]
  return (feature.says[0] ?? '{value}').replace('{value}', requirement.kind === 'value' && meets(model, option, requirement) ? asWritten(cell.text, requirement.value) : cell.text)
}

/** `value` (matched in lower case) as the cell writes it: "Amazon S3", not "amazon s3". */
function asWritten(cell: string, value: string): string {
  const at = cell.toLowerCase().indexOf(value)
  return at === -1 ? value : cell.slice(at, at + value.length)
}

/** Why an option fails `fact`: what it says on the first requirement it fails. */
function failingSays(model: Model, option: ModelOption, fact: Fact): string | undefined {
  const failing = fact.sets.find((requirement) => !meets(model, option, requirement))
  return failing === undefined ? undefined : says(model, option, failing)
}

/** Why the key meets `fact`: what it says on every requirement the fact sets (a cell of `any` says nothing). */
function meetingSays(model: Model, option: ModelOption, fact: Fact): string[] {
  return fact.sets.flatMap((requirement) => says(model, option, requirement) ?? [])
}

/** The wording of a fact as stated in this item, lower-cased to follow "but". */
function clause(wording: string, index: GraphIndex): string {
  return lowerFirst(phrase(wording), index.names)
}

export interface Stated {
  fact: Fact
  wording: string
}

/** Feedback for one option of a scenario question: the stated facts that rule it out, or why it is the key. */
export function feedbackFor(
  index: GraphIndex,
  model: Model,
  option: ModelOption,
  stated: readonly Stated[],
  qualifier: Qualifier | undefined,
  key: ModelOption | readonly ModelOption[],
): string {
  const failed = failedFacts(model, option, stated.map((item) => item.fact))
  const isKey = Array.isArray(key) ? key.includes(option) : key === option
  if (isKey) {
    const reasons = unique(stated.flatMap((item) => meetingSays(model, option, item.fact)))
    // Nothing in its cells to cite (every deciding cell is `any`): the requirements it meets, as stated.
    const meets =
      reasons.length === 0
        ? `This solution meets every stated requirement: ${stated.map((item) => clause(item.wording, index)).join('; ')}`
        : `This solution ${joinAnd(reasons)}`
    const best = qualifier === undefined ? '' : ` Of the solutions that meet the requirements, it has the ${qualifier.prefer} ${lowerFirst(qualifier.feature)}.`
    return `Correct. ${meets}.${best}`
  }
  const reasons = failed.slice(0, 2).map((fact, i) => {
    const wording = stated.find((item) => item.fact === fact)!.wording
    const has = failingSays(model, option, fact) ?? 'does not fit'
    return `${i === 0 ? `This solution ${has}` : also(has)}, but ${clause(wording, index)}.`
  })
  if (reasons.length > 0) return `Incorrect. ${reasons.join(' ')}`
  // Consistent with every fact: ruled out by the qualifier alone.
  const winner = Array.isArray(key) ? undefined : (key as ModelOption)
  if (qualifier !== undefined && winner !== undefined) {
    const comparison = qualifier.prefer === 'lowest' ? 'higher' : 'lower'
    return `Incorrect. This solution would meet the stated requirements, but it has ${comparison} ${lowerFirst(qualifier.feature)} than ${optionName(index, winner)}.`
  }
  return 'Incorrect. This solution does not meet the stated requirements.'
}

/** "It also has …", but "It is also …" and "It can also …". */
function also(has: string): string {
  const verb = /^(is|are|can|must|will) /.exec(has)
  return verb === null ? `It also ${has}` : `It ${verb[1]} also ${has.slice(verb[0].length)}`
}

/** Why the key is right: every deciding fact and the options it rules out. */
export function explanationFor(
  index: GraphIndex,
  model: Model,
  shown: readonly ModelOption[],
  stated: readonly Stated[],
  qualifier: Qualifier | undefined,
  keys: readonly ModelOption[],
): string {
  const names = keys.map((option) => optionName(index, option))
  // A catalog name may be a common noun ("canary deployment"): capitalise it where it starts the sentence.
  const lead =
    keys.length > 1
      ? `${upperFirstWord(joinAnd(names))} are the options that meet every stated requirement.`
      : qualifier === undefined
        ? `${upperFirstWord(names[0] ?? '')} is the only option that meets every stated requirement.`
        : `${upperFirstWord(names[0] ?? '')} meets every stated requirement, and of the options that do, it has the ${qualifier.prefer} ${lowerFirst(qualifier.feature)}.`
  const facts = stated.map((item) => {
    const out = shown.filter((option) => !keys.includes(option) && failedFacts(model, option, [item.fact]).length > 0)
    const rules = out.length === 0 ? '' : `: this rules out ${joinAnd(out.map((option) => optionName(index, option)))}`
    return `${upperFirstWord(phrase(item.wording))}${rules}.`
  })
  return [lead, ...facts].join(' ')
}

/** Documentation behind the key options' rows and the stated facts. */
export function referencesFor(keys: readonly ModelOption[], stated: readonly Stated[]): { references?: string[] } {
  return referencesOf([...keys.flatMap((option) => option.sources), ...stated.flatMap((item) => item.fact.sources)])
}

/** Pointers to the model and each stated fact. */
export function sourcesFor(model: Model, stated: readonly Stated[]): SourceRef[] {
  return [
    { ruleId: model.id, file: model.source.file, line: model.source.line },
    ...stated.map((item) => ({ ruleId: item.fact.id, file: item.fact.source.file, line: item.fact.source.line })),
  ]
}

function upperFirstWord(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

export function joinAnd(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? ''
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`
}
