/**
 * The bank's own facts: the `bank` table (exam format), `item-types`,
 * `domains` (weights summing to 100) and `tasks` (each inside its domain).
 */
import type { VFile } from 'vfile'
import type { AuditTargets, BankInfo, Domain, ExamFormat, Task } from '../graph/schema.js'
import { AnswerKind, ItemType } from '../graph/schema.js'
import { pluralNoun } from '../graph/nouns.js'
import { entry } from './declaration.js'
import { report } from './errors.js'
import { readRecords, requireCell } from './fixed-table.js'
import type { Block } from './outline.js'
import type { Located } from './point.js'

export interface BankParts {
  bank: BankInfo | undefined
  domains: Domain[]
}

type Source = { file: string; line: number; column: number }

const source = (file: VFile, located: { point: { line: number; column: number } }): Source => ({
  file: file.path,
  line: located.point.line,
  column: located.point.column,
})

const facts = {
  questions: 'Questions',
  scored: 'Scored questions',
  minutes: 'Minutes',
  passingScore: 'Passing score',
  scale: 'Score scale',
} as const

/** Facts an exam may not publish: without them, scores are percentages. */
const optionalFacts: ReadonlySet<keyof typeof facts> = new Set(['scored', 'scale'])

/** A value written as an estimate: "~70%", "about 70% (not officially published)". */
const estimate = /[~≈]|\b(about|approx(imately)?|around|roughly|estimated?|unofficial|not (officially )?(published|disclosed|confirmed))\b/i

export function readBankParts(blocks: readonly Block[], lead: Located | undefined, first: VFile): BankParts {
  const by = (what: string) => blocks.filter((block) => block.declaration.what === what)
  const bankBlock = by('bank')[0]
  const itemTypes = by('item-types').flatMap(readItemTypes)
  const tasks = by('tasks').flatMap(readTasks)
  const domainBlock = by('domains')[0]
  const domains = domainBlock === undefined ? [] : readDomains(domainBlock, tasks)
  if (domainBlock === undefined) missingTable(first, 'domains')
  if (by('tasks').length === 0) missingTable(first, 'tasks')
  if (bankBlock === undefined) missingTable(first, 'bank')
  const bank = bankBlock === undefined ? undefined : readBank(bankBlock, lead, itemTypes)
  if (bank !== undefined) {
    const kinds = Object.fromEntries(by('kinds').flatMap(readKinds))
    if (Object.keys(kinds).length > 0) bank.kinds = kinds
    const audit = by('audit').map(readAudit).reduce<AuditTargets>((all, one) => mergeTargets(all, one), {})
    if (Object.keys(audit).length > 0) bank.audit = audit
  }
  return { bank, domains }
}

function missingTable(file: VFile, what: string): void {
  report(file, 'missing-declaration', { line: 1, column: 1 }, {
    found: `bank with no \`${what}\` table`,
    expected: `a table declared \`<!-- quizgraph ${what} -->\``,
  })
}

function readBank(block: Block, lead: Located | undefined, itemTypes: ExamFormat['itemTypes']): BankInfo | undefined {
  const { file, declaration } = block
  const id = entry(declaration, 'id')
  const title = entry(declaration, 'title')
  for (const [key, value] of [['id', id], ['title', title]] as const) {
    if (value === undefined) {
      report(file, 'bad-declaration', declaration.point, { found: `bank declaration without \`${key}\``, expected: `an \`${key}:\` line` })
    }
  }
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id.value)) {
    report(file, 'bad-value', id.valuePoint, { found: `bank id \`${id.value}\``, expected: 'a lower-case slug like `my-exam-01`' })
    return undefined
  }
  if (block.node.type !== 'table') return undefined
  const read = readRecords(block.node, file, ['Fact', 'Value'])
  if (read === undefined || id === undefined || title === undefined) return undefined
  const values = new Map(read.records.map((record) => [record.cells['Fact']?.text.toLowerCase(), record.cells['Value']]))
  const numbers: Partial<Record<keyof typeof facts, number[]>> = {}
  const cells: Partial<Record<keyof typeof facts, Located>> = {}
  let ok = true
  for (const [key, label] of Object.entries(facts) as Array<[keyof typeof facts, string]>) {
    const cell = values.get(label.toLowerCase())
    if (cell === undefined && optionalFacts.has(key)) continue
    const found = cell === undefined ? [] : (cell.text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number)
    const wanted = key === 'scale' ? 2 : 1
    const whole = key !== 'passingScore' || found.every(Number.isInteger) || cell?.text.includes('%') === true
    if (found.length !== wanted || !whole) {
      ok = false
      report(file, 'bad-value', cell?.point ?? read.grid.point, {
        found: cell === undefined ? `bank table without a \`${label}\` row` : `${label.toLowerCase()} \`${cell.text}\``,
        expected: key === 'scale' ? 'a range like `100–1000`' : `a \`${label}\` row with a whole number`,
      })
      continue
    }
    numbers[key] = found
    if (cell !== undefined) {
      cells[key] = cell
      if (estimate.test(cell.text)) {
        report(file, 'estimated-value', cell.point, { fact: `\`${label}\``, text: cell.text, value: found[0] ?? 0 })
      }
    }
  }
  const { questions, scored, minutes, passingScore, scale } = numbers
  if (!ok || !questions || !minutes || !passingScore) return undefined
  const passing = readPassing(file, cells.passingScore, passingScore[0] ?? 0, scale)
  if (passing === undefined) return undefined
  const audience = Object.fromEntries(
    (['role', 'organization', 'workload'] as const).flatMap((key) => {
      const value = entry(declaration, key)
      return value === undefined ? [] : [[key, value.value]]
    }),
  )
  return {
    id: id.value,
    title: title.value,
    description: lead?.text ?? '',
    exam: {
      questions: questions[0] ?? 0,
      ...(scored ? { scored: scored[0] ?? 0 } : {}),
      minutes: minutes[0] ?? 0,
      passingScore: passing,
      ...(scale ? { scale: [scale[0] ?? 0, scale[1] ?? 0] as [number, number] } : {}),
      itemTypes,
    },
    ...(Object.keys(audience).length > 0 ? { audience } : {}),
    source: { file: file.path, line: declaration.point.line, column: declaration.point.column },
  }
}

