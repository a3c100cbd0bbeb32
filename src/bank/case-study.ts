/**
 * Case studies: one workload described by 2–4 needs from different domains
 * (say offline scoring + no public internet + drift detection), with one
 * question per need, each scored on its own.
 */
import type { Audience, Rule, Table } from '../graph/schema.js'
import type { DraftCase, DraftChoice } from './draft.js'
import { singleFor } from './direct.js'
import type { GraphIndex } from './graph-index.js'
import { shuffleBy } from './hash.js'
import { contentWords, lowerFirst, phrase, sentence, upperFirst } from './text.js'

/** How many case studies to build (the exam shows a few; the bank needs at least ten). */
export const caseCount = 12
const rulesPerCase = 3

/**
 * A definition table lists terms first and describes them after ("Metric |
 * Plain-language meaning | Use when", "Choose | When"): its cues describe the
 * answer rather than state a requirement. With the columns the parser
 * recorded, that is an answer column left of the cue; without them, a first
 * header that names the answer kind.
 */
function definitionTable(table: Table | undefined): boolean {
  if (!table) return false
  const cueColumn = table.cueColumns?.[0]
  if (cueColumn !== undefined && table.answerColumn !== undefined) {
    return table.columns.indexOf(table.answerColumn) < table.columns.indexOf(cueColumn)
  }
  const first = table.columns[0]
  if (first === undefined) return false
  const header = contentWords(first)
  const kind = contentWords(table.answerKind.replace(/-/g, ' '))
  return kind.size > 0 && [...kind].every((word) => header.has(word))
}

/** A cue column header that names what a workload requires ("Requirement", "Need"). */
const requirementHeader = /\b(requirement|need|constraint|goal)s?\b/i

/**
 * Does the table state requirements? A single cue column must say so in its
 * header ("Decision point" or "Scenario clue" do not); several cue columns
 * ("Latency + Workload") are a workload profile. Lists and tables without
 * recorded columns go by the cue kind alone.
 */
function requirementTable(table: Table | undefined): boolean {
  const columns = table?.cueColumns
  if (!columns || columns.length === 0) return true
  return columns.length > 1 || columns.some((column) => requirementHeader.test(column))
}

/** Needs that read as a requirement in a scenario (quoted clues, symptoms and definitions do not). */
function scenarioReady(rule: Rule, table: Table | undefined): boolean {
  if (definitionTable(table) || !requirementTable(table)) return false
  // Two-word cues ("Numeric value", "Gradual rollout") read as labels, not as requirements.
  const words = rule.cue.split(/\s+/).length
  return (rule.cueKind === 'requirement' || rule.cueKind === 'need') && !/^["“']/.test(rule.cue) && words >= 3
}

/**
 * One requirement of the scenario. A cue from several columns is given with
 * its headers ("Latency: low latency; workload: spiky or intermittent API
 * traffic") rather than as cells run together.
 */
export function requirementLine(rule: Rule, table: Table | undefined, names: ReadonlySet<string>): string {
  const columns = table?.cueColumns ?? []
  const parts = phrase(rule.cue).split(', ')
  if (columns.length > 1 && parts.length === columns.length) {
    const line = columns.map((column, i) => `${lowerFirst(column, names)}: ${lowerFirst(parts[i]!, names)}`).join('; ')
    return sentence(upperFirst(line))
  }
  return sentence(upperFirst(phrase(rule.cue)))
}

/**
 * The scenario's first line, from the bank's `role`, `organization` and
 * `workload` (for example "A company is building a machine learning workload
 * on AWS. The ML engineer has collected these requirements:").
 */
export function scenarioIntro(audience: Audience = {}): string {
  const who = audience.organization ?? 'team'
  const a = `${/^[aeiou]/i.test(who) ? 'An' : 'A'} ${who}`
  const collects = 'has collected these requirements:'
  if (audience.workload !== undefined) {
    return `${a} is building ${audience.workload}. ${audience.role === undefined ? 'It' : `The ${audience.role}`} ${collects}`
  }
  return audience.role === undefined ? `${a} ${collects}` : `The ${audience.role} at ${a.toLowerCase()} ${collects}`
}

export function caseStudies(index: GraphIndex): DraftCase[] {
  const byDomain = new Map<string, Rule[]>()
  for (const rule of index.graph.rules) {
    if (!scenarioReady(rule, index.tables.get(rule.table))) continue
    byDomain.set(rule.domain, [...(byDomain.get(rule.domain) ?? []), rule])
  }
  const domains = [...byDomain.keys()].sort()
  if (domains.length < 2) return []
  const pools = new Map(domains.map((domain) => [domain, shuffleBy(byDomain.get(domain)!, (rule) => `case|${rule.id}`)]))
  const used = new Map(domains.map((domain) => [domain, 0]))

  const drafts: DraftCase[] = []
  for (let n = 0; n < caseCount; n++) {
    const chosen: { rule: Rule; question: DraftChoice }[] = []
    for (let k = 0; k < Math.min(rulesPerCase, domains.length); k++) {
      const domain = domains[(n + k) % domains.length]!
      const pool = pools.get(domain)!
      // Take the next rule of this domain that yields a question and does not share a need with the others.
      while ((used.get(domain) ?? 0) < pool.length) {
        const rule = pool[used.get(domain)!]!
        used.set(domain, used.get(domain)! + 1)
        if (chosen.some((other) => index.peers(other.rule).includes(rule))) continue
        const question = singleFor(index, rule, { variant: '|case', form: 'case' })
        if (question) {
          chosen.push({ rule, question })
          break
        }
      }
    }
    if (chosen.length < 2) continue
    const rules = chosen.map((entry) => entry.rule)
    const first = rules[0]!
    drafts.push({
      type: 'case-study',
      seed: `case-study|${rules.map((rule) => rule.id).join('|')}`,
      prefix: 'case',
      domain: first.domain,
      task: first.task,
      topic: first.topic,
      ruleIds: rules.map((rule) => rule.id),
      tags: [
        ...new Set([
          ...rules.flatMap((rule) => [`domain:${rule.domain}`, `task:${rule.task}`, `topic:${rule.topic}`]),
          ...chosen.flatMap((entry) => entry.question.tags.filter((tag) => tag.startsWith('error:'))),
          'form:case',
        ]),
      ],
      difficulty: chosen.some((entry) => entry.question.difficulty === 'hard') ? 'hard' : 'medium',
      stem: 'Read the scenario, then answer each question. Each question is scored separately.',
      scenario: [
        scenarioIntro(index.graph.bank.audience),
        ...rules.map((rule, i) => `${i + 1}. ${requirementLine(rule, index.tables.get(rule.table), index.names)}`),
      ].join('\n'),
      explanation: {
        correct: chosen.map((entry) => entry.question.explanation.correct).join(' '),
        sources: rules.map((rule) => ({ ruleId: rule.id, file: rule.source.file, line: rule.source.line })),
      },
      questions: chosen.map((entry) => entry.question),
    })
  }
  return drafts
}
