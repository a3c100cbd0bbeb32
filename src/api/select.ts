/**
 * Choosing questions: filter values checked against the bank (an unknown value
 * is a 400, never an empty page), exclusion, stable or seeded order, cursors.
 */
import type { Item } from '../bank/schema.js'
import type { BankIndex } from './bank-index.js'
import { ProblemError, type ProblemIssue } from './problems.js'
import { generator, randomSeed, seedOf, shuffle } from './random.js'

export interface Filters {
  domain?: string[] | undefined
  task?: string[] | undefined
  topic?: string[] | undefined
  type?: string[] | undefined
  difficulty?: string[] | undefined
  tag?: string[] | undefined
  rule?: string[] | undefined
}

const closest = (value: string, known: Iterable<string>): string[] => {
  const lower = value.toLowerCase()
  const list = [...known]
  const near = list.filter((k) => k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()))
  return (near.length > 0 ? near : list).slice(0, 8)
}

/**
 * Every filter value must exist in the bank; all faults are reported at once,
 * naming the query parameter or, for a JSON body, the pointer to the value.
 */
export function checkFilters(index: BankIndex, filters: Filters, where: 'query' | 'body' = 'query'): void {
  let issues: ProblemIssue[] | undefined
  const known: Array<[keyof Filters, { has(value: string): boolean; keys?(): Iterable<string> } & Iterable<unknown>, string]> = [
    ['domain', index.domains, 'domain'],
    ['task', index.tasks, 'task statement'],
    ['topic', index.topics, 'topic'],
    ['tag', index.tags, 'tag'],
    ['rule', index.rules, 'rule'],
  ]
  for (const [name, values, noun] of known) {
    const list = filters[name]
    if (list === undefined || list.length === 0) continue
    for (const [position, value] of list.entries()) {
      if (values.has(value)) continue
      // Only a fault pays for the hint.
      const set = new Set(values instanceof Map ? values.keys() : (values as Iterable<string>))
      const hint = closest(value, set)
      ;(issues ??= []).push({
        ...(where === 'query' ? { in: 'query' as const, parameter: name } : { in: 'body' as const, pointer: `/${name}/${position}` }),
        detail: `Unexpected ${noun} \`${value}\` for bank \`${index.id}\`, expected ${hint.length > 0 ? (hint.length < set.size ? 'one like ' : 'one of ') + hint.join(', ') : 'none: the bank has no ' + noun}`,
      })
    }
  }
  if (issues !== undefined) throw new ProblemError(where === 'query' ? 'InvalidParameter' : 'InvalidBody', issues[0]!.detail, { issues })
}

const has = (list: string[] | undefined, value: string) => list === undefined || list.length === 0 || list.includes(value)

/** AND across filters, OR within one filter. */
export function matchesAll(item: Item, f: Filters): boolean {
  return (
    has(f.domain, item.domain) &&
    has(f.task, item.task) &&
    has(f.topic, item.topic) &&
    has(f.type, item.type) &&
    has(f.difficulty, item.difficulty) &&
    (f.tag === undefined || f.tag.length === 0 || f.tag.some((t) => item.tags.includes(t))) &&
    (f.rule === undefined || f.rule.length === 0 || f.rule.some((r) => item.ruleIds.includes(r)))
  )
}

/** How many of the drill targets an item hits (0 = not aimed at). */
export function targetScore(item: Item, f: Filters): number {
  let score = 0
  if (f.tag?.some((t) => item.tags.includes(t))) score++
  if (f.rule?.some((r) => item.ruleIds.includes(r) || (item.type === 'case-study' && item.questions.some((q) => q.ruleIds.includes(r))))) score++
  if (f.domain?.includes(item.domain)) score++
  if (f.task?.includes(item.task)) score++
  if (f.topic?.includes(item.topic)) score++
  return score
}

/** Excluded ids as a predicate over items: a case study goes with any of its questions. */
export function excluder(index: BankIndex, ids: string[] | undefined): (item: Item) => boolean {
  const set = new Set<string>()
  for (const id of ids ?? []) {
    const located = index.questionById.get(id)
    set.add(located ? located.item.id : id)
  }
  return (item) => set.has(item.id)
}

/** The items in stable order (by id) or shuffled by a seed. */
export function ordered(index: BankIndex, seed: number | undefined): Item[] {
  return seed === undefined ? index.items : shuffle(index.items, generator(seed))
}

/** The seed sent (a string hashed), or a fresh one. */
export function pickSeed(seed: number | string | undefined): number {
  return seed === undefined ? randomSeed() : seedOf(seed)
}

// ---------------------------------------------------------------- cursors

export interface Cursor {
  order: 'stable' | 'random'
  seed?: number
  /** Position in the full ordered list after which to continue. */
  position: number
}

const toBase64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromBase64Url = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/'))

export function encodeCursor(version: string, cursor: Cursor): string {
  return toBase64Url(`${version}:${cursor.order}:${cursor.seed ?? ''}:${cursor.position}`)
}

export function decodeCursor(version: string, text: string, where: 'query' | 'body' = 'query'): Cursor {
  const bad = (detail: string) =>
    where === 'query'
      ? new ProblemError('InvalidParameter', detail, { location: { in: 'query', parameter: 'cursor' } })
      : new ProblemError('InvalidBody', detail, { location: { in: 'body', pointer: '/cursor' } })
  let decoded: string
  try {
    decoded = fromBase64Url(text)
  } catch {
    throw bad('Unexpected cursor, expected the nextCursor of a previous page')
  }
  const match = /^([0-9a-f]{12}):(stable|random):(\d{0,10}):(\d{1,9})$/.exec(decoded)
  if (!match) throw bad('Unexpected cursor, expected the nextCursor of a previous page')
  if (match[1] !== version) {
    throw bad(`Unexpected cursor from bank version ${match[1]}, expected one from version ${version}; start again without a cursor`)
  }
  const order = match[2] as 'stable' | 'random'
  return order === 'random' ? { order, seed: Number(match[3]), position: Number(match[4]) } : { order, position: Number(match[4]) }
}
