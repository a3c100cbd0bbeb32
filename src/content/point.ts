/** Positions: every graph node and every message points at an exact line and column. */
import type { Node } from 'mdast'

export interface Point {
  line: number
  column: number
}

/** A text read from content, with the place its first character came from. */
export interface Located {
  text: string
  point: Point
}

export function startOf(node: Node): Point {
  const start = node.position?.start
  return { line: start?.line ?? 1, column: start?.column ?? 1 }
}

export function endOf(node: Node): Point {
  const end = node.position?.end
  return { line: end?.line ?? 1, column: end?.column ?? 1 }
}

/** A point `offset` characters to the right on the same line. */
export function shift(point: Point, offset: number): Point {
  return { line: point.line, column: point.column + offset }
}

export function comparePoints(a: Point, b: Point): number {
  return a.line - b.line || a.column - b.column
}
