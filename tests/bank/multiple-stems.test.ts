import { describe, expect, it } from 'vitest'
import { generateBank, type CaseQuestion, type Item } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { multipleStem, pluralKind } from '../../src/bank/stems.js'
import { loadFixture, realGraphs } from './helpers.js'

/**
 * Wording that asks for one answer: "first", "best", or "Which <noun> ... is".
 * Only the question is read: a scenario's facts may say "the first request" or "the best candidate".
 */
function singularWording(stem: string): string | undefined {
  const question = stem.replace(/\s*\(Select [A-Z]+\.\)$/, '')
  const text = question.slice(question.search(/[^.!?]*\?$/))
  return /\bfirst\b/i.exec(text)?.[0] ?? /\bbest\b/i.exec(text)?.[0] ?? /\bWhich [a-z-]+( [a-z-]+)? is\b/i.exec(text)?.[0] ??
    /\bWhich (AWS )?(service|option|approach|metric|capability|response|answer component|security option|type)\b(?!s)/i.exec(text)?.[0] ??
    /\bWhat (should|is)\b/.exec(text)?.[0]
}

const multiples = (items: readonly Item[]) =>
  items.flatMap((item): (Item | CaseQuestion)[] => (item.type === 'case-study' ? item.questions : [item])).filter((item) => item.type === 'multiple')

describe('multiple-response stems ask for several answers', () => {
  it.each(realGraphs)('content/$bank: no multiple item says "first", "best" or asks for a single answer', ({ bank, graph }) => {
    const items = multiples(generateBank(graph).items)
    if (bank === 'mla-c01') expect(items.length).toBeGreaterThan(15)
    if (graph.bank.exam.itemTypes.some((entry) => entry.type === 'multiple')) expect(items.length).toBeGreaterThan(0)
    expect(items.flatMap((item) => (singularWording(item.stem) ? [`${item.stem} [${singularWording(item.stem)}]`] : []))).toEqual([])
    for (const item of items) expect(item.stem).toMatch(/\(Select (TWO|THREE)\.\)$/)
  })

  it('falls back to a plural question on the answer kind when the table declares no `stem-multiple:`', () => {
    const graph = loadFixture()
    const index = indexGraph({ ...graph, tables: graph.tables.map(({ multipleStems: _m, ...table }) => table) })
    const rule = graph.rules[0]!
    const stem = multipleStem(index, rule, 3)
    expect(stem).toMatch(/^Which [a-z ]+s (meet this|does this)/)
    expect(stem).toMatch(/\(Select THREE\.\)$/)
    expect(singularWording(stem)).toBeUndefined()
    expect([pluralKind('service'), pluralKind('security-control'), pluralKind('approach'), pluralKind('strategy')]).toEqual([
      'services', 'security controls', 'approaches', 'strategies',
    ])
  })
})
