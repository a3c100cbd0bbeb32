/**
 * The audit by form (scenario, case, recall) and by item type: how many items
 * of each, the scenario gates passed, stem length and duplicates, and the
 * partial-information solvers recomputed on scenario items alone (long stems
 * make the stem-overlap solver stronger there).
 */
import type { Graph } from '../graph/schema.js'
import { checkScenario, formOf, type ScenarioItem, type ScenarioProblems } from './scenario-audit.js'
import type { Bank, CaseQuestion, Item } from './schema.js'
import { solverTable, type SolverName } from './solvers.js'
import { normalize } from './text.js'

export interface GateCounts {
  checked: number
  unique: number
  nearMisses: number
  noGiveaway: number
  homogeneous: number
  consistentFacts: number
  question: number
  /** Items whose keys each stand on a stated fact of their own (multiple response; single items always do). */
  supportedKeys: number
  /** Case-study questions checked with the scenario removed, and how many then keep two or more options. */
  caseQuestions: number
  needsScenario: number
}

export interface FormReport {
  /** Items per form and type (case studies count once; their questions are under `case`). */
  byForm: Record<string, Partial<Record<Item['type'] | 'case question', number>>>
  scenarioItems: number
  scenarioMultiple: number
  /** Case studies with three or more questions. */
  cases: number
  medianStemWords: number
  domains: number
  tasks: number
  duplicateStems: { scenario: number; recall: number }
  gates: GateCounts
  solvers: Record<SolverName | 'position', number>
  keyLongest: number
  fourOption: number
}

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length

export function formReport(bank: Bank, graph: Graph): FormReport {
  const byForm: FormReport['byForm'] = {}
  const count = (form: string, type: Item['type'] | 'case question') => {
    const row = (byForm[form] ??= {})
    row[type] = (row[type] ?? 0) + 1
  }
  const gates: GateCounts = { checked: 0, unique: 0, nearMisses: 0, noGiveaway: 0, homogeneous: 0, consistentFacts: 0, question: 0, supportedKeys: 0, caseQuestions: 0, needsScenario: 0 }
  const tally = (problems: ScenarioProblems | undefined) => {
    gates.checked++
    if (problems === undefined) return
    if (problems.unique) gates.unique++
    if (problems.nearMisses >= 2) gates.nearMisses++
    if (problems.giveaway.length === 0) gates.noGiveaway++
    if (problems.homogeneous) gates.homogeneous++
    if (!problems.contradiction) gates.consistentFacts++
    if (problems.question) gates.question++
    if (problems.unsupportedKeys === 0) gates.supportedKeys++
    if (problems.needsScenario !== undefined) {
      gates.caseQuestions++
      if (problems.needsScenario) gates.needsScenario++
    }
  }

  const scenario: ScenarioItem[] = []
  const stems = new Map<string, { form: string; count: number }>()
  const addStem = (stem: string, form: string) => {
    const key = normalize(stem)
    const seen = stems.get(key)
    if (seen === undefined) stems.set(key, { form, count: 1 })
    else seen.count++
  }
  let cases = 0
  for (const item of bank.items) {
    const form = formOf(item) ?? 'other'
    count(form, item.type)
    if (item.type === 'case-study') {
      if (item.questions.length >= 3) cases++
      addStem(item.scenario, 'case')
      for (const question of item.questions) {
        count('case', 'case question')
        scenario.push(question)
        tally(checkScenario(graph, question, item.scenario))
      }
      continue
    }
    if (item.type !== 'matching' && item.type !== 'ordering') addStem(item.stem, form === 'scenario' ? 'scenario' : 'recall')
    if (form === 'scenario' && (item.type === 'single' || item.type === 'multiple')) {
      scenario.push(item)
      tally(checkScenario(graph, item, ''))
    }
  }
  const topLevel = scenario.filter((item) => formOf(item) === 'scenario')
  const lengths = topLevel.map((item) => words(item.stem)).sort((a, b) => a - b)
  const duplicateStems = { scenario: 0, recall: 0 }
  for (const { form, count: n } of stems.values()) if (n > 1) duplicateStems[form === 'recall' ? 'recall' : 'scenario'] += n - 1

  // Solvers that see too little, on four-option scenario questions (top level and in case studies).
  const four = scenario.filter((item): item is Extract<Item | CaseQuestion, { type: 'single' }> => item.type === 'single' && item.options.length === 4)
  const scores: Record<SolverName, number> = { longest: 0, shortest: 0, stemOverlap: 0, convergence: 0, inclusive: 0 }
  const positions = [0, 0, 0, 0]
  let keyLongest = 0
  for (const item of four) {
    const keyIndex = item.options.findIndex((option) => option.id === item.answer[0])
    positions[keyIndex] = (positions[keyIndex] ?? 0) + 1
    const texts = item.options.map((option) => option.text)
    if (texts[keyIndex]!.length === Math.max(...texts.map((text) => text.length))) keyLongest++
    const table = solverTable(item.stem, texts)
    for (const name of Object.keys(scores) as SolverName[]) scores[name] += table.share(name, [0, 1, 2, 3], [keyIndex])
  }
  const n = Math.max(1, four.length)
  return {
    byForm,
    scenarioItems: topLevel.length,
    scenarioMultiple: topLevel.filter((item) => item.type === 'multiple').length,
    cases,
    medianStemWords: lengths.length === 0 ? 0 : lengths[Math.floor(lengths.length / 2)]!,
    domains: new Set(topLevel.map((item) => item.domain)).size,
    tasks: new Set(topLevel.map((item) => item.task)).size,
    duplicateStems,
    gates,
    solvers: {
      position: Math.max(...positions) / n,
      ...(Object.fromEntries(Object.entries(scores).map(([name, value]) => [name, value / n])) as Record<SolverName, number>),
    },
    keyLongest: keyLongest / n,
    fourOption: four.length,
  }
}

