/**
 * A bank made ready to serve: items by id (case-study questions included),
 * a stable order, the valid filter values and the counts. Built once per app.
 */
import type { Bank, CaseQuestion, Item } from '../bank/schema.js'
import type { Domain, Graph, Retirement } from '../graph/schema.js'

export interface BankEntry {
  bank: Bank
  graph: Graph
  /** Items the authors retired: left out of the bank, their ids answered 410 (generated/<bank>/retired.json). */
  retired?: Retirement[]
}

/** A question a learner answers: a whole item, or one question of a case study. */
export type Answerable = Exclude<Item, { type: 'case-study' }> | CaseQuestion

export interface Located {
  /** The question itself. */
  question: Answerable
  /** The exam/list item it belongs to (itself, or its case study). */
  item: Item
}

export interface BankIndex {
  id: string
  version: string
  bank: Bank
  graph: Graph
  /** Items sorted by id: the stable order. */
  items: Item[]
  /** Items a mock exam may draw (see `examItemsOf`), and their scored questions. */
  examItems: Item[]
  examQuestions: number
  itemById: Map<string, Item>
  /** Every answerable question by id, with the item it belongs to. */
  questionById: Map<string, Located>
  domains: Map<string, Domain>
  tasks: Map<string, { id: string; domain: string; title: string }>
  topics: Set<string>
  tags: Set<string>
  rules: Set<string>
  /** Retired item ids, with the reason. */
  retired: Map<string, Retirement>
  /** Scored questions an item holds: a case study counts each question. */
  units: (item: Item) => number
  totalQuestions: number
}

export function units(item: Item): number {
  return item.type === 'case-study' ? item.questions.length : 1
}

/** Questions an item holds, in order. */
export function questionsOf(item: Item): Answerable[] {
  return item.type === 'case-study' ? item.questions : [item]
}

/** Decision-error tag (`error:<name>`) of a question, without the prefix. */
export function decisionError(question: { tags: string[] }): string | null {
  const tag = question.tags.find((t) => t.startsWith('error:'))
  return tag ? tag.slice('error:'.length) : null
}

/**
 * What a mock exam draws from: scenario items and case studies, plus the
 * blueprint's matching and ordering items. Recall drills (`form:recall`
 * single and multiple response) stay out of exams in every domain that has
 * scenario items; in a domain without decision models they stand in, so a
 * bank still has questions for every domain's share.
 */
export function examItemsOf(items: readonly Item[]): Item[] {
  const isDrill = (item: Item) => item.tags.includes('form:recall') && item.type !== 'matching' && item.type !== 'ordering'
  const isScenario = (item: Item) => item.tags.includes('form:scenario') || item.tags.includes('form:case')
  const covered = new Set(items.filter(isScenario).flatMap((item) => (item.type === 'case-study' ? item.questions.map((q) => q.domain) : [item.domain])))
  return items.filter((item) => !isDrill(item) || !covered.has(item.domain))
}

export function indexBank(entry: BankEntry): BankIndex {
  const { bank, graph } = entry
  if (graph.bank.id !== bank.bank) {
    throw new Error(`Unexpected graph for bank \`${graph.bank.id}\`, expected the graph of \`${bank.bank}\``)
  }
  const items = bank.items.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const itemById = new Map<string, Item>()
  const questionById = new Map<string, Located>()
  const topics = new Set<string>()
  const tags = new Set<string>()
  for (const item of items) {
    if (itemById.has(item.id) || questionById.has(item.id)) {
      throw new Error(`Unexpected duplicate question id \`${item.id}\` in bank \`${bank.bank}\``)
    }
    itemById.set(item.id, item)
    topics.add(item.topic)
    for (const tag of item.tags) tags.add(tag)
    for (const question of questionsOf(item)) {
      if (question !== item && (itemById.has(question.id) || questionById.has(question.id))) {
        throw new Error(`Unexpected duplicate question id \`${question.id}\` in bank \`${bank.bank}\``)
      }
      questionById.set(question.id, { question, item })
    }
  }
  for (const topic of graph.topics) topics.add(topic.id)
  const examItems = examItemsOf(items)
  const domains = new Map(graph.domains.map((d) => [d.id, d]))
  const tasks = new Map(
    graph.domains.flatMap((d) => d.tasks.map((t) => [t.id, { id: t.id, domain: d.id, title: t.title }] as const)),
  )
  return {
    id: bank.bank,
    version: bank.version,
    bank,
    graph,
    items,
    itemById,
    questionById,
    domains,
    tasks,
    topics,
    tags,
    rules: new Set(graph.rules.map((r) => r.id)),
    retired: new Map((entry.retired ?? []).map((r) => [r.id, r])),
    units,
    totalQuestions: items.reduce((acc, item) => acc + units(item), 0),
    examItems,
    examQuestions: examItems.reduce((acc, item) => acc + units(item), 0),
  }
}