/**
 * The pass mark on the bank's scale. Written as a percentage ("70%") it is
 * converted to the scale when there is one; with no scale, scores are
 * percentages and the pass mark must be one.
 */
function readPassing(file: VFile, cell: Located | undefined, value: number, scale: number[] | undefined): number | undefined {
  const percent = cell?.text.includes('%') === true
  if (scale === undefined) {
    if (value > 100 && cell !== undefined) {
      report(file, 'bad-value', cell.point, {
        found: `passing score \`${cell.text}\` with no \`Score scale\``,
        expected: 'a percentage like `70%`, or a `Score scale` row'
      })
      return undefined
    }
    return value
  }
  const [low = 0, high = 0] = scale
  return percent ? Math.round(low + ((high - low) * value) / 100) : value
}

/** `kinds` table: `| Kind | Noun | Plural |` — how an answer kind reads in a sentence. */
function readKinds(block: Block): Array<[string, { noun: string; plural: string }]> {
  if (block.node.type !== 'table') return []
  const read = readRecords(block.node, block.file, ['Kind', 'Noun'], ['Plural'])
  return (read?.records ?? []).flatMap((record): Array<[string, { noun: string; plural: string }]> => {
    const kind = requireCell(record, 'Kind', block.file, 'an answer kind like `service`')
    const noun = requireCell(record, 'Noun', block.file, 'the kind as a noun in a sentence, like `storage service`')
    if (!kind || !noun) return []
    if (!AnswerKind.safeParse(kind.text).success) {
      report(block.file, 'bad-value', kind.point, { found: `kind \`${kind.text}\``, expected: 'a lower-case kind like `service` or `dr-strategy`' })
      return []
    }
    const plural = record.cells['Plural']?.text
    return [[kind.text, { noun: noun.text, plural: plural ? plural : pluralNoun(noun.text) }]]
  })
}

const auditChecks: Record<string, keyof AuditTargets> = {
  'key position tolerance': 'positionTolerance',
  'key is longest': 'keyLongest',
  'cheap solvers': 'solver',
}

/** Whole-number targets on scenario items (issue: decision models), by check name. */
const scenarioChecks: Record<string, keyof NonNullable<AuditTargets['scenario']>> = {
  'scenario items': 'items',
  'scenario multiple items': 'multiple',
  'case studies': 'cases',
  'median scenario stem words': 'medianStemWords',
  'scenario domains': 'domains',
  'scenario tasks': 'tasks',
}

/** `audit` table: `| Check | Target |` — the bank's own, stricter audit targets. */
function readAudit(block: Block): AuditTargets {
  if (block.node.type !== 'table') return {}
  const read = readRecords(block.node, block.file, ['Check', 'Target'])
  const targets: AuditTargets = {}
  for (const record of read?.records ?? []) {
    const check = requireCell(record, 'Check', block.file, 'an audit check')
    const target = requireCell(record, 'Target', block.file, 'a number or a percentage')
    if (!check || !target) continue
    const name = check.text.toLowerCase()
    const type = /^(.+?) items$/.exec(name)?.[1]
    const number = /\d+(?:\.\d+)?/.exec(target.text)?.[0]
    const scenarioKey = scenarioChecks[name]
    if (scenarioKey !== undefined) {
      if (number === undefined || target.text.includes('%')) {
        report(block.file, 'bad-value', target.point, { found: `target \`${target.text}\``, expected: 'a whole number like `400`' })
      } else targets.scenario = { ...targets.scenario, [scenarioKey]: Math.round(Number(number)) }
      continue
    }
    const known = auditChecks[name] ?? (type !== undefined && ItemType.safeParse(type).success ? 'minimums' : undefined)
    if (known === undefined) {
      report(block.file, 'bad-value', check.point, {
        found: `audit check \`${check.text}\``,
        expected: `one of ${[...ItemType.options.map((t) => `${t} items`), ...Object.keys(scenarioChecks), ...Object.keys(auditChecks)].map((c) => '`' + c + '`').join(', ')}`,
      })
      continue
    }
    const share = known !== 'minimums'
    if (number === undefined || (share && !target.text.includes('%'))) {
      report(block.file, 'bad-value', target.point, {
        found: `target \`${target.text}\``,
        expected: share ? 'a percentage like `35%`' : 'a whole number of items like `20`',
      })
      continue
    }
    if (known === 'minimums') targets.minimums = { ...targets.minimums, [type as ItemType]: Math.round(Number(number)) }
    else targets[known] = Number(number) / 100
  }
  return targets
}

