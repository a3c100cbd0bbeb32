/**
 * Tables with a fixed set of columns (bank facts, item types, domains, tasks,
 * catalog): rows read as records keyed by column name.
 */
import type { Table } from 'mdast'
import type { VFile } from 'vfile'
import { findColumn, readTable, type Grid } from './cells.js'
import { report } from './errors.js'
import type { Located, Point } from './point.js'

export interface Record_ {
  cells: Partial<Record<string, Located>>
  point: Point
}

/**
 * Read `table` as records of `required` and `optional` columns; undefined when a
 * required column is missing (reported at the header).
 */
export function readRecords(
  table: Table,
  file: VFile,
  required: readonly string[],
  optional: readonly string[] = [],
): { records: Record_[]; grid: Grid } | undefined {
  const grid = readTable(table, file)
  const missing = required.filter((name) => findColumn(grid.header, name) < 0)
  if (missing.length > 0) {
    report(file, 'bad-value', grid.header[0]?.point ?? grid.point, {
      found: `header \`${grid.header.map((cell) => cell.text).join(' | ')}\``,
      expected:
        `columns ${required.map((name) => '`' + name + '`').join(', ')}` +
        (optional.length > 0 ? ` (optionally ${optional.map((name) => '`' + name + '`').join(', ')})` : ''),
    })
    return undefined
  }
  const indexes = [...required, ...optional].map((name) => [name, findColumn(grid.header, name)] as const)
  const records = grid.rows.map((row) => {
    const cells: Partial<Record<string, Located>> = {}
    for (const [name, index] of indexes) {
      const cell = row.cells[index]
      if (index >= 0 && cell !== undefined) cells[name] = cell
    }
    return { cells, point: row.cells[0]?.point ?? row.point }
  })
  return { records, grid }
}

/** A required cell's text; an empty cell is reported and gives undefined. */
export function requireCell(record: Record_, column: string, file: VFile, expected: string): Located | undefined {
  const cell = record.cells[column]
  if (cell === undefined) return undefined
  if (cell.text === '') {
    report(file, 'empty-cell', cell.point, { role: `\`${column}\``, expected })
    return undefined
  }
  return cell
}
