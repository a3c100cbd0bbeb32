/**
 * Rules drafts from a rules table (one rule per row) or a rules list (one rule
 * per item, by pattern or with a fixed answer). Mentions are resolved later,
 * once the whole catalog is known.
 */
import type { List, Table } from 'mdast'
import type { VFile } from 'vfile'
import { readTable } from './cells.js'
import { resolveColumns } from './columns.js'
import { entries, entry, type Declaration } from './declaration.js'
import { report } from './errors.js'
import { listItems, stripPeriod } from './list-items.js'
import type { Block } from './outline.js'
import { compilePattern, matchItem, type Pattern } from './pattern.js'
import type { Located, Point } from './point.js'
import { slug } from './slug.js'
import { draftTable, type DraftContext, type TableDraft } from './table-draft.js'

export interface RuleDraft {
  draft: TableDraft
  cue: Located
  answer: Located
  reason?: string
  watch?: string
  /** Named wrong (`{wrong}` in a list pattern): rejected answers. */
  wrong?: Located
  details: Record<string, string>
  /** The rule's source: the cue cell, or the list item. */
  point: Point
}

const columnKeys = ['cue', 'answer', 'reason', 'watch'] as const

export function readRules(block: Block, context: DraftContext): RuleDraft[] {
  return block.node.type === 'table' ? readRulesTable(block, block.node, context) : block.node.type === 'list' ? readRulesList(block, block.node, context) : []
}

function readRulesTable(block: Block, node: Table, context: DraftContext): RuleDraft[] {
  const { declaration, file } = block
  const grid = readTable(node, file)
  const columns = grid.header.map((cell) => cell.text)
  const indexes: Partial<Record<(typeof columnKeys)[number], number[]>> = {}
  let ok = true
  for (const key of columnKeys) {
    const value = entry(declaration, key)
    if (value === undefined) {
      if (key === 'cue' || key === 'answer') ok = requireKey(declaration, key, file)
      continue
    }
    const found = resolveColumns(value, grid.header, file)
    if (found === undefined) ok = false
    else indexes[key] = found
  }
  const placeholders = ['cue', 'answer', ...(indexes.reason ? ['reason'] : []), ...(indexes.watch ? ['watch'] : []), ...columns]
  const draft = draftTable(block, 'rules', columns, placeholders, context)
  if (!ok || draft === undefined) return []
  // Which headers hold the cue and the answer: how the generator tells a requirement from a definition.
  const cueColumns = (indexes.cue ?? []).flatMap((index) => columns[index] ?? [])
  const answerColumn = columns[indexes.answer?.[0] ?? -1]
  if (cueColumns.length > 0) draft.table.cueColumns = cueColumns
  if (answerColumn !== undefined) draft.table.answerColumn = answerColumn
  for (const key of ['pattern'] as const) {
    for (const value of entries(declaration, key)) {
      report(file, 'bad-declaration', value.keyPoint, { found: '`pattern` on a rules table', expected: 'patterns on lists only' })
    }
  }
  const used = new Set(Object.values(indexes).flat())
  const seen = new Map<string, Located>()
  const rules: RuleDraft[] = []
  for (const row of grid.rows) {
    const cell = (index: number): Located => row.cells[index] ?? { text: '', point: row.point }
    const cueCells = (indexes.cue ?? []).map(cell)
    const answer = cell(indexes.answer?.[0] ?? -1)
    const empty = [...cueCells.map((item) => ['cue', item] as const), ['answer', answer] as const].filter(([, item]) => item.text === '')
    for (const [role, item] of empty) {
      report(file, 'empty-cell', item.point, { role, expected: role === 'cue' ? 'a cue' : 'an answer' })
    }
    const first = cueCells[0]
    if (empty.length > 0 || first === undefined) continue
    const cue = { text: cueCells.map((item) => item.text).join(', '), point: first.point }
    if (!unique(seen, cue, file)) continue
    const rule: RuleDraft = { draft, cue, answer, details: {}, point: cue.point }
    const reason = cell(indexes.reason?.[0] ?? -1).text
    const watch = cell(indexes.watch?.[0] ?? -1).text
    if (reason !== '') rule.reason = reason
    if (watch !== '') rule.watch = watch
    columns.forEach((header, index) => {
      const text = row.cells[index]?.text ?? ''
      if (!used.has(index) && text !== '') rule.details[header] = text
    })
    rules.push(rule)
  }
  return rules
}

