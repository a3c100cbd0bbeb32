/**
 * `<!-- quizgraph retired -->` before a table `| Item | Reason |`, in any file
 * of a bank: items the authors take out of exams and exports (a miskey, a
 * second defensible answer, a non-functioning distractor), each with why.
 * Whether an id is one the generator makes is only known after generation:
 * src/bank/retire.ts warns about an unknown one, at its row.
 */
import type { Retirement } from '../graph/schema.js'
import { readRecords, requireCell } from './fixed-table.js'
import { report } from './errors.js'
import type { Block } from './outline.js'

export function readRetired(blocks: readonly Block[]): Retirement[] {
  const out: Retirement[] = []
  const seen = new Map<string, Retirement>()
  for (const block of blocks) {
    if (block.declaration.what !== 'retired' || block.node.type !== 'table') continue
    const read = readRecords(block.node, block.file, ['Item', 'Reason'])
    if (read === undefined) continue
    for (const record of read.records) {
      const item = requireCell(record, 'Item', block.file, 'an item id, for example `single-mla-c01-metric-traps-67c8a0c7`')
      const reason = requireCell(record, 'Reason', block.file, 'why the item is retired')
      if (item === undefined || reason === undefined) continue
      const id = item.text.replace(/^`|`$/g, '')
      const source = { file: block.file.path, line: item.point.line, column: item.point.column }
      const first = seen.get(id)
      if (first !== undefined) {
        report(block.file, 'duplicate-id', item.point, { what: 'retired item', id }, { path: first.source.file, point: first.source, reason: 'First retired here' })
        continue
      }
      const retirement = { id, reason: reason.text, source }
      seen.set(id, retirement)
      out.push(retirement)
    }
  }
  return out
}
