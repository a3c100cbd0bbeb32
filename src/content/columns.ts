/** Declaration keys that name columns (`cue: Latency + Workload`), resolved against a header. */
import type { VFile } from 'vfile'
import { findColumn } from './cells.js'
import type { Entry } from './declaration.js'
import { report } from './errors.js'
import type { Located } from './point.js'
import { shift } from './point.js'

/** Column indexes named by `value` (one, or several joined by ` + `); undefined if any is unknown. */
export function resolveColumns(value: Entry, header: readonly Located[], file: VFile): number[] | undefined {
  const indexes: number[] = []
  let offset = 0
  let ok = true
  for (const part of value.value.split('+')) {
    const name = part.trim()
    const index = findColumn(header, name)
    if (index < 0) {
      ok = false
      report(file, 'unknown-column', shift(value.valuePoint, offset + part.indexOf(name)), {
        column: name,
        columns: header.map((cell) => cell.text),
      })
    }
    indexes.push(index)
    offset += part.length + 1
  }
  return ok ? indexes : undefined
}
