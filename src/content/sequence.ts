/** Sequences: a mermaid flowchart's forward path, or an ordered list's items. */
import type { Code, List } from 'mdast'
import type { VFile } from 'vfile'
import type { Sequence, Step } from '../graph/schema.js'
import { declaredSources, entry } from './declaration.js'
import { report } from './errors.js'
import { listItems, stripPeriod } from './list-items.js'
import { forwardPath, parseFlow } from './mermaid.js'
import type { Block } from './outline.js'
import { startOf, type Point } from './point.js'
import { assignScope, declaredScope } from './scope.js'
import { slug } from './slug.js'
import { claimId, type DraftContext } from './table-draft.js'

interface RawStep {
  label: string
  decision: boolean
  point: Point
}

export function readSequence(block: Block, context: DraftContext): Sequence | undefined {
  const { declaration, file, node, topic } = block
  const raw = node.type === 'code' ? codeSteps(node, file) : node.type === 'list' ? listSteps(node, file) : undefined
  if (raw === undefined) return undefined
  if (raw.length < 2) {
    report(file, 'bad-sequence', startOf(node), { found: `sequence of ${raw.length} step${raw.length === 1 ? '' : 's'}`, expected: 'at least two steps' })
    return undefined
  }
  if (topic === undefined) {
    report(file, 'bad-declaration', declaration.point, { found: 'sequence under no heading', expected: 'a heading above it' })
    return undefined
  }
  const scope = assignScope(declaredScope(declaration, topic.scope), context.domains, file, 'sequence', declaration.point)
  const localId = entry(declaration, 'id')?.value ?? slug(topic.title)
  const id = `${context.bank}:${slug(localId)}`
  if (scope === undefined || !claimId(context, id, 'sequence', file, declaration.point)) return undefined
  const sources = declaredSources(declaration, file)
  const steps: Step[] = []
  for (const step of raw) {
    const stepId = `${id}:${slug(step.label)}`
    if (steps.some((other) => other.id === stepId)) {
      report(file, 'bad-sequence', step.point, { found: `second step \`${step.label}\``, expected: 'each step once' })
      return undefined
    }
    steps.push({ id: stepId, label: step.label, decision: step.decision, source: { file: file.path, ...step.point } })
  }
  return {
    id,
    title: entry(declaration, 'title')?.value ?? topic.title,
    steps,
    domain: scope.domain,
    task: scope.task,
    topic: topic.id,
    ...(sources.length > 0 ? { sources } : {}),
    source: { file: file.path, ...startOf(node) },
  }
}

function codeSteps(node: Code, file: VFile): RawStep[] | undefined {
  if (node.lang !== 'mermaid') {
    report(file, 'bad-sequence', startOf(node), { found: `\`${node.lang ?? 'plain'}\` code block`, expected: 'a `mermaid` flowchart or an ordered list' })
    return undefined
  }
  // Lines come from the source so every point is exact, fenced or indented.
  const source = String(file.value).split(/\r?\n/)
  const start = node.position?.start.line ?? 1
  const end = node.position?.end.line ?? start
  const fenced = /^\s*(```|~~~)/.test(source[start - 1] ?? '')
  const first = fenced ? start + 1 : start
  const last = fenced ? end - 1 : end
  const lines = source.slice(first - 1, last).map((text, index) => ({ text, point: { line: first + index, column: 1 } }))
  const flow = parseFlow(lines)
  const path = 'nodes' in flow ? forwardPath(flow) : flow
  if (!Array.isArray(path)) {
    report(file, 'bad-sequence', path.point, { found: path.found, expected: path.expected })
    return undefined
  }
  return path.map((step) => ({ label: step.label, decision: step.decision, point: step.point }))
}

function listSteps(node: List, file: VFile): RawStep[] | undefined {
  if (node.ordered !== true) {
    report(file, 'bad-sequence', startOf(node), { found: 'unordered list', expected: 'an ordered list (`1.`) or a mermaid flowchart' })
    return undefined
  }
  return listItems(node).map((item) => {
    const label = stripPeriod(item.text)
    return { label, decision: label.endsWith('?'), point: item.point }
  })
}
