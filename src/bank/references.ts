/**
 * Documentation pages behind an item, for further reading
 * (`explanation.references`). A scenario item names the pages of its key's
 * row and of the facts it states when it is written (scenario-text.ts); every
 * other item takes the `source:` pages of the tables, traps and sequences its
 * rules come from.
 */
import type { Draft } from './draft.js'
import type { GraphIndex } from './graph-index.js'

/** Sorted, each once; left out when there is none (so items without sources keep their revision). */
export function referencesOf(urls: readonly string[]): { references?: string[] } {
  const references = [...new Set(urls)].sort()
  return references.length > 0 ? { references } : {}
}

function pagesOf(index: GraphIndex, id: string): readonly string[] {
  const rule = index.rules.get(id)
  if (rule) return index.tables.get(rule.table)?.sources ?? []
  const trap = index.trap(id)
  if (trap) return trap.sources ?? (trap.table === undefined ? [] : (index.tables.get(trap.table)?.sources ?? []))
  return index.sequence(id)?.sources ?? []
}

export function withReferences(draft: Draft, index: GraphIndex): Draft {
  if (draft.explanation.references !== undefined || draft.type === 'case-study') return draft
  const found = referencesOf(draft.ruleIds.flatMap((id) => pagesOf(index, id)))
  return found.references === undefined ? draft : { ...draft, explanation: { ...draft.explanation, ...found } }
}
