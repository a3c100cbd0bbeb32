/**
 * Table cells with exact positions. mdast-util-gfm-table keeps every cell a
 * row has (excess cells stay in the tree, missing ones are simply absent), so
 * both are detected from the tree against the header's width.
 */
import type { Table, TableCell, TableRow } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { report } from './errors.js'
import { endOf, shift, startOf, type Located, type Point } from './point.js'

export interface Row {
  cells: Located[]
  point: Point
}

export interface Grid {
  header: Located[]
  /** Rows with exactly one cell per column; malformed rows are reported and left out. */
  rows: Row[]
  point: Point
}

export function readTable(table: Table, file: VFile): Grid {
  const [head, ...body] = table.children
  const header = head === undefined ? [] : head.children.map((cell) => readCell(cell, file))
  const rows: Row[] = []
  for (const row of body) {
    const cells = row.children.map((cell) => readCell(cell, file))
    if (checkWidth(row, cells, header, file)) rows.push({ cells, point: startOf(row) })
  }
  return { header, rows, point: startOf(table) }
}

function checkWidth(row: TableRow, cells: Located[], header: Located[], file: VFile): boolean {
  const extra = cells[header.length]
  if (extra !== undefined) {
    report(file, 'extra-cell', extra.point, { text: extra.text, count: header.length })
    return false
  }
  const missing = header[cells.length]
  if (missing !== undefined) {
    // The row's end is just past its last pipe: where the missing cell belongs.
    report(file, 'missing-cell', endOf(row), { column: missing.text, count: header.length })
    return false
  }
  return true
}

/** The text of a cell and the point of its content (or of where content belongs when empty). */
export function readCell(cell: TableCell, file: VFile): Located {
  const text = toString(cell).trim()
  const first = cell.children[0]
  if (first !== undefined) return { text, point: startOf(first) }
  const point = startOf(cell)
  const offset = cell.position?.start.offset
  const source = String(file.value)
  if (offset === undefined) return { text, point }
  // Past the leading pipe, and past one space when another follows:
  // `|  |` points at column 3, `| |` at column 2.
  let column = point.column
  let index = offset
  if (source[index] === '|') (index += 1), (column += 1)
  if (source[index] === ' ' && source[index + 1] === ' ') column += 1
  return { text, point: { line: point.line, column } }
}

/** Index of a header, compared case-insensitively. */
export function findColumn(header: readonly Located[], name: string): number {
  const wanted = name.trim().toLowerCase()
  return header.findIndex((cell) => cell.text.toLowerCase() === wanted)
}

/** The parts of a `a; b; c` cell, each with its own place (empty parts left out). */
export function listCell(cell: Located): Located[] {
  const parts: Located[] = []
  let offset = 0
  for (const raw of cell.text.split(';')) {
    const text = raw.trim()
    const at = cell.text.indexOf(raw, offset) + raw.indexOf(text)
    offset += raw.length + 1
    if (text !== '') parts.push({ text, point: shift(cell.point, at) })
  }
  return parts
}

/** Documentation URLs separated by spaces (a `Source` cell, a `source:` line); anything else is reported. */
export function readSources(cell: Located | undefined, file: VFile): string[] {
  if (cell === undefined || cell.text === '') return []
  const sources: string[] = []
  let offset = 0
  for (const part of cell.text.split(/\s+/)) {
    const at = cell.text.indexOf(part, offset)
    offset = at + part.length
    if (/^https:\/\/\S+\.\S+/.test(part)) sources.push(part)
    else report(file, 'bad-value', shift(cell.point, at), { found: `source \`${part}\``, expected: 'an https:// documentation URL' })
  }
  return sources
}
