/** Traps from drafts: wrong and right answers by mention, ids, and the rules they bear on. */
import type { Rule, Trap } from '../graph/schema.js'
import { findMentions, partitionMentions, rejectionWords } from './mentions.js'
import { resolveCell, type AnswerBook } from './resolve-rules.js'
import { slug, truncateSlug } from './slug.js'
import { linkRules } from './trap-links.js'
import type { TrapDraft } from './traps.js'

const omissionWords = ['forgetting', 'without', 'ignoring', 'missing'] as const

export function resolveTraps(drafts: readonly TrapDraft[], book: AnswerBook, rules: readonly Rule[], bank: string): Trap[] {
  const used = new Set<string>()
  const traps = drafts.map((draft) => {
    const named = (cell: TrapDraft['wrong']) => (cell === undefined ? [] : resolveCell(cell, book, draft.ignore, draft.file).accepted)
    // In a correction, what follows `not`, `rather than`, `instead of` or `more than` is still wrong.
    const correction = draft.mentions.correction
      ? partitionMentions(draft.correction.text, findMentions(draft.correction.text, book.terms), [...rejectionWords, 'more than'])
      : { accepted: [], rejected: [] }
    // In a mistake, what follows `forgetting`, `without`, `ignoring` or `missing` is what was left
    // out — the right answer ("Deploying without data capture").
    const mistake = draft.mentions.mistake
      ? partitionMentions(draft.mistake.text, findMentions(draft.mistake.text, book.terms), omissionWords)
      : { accepted: [], rejected: [] }
    const wrongIds = unique([...mistake.accepted, ...named(draft.wrong), ...correction.rejected]).filter((id) => !mistake.rejected.includes(id))
    const rightIds = unique([...mistake.rejected, ...correction.accepted, ...named(draft.answer)]).filter((id) => !wrongIds.includes(id))
    const trap: Trap = {
      id: uniqueId(`${bank}:trap:${draft.group}:${truncateSlug(slug(draft.mistake.text), 48)}`, used),
      mistake: draft.mistake.text,
      correction: draft.correction.text,
      wrongIds,
      rightIds,
      ruleIds: [],
      domain: draft.domain,
      task: draft.task,
      topic: draft.topic,
      source: { file: draft.file.path, line: draft.point.line, column: draft.point.column },
    }
    if (draft.draft !== undefined) trap.table = draft.draft.table.id
    if (draft.stems !== undefined) trap.stems = draft.stems
    if (draft.sources !== undefined) trap.sources = draft.sources
    return trap
  })
  const links = linkRules(traps, rules)
  return traps.map((trap, index) => ({ ...trap, ruleIds: links[index] ?? [] }))
}

/** Truncated slugs may meet: later ones get `-2`, `-3`, … in document order. */
function uniqueId(base: string, used: Set<string>): string {
  let id = base
  for (let count = 2; used.has(id); count += 1) id = `${base}-${count}`
  used.add(id)
  return id
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
