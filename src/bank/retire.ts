/**
 * Retired items (graph.retired) leave the bank, and so every exam and export
 * made from it; the version changes with them. The ids stay reserved:
 * generated/<bank>/retired.json lists them with the reason, and the API
 * answers 410 for them. An id the generator does not make is a warning at its row.
 */
import { errors } from '../content/errors.js'
import type { ContentMessage } from '../content/messages.js'
import type { Graph, Retirement } from '../graph/schema.js'
import { LaneHasher } from './hash.js'
import { Bank } from './schema.js'

export interface Retired {
  bank: Bank
  retired: Retirement[]
  messages: ContentMessage[]
}

export function retireItems(bank: Bank, graph: Graph): Retired {
  const retirements = graph.retired ?? []
  if (retirements.length === 0) return { bank, retired: [], messages: [] }
  const ids = new Set(bank.items.map((item) => item.id))
  const messages: ContentMessage[] = []
  const retired: Retirement[] = []
  for (const r of retirements) {
    if (ids.has(r.id)) {
      retired.push(r)
      continue
    }
    messages.push({
      file: r.source.file,
      line: r.source.line,
      column: r.source.column,
      severity: errors['unknown-item'].severity,
      ruleId: 'unknown-item',
      reason: errors['unknown-item'].message({ id: r.id, bank: bank.bank }),
    })
  }
  const gone = new Set(retired.map((r) => r.id))
  const items = bank.items.filter((item) => !gone.has(item.id))
  // The version covers the items served and the ids retired.
  const hasher = new LaneHasher(12).update('[')
  items.forEach((item, i) => hasher.update(i === 0 ? JSON.stringify(item) : ',' + JSON.stringify(item)))
  hasher.update(`],${JSON.stringify([...gone].sort())}`)
  return { bank: { ...bank, version: hasher.digest(), items }, retired, messages }
}
