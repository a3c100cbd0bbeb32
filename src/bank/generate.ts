/**
 * generateBank(graph) → Bank: a pure function of the graph. Every rule gets a
 * single item; multi-answer rules a multiple-response item; every table
 * reverse and matching items; every trap an "instead" item; every sequence
 * ordering items; and a set of cross-domain case studies.
 */
import type { Graph } from '../graph/schema.js'
import { caseStudies } from './case-study.js'
import { combinedMultipleFor, multipleFor, singleFor } from './direct.js'
import type { Draft } from './draft.js'
import { indexGraph, type GraphIndex } from './graph-index.js'
import { LaneHasher } from './hash.js'
import { layout } from './layout.js'
import { matchingItems } from './matching.js'
import { orderingItems } from './ordering.js'
import { reverseItems } from './reverse.js'
import { Bank, type Item } from './schema.js'
import { trapItem } from './trap.js'

const typeOrder: readonly Item['type'][] = ['single', 'multiple', 'matching', 'ordering', 'case-study']

/** `index` is `indexGraph(graph)`: pass it to share one index with `auditBank`. */
export function generateBank(graph: Graph, index: GraphIndex = indexGraph(graph)): Bank {
  const drafts: Draft[] = []
  const ruleTables = graph.tables.filter((table) => table.role === 'rules')

  for (const rule of graph.rules) {
    const single = singleFor(index, rule)
    if (single) drafts.push(single)
  }
  for (const trap of graph.traps) {
    const item = trapItem(index, trap)
    if (item) drafts.push(item)
  }
  for (const table of ruleTables) drafts.push(...reverseItems(index, table))
  for (const rule of graph.rules) {
    const multiple = multipleFor(index, rule)
    if (multiple) drafts.push(multiple)
    const combined = combinedMultipleFor(index, rule)
    if (combined) drafts.push(combined)
  }
  for (const table of ruleTables) drafts.push(...matchingItems(index, table))
  for (const sequence of graph.sequences) drafts.push(...orderingItems(sequence, index.names))
  drafts.push(...caseStudies(index))

  // Only the item types the bank declares (every type when it declares none).
  const declared = new Set(graph.bank.exam.itemTypes.map((entry) => entry.type))
  const kept = declared.size === 0 ? drafts : drafts.filter((draft) => declared.has(draft.type))
  const items = layout(kept, index.names).sort((a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type))
  // hashHex(JSON.stringify(items), 12), one item's JSON at a time rather than the whole bank as one string.
  const hasher = new LaneHasher(12).update('[')
  items.forEach((item, i) => hasher.update(i === 0 ? JSON.stringify(item) : ',' + JSON.stringify(item)))
  const version = hasher.update(']').digest()
  return Bank.parse({ bank: graph.bank.id, version, items })
}
