/**
 * Pages assembled from precomputed parts (src/api/pages.ts) are byte for byte
 * what serialising the page object gives: the straightforward implementation
 * (filter, exclude, shuffle, toView, JSON.stringify) is the reference here.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexBank, type BankIndex } from '../../src/api/bank-index.js'
import { embeddedBanks } from '../../src/api/embedded.js'
import { drillBytes, drillJson, pageBytes, pageJson, type DrillRequest, type PageRequest } from '../../src/api/pages.js'
import { encodeCursor, excluder, matchesAll, ordered, targetScore } from '../../src/api/select.js'
import { toView } from '../../src/api/views.js'
import { fixtureBank, fixtureGraph } from './helpers.js'

function referencePage(index: BankIndex, q: PageRequest): string {
  const order = ordered(index, q.seed)
  const excluded = excluder(index, q.exclude as string[] | undefined)
  const items = []
  let total = 0
  let next: number | null = null
  for (let position = 0; position < order.length; position++) {
    const item = order[position]!
    if (excluded(item) || !matchesAll(item, q)) continue
    total++
    if (position < q.start) continue
    if (items.length < q.limit) items.push(toView(item, q.reveal))
    else if (next === null) next = position
  }
  return JSON.stringify({
    items,
    nextCursor: next === null ? null : encodeCursor(index.version, { order: q.order, ...(q.seed !== undefined ? { seed: q.seed } : {}), position: next }),
    total,
    ...(q.seed !== undefined ? { seed: q.seed } : {}),
  })
}

function referenceDrill(index: BankIndex, q: DrillRequest): string {
  const excluded = excluder(index, q.exclude as string[] | undefined)
  const scored = ordered(index, q.seed)
    .filter((item) => !excluded(item))
    .map((item) => ({ item, score: targetScore(item, q as Parameters<typeof targetScore>[1]) }))
    .filter((entry) => entry.score > 0)
  scored.sort((a, b) => b.score - a.score)
  return JSON.stringify({ items: scored.slice(0, q.limit).map((e) => toView(e.item, q.reveal)), remaining: scored.length, seed: q.seed })
}

const banks = [indexBank({ bank: fixtureBank, graph: fixtureGraph }), ...embeddedBanks.map(indexBank)]

describe.each(banks.map((index) => [index.id, index] as const))('pages of %s', (_, index) => {
  const pick = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { maxLength: 3 }), { nil: undefined })
  const ids = [...index.questionById.keys(), ...index.itemById.keys(), 'q-unknown']
  const filters = {
    domain: pick([...index.domains.keys()]),
    task: pick([...index.tasks.keys()]),
    topic: pick([...index.topics]),
    type: pick(['single', 'multiple', 'matching', 'ordering', 'case-study']),
    difficulty: pick(['easy', 'medium', 'hard']),
    tag: pick([...index.tags]),
    exclude: pick(ids),
  }

  it('are what serialising the page gives, as text and as UTF-8, for any filters, seed, cursor and reveal', () => {
    fc.assert(
      fc.property(
        fc.record({ ...filters, limit: fc.integer({ min: 1, max: 100 }), seed: fc.option(fc.nat(0xffffffff), { nil: undefined }), start: fc.nat(index.items.length + 2), reveal: fc.boolean() }),
        (q) => {
          const request: PageRequest = { ...q, order: q.seed === undefined ? 'stable' : 'random' }
          const want = referencePage(index, request)
          expect(pageJson(index, request)).toBe(want)
          expect(new TextDecoder().decode(pageBytes(index, request))).toBe(want)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('drills are what serialising the drill gives', () => {
    fc.assert(
      fc.property(
        fc.record({ tag: filters.tag, rule: pick([...index.rules]), domain: filters.domain, task: filters.task, topic: filters.topic, exclude: filters.exclude, limit: fc.integer({ min: 1, max: 100 }), seed: fc.nat(0xffffffff), reveal: fc.boolean() }),
        (q) => {
          const want = referenceDrill(index, q)
          expect(drillJson(index, q)).toBe(want)
          expect(new TextDecoder().decode(drillBytes(index, q))).toBe(want)
        },
      ),
      { numRuns: 300 },
    )
  })
})
