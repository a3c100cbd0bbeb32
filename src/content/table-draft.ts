/**
 * What every rules or traps block shares: its id, title, topic, scope, cue
 * kind, answer kind and stems, read from its declaration.
 */
import type { VFile } from 'vfile'
import { CueKind, type Domain, type Table } from '../graph/schema.js'
import { declaredSources, entries, entry, type Declaration, type Entry } from './declaration.js'
import { report, type Related } from './errors.js'
import type { Block } from './outline.js'
import type { Point } from './point.js'
import { assignScope, declaredScope } from './scope.js'
import { slug } from './slug.js'
import { checkStems } from './stems.js'

export interface TableDraft {
  /** Without the answer kind, which may default to the answers' most common kind. */
  table: Omit<Table, 'answerKind'>
  answerKind: string | undefined
  localId: string
  split: 'mentions' | 'none'
  ignore: string[]
  file: VFile
  declaration: Declaration
}

export interface DraftContext {
  bank: string
  domains: readonly Domain[]
  /** Ids taken so far, with where, for `duplicate-id`. */
  ids: Map<string, Related>
}

/**
 * Draft a table from its block. `placeholders` are the names stems may use.
 * Undefined when the block cannot become a table (already reported).
 */
export function draftTable(
  block: Block,
  role: 'rules' | 'traps',
  columns: readonly string[],
  placeholders: readonly string[],
  context: DraftContext,
): TableDraft | undefined {
  const { declaration, file, topic } = block
  const what = `${role} ${block.node.type}`
  const localId = tableId(declaration, topic?.title, file, what)
  const scope = assignScope(declaredScope(declaration, topic?.scope ?? {}), context.domains, file, what, declaration.point)
  const cueKind = readCueKind(declaration, role, file)
  const answerKind = readAnswerKind(declaration, file)
  const split = readSplit(declaration, file)
  const stems = checkStems(entries(declaration, 'stem'), placeholders, file)
  const multipleStems = checkStems(entries(declaration, 'stem-multiple'), placeholders, file)
  if (role === 'rules' && entries(declaration, 'stem').length === 0) {
    report(file, 'bad-declaration', declaration.point, {
      found: 'rules declaration without `stem`',
      expected: 'at least one `stem:` template',
    })
  }
  const sources = declaredSources(declaration, file)
  if (localId === undefined || scope === undefined || cueKind === undefined || split === undefined) return undefined
  if (topic === undefined) {
    report(file, 'bad-declaration', declaration.point, { found: `${what} under no heading`, expected: 'a heading above it' })
    return undefined
  }
  const id = `${context.bank}:${localId}`
  if (!claimId(context, id, 'table', file, declaration.point)) return undefined
  return {
    table: {
      id,
      title: entry(declaration, 'title')?.value ?? topic.title,
      topic: topic.id,
      form: block.node.type === 'table' ? 'table' : 'list',
      role,
      columns: [...columns],
      cueKind,
      stems,
      ...(multipleStems.length > 0 ? { multipleStems } : {}),
      domain: scope.domain,
      task: scope.task,
      ...(sources.length > 0 ? { sources } : {}),
      source: { file: file.path, line: block.node.position?.start.line ?? 1, column: block.node.position?.start.column ?? 1 },
    },
    answerKind,
    localId,
    split,
    ignore: entries(declaration, 'ignore').map((item) => item.value),
    file,
    declaration,
  }
}

/** Record `id`; a second claim is reported with the first as its cause. */
export function claimId(context: DraftContext, id: string, what: string, file: VFile, point: Point): boolean {
  const first = context.ids.get(id)
  if (first !== undefined) {
    report(file, 'duplicate-id', point, { what, id }, first)
    return false
  }
  context.ids.set(id, { path: file.path, point, reason: 'First defined here' })
  return true
}

function tableId(declaration: Declaration, heading: string | undefined, file: VFile, what: string): string | undefined {
  const id = entry(declaration, 'id')
  if (id === undefined) {
    if (heading !== undefined) return slug(heading)
    report(file, 'bad-declaration', declaration.point, { found: `${what} with no \`id\` and no heading`, expected: 'an `id:` line' })
    return undefined
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id.value)) {
    report(file, 'bad-value', id.valuePoint, { found: `id \`${id.value}\``, expected: `a slug like \`${slug(id.value)}\`` })
    return undefined
  }
  return id.value
}

function readCueKind(declaration: Declaration, role: 'rules' | 'traps', file: VFile): CueKind | undefined {
  const value = entry(declaration, 'cue-kind')
  if (value === undefined) {
    if (role === 'traps') return 'scenario'
    report(file, 'bad-declaration', declaration.point, {
      found: 'rules declaration without `cue-kind`',
      expected: `a \`cue-kind:\` line (${CueKind.options.join(', ')})`,
    })
    return undefined
  }
  return oneOf(value, CueKind.options, 'cue-kind', file)
}

function readAnswerKind(declaration: Declaration, file: VFile): string | undefined {
  const value = entry(declaration, 'answer-kind')
  if (value === undefined) return undefined
  if (/^[a-z][a-z-]*$/.test(value.value)) return value.value
  report(file, 'bad-value', value.valuePoint, { found: `answer-kind \`${value.value}\``, expected: 'a lower-case word like `service`' })
  return undefined
}

function readSplit(declaration: Declaration, file: VFile): 'mentions' | 'none' | undefined {
  const value = entry(declaration, 'split')
  return value === undefined ? 'mentions' : oneOf(value, ['mentions', 'none'] as const, 'split', file)
}

function oneOf<T extends string>(value: Entry, options: readonly T[], key: string, file: VFile): T | undefined {
  const found = options.find((option) => option === value.value)
  if (found === undefined) {
    report(file, 'bad-value', value.valuePoint, {
      found: `${key} \`${value.value}\``,
      expected: `one of ${options.map((option) => '`' + option + '`').join(', ')}`,
    })
  }
  return found
}
