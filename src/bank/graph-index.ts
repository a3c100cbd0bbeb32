/**
 * Lookups over the knowledge graph that the generator and the audit share.
 * The one idea here is the **need**: two rules from different tables that
 * describe the same need ("Gradual rollout" / "gradual rollout") must agree on
 * what is accepted, so a distractor is checked against every rule of the need,
 * not only against the rule the stem came from.
 */
import type { Answer, Graph, Rule, Table, Trap } from '../graph/schema.js'
import { contentWords, jaccard, lowerFirst, normalize, phrase } from './text.js'

/**
 * Cue overlap from which two rules count as the same need. Deliberately low:
 * treating two needs as one only removes distractor candidates, it never
 * makes an item wrong.
 */
export const needOverlap = 0.34

export interface GraphIndex {
  readonly graph: Graph
  /** Every answer, including ones synthesised for cells the parser kept as text. */
  readonly answers: ReadonlyMap<string, Answer>
  readonly tables: ReadonlyMap<string, Table>
  readonly rules: ReadonlyMap<string, Rule>
  /** Names and aliases that stay capitalised mid-sentence. */
  readonly names: ReadonlySet<string>
  answer(id: string): Answer
  /** Identity of an answer: split-none cells equal to a catalog name are that entry. */
  canon(id: string): string
  /** Canonical id for an option text (name or alias), if any. */
  resolve(text: string): string | undefined
  rulesOf(tableId: string): readonly Rule[]
  /** Rules (any table) that describe the same need as `rule`, itself included. */
  peers(rule: Rule): readonly Rule[]
  /** Canonical ids accepted for the need of `rule`, across tables. */
  accepted(rule: Rule): ReadonlySet<string>
  /** Canonical ids a rule's own cell accepts. */
  own(rule: Rule): readonly string[]
  /** Rules whose own cell accepts a canonical id, in source order. */
  rulesAccepting(id: string): readonly Rule[]
  /** Traps that document a wrong choice for this rule's need. */
  trapsFor(rule: Rule): readonly Trap[]
  cueWords(rule: Rule): ReadonlySet<string>
  /** The cue as a phrase that reads well inside a sentence. */
  cuePhrase(rule: Rule): string
}

export function indexGraph(graph: Graph): GraphIndex {
  const tables = new Map(graph.tables.map((table) => [table.id, table]))
  const rules = new Map(graph.rules.map((rule) => [rule.id, rule]))
  const answers = new Map<string, Answer>()
  for (const answer of graph.answers) answers.set(answer.id, answer)
  // A parser may keep split-none cells only as ids: give them a node so they
  // have a name, a kind and a category like any catalog answer.
  for (const rule of graph.rules) {
    for (const id of rule.answerIds) {
      if (answers.has(id)) continue
      const table = tables.get(rule.table)
      answers.set(id, {
        id,
        name: rule.answerIds.length === 1 ? phrase(rule.answer) : id,
        aliases: [],
        category: rule.table,
        kind: table?.answerKind ?? 'answer',
        inScope: true,
        source: rule.source,
      })
    }
  }

  const tableIds = new Set(tables.keys())
  // Catalog entries claim names first, so a cell written like a catalog name resolves to it.
  const ordered = [...answers.values()].sort(
    (a, b) => Number(tableIds.has(a.category)) - Number(tableIds.has(b.category)),
  )
  const byName = new Map<string, string>()
  for (const answer of ordered) {
    for (const name of [answer.name, ...answer.aliases]) {
      const key = normalize(name)
      if (key && !byName.has(key)) byName.set(key, answer.id)
    }
  }
  const canonCache = new Map<string, string>()
  const canon = (id: string): string => {
    let value = canonCache.get(id)
    if (value === undefined) {
      const answer = answers.get(id)
      value = answer ? (byName.get(normalize(answer.name)) ?? id) : id
      canonCache.set(id, value)
    }
    return value
  }

  const names = properNames([...answers.values()])

  const cueWordCache = new Map<string, Set<string>>()
  const cueWords = (rule: Rule): Set<string> => {
    let words = cueWordCache.get(rule.id)
    if (!words) {
      words = contentWords(rule.cue)
      cueWordCache.set(rule.id, words)
    }
    return words
  }

  const own = new Map<string, string[]>()
  for (const rule of graph.rules) {
    const rejected = new Set(rule.rejectedIds.map(canon))
    own.set(rule.id, unique(rule.answerIds.map(canon)).filter((id) => !rejected.has(id)))
  }

  const peers = new Map<string, Rule[]>()
  for (const rule of graph.rules) {
    peers.set(
      rule.id,
      graph.rules.filter(
        (other) => other.id === rule.id || jaccard(cueWords(rule), cueWords(other)) >= needOverlap,
      ),
    )
  }

  const accepted = new Map<string, Set<string>>()
  for (const rule of graph.rules) {
    const set = new Set<string>()
    for (const peer of peers.get(rule.id) ?? []) for (const id of own.get(peer.id) ?? []) set.add(id)
    accepted.set(rule.id, set)
  }

  const accepting = new Map<string, Rule[]>()
  for (const rule of graph.rules) {
    for (const id of own.get(rule.id) ?? []) {
      const list = accepting.get(id) ?? []
      list.push(rule)
      accepting.set(id, list)
    }
  }

  const trapsFor = (rule: Rule): Trap[] => {
    const need = accepted.get(rule.id) ?? new Set()
    return graph.traps.filter(
      (trap) =>
        trap.ruleIds.includes(rule.id) ||
        (trap.wrongIds.length > 0 && trap.rightIds.some((id) => need.has(canon(id)))),
    )
  }

  const answer = (id: string): Answer => {
    const found = answers.get(id)
    if (!found) throw new Error(`Unknown answer ${id}`)
    return found
  }

  return {
    graph,
    answers,
    tables,
    rules,
    names,
    answer,
    canon,
    resolve: (text) => byName.get(normalize(text)),
    rulesOf: (tableId) => graph.rules.filter((rule) => rule.table === tableId),
    peers: (rule) => peers.get(rule.id) ?? [rule],
    accepted: (rule) => accepted.get(rule.id) ?? new Set(),
    own: (rule) => own.get(rule.id) ?? [],
    rulesAccepting: (id) => accepting.get(id) ?? [],
    trapsFor,
    cueWords,
    cuePhrase: (rule) => cuePhrase(rule, names),
  }
}

export function cuePhrase(rule: Rule, names: ReadonlySet<string>): string {
  const text = phrase(rule.cue)
  // Clues and symptoms are quoted: they read as something observed, whatever their grammar.
  if (rule.cueKind === 'clue' || rule.cueKind === 'symptom') return /^["“']/.test(text) ? text : `“${text}”`
  return lowerFirst(text, names)
}

/**
 * Names that stay capitalised mid-sentence: every name and alias of an answer
 * that is a proper name — one written with a capital inside ("Amazon *S3*",
 * "AWS *Glue*") or with an acronym ("IAM role"). "Data quality monitoring"
 * is not one, so it reads "points to data quality monitoring".
 */
function properNames(answers: readonly Answer[]): Set<string> {
  const names = new Set<string>()
  for (const answer of answers) {
    const all = [answer.name, ...answer.aliases]
    const proper = all.some((name) => {
      const words = name.split(/\s+/)
      return words.slice(1).some((word) => /^[A-Z]/.test(word)) || words.some((word) => /^[A-Z0-9]{2,}$|[a-z][A-Z]/.test(word))
    })
    if (proper) for (const name of all) names.add(name)
  }
  return names
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
