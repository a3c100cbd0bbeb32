/**
 * generateBank(graph) → Bank: a pure function of the graph. Recall drills
 * (`form:recall`): every rule gets a single item; multi-answer rules a
 * multiple-response item; every table reverse and matching items; every trap
 * an "instead" item; every sequence ordering items. Exam items: scenario
 * single and multiple-response items from the decision models
 * (`form:scenario`) and case studies that follow one organisation through
 * several decisions (`form:case`).
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
import { withReferences } from './references.js'
import { reverseItems } from './reverse.js'
import { scenarioItems } from './scenario.js'
import { Bank, type Item } from './schema.js'
import { normalize } from './text.js'
import { trapItem } from './trap.js'

/**
 * Two tables can ask the same reverse question (for example "Which clue points to AWS
 * Glue?"): a bank asks each question once. Of drafts with one stem, the one
 * whose rules have the fewest other items is kept, so no rule loses its only item.
 */
function withoutRepeatedStems(drafts: readonly Draft[]): Draft[] {
  const stemOf = (draft: Draft) => (draft.type === 'matching' || draft.type === 'ordering' ? undefined : normalize(draft.type === 'case-study' ? draft.scenario : draft.stem))
  const itemsPerRule = new Map<string, number>()
  for (const draft of drafts) for (const id of draft.ruleIds) itemsPerRule.set(id, (itemsPerRule.get(id) ?? 0) + 1)
  const scarcity = (draft: Draft) => Math.min(...draft.ruleIds.map((id) => itemsPerRule.get(id) ?? 0))
  const keep = new Map<string, Draft>()
  for (const draft of drafts) {
    const stem = stemOf(draft)
    if (stem === undefined) continue
    const kept = keep.get(stem)
    if (kept === undefined || scarcity(draft) < scarcity(kept)) keep.set(stem, draft)
  }
  return drafts.filter((draft) => {
    const stem = stemOf(draft)
    return stem === undefined || keep.get(stem) === draft
  })
}

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
  // Everything above recalls one table row or list item: kept as drills, not exam items.
  for (const draft of drafts) draft.tags.push('form:recall')
  drafts.push(...scenarioItems(index))
  drafts.push(...caseStudies(index))

  // Only the item types the bank declares (every type when it declares none).
  const declared = new Set(graph.bank.exam.itemTypes.map((entry) => entry.type))
  const kept = declared.size === 0 ? drafts : drafts.filter((draft) => declared.has(draft.type))
  const items = layout(withoutRepeatedStems(kept).map((draft) => withReferences(draft, index)), index.names).sort((a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type))
  // hashHex(JSON.stringify(items), 12), one item's JSON at a time rather than the whole bank as one string.
  const hasher = new LaneHasher(12).update('[')
  items.forEach((item, i) => hasher.update(i === 0 ? JSON.stringify(item) : ',' + JSON.stringify(item)))
  const version = hasher.update(']').digest()
  return Bank.parse({ bank: graph.bank.id, version, items })
}
