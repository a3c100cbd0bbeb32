/**
 * A small reader for mermaid flowcharts: nodes `A[step]` / `F{decision}`,
 * edges `-->`, `-- label -->`, `-->|label|`. Enough for review-sheet diagrams;
 * anything else is reported, not guessed.
 */
import type { Point } from './point.js'
import { shift } from './point.js'

export interface FlowNode {
  id: string
  label: string
  decision: boolean
  point: Point
}

export interface Flow {
  nodes: FlowNode[]
  edges: Array<{ from: string; to: string }>
}

export interface FlowProblem {
  point: Point
  found: string
  expected: string
}

const skipped = /^(%%|classDef\b|class\b|style\b|linkStyle\b|click\b|subgraph\b|end$|direction\b)/
const reference = /^([A-Za-z0-9_]+)(?:\[([^\]]*)\]|\{([^}]*)\}|\(([^)]*)\))?/
const arrow = /^\s*(?:--\s*[^>]*?\s*-->|-->\s*(?:\|[^|]*\|)?|==>\s*(?:\|[^|]*\|)?|-\.->\s*(?:\|[^|]*\|)?|---)\s*/

/** `lines` are the code block's lines, each with the point of its first character. */
export function parseFlow(lines: ReadonlyArray<{ text: string; point: Point }>): Flow | FlowProblem {
  const flow: Flow = { nodes: [], edges: [] }
  const content = lines.filter((line) => line.text.trim() !== '')
  const [head, ...body] = content
  if (head === undefined || !/^\s*(flowchart|graph)\b/.test(head.text)) {
    return { point: head?.point ?? { line: 1, column: 1 }, found: 'mermaid diagram that is not a flowchart', expected: 'a first line `flowchart LR` or `graph TD`' }
  }
  for (const line of body) {
    const indent = line.text.length - line.text.trimStart().length
    const text = line.text.trim()
    if (skipped.test(text)) continue
    let rest = text
    let previous: string | undefined
    while (rest !== '') {
      const column = indent + text.length - rest.length
      const node = reference.exec(rest)
      if (node === null) return problem(line.point, column, text)
      addNode(flow, node, shift(line.point, column))
      const id = node[1] ?? ''
      if (previous !== undefined) flow.edges.push({ from: previous, to: id })
      previous = id
      rest = rest.slice(node[0].length)
      if (rest.trim() === '' || rest.trim() === ';') break
      const link = arrow.exec(rest)
      if (link === null) return problem(line.point, indent + text.length - rest.trimStart().length, text)
      rest = rest.slice(link[0].length)
    }
  }
  return flow
}

function addNode(flow: Flow, match: RegExpExecArray, point: Point): void {
  const id = match[1] ?? ''
  const label = (match[2] ?? match[3] ?? match[4])?.trim().replace(/^"(.*)"$/, '$1')
  const existing = flow.nodes.find((node) => node.id === id)
  if (existing === undefined) {
    flow.nodes.push({ id, label: label ?? id, decision: match[3] !== undefined, point })
  } else if (label !== undefined && existing.label === existing.id) {
    // A node first used bare and labelled later takes its label (and place) from the label.
    Object.assign(existing, { label, decision: match[3] !== undefined, point })
  }
}

function problem(linePoint: Point, column: number, text: string): FlowProblem {
  return {
    point: shift(linePoint, column),
    found: `mermaid line \`${text}\``,
    expected: 'nodes like `A[Step]` or `F{Decision?}` joined by `-->`',
  }
}

/**
 * The forward path: from the start, follow the first
 * edge (in source order) to a node not yet on the path. Edges back to a node
 * already on the path are loop-backs and ignored.
 */
export function forwardPath(flow: Flow): FlowNode[] | FlowProblem {
  // The start is the one step nothing leads to; when loop-backs lead to every
  // step (a cycle back to the first), it is the first step written.
  const sources = flow.nodes.filter((node) => !flow.edges.some((edge) => edge.to === node.id))
  const starts = sources.length === 0 ? flow.nodes.slice(0, 1) : sources
  if (starts.length !== 1 || starts[0] === undefined) {
    return {
      point: (starts[1] ?? flow.nodes[0])?.point ?? { line: 1, column: 1 },
      found: starts.length === 0 ? 'flowchart with no step' : `second start \`${starts[1]?.label ?? ''}\``,
      expected: 'one step with no incoming edge',
    }
  }
  const path = [starts[0]]
  for (let current = starts[0]; ; ) {
    const next = flow.edges
      .filter((edge) => edge.from === current.id)
      .map((edge) => flow.nodes.find((node) => node.id === edge.to))
      .find((node) => node !== undefined && !path.includes(node))
    if (next === undefined) break
    path.push(next)
    current = next
  }
  const off = flow.nodes.find((node) => !path.includes(node))
  if (off !== undefined) {
    return { point: off.point, found: `step \`${off.label}\` off the forward path`, expected: `every step on one path from \`${starts[0].label}\`` }
  }
  return path
}
