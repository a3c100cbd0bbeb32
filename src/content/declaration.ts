/**
 * Declarations: `<!-- quizgraph <what>` comments with `key: value` lines.
 * Positions come from the raw source slice, so each key and value is exact
 * even when the comment is indented.
 */
import type { Html } from 'mdast'
import type { VFile } from 'vfile'
import { readSources } from './cells.js'
import { report } from './errors.js'
import { shift, startOf, type Point } from './point.js'

export interface Entry {
  key: string
  value: string
  keyPoint: Point
  valuePoint: Point
}

export interface Declaration {
  what: Kind
  entries: Entry[]
  point: Point
}

/** Allowed keys per kind; `*` marks repeatable keys. */
const kinds = {
  bank: ['id', 'title', 'role', 'organization', 'workload'],
  'item-types': [],
  kinds: [],
  audit: [],
  domains: [],
  tasks: [],
  section: ['domain', 'task'],
  catalog: [],
  rules: [
    'id', 'title', 'cue', 'cue-kind', 'answer', 'reason', 'watch', 'answer-kind', 'split',
    'stem*', 'stem-multiple*', 'domain', 'task', 'ignore*', 'pattern*', 'source*',
  ],
  traps: ['id', 'title', 'mistake', 'correction', 'cue-kind', 'answer-kind', 'stem*', 'domain', 'task', 'ignore*', 'pattern*', 'source*'],
  trap: ['domain', 'task', 'ignore*', 'correction', 'stem*', 'source*'],
  sequence: ['id', 'title', 'domain', 'task', 'source*'],
  notes: [],
  model: ['id', 'title', 'decision', 'stage', 'goal*', 'question', 'question-multiple', 'ask', 'must-state*', 'domain', 'task'],
  features: ['model'],
  facts: ['model'],
  frames: [],
  qualifiers: [],
  retired: [],
} as const satisfies Record<string, readonly string[]>

export type Kind = keyof typeof kinds

const opening = /^<!--\s*quizgraph(?=\s|-->|$)/

/** Whether an HTML node is a quizgraph declaration at all (other comments are prose). */
export function isDeclaration(node: Html): boolean {
  return opening.test(node.value)
}

/** Parse a declaration; problems are reported on `file`. Undefined when unusable. */
export function parseDeclaration(node: Html, file: VFile): Declaration | undefined {
  const start = node.position?.start
  const end = node.position?.end
  const raw =
    start?.offset !== undefined && end?.offset !== undefined
      ? String(file.value).slice(start.offset, end.offset)
      : node.value
  const point = startOf(node)
  const lines = raw.replace(/\s*-->\s*$/, '').split(/\r?\n/)
  const head = /^<!--\s*quizgraph\s*([^\s]*)\s*(.*)$/.exec(lines[0] ?? '')
  if (head === null) return undefined
  const what = head[1] ?? ''
  if (!(what in kinds)) {
    report(file, 'bad-declaration', shift(point, (lines[0] ?? '').indexOf(what)), {
      found: what === '' ? 'declaration without a kind' : `declaration kind \`${what}\``,
      expected: `one of ${Object.keys(kinds).map((k) => '`' + k + '`').join(', ')}`,
    })
    return undefined
  }
  const declaration: Declaration = { what: what as Kind, entries: [], point }
  if ((head[2] ?? '') !== '') {
    report(file, 'bad-declaration', shift(point, (lines[0] ?? '').lastIndexOf(head[2] ?? '')), {
      found: `text \`${head[2]}\` after the kind`,
      expected: 'one `key: value` per line below it',
    })
  }
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return
    const linePoint = { line: point.line + index, column: 1 }
    const entry = parseLine(line, linePoint)
    if (entry === undefined) {
      report(file, 'bad-declaration', shift(linePoint, line.search(/\S/)), {
        found: `line \`${line.trim()}\``,
        expected: 'a `key: value` line',
      })
    } else if (checkKey(declaration, entry, file)) {
      declaration.entries.push(entry)
    }
  })
  return declaration
}

function parseLine(line: string, linePoint: Point): Entry | undefined {
  const match = /^(\s*)([a-z][a-z-]*)\s*:(\s*)(.*?)\s*$/.exec(line)
  if (match === null) return undefined
  const indent = match[1]?.length ?? 0
  const key = match[2] ?? ''
  const value = match[4] ?? ''
  if (value === '') return undefined
  const valueColumn = indent + key.length + line.slice(indent + key.length).indexOf(':') + 1 + (match[3]?.length ?? 0)
  return { key, value, keyPoint: shift(linePoint, indent), valuePoint: shift(linePoint, valueColumn) }
}

function checkKey(declaration: Declaration, entry: Entry, file: VFile): boolean {
  const allowed: readonly string[] = kinds[declaration.what]
  const repeatable = allowed.includes(entry.key + '*')
  if (!repeatable && !allowed.includes(entry.key)) {
    report(file, 'unknown-key', entry.keyPoint, {
      key: entry.key,
      what: declaration.what,
      keys: allowed.map((key) => key.replace('*', '')),
    })
    return false
  }
  if (!repeatable && declaration.entries.some((other) => other.key === entry.key)) {
    report(file, 'bad-declaration', entry.keyPoint, {
      found: `second \`${entry.key}\` key`,
      expected: `\`${entry.key}\` once (only ${allowed.filter((k) => k.endsWith('*')).map((k) => '`' + k.slice(0, -1) + '`').join(', ') || 'no key'} may repeat)`,
    })
    return false
  }
  return true
}

export function entry(declaration: Declaration, key: string): Entry | undefined {
  return declaration.entries.find((item) => item.key === key)
}

export function entries(declaration: Declaration, key: string): Entry[] {
  return declaration.entries.filter((item) => item.key === key)
}

/** The documentation URLs of a declaration's `source:` lines (rules, traps, trap, sequence). */
export function declaredSources(declaration: Declaration, file: VFile): string[] {
  return [...new Set(entries(declaration, 'source').flatMap((line) => readSources({ text: line.value, point: line.valuePoint }, file)))]
}
