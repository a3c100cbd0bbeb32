/**
 * Explanations and per-option feedback. A distractor's feedback says what
 * that option IS for (its own rule's cue), so a wrong answer still teaches a
 * rule: "SageMaker batch transform fits offline predictions for a dataset,
 * not a low-latency, always-on API."
 */
import type { CueKind, Rule, Trap } from '../graph/schema.js'
import type { GraphIndex } from './graph-index.js'
import { lowerFirst, phrase, sentence, upperFirst } from './text.js'

/** "X fits <need>" or, for clues and symptoms, "<clue> points to X". */
function fits(kind: CueKind, name: string, cue: string, names: ReadonlySet<string>): string {
  return kind === 'clue' || kind === 'symptom' ? `${upperFirst(cue)} points to ${lowerFirst(name, names)}` : `${name} fits ${cue}`
}

/** Why the key (or keys) is right: the rule's reason in one sentence, then what to watch for. */
export function whyRight(index: GraphIndex, rule: Rule, keyName: string | readonly string[]): string {
  const keys = typeof keyName === 'string' ? [keyName] : keyName
  const listed =
    keys.length <= 1 ? (keys[0] ?? '') : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`
  const cue = index.cuePhrase(rule)
  const base =
    keys.length > 1 && rule.cueKind !== 'clue' && rule.cueKind !== 'symptom'
      ? `${listed} all fit ${cue}`
      : fits(rule.cueKind, listed, cue, index.names)
  const because = rule.reason ? sentence(`${base}: ${lowerFirst(phrase(rule.reason), index.names)}`) : sentence(base)
  return rule.watch ? `${because} Watch for: ${sentence(lowerFirst(phrase(rule.watch), index.names))}` : because
}

/** The rule that best explains what an answer is for, preferring the same table, then domain. */
export function homeRule(index: GraphIndex, answerId: string, near: Rule): Rule | undefined {
  const rules = index.rulesAccepting(answerId).filter((rule) => rule.id !== near.id)
  return (
    rules.find((rule) => rule.table === near.table) ??
    rules.find((rule) => rule.domain === near.domain) ??
    rules[0]
  )
}

/** Feedback for a distractor answer shown for `rule`'s need. */
export function whyWrong(index: GraphIndex, rule: Rule, answerId: string, trap?: Trap): string {
  const answer = index.answer(answerId)
  const home = homeRule(index, answerId, rule)
  const here = index.cuePhrase(rule)
  const parts: string[] = []
  if (trap) parts.push(sentence(`Typical error: ${lowerFirst(phrase(trap.mistake), index.names)}. ${upperFirst(phrase(trap.correction))}`))
  if (home) {
    const there = index.cuePhrase(home)
    parts.push(
      home.cueKind === 'clue' || home.cueKind === 'symptom'
        ? sentence(`${answer.name} is what ${there} points to, not ${here}`)
        : sentence(`${answer.name} fits ${there}, not ${here}`),
    )
  } else if (!trap) {
    parts.push(sentence(`${answer.name} (${lowerFirst(answer.category, index.names)}) does not address ${here}`))
  }
  return parts.join(' ')
}

/** Feedback for a reverse item's option (a cue): what that need is answered by. */
export function whyCue(index: GraphIndex, rule: Rule, isKey: boolean, keyName: string): string {
  const names = index.own(rule).map((id) => lowerFirst(index.answer(id).name, index.names))
  const answered =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? phrase(rule.answer))
  if (isKey) return `Correct. ${whyRight(index, rule, keyName)}`
  const cue = upperFirst(index.cuePhrase(rule))
  const verb = rule.cueKind === 'clue' || rule.cueKind === 'symptom' ? 'points to' : 'calls for'
  return sentence(`${cue} ${verb} ${lowerFirst(answered, index.names)}, not ${lowerFirst(keyName, index.names)}`)
}
