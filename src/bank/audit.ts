/**
 * auditBank(bank, graph): the checks CI enforces. Coverage (every rule has a
 * valid item), the key-position spread, the key-longest rate, solvers that see
 * too little (each must stay near chance on four-option items) and the graph
 * oracle (must answer everything).
 */
import type { Graph } from '../graph/schema.js'
import { auditTargets, type AuditTargets } from './audit-targets.js'
import { indexGraph, type GraphIndex } from './graph-index.js'
import { formFailures, formReport, formRows, type FormReport } from './audit-forms.js'
import { oracleAgrees } from './oracle.js'
import { checkScenario, isScenario, scenarioFailures } from './scenario-audit.js'
import { Item as ItemSchema, type Bank, type CaseQuestion, type Item } from './schema.js'
import { solverTable, type SolverName } from './solvers.js'
import { contentWords, intersectionSize, normalize } from './text.js'

export { thresholds } from './audit-targets.js'

export interface RuleGap {
  ruleId: string
  file: string
  line: number
  reason: string
}

export interface AuditReport {
  bank: string
  version: string
  counts: Record<Item['type'], number>
  rules: { total: number; covered: number; gaps: RuleGap[] }
  invalid: { itemId: string; problems: string[] }[]
  fourOption: number
  positions: number[]
  keyLongest: number
  solvers: Record<SolverName | 'position', number>
  oracle: { agreed: number; total: number; rate: number }
  stemOverlap: { keys: number; distractors: number }
  distractorUsage: { distinct: number; max: number; mean: number }
  /** What this bank is held to (its declared item types, size and `audit` table). */
  targets: AuditTargets
  /** By form (scenario, case, recall) and type, with the scenario gates and solvers. */
  forms: FormReport
  failures: string[]
  ok: boolean
}