function mergeTargets(a: AuditTargets, b: AuditTargets): AuditTargets {
  const merged: AuditTargets = { ...a, ...b }
  if (a.minimums || b.minimums) merged.minimums = { ...a.minimums, ...b.minimums }
  if (a.scenario || b.scenario) merged.scenario = { ...a.scenario, ...b.scenario }
  return merged
}

function readItemTypes(block: Block): ExamFormat['itemTypes'] {
  if (block.node.type !== 'table') return []
  const read = readRecords(block.node, block.file, ['Type', 'Name', 'Shape', 'Scoring'])
  return (read?.records ?? []).flatMap((record) => {
    const cells = (['Type', 'Name', 'Shape', 'Scoring'] as const).map((column) =>
      requireCell(record, column, block.file, `a \`${column}\``),
    )
    const [type, name, shape, scoring] = cells
    if (!type || !name || !shape || !scoring) return []
    const parsed = ItemType.safeParse(type.text)
    if (!parsed.success) {
      report(block.file, 'bad-value', type.point, {
        found: `item type \`${type.text}\``,
        expected: `one of ${ItemType.options.map((option) => '`' + option + '`').join(', ')}`,
      })
      return []
    }
    return [{ type: parsed.data, name: name.text, shape: shape.text, scoring: scoring.text }]
  })
}

interface TaskRow {
  task: Task
  domain: Located
  file: VFile
}

function readTasks(block: Block): TaskRow[] {
  if (block.node.type !== 'table') return []
  const read = readRecords(block.node, block.file, ['Task', 'Domain', 'Title'])
  return (read?.records ?? []).flatMap((record) => {
    const task = requireCell(record, 'Task', block.file, 'a task number like `1.1`')
    const domain = requireCell(record, 'Domain', block.file, 'a domain number like `1`')
    const title = requireCell(record, 'Title', block.file, 'the task statement')
    if (!task || !domain || !title) return []
    if (!/^\d\.\d$/.test(task.text)) {
      report(block.file, 'bad-value', task.point, { found: `task \`${task.text}\``, expected: 'a task number like `1.1`' })
      return []
    }
    if (task.text[0] !== domain.text) {
      report(block.file, 'unknown-task', task.point, {
        found: `task \`${task.text}\` in domain \`${domain.text}\``,
        expected: `a task numbered \`${domain.text}.x\``,
      })
      return []
    }
    return [{ task: { id: task.text, title: title.text, source: source(block.file, task) }, domain, file: block.file }]
  })
}

function readDomains(block: Block, tasks: readonly TaskRow[]): Domain[] {
  if (block.node.type !== 'table') return []
  const { file } = block
  const read = readRecords(block.node, file, ['Domain', 'Title', 'Weight'])
  if (read === undefined) return []
  const domains: Domain[] = []
  let total = 0
  for (const record of read.records) {
    const id = requireCell(record, 'Domain', file, 'a domain number like `1`')
    const title = requireCell(record, 'Title', file, 'the domain title')
    const weight = requireCell(record, 'Weight', file, 'a weight like `28%`')
    if (!id || !title || !weight) continue
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(weight.text)
    if (percent === null) {
      report(file, 'bad-value', weight.point, { found: `weight \`${weight.text}\``, expected: 'a percentage like `28%`' })
      continue
    }
    if (!/^\d$/.test(id.text)) {
      report(file, 'bad-value', id.point, { found: `domain \`${id.text}\``, expected: 'a one-digit domain number' })
      continue
    }
    total += Number(percent[1])
    const own = tasks.filter((row) => row.domain.text === id.text).map((row) => row.task)
    if (own.length === 0) {
      report(file, 'unknown-task', id.point, { found: `domain \`${id.text}\` with no task`, expected: 'at least one task in the tasks table' })
      continue
    }
    domains.push({ id: id.text, title: title.text, weight: Number(percent[1]), tasks: own, source: source(file, id) })
  }
  for (const row of tasks) {
    if (!read.records.some((record) => record.cells['Domain']?.text === row.domain.text)) {
      report(row.file, 'unknown-task', row.domain.point, {
        found: `domain \`${row.domain.text}\` for task \`${row.task.id}\``,
        expected: 'a domain of the domains table',
      })
    }
  }
  const weightHeader = read.grid.header.find((cell) => cell.text.toLowerCase() === 'weight')
  if (Math.abs(total - 100) > 1e-9 && read.records.length > 0) {
    report(file, 'domain-weights', weightHeader?.point ?? read.grid.point, { total: Math.round(total * 100) / 100 })
  }
  return domains.sort((a, b) => a.id.localeCompare(b.id))
}
