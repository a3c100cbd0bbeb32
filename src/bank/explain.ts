/**
 * Explanations and per-option feedback. Cues are quoted as written, never
 * lower-cased and spliced into a sentence, so a sentence reads the same for a
 * noun-phrase cue ("Offline predictions for a dataset"), a verb-phrase cue
 * ("Store raw and processed ML data") and a quoted clue. A distractor's
 * feedback says what that option IS for (its own rule's cue), so a wrong
 * answer still teaches a rule, for example "SageMaker batch transform is the answer to a
 * different requirement: “Offline predictions for a dataset”."
 */
import type { CueKind, Rule, Trap } from '../graph/schema.js'
import type { GraphIndex } from './graph-index.js'
import { lowerFirst, nameRef, phrase, quote, sentence, subjectIs, subjectName, upperFirst } from './text.js'

/** Clues, symptoms and scenarios are observed: they point to an answer rather than call for it. */
export function observed(kind: CueKind): boolean {
  return kind === 'clue' || kind === 'symptom' || kind === 'scenario'
}

/** "A, B and C". */
export function listNames(names: readonly string[], conjunction = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`
}

/** The rule's reason and watch-for, as trailing text (empty when the rule has neither). */
function because(index: GraphIndex, rule: Rule): { reason: string; watch: string } {
  return {
    reason: rule.reason ? `: ${lowerFirst(phrase(rule.reason), index.names)}` : '',
    watch: rule.watch ? ` Watch for: ${sentence(lowerFirst(phrase(rule.watch), index.names))}` : '',
  }
}

/**
 * Why the key (or keys) is right, for example "Amazon S3 is the best choice for “Store raw
 * and processed ML data”: <reason>. Watch for: <watch>." Clues read
 * "“Who changed the endpoint?” points to AWS CloudTrail: <reason>."
 */
export function whyRight(
  index: GraphIndex,
  rule: Rule,
  keyName: string | readonly string[],
  /** The key is one of several keys of a multiple-response item. */
  oneOfSeveral = false,
): string {
  const keys = typeof keyName === 'string' ? [keyName] : [...keyName]
  const cue = quote(rule.cue)
  const { reason, watch } = because(index, rule)
  let base: string
  if (observed(rule.cueKind)) {
    base = `${cue} points to ${listNames(keys.map((key) => nameRef(key, index.names)))}`
  } else if (keys.length > 1) {
    base = `${listNames(keys.map((key, i) => (i === 0 ? subjectName(key, index.names) : nameRef(key, index.names))))} are all right answers for ${cue}`
  } else {
    const name = keys[0] ?? phrase(rule.answer)
    base = `${subjectIs(name, index.names)} ${oneOfSeveral ? 'among the right answers' : 'the best choice'} for ${cue}`
  }
  return `${sentence(base + reason)}${watch}`
}

/** The rule that best explains what an answer is for, preferring the same table, then domain. */
export function homeRule(index: GraphIndex, answerId: string, near: Rule): Rule | undefined {
  const other = (rule: Rule) => rule.id !== near.id
  return (
    index.firstAccepting(answerId, { table: near.table }).find(other) ??
    index.firstAccepting(answerId, { domain: near.domain }).find(other) ??
    index.firstAccepting(answerId, 'any').find(other)
  )
}

/** "Typical error: <mistake>. <Correction>." */
export function typicalError(index: GraphIndex, trap: Trap): string {
  return `Typical error: ${sentence(lowerFirst(phrase(trap.mistake), index.names))} ${sentence(upperFirst(phrase(trap.correction)))}`
}

/** What an answer is for, for example "AWS IAM is the answer to a different need: “Secure workloads”." */
export function answerFor(index: GraphIndex, answerId: string, near: Rule): string | undefined {
  const answer = index.answer(answerId)
  const home = homeRule(index, answerId, near)
  if (!home) return undefined
  return observed(home.cueKind)
    ? `${subjectIs(answer.name, index.names)} what a different ${home.cueKind} points to: ${quote(home.cue)}.`
    : `${subjectIs(answer.name, index.names)} the answer to a different ${home.cueKind}: ${quote(home.cue)}.`
}

/** Feedback for a distractor answer shown for `rule`'s need. */
export function whyWrong(index: GraphIndex, rule: Rule, answerId: string, trap?: Trap): string {
  const answer = index.answer(answerId)
  const parts: string[] = []
  if (trap) parts.push(typicalError(index, trap))
  const home = answerFor(index, answerId, rule)
  if (home) parts.push(home)
  else if (!trap) {
    parts.push(`${subjectIs(answer.name, index.names)} not what ${quote(rule.cue)} ${observed(rule.cueKind) ? 'points to' : 'calls for'}.`)
  }
  return parts.join(' ')
}

/** Feedback for a reverse item's option (a cue): what that need is answered by. */
export function whyCue(index: GraphIndex, rule: Rule, isKey: boolean, keyName: string): string {
  if (isKey) return `Correct. ${whyRight(index, rule, keyName)}`
  const names = index.own(rule).map((id) => nameRef(index.answer(id).name, index.names))
  const answered = names.length > 0 ? listNames(names, 'or') : nameRef(rule.answer, index.names)
  const verb = observed(rule.cueKind) ? 'points to' : 'calls for'
  return sentence(`${quote(rule.cue)} ${verb} ${answered}, not ${nameRef(keyName, index.names)}`)
}