/** Problems with one choice item; empty when valid. `agrees` is `oracleAgrees(index, item)` when already known. */
function problemsOf(index: GraphIndex, item: Item | CaseQuestion, agrees?: boolean, context = ''): string[] {
  const problems: string[] = []
  const parsed = ItemSchema.safeParse(item)
  if (!parsed.success) problems.push(`schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  if (item.type === 'single' && item.answer.length !== 1) problems.push('single item without exactly one key')
  if (item.type === 'multiple' && item.answer.length !== item.select) problems.push('key count differs from select')
  const options = item.type === 'matching' ? item.choices : item.type === 'case-study' ? [] : item.options
  if (new Set(options.map((option) => option.id)).size !== options.length) problems.push('duplicate option ids')
  if (new Set(options.map((option) => normalize(option.text))).size !== options.length) problems.push('duplicate option texts')
  if ((item.type === 'single' || item.type === 'multiple') && isScenario(item)) {
    problems.push(...scenarioFailures(checkScenario(index.graph, item, context)))
  }
  if (item.type === 'case-study') {
    for (const question of item.questions) problems.push(...problemsOf(index, question, undefined, item.scenario).map((p) => `${question.id}: ${p}`))
  } else if (!(agrees ?? oracleAgrees(index, item))) {
    problems.push('the graph oracle disagrees with the key (a distractor is accepted, or the key is not)')
  }
  return problems
}

/** `index` is `indexGraph(graph)`: pass the one `generateBank` used to build it once. */
export function auditBank(bank: Bank, graph: Graph, index: GraphIndex = indexGraph(graph)): AuditReport {
  const counts = { single: 0, multiple: 0, matching: 0, ordering: 0, 'case-study': 0 }
  for (const item of bank.items) counts[item.type]++

  // Validity, and which rules valid items cover.
  const invalid: AuditReport['invalid'] = []
  const covered = new Set<string>()
  const coveredBySingle = new Set<string>()
  let agreed = 0
  let total = 0
  const all = bank.items.flatMap((item): (Item | CaseQuestion)[] => (item.type === 'case-study' ? [item, ...item.questions] : [item]))
  for (const item of bank.items) {
    const agrees = oracleAgrees(index, item)
    const problems = problemsOf(index, item, agrees)
    total++
    if (agrees) agreed++
    if (problems.length > 0) {
      invalid.push({ itemId: item.id, problems })
      continue
    }
    const parts = item.type === 'case-study' ? [item, ...item.questions] : [item]
    for (const part of parts) {
      for (const id of part.ruleIds) {
        covered.add(id)
        if (part.type === 'single') coveredBySingle.add(id)
      }
    }
  }
  const singleDeclared = graph.bank.exam.itemTypes.length === 0 || graph.bank.exam.itemTypes.some((entry) => entry.type === 'single')
  const gaps: RuleGap[] = []
  for (const rule of graph.rules) {
    const where = { ruleId: rule.id, file: rule.source.file, line: rule.source.line }
    if (!covered.has(rule.id)) gaps.push({ ...where, reason: 'no valid item' })
    else if (singleDeclared && !coveredBySingle.has(rule.id)) gaps.push({ ...where, reason: 'no valid single item' })
  }

  // Four-option items: positions, lengths, cheap solvers.
  const four = all.filter(
    (item): item is Extract<Item, { type: 'single' }> => item.type === 'single' && item.options.length === 4,
  )
  const positions = [0, 0, 0, 0]
  const scores: Record<SolverName, number> = { longest: 0, shortest: 0, stemOverlap: 0, convergence: 0, inclusive: 0 }
  let keyLongest = 0
  let keyOverlap = 0
  let distractorOverlap = 0
  const usage = new Map<string, number>()
  const allFour = [0, 1, 2, 3]
  for (const item of four) {
    const keyIndex = item.options.findIndex((option) => option.id === item.answer[0])
    positions[keyIndex] = (positions[keyIndex] ?? 0) + 1
    const texts = item.options.map((option) => option.text)
    const lengths = texts.map((text) => text.length)
    if (lengths[keyIndex] === Math.max(...lengths)) keyLongest++
    // The solver table gives each solver's expectedScore on these texts, sharing word sets and overlaps between solvers.
    const table = solverTable(item.stem, texts)
    for (const name of Object.keys(scores) as SolverName[]) scores[name] += table.share(name, allFour, [keyIndex])
    const stemWords = contentWords(item.stem)
    texts.forEach((text, i) => {
      const overlaps = intersectionSize(contentWords(text), stemWords) > 0 ? 1 : 0
      if (i === keyIndex) keyOverlap += overlaps
      else {
        distractorOverlap += overlaps / 3
        usage.set(text, (usage.get(text) ?? 0) + 1)
      }
    })
  }
  const n = Math.max(1, four.length)
  const share = (value: number) => value / n
  const positionShares = positions.map(share)
  const solverRates = {
    position: Math.max(...positionShares),
    ...(Object.fromEntries(Object.entries(scores).map(([name, value]) => [name, share(value)])) as Record<SolverName, number>),
  }
  const usageCounts = [...usage.values()]

  const targets = auditTargets(graph, four.length)
  const failures: string[] = []
  for (const type of Object.keys(targets.minimums) as Item['type'][]) {
    if (!targets.allowed.has(type) && counts[type] > 0) failures.push(`${type}: ${counts[type]} items of a type the bank does not declare`)
    else if (counts[type] < targets.minimums[type]) failures.push(`${type}: ${counts[type]} items, at least ${targets.minimums[type]} required`)
  }
  for (const gap of gaps) failures.push(`${gap.file}:${gap.line} rule ${gap.ruleId}: ${gap.reason}`)
  for (const entry of invalid) failures.push(`item ${entry.itemId}: ${entry.problems.join('; ')}`)
  const pctOf = (value: number) => `${Math.round(value * 1000) / 10}%`
  positionShares.forEach((value, i) => {
    if (Math.abs(value - 0.25) > targets.positionTolerance) {
      failures.push(`key position ${'ABCD'[i]} holds ${(value * 100).toFixed(1)}% of keys (25% ± ${pctOf(targets.positionTolerance)})`)
    }
  })
  if (share(keyLongest) > targets.keyLongest) failures.push(`key is the longest option in ${(share(keyLongest) * 100).toFixed(1)}% of items (max ${pctOf(targets.keyLongest)})`)
  for (const [name, rate] of Object.entries(solverRates)) {
    if (rate > targets.solver) failures.push(`solver ${name} scores ${(rate * 100).toFixed(1)}% (max ${pctOf(targets.solver)})`)
  }
  if (agreed < total) failures.push(`graph oracle answers ${agreed}/${total} items`)
  const forms = formReport(bank, graph)
  failures.push(...formFailures(forms, targets.scenario, targets))

  return {
    bank: bank.bank,
    version: bank.version,
    counts,
    rules: { total: graph.rules.length, covered: graph.rules.length - gaps.length, gaps },
    invalid,
    fourOption: four.length,
    positions: positionShares,
    keyLongest: share(keyLongest),
    solvers: solverRates,
    oracle: { agreed, total, rate: total === 0 ? 1 : agreed / total },
    stemOverlap: { keys: share(keyOverlap), distractors: share(distractorOverlap) },
    distractorUsage: {
      distinct: usageCounts.length,
      max: usageCounts.length ? Math.max(...usageCounts) : 0,
      mean: usageCounts.length ? usageCounts.reduce((a, b) => a + b, 0) / usageCounts.length : 0,
    },
    targets,
    forms,
    failures,
    ok: failures.length === 0,
  }
}

/** The audit as a table for the terminal. */
export function formatAudit(report: AuditReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`
  const { targets } = report
  const rows: [string, string, string][] = [
    ...(Object.entries(report.counts) as [Item['type'], number][]).map(
      ([type, count]): [string, string, string] => [`${type} items`, String(count), targets.allowed.has(type) ? `≥ ${targets.minimums[type]}` : '0 (not declared)'],
    ),
    ['rules covered', `${report.rules.covered}/${report.rules.total}`, 'all'],
    ['invalid items', String(report.invalid.length), '0'],
    ['four-option items', String(report.fourOption), ''],
    ['key positions A/B/C/D', report.positions.map(pct).join(' / '), `25% ± ${pct(targets.positionTolerance)}`],
    ['key is longest', pct(report.keyLongest), `≤ ${pct(targets.keyLongest)}`],
    ...Object.entries(report.solvers).map(([name, rate]): [string, string, string] => [
      `solver: ${name}`,
      pct(rate),
      `≤ ${pct(targets.solver)}`,
    ]),
    ['graph oracle', `${report.oracle.agreed}/${report.oracle.total}`, '100%'],
    ['stem overlap keys / distractors', `${pct(report.stemOverlap.keys)} / ${pct(report.stemOverlap.distractors)}`, 'close'],
    [
      'distractor usage (distinct, max, mean)',
      `${report.distractorUsage.distinct}, ${report.distractorUsage.max}, ${report.distractorUsage.mean.toFixed(1)}`,
      '',
    ],
    ...formRows(report.forms, targets.scenario, targets),
  ]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['check', 'value', 'threshold'][i]!.length))
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  const out = [`${report.bank} ${report.version}`, line(['check', 'value', 'threshold']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
  if (report.failures.length > 0) out.push('', `${report.failures.length} failing:`, ...report.failures.map((failure) => `  ${failure}`))
  else out.push('', 'all checks pass')
  return out.join('\n')
}
