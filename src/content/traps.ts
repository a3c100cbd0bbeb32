/**
 * Trap drafts: from a traps table (mistake and correction columns), a traps
 * list (patterns), or a `... trap:` paragraph declared `trap`.
 */
import type { List, Paragraph, Table } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { readTable } from './cells.js'
import { resolveColumns } from './columns.js'
import { declaredSources, entries, entry } from './declaration.js'
import { report } from './errors.js'
import { listItems, stripPeriod } from './list-items.js'
import type { Block } from './outline.js'
import { matchItem, type Pattern } from './pattern.js'
import { shift, startOf, type Located, type Point } from './point.js'
import { compilePatterns, unique } from './rules.js'
import { assignScope, declaredScope } from './scope.js'
import { checkStems } from './stems.js'
import { draftTable, type DraftContext, type TableDraft } from './table-draft.js'

export interface TrapDraft {
  draft: TableDraft | undefined
  /** The table's id, or the topic's last slug for a lone paragraph: the middle of the trap id. */
  group: string
  mistake: Located
  correction: Located
  wrong?: Located
  answer?: Located
  /** Whether answers are searched in the mistake / correction text (not when it is a whole list item whose `{wrong}`/`{answer}` name them). */
  mentions: { mistake: boolean; correction: boolean }
  /** The trap's source: the mistake cell, the list item or the paragraph. */
  point: Point
  domain: string
  task: string
  topic: string
  file: VFile
  ignore: string[]
  /** A paragraph trap's own `stem:` templates (a table's traps use the table's). */
  stems?: string[]
  /** A paragraph trap's documentation pages (a table's traps have the table's). */
  sources?: string[]
}

const listNames = ['mistake', 'correction', 'wrong', 'answer']

export function readTraps(block: Block, context: DraftContext): TrapDraft[] {
  const { node } = block
  if (block.declaration.what === 'trap') return node.type === 'paragraph' ? readTrapParagraph(block, node, context) : []
  if (node.type === 'table') return readTrapsTable(block, node, context)
  if (node.type === 'list') return readTrapsList(block, node, context)
  return []
}

function fromDraft(draft: TableDraft, mistake: Located, correction: Located): TrapDraft {
  const { table } = draft
  return {
    draft,
    group: draft.localId,
    mistake,
    correction,
    mentions: { mistake: true, correction: true },
    point: mistake.point,
    domain: table.domain,
    task: table.task,
    topic: table.topic,
    file: draft.file,
    ignore: draft.ignore,
  }
}

function readTrapsTable(block: Block, node: Table, context: DraftContext): TrapDraft[] {
  const { declaration, file } = block
  const grid = readTable(node, file)
  const columns = grid.header.map((cell) => cell.text)
  const found: Partial<Record<'mistake' | 'correction', number | undefined>> = {}
  let ok = true
  for (const key of ['mistake', 'correction'] as const) {
    const value = entry(declaration, key)
    if (value === undefined) {
      ok = false
      report(file, 'bad-declaration', declaration.point, { found: `traps declaration without \`${key}\``, expected: `a \`${key}:\` line naming a column` })
      continue
    }
    const indexes = resolveColumns(value, grid.header, file)
    if (indexes === undefined) ok = false
    else found[key] = indexes[0]
  }
  const draft = draftTable(block, 'traps', columns, [...listNames, ...columns], context)
  if (!ok || draft === undefined) return []
  const seen = new Map<string, Located>()
  return grid.rows.flatMap((row) => {
    const mistake = row.cells[found.mistake ?? -1]
    const correction = row.cells[found.correction ?? -1]
    if (mistake === undefined || correction === undefined) return []
    for (const [role, cell] of [['mistake', mistake], ['correction', correction]] as const) {
      if (cell.text === '') report(file, 'empty-cell', cell.point, { role, expected: `a ${role}` })
    }
    if (mistake.text === '' || correction.text === '' || !unique(seen, mistake, file)) return []
    return [fromDraft(draft, mistake, correction)]
  })
}

