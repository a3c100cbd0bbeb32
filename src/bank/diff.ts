/** The changelog between two banks, by item id: what a regeneration added, removed or rewrote. */
import type { Bank } from './schema.js'

export interface BankDiff {
  added: string[]
  removed: string[]
  changed: string[]
}

export function diffBanks(previous: Bank | undefined, next: Bank): BankDiff {
  const before = new Map((previous?.items ?? []).map((item) => [item.id, item.revision]))
  const after = new Map(next.items.map((item) => [item.id, item.revision]))
  const sorted = (ids: Iterable<string>) => [...ids].sort()
  return {
    added: sorted([...after.keys()].filter((id) => !before.has(id))),
    removed: sorted([...before.keys()].filter((id) => !after.has(id))),
    changed: sorted([...after].filter(([id, revision]) => before.has(id) && before.get(id) !== revision).map(([id]) => id)),
  }
}

/** One line per non-empty group, for the CLI: "bank: 3 added, 1 changed". */
export function formatDiff(diff: BankDiff): string {
  const parts = [
    diff.added.length ? `${diff.added.length} added` : '',
    diff.removed.length ? `${diff.removed.length} removed` : '',
    diff.changed.length ? `${diff.changed.length} changed` : '',
  ].filter(Boolean)
  const lines = [parts.length ? parts.join(', ') : 'no changes']
  for (const [label, ids] of [['+', diff.added], ['-', diff.removed], ['~', diff.changed]] as const) {
    for (const id of ids) lines.push(`  ${label} ${id}`)
  }
  return lines.join('\n')
}