function readRulesList(block: Block, node: List, context: DraftContext): RuleDraft[] {
  const { declaration, file } = block
  for (const key of ['cue', 'reason', 'watch'] as const) {
    const value = entry(declaration, key)
    if (value !== undefined) {
      report(file, 'bad-declaration', value.keyPoint, { found: `\`${key}\` on a rules list`, expected: '`pattern:` placeholders or a fixed `answer:`' })
    }
  }
  const fixed = entry(declaration, 'answer')
  const patterns = compilePatterns(declaration, ['cue', 'answer', 'watch', 'wrong'], ['cue', 'answer'], file)
  if (fixed === undefined && patterns.length === 0 && entries(declaration, 'pattern').length === 0) {
    report(file, 'bad-declaration', declaration.point, { found: 'rules list without `pattern` or `answer`', expected: '`pattern:` lines or a fixed `answer:`' })
  }
  if (fixed !== undefined && patterns.length > 0) {
    report(file, 'bad-declaration', fixed.keyPoint, { found: '`answer` together with `pattern`', expected: 'either patterns or a fixed answer' })
    return []
  }
  const draft = draftTable(block, 'rules', [], ['cue', 'answer', 'watch', 'wrong'], context)
  if (draft === undefined || (fixed === undefined && patterns.length === 0)) return []
  const seen = new Map<string, Located>()
  const rules: RuleDraft[] = []
  for (const item of listItems(node)) {
    let rule: RuleDraft | undefined
    if (fixed !== undefined) {
      rule = { draft, cue: { text: stripPeriod(item.text), point: item.point }, answer: { text: fixed.value, point: fixed.valuePoint }, details: {}, point: item.point }
    } else {
      rule = matchRule(draft, item, patterns, file)
    }
    if (rule !== undefined && unique(seen, rule.cue, file)) rules.push(rule)
  }
  return rules
}

function matchRule(draft: TableDraft, item: Located, patterns: readonly Pattern[], file: VFile): RuleDraft | undefined {
  for (const pattern of patterns) {
    const found = matchItem(pattern, item)
    if (found === undefined) continue
    const at = (name: string): Located | undefined => found.get(name)
    const cue = at('cue')
    const answer = at('answer')
    if (cue === undefined || answer === undefined) continue
    const rule: RuleDraft = { draft, cue, answer, details: {}, point: item.point }
    const watch = at('watch')
    const wrong = at('wrong')
    if (watch !== undefined) rule.watch = watch.text
    if (wrong !== undefined) rule.wrong = wrong
    return rule
  }
  report(file, 'unmatched-item', item.point, { patterns: patterns.map((pattern) => pattern.source) })
  return undefined
}

/** Compile `pattern:` lines; each must use known placeholders and all of `required`. */
export function compilePatterns(declaration: Declaration, allowed: readonly string[], required: readonly string[], file: VFile): Pattern[] {
  return entries(declaration, 'pattern').flatMap((value) => {
    const compiled = compilePattern(value.value, allowed)
    const missing = 'unknown' in compiled ? [] : required.filter((name) => !compiled.names.includes(name))
    if ('unknown' in compiled || missing.length > 0) {
      report(file, 'bad-declaration', value.valuePoint, {
        found: 'unknown' in compiled ? `pattern placeholder \`${compiled.unknown.join('`, `')}\`` : `pattern without \`{${missing.join('}`, `{')}}\``,
        expected: `placeholders among ${allowed.map((name) => '`{' + name + '}`').join(', ')}, each once` + (required.length > 0 ? `, with ${required.map((name) => '`{' + name + '}`').join(' and ')}` : ''),
      })
      return []
    }
    return [compiled]
  })
}

function requireKey(declaration: Declaration, key: string, file: VFile): false {
  report(file, 'bad-declaration', declaration.point, { found: `rules declaration without \`${key}\``, expected: `a \`${key}:\` line naming a column` })
  return false
}

/** One cue per table: the second of two equal cues (same slug) is reported with the first as cause. */
export function unique(seen: Map<string, Located>, cue: Located, file: VFile): boolean {
  const key = slug(cue.text)
  const first = seen.get(key)
  if (first !== undefined) {
    report(file, 'duplicate-cue', cue.point, { cue: cue.text }, { path: file.path, point: first.point, reason: 'First used here' })
    return false
  }
  seen.set(key, cue)
  return true
}