function readTrapsList(block: Block, node: List, context: DraftContext): TrapDraft[] {
  const { declaration, file } = block
  const patterns = compilePatterns(declaration, listNames, [], file)
  if (entries(declaration, 'pattern').length === 0) {
    report(file, 'bad-declaration', declaration.point, { found: 'traps list without `pattern`', expected: 'at least one `pattern:` line' })
  }
  // A trap teaches the correction: a pattern that captures only the mistake would make the mistake the key.
  let corrected = true
  for (const pattern of entries(declaration, 'pattern')) {
    if (/\{\s*(correction|answer)\s*\}/.test(pattern.value)) continue
    corrected = false
    report(file, 'missing-correction', pattern.valuePoint, {
      found: `traps pattern \`${pattern.value}\` with no \`{correction}\` or \`{answer}\``,
      expected: 'a pattern naming the correction, like `{mistake}: {correction}.`',
    })
  }
  const draft = draftTable(block, 'traps', [], listNames, context)
  if (draft === undefined || patterns.length === 0 || !corrected) return []
  const seen = new Map<string, Located>()
  return listItems(node).flatMap((item) => {
    const trap = matchTrap(draft, item, patterns, file)
    return trap !== undefined && unique(seen, trap.mistake, file) ? [trap] : []
  })
}

/**
 * The mistake is `{mistake}`, else the whole item; the correction is
 * `{correction}`, else the whole item. `{wrong}`/`{answer}` name answers.
 */
function matchTrap(draft: TableDraft, item: Located, patterns: readonly Pattern[], file: VFile): TrapDraft | undefined {
  for (const pattern of patterns) {
    const found = matchItem(pattern, item)
    if (found === undefined) continue
    const at = (name: string): Located | undefined => found.get(name)
    const whole = { text: stripPeriod(item.text), point: item.point }
    const trap = fromDraft(draft, at('mistake') ?? whole, at('correction') ?? whole)
    const wrong = at('wrong')
    const answer = at('answer')
    if (wrong !== undefined) trap.wrong = wrong
    if (answer !== undefined) trap.answer = answer
    trap.point = item.point
    trap.mentions = { mistake: found.has('mistake') || wrong === undefined, correction: found.has('correction') || answer === undefined }
    return trap
  }
  report(file, 'unmatched-item', item.point, { patterns: patterns.map((pattern) => pattern.source) })
  return undefined
}

/** `Common trap: <mistake>. <correction>` — the label is any words ending in `trap`. */
function readTrapParagraph(block: Block, node: Paragraph, context: DraftContext): TrapDraft[] {
  const { declaration, file, topic } = block
  const text = toString(node).trim()
  const point = startOf(node)
  const label = /^([^:.]{0,60}\btrap)\s*:\s*/i.exec(text)
  if (label === null) {
    report(file, 'bad-declaration', point, { found: 'paragraph without a `… trap:` label', expected: 'a paragraph like `Common trap: <mistake>. <correction>`' })
    return []
  }
  const body = text.slice(label[0].length)
  // A one-sentence trap names only the mistake; `correction:` supplies the rest.
  const given = entry(declaration, 'correction')
  const split = splitSentence(body) ?? (given === undefined ? undefined : { first: body, rest: '', restOffset: 0 })
  if (split === undefined) {
    report(file, 'bad-value', shift(point, label[0].length), {
      found: 'trap with a single sentence',
      expected: 'the mistake as the first sentence and the correction after it, or a `correction:` key',
    })
    return []
  }
  if (topic === undefined) {
    report(file, 'bad-declaration', declaration.point, { found: 'trap under no heading', expected: 'a heading above it' })
    return []
  }
  const scope = assignScope(declaredScope(declaration, topic.scope), context.domains, file, 'trap', declaration.point)
  if (scope === undefined) return []
  const start = label[0].length
  const stems = checkStems(entries(declaration, 'stem'), ['mistake', 'correction', 'wrong'], file)
  const sources = declaredSources(declaration, file)
  return [
    {
      draft: undefined,
      group: topic.id.split('/').at(-1) ?? topic.id,
      mistake: { text: stripPeriod(split.first), point: shift(point, start) },
      correction:
        given === undefined
          ? { text: stripPeriod(split.rest), point: shift(point, start + split.restOffset) }
          : { text: stripPeriod(given.value), point: given.valuePoint },
      mentions: { mistake: true, correction: true },
      point,
      domain: scope.domain,
      task: scope.task,
      topic: topic.id,
      file,
      ignore: entries(declaration, 'ignore').map((item) => item.value),
      ...(stems.length > 0 ? { stems } : {}),
      ...(sources.length > 0 ? { sources } : {}),
    },
  ]
}

/** First sentence and the rest: a period, `!` or `?` followed by space and a capital. */
function splitSentence(text: string): { first: string; rest: string; restOffset: number } | undefined {
  const match = /[.!?]\s+(?=[\p{Lu}“"])/u.exec(text)
  if (match === null) return undefined
  const restOffset = match.index + match[0].length
  const rest = text.slice(restOffset).trim()
  return rest === '' ? undefined : { first: text.slice(0, match.index + 1), rest, restOffset }
}
