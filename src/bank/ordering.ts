/**
 * Ordering items from declared sequences: windows of up to five consecutive
 * steps (decision nodes left out: "Meets criteria?" is not a step to place)
 * that share at most two steps with each other, so no two items ask nearly the
 * same ordering, plus one spread-out selection for long sequences.
 */
import type { Sequence, Step } from '../graph/schema.js'
import type { DraftOrdering } from './draft.js'
import { tagsOf } from './draft.js'
import { lowerFirst, phrase, quote, slug } from './text.js'

const maxSteps = 5
const maxWindows = 6
/** Steps two windows of one sequence may share. */
const maxOverlap = 2

export function orderingItems(sequence: Sequence, names: ReadonlySet<string> = new Set()): DraftOrdering[] {
  const steps = sequence.steps.filter((step) => !step.decision)
  if (steps.length < 3) return []
  const size = Math.min(maxSteps, steps.length)
  const selections: Step[][] = []
  const stride = Math.max(1, size - maxOverlap)
  for (let start = 0; start + size <= steps.length && selections.length < maxWindows; start += stride) {
    selections.push(steps.slice(start, start + size))
  }
  if (steps.length >= 7) selections.push(steps.filter((_step, i) => i % 2 === 0).slice(0, maxSteps))

  const title = lowerFirst(sequence.title, names)
  return selections.map((selected) => {
    return {
      type: 'ordering',
      seed: `ordering|${sequence.id}|${selected.map((step) => step.id).join('|')}`,
      prefix: sequence.id,
      domain: sequence.domain,
      task: sequence.task,
      topic: sequence.topic,
      ruleIds: [sequence.id],
      tags: tagsOf({ ...sequence, error: slug(sequence.id), form: 'ordering' }),
      difficulty: selected.length >= 5 ? 'hard' : selected.length === 4 ? 'medium' : 'easy',
      stem: `Put these steps of ${title} in order, from first to last.`,
      explanation: {
        correct: `The order in ${title}: ${selected.map((step) => phrase(step.label)).join(' → ')}.`,
        sources: [{ ruleId: sequence.id, file: sequence.source.file, line: sequence.source.line }],
      },
      steps: selected.map((step) => {
        const at = steps.indexOf(step)
        const previous = steps[at - 1]
        return {
          text: step.label,
          feedback: `Step ${at + 1} of ${steps.length} in ${title}${previous ? `, after ${quote(previous.label)}` : ''}.`,
        }
      }),
    }
  })
}
