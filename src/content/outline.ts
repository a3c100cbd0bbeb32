/**
 * The outline plugin: walks a file's top-level blocks, turns headings into
 * topics (with section scope inherited down the heading tree), attaches each
 * declaration to the block right after it, and keeps prose as topic notes.
 */
import type { Code, Heading, List, Paragraph, Root, RootContent, Table } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { readTable } from './cells.js'
import { entry, isDeclaration, parseDeclaration, type Declaration, type Kind } from './declaration.js'
import { report } from './errors.js'
import { startOf, type Located, type Point } from './point.js'
import { slug } from './slug.js'

export interface Scope {
  domain?: Located
  task?: Located
}

export interface TopicDraft {
  id: string
  title: string
  depth: number
  parentId?: string
  scope: Scope
  notes: Located[]
  point: Point
}

export type BlockNode = Table | List | Code | Paragraph

export interface Block {
  node: BlockNode
  declaration: Declaration
  topic: TopicDraft | undefined
  file: VFile
}

export interface FileOutline {
  topics: TopicDraft[]
  blocks: Block[]
  /** The first paragraph after the file's H1: the bank description in `00-bank.md`. */
  lead?: Located
}

declare module 'vfile' {
  interface DataMap {
    quizgraph: FileOutline
  }
}

type Target = BlockNode['type']

/** Which blocks each kind of declaration may stand before. */
const targets: Record<Exclude<Kind, 'section'>, readonly Target[]> = {
  bank: ['table'],
  'item-types': ['table'],
  kinds: ['table'],
  audit: ['table'],
  domains: ['table'],
  tasks: ['table'],
  catalog: ['table'],
  rules: ['table', 'list'],
  traps: ['table', 'list'],
  trap: ['paragraph'],
  sequence: ['code', 'list'],
  notes: ['table', 'list'],
  model: ['table'],
  features: ['table'],
  facts: ['table'],
  frames: ['table'],
  qualifiers: ['table'],
  retired: ['table'],
}

const describe: Record<string, string> = { table: 'table', list: 'list', code: 'code block', paragraph: 'paragraph', heading: 'heading' }

/** Unified plugin: stores the file's outline in `file.data.quizgraph`. */
export function remarkQuizgraphOutline() {
  return function transform(tree: Root, file: VFile): void {
    file.data.quizgraph = outline(tree, file)
  }
}

export function outline(tree: Root, file: VFile): FileOutline {
  const result: FileOutline = { topics: [], blocks: [] }
  const stack: TopicDraft[] = []
  let pending: Declaration | undefined
  let previous: RootContent | undefined
  let leadHeading: Heading | undefined

  for (const node of tree.children) {
    const current = stack.at(-1)
    if (node.type === 'html' && isDeclaration(node)) {
      const declaration = parseDeclaration(node, file)
      if (declaration?.what === 'section') {
        if (previous?.type === 'heading' && current !== undefined) applySection(current, declaration)
        else misplaced(file, declaration.point, 'section declaration not after a heading', 'it directly after a heading')
      } else if (declaration !== undefined) {
        if (pending !== undefined) dangling(file, pending, 'another declaration')
        pending = declaration
      }
      previous = node
      continue
    }
    if (node.type === 'html') continue
    previous = node

    if (pending !== undefined) {
      const declaration = pending
      pending = undefined
      const allowed = targets[declaration.what as Exclude<Kind, 'section'>]
      if (isBlock(node) && allowed.includes(node.type)) {
        if (declaration.what === 'notes') addNotes(current, node, file)
        else result.blocks.push({ node, declaration, topic: current, file })
        continue
      }
      dangling(file, declaration, describeNode(node))
    }

    if (node.type === 'heading') {
      const topic = openTopic(stack, node)
      if (topic !== undefined) result.topics.push(topic)
      if (node.depth === 1 && leadHeading === undefined) leadHeading = node
      continue
    }
    if (node.type === 'table') {
      report(file, 'missing-declaration', startOf(node), {
        found: 'table with no declaration',
        expected: 'a `<!-- quizgraph rules -->`, `traps`, `catalog`, `model`, `features`, `facts`, `frames`, `qualifiers` or `notes` comment directly before it',
      })
      continue
    }
    if (node.type === 'paragraph' && leadHeading !== undefined && result.lead === undefined) {
      result.lead = { text: toString(node).trim(), point: startOf(node) }
    }
    if (node.type === 'paragraph' || node.type === 'list') addNotes(current, node, file)
  }
  if (pending !== undefined) dangling(file, pending, 'the end of the file')
  return result
}

function openTopic(stack: TopicDraft[], heading: Heading): TopicDraft | undefined {
  const title = toString(heading).trim()
  while ((stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop()
  if (title === '') return undefined
  const parent = stack.at(-1)
  const topic: TopicDraft = {
    id: parent === undefined ? slug(title) : `${parent.id}/${slug(title)}`,
    title,
    depth: heading.depth,
    scope: { ...parent?.scope },
    notes: [],
    point: startOf(heading),
  }
  if (parent !== undefined) topic.parentId = parent.id
  stack.push(topic)
  return topic
}

function applySection(topic: TopicDraft, declaration: Declaration): void {
  const domain = entry(declaration, 'domain')
  const task = entry(declaration, 'task')
  // A new section replaces the inherited pair: a task from a parent must not
  // survive under a different domain.
  if (domain !== undefined || task !== undefined) topic.scope = {}
  if (domain !== undefined) topic.scope.domain = { text: domain.value, point: domain.valuePoint }
  if (task !== undefined) topic.scope.task = { text: task.value, point: task.valuePoint }
}

/** Prose, undeclared lists and `notes` blocks become notes of their topic. */
function addNotes(topic: TopicDraft | undefined, node: BlockNode, file: VFile): void {
  if (topic === undefined) return
  if (node.type === 'paragraph') {
    const text = toString(node).trim()
    if (text !== '') topic.notes.push({ text, point: startOf(node) })
  } else if (node.type === 'list') {
    for (const item of node.children) {
      const text = toString(item.children[0] ?? item).trim()
      if (text !== '') topic.notes.push({ text, point: startOf(item.children[0] ?? item) })
    }
  } else if (node.type === 'table') {
    const grid = readTable(node, file)
    for (const row of grid.rows) {
      const text = row.cells
        .map((cell, index) => `${grid.header[index]?.text ?? ''}: ${cell.text}`)
        .join('; ')
      topic.notes.push({ text, point: row.cells[0]?.point ?? row.point })
    }
  }
}

function isBlock(node: RootContent): node is BlockNode {
  return node.type === 'table' || node.type === 'list' || node.type === 'code' || node.type === 'paragraph'
}

function describeNode(node: RootContent): string {
  return describe[node.type] ?? node.type
}

function dangling(file: VFile, declaration: Declaration, found: string): void {
  const allowed = targets[declaration.what as Exclude<Kind, 'section'>]
  misplaced(
    file,
    declaration.point,
    `${found} after a \`${declaration.what}\` declaration`,
    `a ${allowed.map((type) => describe[type] ?? type).join(' or ')} directly after it`,
  )
}

function misplaced(file: VFile, point: Point, found: string, expected: string): void {
  report(file, 'bad-declaration', point, { found, expected })
}
