/**
 * Matching items: 3–5 needs from one table matched to their answers. A group
 * only holds rules whose answers no other need of the group accepts, so each
 * prompt has exactly one matching choice.
 */
import type { Rule, Table } from '../graph/schema.js'
import type { DraftMatching } from './draft.js'
import { tagsOf } from './draft.js'
import { errorOf } from './direct.js'
import { whyRight } from './explain.js'
import type { GraphIndex } from './graph-index.js'
import { shuffleBy } from './hash.js'
import { normalize } from './text.js'

/** Group sizes for n rules: as many groups of about four as fit, none under three. */
export function groupSizes(n: number): number[] {
  if (n < 3) return []
  const groups = Math.max(1, Math.round(n / 4.5))
  const sizes = Array.from({ length: groups }, (_v, i) => Math.floor(n / groups) + (i < n % groups ? 1 : 0))
  return sizes.flatMap((size) => (size > 7 ? [Math.ceil(size / 2), Math.floor(size / 2)] : [size]))
}

/** The answer a rule shows as its choice: one in-scope accepted answer, seeded per rule. */
export function choiceOf(index: GraphIndex, rule: Rule): string | undefined {
  return shuffleBy(
    index.own(rule).filter((id) => index.answer(id).inScope),
    (id) => `${rule.id}|choice|${id}`,
  )[0]
}

/** A rule joins a group when no need of the group accepts its choice, and it accepts none of theirs. */
function compatible(index: GraphIndex, group: readonly Rule[], rule: Rule): boolean {
  const mine = choiceOf(index, rule)!
  return group.every((other) => {
    const theirs = choiceOf(index, other)!
    return (
      normalize(index.answer(mine).name) !== normalize(index.answer(theirs).name) &&
      !index.accepted(other).has(mine) &&
      !index.accepted(rule).has(theirs)
    )
  })
}

export function matchingItems(index: GraphIndex, table: Table): DraftMatching[] {
  const all = index.rulesOf(table.id).filter((rule) => choiceOf(index, rule) !== undefined)
  // Choices of one kind only, named by that kind: a row whose answer is of another kind than the
  // table's ("Gradual rollout → Blue/green deployment" in a table of inference options) is matched
  // with rows of its own kind, if there are enough, never listed as an inference option.
  const kinds = [...new Set(all.map((rule) => index.answer(choiceOf(index, rule)!).kind))].sort(
    (a, b) => Number(b === table.answerKind) - Number(a === table.answerKind) || (a < b ? -1 : a > b ? 1 : 0),
  )
  return kinds.flatMap((kind) =>
    matchingOfKind(
      index,
      table,
      all.filter((rule) => index.answer(choiceOf(index, rule)!).kind === kind),
      kind,
    ),
  )
}

function matchingOfKind(index: GraphIndex, table: Table, ofKind: readonly Rule[], kind: string): DraftMatching[] {
  const rules = shuffleBy(ofKind, (rule) => `matching|${rule.id}`)
  const sizes = groupSizes(rules.length)
  const groups: Rule[][] = sizes.map(() => [])
  for (const rule of rules) {
    const group = groups.find((candidate, i) => candidate.length < sizes[i]! && compatible(index, candidate, rule))
    group?.push(rule)
  }
  const drafts: DraftMatching[] = []
  for (const group of groups) {
    if (group.length < 3) continue
    const ordered = [...group].sort((a, b) => a.source.line - b.source.line || (a.id < b.id ? -1 : 1))
    const first = ordered[0]!
    const answerNoun = index.kindNoun(kind)
    drafts.push({
      type: 'matching',
      seed: `matching|${ordered.map((rule) => rule.id).join('|')}`,
      prefix: table.id,
      domain: table.domain,
      task: table.task,
      topic: table.topic,
      ruleIds: ordered.map((rule) => rule.id),
      tags: tagsOf({ ...table, error: errorOf(index, index.own(first)[0], table.id), form: 'matching' }),
      difficulty: group.length >= 5 ? 'hard' : group.length === 4 ? 'medium' : 'easy',
      stem: `Match each ${table.cueKind} with the ${answerNoun} that fits it best. Use each ${answerNoun} once.`,
      explanation: {
        correct: ordered.map((rule) => whyRight(index, rule, index.answer(choiceOf(index, rule)!).name)).join(' '),
        sources: ordered.map((rule) => ({ ruleId: rule.id, file: rule.source.file, line: rule.source.line })),
      },
      pairs: ordered.map((rule) => {
        const choice = index.answer(choiceOf(index, rule)!).name
        return { prompt: rule.cue, choice, feedback: whyRight(index, rule, choice) }
      }),
    })
  }
  return drafts
}
