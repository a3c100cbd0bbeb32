/**
 * The graph oracle: answers an item from the knowledge graph alone, reading
 * the option texts (not the generator's bookkeeping). If it ever disagrees
 * with the key, the item is ambiguous or wrong.
 */
import type { Rule } from '../graph/schema.js'
import type { GraphIndex } from './graph-index.js'
import type { CaseQuestion, Item } from './schema.js'
import { scenarioAnswer } from './scenario-audit.js'
import { normalize, phrase } from './text.js'

export type OracleAnswer = string[] | { prompt: string; choice: string }[]

function formOf(item: Item | CaseQuestion): string {
  return item.tags.find((tag) => tag.startsWith('form:'))?.slice(5) ?? 'direct'
}

/** Does an option text name something the rule's need accepts? */
function acceptsText(index: GraphIndex, rule: Rule, text: string): boolean {
  const id = index.resolve(text)
  if (id !== undefined) return index.accepted(rule).has(index.canon(id))
  return normalize(text) === normalize(phrase(rule.answer))
}

/** The option ids (single, multiple, ordering) or pairs (matching) the graph says are right. */
export function oracleAnswer(index: GraphIndex, item: Item | CaseQuestion): OracleAnswer | undefined {
  const first = item.ruleIds[0]
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const form = formOf(item)
      // Scenario items are answered by solving their decision model with the stated facts.
      if (form === 'scenario' || form === 'case') return scenarioAnswer(index.graph, item)
      if (form === 'trap') {
        const trap = first === undefined ? undefined : index.trap(first)
        if (!trap) return undefined
        const wrong = new Set(trap.wrongIds.map(index.canon))
        // A broader or narrower relative of a right answer is right too (a gateway endpoint is a VPC endpoint).
        const right = new Set(
          trap.rightIds
            .filter((id) => !wrong.has(index.canon(id)))
            .flatMap((id) => [...index.relatives(id)])
            .filter((id) => !wrong.has(id)),
        )
        return item.options
          .filter((option) => {
            const id = index.resolve(option.text)
            return id !== undefined ? right.has(index.canon(id)) : normalize(option.text) === normalize(trap.correction)
          })
          .map((option) => option.id)
      }
      const rule = first === undefined ? undefined : index.rules.get(first)
      if (!rule) return undefined
      if (form === 'reverse') {
        // The answer is the one of this rule's answers named in the stem; the right options are needs accepting it.
        // Whole words: "ClusterRole" is not named by a stem naming "ClusterRoleBinding".
        const stem = ` ${normalize(item.stem)} `
        const named = index.own(rule).filter((id) => stem.includes(` ${normalize(index.answer(id).name)} `))
        return item.options
          .filter((option) => index.rulesWithCue(option.text).some((other) => named.some((id) => index.accepted(other).has(id))))
          .map((option) => option.id)
      }
      return item.options.filter((option) => acceptsText(index, rule, option.text)).map((option) => option.id)
    }
    case 'ordering': {
      const sequence = first === undefined ? undefined : index.sequence(first)
      if (!sequence) return undefined
      const rank = (text: string) => sequence.steps.findIndex((step) => normalize(step.label) === normalize(text))
      if (item.options.some((option) => rank(option.text) < 0)) return undefined
      return [...item.options].sort((a, b) => rank(a.text) - rank(b.text)).map((option) => option.id)
    }
    case 'matching': {
      const rules = item.ruleIds.map((id) => index.rules.get(id)).filter((rule) => rule !== undefined)
      const pairs: { prompt: string; choice: string }[] = []
      for (const prompt of item.prompts) {
        const rule = rules.find((candidate) => normalize(candidate.cue) === normalize(prompt.text))
        if (!rule) return undefined
        const fitting = item.choices.filter((choice) => choiceFits(index, rule, choice.text))
        if (fitting.length !== 1) return undefined
        pairs.push({ prompt: prompt.id, choice: fitting[0]!.id })
      }
      return pairs
    }
    case 'case-study':
      return undefined
  }
}

/** A matching choice fits a need when it is the need's own cell or names only accepted answers. */
function choiceFits(index: GraphIndex, rule: Rule, text: string): boolean {
  if (normalize(text) === normalize(phrase(rule.answer))) return true
  return acceptsText(index, rule, text)
}

/** True when the oracle's answer equals the key. */
export function oracleAgrees(index: GraphIndex, item: Item | CaseQuestion): boolean {
  if (item.type === 'case-study') return item.questions.every((question) => oracleAgrees(index, question))
  const answer = oracleAnswer(index, item)
  if (!answer) return false
  if (item.type === 'matching') {
    const key = (pair: { prompt: string; choice: string }) => `${pair.prompt}>${pair.choice}`
    const expected = new Set(item.answer.map(key))
    return answer.length === expected.size && answer.every((pair) => typeof pair !== 'string' && expected.has(key(pair)))
  }
  if (item.type === 'ordering') return JSON.stringify(answer) === JSON.stringify(item.answer)
  const expected = new Set(item.answer)
  return answer.length === expected.size && answer.every((id) => typeof id === 'string' && expected.has(id))
}
