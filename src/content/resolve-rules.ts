/**
 * Rules from drafts: the answer cell resolved through the catalog (or taken
 * whole with `split: none`), unresolved segments warned about with the
 * nearest catalog name.
 */
import type { VFile } from 'vfile'
import type { Answer, Rule } from '../graph/schema.js'
import { report } from './errors.js'
import { resolveMentions, type Term } from './mentions.js'
import { shift, type Located } from './point.js'
import type { RuleDraft } from './rules.js'
import { nearest } from './similarity.js'
import { slug } from './slug.js'

export interface AnswerBook {
  /** Every answer by id: the catalog's, then those made from `split: none` cells. */
  answers: Map<string, Answer>
  terms: Term[]
}

export function resolveRule(rule: RuleDraft, book: AnswerBook): Rule | undefined {
  const { draft, cue, answer } = rule
  const { table } = draft
  let accepted: string[]
  let rejected: string[] = []
  if (draft.split === 'none') {
    accepted = [wholeAnswer(answer, draft.localId, draft.answerKind, book, draft.file)]
  } else {
    const resolved = resolveCell(answer, book, draft.ignore, draft.file)
    accepted = resolved.accepted
    rejected = resolved.rejected
  }
  if (rule.wrong !== undefined) {
    const wrong = resolveCell(rule.wrong, book, draft.ignore, draft.file)
    rejected = [...new Set([...rejected, ...wrong.accepted])]
    accepted = accepted.filter((id) => !rejected.includes(id))
  }
  if (accepted.length === 0) return undefined
  const result: Rule = {
    id: `${table.id}:${slug(cue.text)}`,
    table: table.id,
    cue: cue.text,
    cueKind: table.cueKind,
    answer: answer.text,
    answerIds: accepted,
    rejectedIds: rejected,
    details: rule.details,
    domain: table.domain,
    task: table.task,
    topic: table.topic,
    source: { file: draft.file.path, line: rule.point.line, column: rule.point.column },
  }
  if (rule.reason !== undefined) result.reason = rule.reason
  if (rule.watch !== undefined) result.watch = rule.watch
  return result
}

/**
 * Resolve a cell naming answers; every segment naming nothing is a warning,
 * and so is a cell that accepts nothing.
 */
export function resolveCell(cell: Located, book: AnswerBook, ignore: readonly string[], file: VFile) {
  const resolved = resolveMentions(cell.text, book.terms, ignore)
  for (const segment of resolved.unresolved) warn(file, segment.text, shift(cell.point, segment.offset), book)
  if (resolved.accepted.length === 0 && resolved.unresolved.length === 0) warn(file, cell.text, cell.point, book)
  return resolved
}

function warn(file: VFile, text: string, point: Located['point'], book: AnswerBook): void {
  const suggestion = nearest(text, book.terms.map((term) => term.text))
  report(file, 'unresolved-mention', point, { text, suggestion })
}

/** `split: none`: the cell is one answer, from the catalog when it names one exactly. */
function wholeAnswer(cell: Located, category: string, kind: string | undefined, book: AnswerBook, file: VFile): string {
  const exact = book.terms.find((term) => term.text.toLowerCase() === cell.text.toLowerCase())
  if (exact !== undefined) return exact.id
  const id = slug(cell.text)
  if (!book.answers.has(id)) {
    book.answers.set(id, {
      id,
      name: cell.text,
      aliases: [],
      category,
      kind: kind ?? 'concept',
      inScope: true,
      source: { file: file.path, line: cell.point.line, column: cell.point.column },
    })
  }
  return id
}

/** The declared answer kind, else the most common kind among `ids` (ties: alphabetical), else `concept`. */
export function answerKind(declared: string | undefined, ids: readonly string[], answers: ReadonlyMap<string, Answer>): string {
  if (declared !== undefined) return declared
  const counts = new Map<string, number>()
  for (const id of ids) {
    const kind = answers.get(id)?.kind
    if (kind !== undefined) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return ranked[0]?.[0] ?? 'concept'
}