export interface ScenarioTargets {
  items: number
  multiple: number
  cases: number
  medianStemWords: number
  domains: number
  tasks: number
}

/** Failures against the targets; every gate must pass on every scenario item. */
export function formFailures(report: FormReport, targets: ScenarioTargets, limits: { solver: number; keyLongest: number }): string[] {
  const out: string[] = []
  if (report.scenarioItems < targets.items) out.push(`scenario items: ${report.scenarioItems}, at least ${targets.items} required`)
  if (report.scenarioMultiple < targets.multiple) out.push(`scenario multiple-response items: ${report.scenarioMultiple}, at least ${targets.multiple} required`)
  if (report.cases < targets.cases) out.push(`case studies of 3+ questions: ${report.cases}, at least ${targets.cases} required`)
  if (report.medianStemWords < targets.medianStemWords) out.push(`median scenario stem: ${report.medianStemWords} words, at least ${targets.medianStemWords} required`)
  if (report.domains < targets.domains) out.push(`scenario items cover ${report.domains} domains, ${targets.domains} required`)
  if (report.tasks < targets.tasks) out.push(`scenario items cover ${report.tasks} task statements, at least ${targets.tasks} required`)
  if (report.duplicateStems.scenario > 0) out.push(`${report.duplicateStems.scenario} duplicate scenario or case stems`)
  if (report.duplicateStems.recall > 0) out.push(`${report.duplicateStems.recall} duplicate recall stems`)
  const g = report.gates
  for (const [name, passed] of [
    ['re-solved to exactly the key', g.unique],
    ['two or more near misses', g.nearMisses],
    ['no give-away word', g.noGiveaway],
    ['homogeneous options', g.homogeneous],
    ['consistent facts', g.consistentFacts],
    ['stem asks a question', g.question],
    ['every key has a stated fact of its own', g.supportedKeys],
  ] as const) {
    if (passed < g.checked) out.push(`scenario gate "${name}": ${g.checked - passed} of ${g.checked} items fail`)
  }
  if (g.needsScenario < g.caseQuestions) out.push(`case questions answerable without the scenario: ${g.caseQuestions - g.needsScenario}`)
  for (const [name, rate] of Object.entries(report.solvers)) {
    if (rate > limits.solver) out.push(`scenario items: solver ${name} scores ${(rate * 100).toFixed(1)}% (max ${limits.solver * 100}%)`)
  }
  if (report.keyLongest > limits.keyLongest) out.push(`scenario items: key is the longest option in ${(report.keyLongest * 100).toFixed(1)}%`)
  return out
}

/** Rows for the terminal table: counts per form and type, gates, and scenario solvers. */
export function formRows(report: FormReport, targets: ScenarioTargets, limits: { solver: number; keyLongest: number }): [string, string, string][] {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`
  const g = report.gates
  const of = (passed: number, total = g.checked) => `${passed}/${total}`
  return [
    ...Object.entries(report.byForm)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([form, types]): [string, string, string] => [
        `form:${form}`,
        Object.entries(types)
          .map(([type, n]) => `${type} ${n}`)
          .join(', '),
        '',
      ]),
    ['scenario items (single + multiple)', String(report.scenarioItems), `≥ ${targets.items}`],
    ['scenario multiple response', String(report.scenarioMultiple), `≥ ${targets.multiple}`],
    ['case studies (3+ questions)', String(report.cases), `≥ ${targets.cases}`],
    ['median scenario stem (words)', String(report.medianStemWords), `≥ ${targets.medianStemWords}`],
    ['domains / tasks with scenario items', `${report.domains} / ${report.tasks}`, `${targets.domains} / ≥ ${targets.tasks}`],
    ['duplicate stems scenario / recall', `${report.duplicateStems.scenario} / ${report.duplicateStems.recall}`, '0 / 0'],
    ['gate: re-solved to exactly the key', of(g.unique), 'all'],
    ['gate: ≥ 2 near misses', of(g.nearMisses), 'all'],
    ['gate: no give-away word', of(g.noGiveaway), 'all'],
    ['gate: homogeneous options', of(g.homogeneous), 'all'],
    ['gate: consistent facts', of(g.consistentFacts), 'all'],
    ['gate: stem asks a question', of(g.question), 'all'],
    ['gate: every key has a fact of its own', of(g.supportedKeys), 'all'],
    ['gate: case question needs the scenario', of(g.needsScenario, g.caseQuestions), 'all'],
    ['scenario four-option items', String(report.fourOption), ''],
    ['scenario: key is longest', pct(report.keyLongest), `≤ ${pct(limits.keyLongest)}`],
    ...Object.entries(report.solvers).map(([name, rate]): [string, string, string] => [`scenario solver: ${name}`, pct(rate), `≤ ${pct(limits.solver)}`]),
  ]
}
