import { describe, expect, it } from 'vitest'
import { generateBank, type CaseQuestion, type Item } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { oracleAgrees } from '../../src/bank/oracle.js'
import type { Graph } from '../../src/graph/schema.js'
import { loadFixture, realGraph, realGraphs } from './helpers.js'

/** Every answer an answer is a kind of, and every answer that is a kind of it, straight from the catalog links. */
function lineage(graph: Graph, id: string): Set<string> {
  const up = (from: string): string[] => (graph.answers.find((a) => a.id === from)?.broader ?? []).flatMap((b) => [b, ...up(b)])
  const down = (from: string): string[] =>
    graph.answers.filter((a) => a.broader?.includes(from)).flatMap((a) => [a.id, ...down(a.id)])
  return new Set([...up(id), ...down(id)])
}

function choiceItems(items: readonly Item[]): (Item | CaseQuestion)[] {
  return items
    .flatMap((item): (Item | CaseQuestion)[] => (item.type === 'case-study' ? item.questions : [item]))
    .filter((item) => item.type === 'single' || item.type === 'multiple')
}

/** Options whose answer is a broader or narrower relative of a key: a second defensible key. */
function relativesOffered(graph: Graph): string[] {
  const index = indexGraph(graph)
  const found: string[] = []
  for (const item of choiceItems(generateBank(graph).items)) {
    if (item.type !== 'single' && item.type !== 'multiple') continue
    const idOf = (text: string) => index.resolve(text)
    const keys = item.options.filter((o) => item.answer.includes(o.id)).map((o) => idOf(o.text)).filter((id) => id !== undefined)
    for (const option of item.options.filter((o) => !item.answer.includes(o.id))) {
      const id = idOf(option.text)
      if (id !== undefined && keys.some((key) => lineage(graph, key).has(id))) found.push(`${item.id}: ${option.text}`)
    }
  }
  return found
}

describe('broader and narrower answers', () => {
  it.skipIf(realGraph === undefined)('the MLA-C01 catalog says a gateway endpoint for S3 and interface endpoints are VPC endpoints', () => {
    const broader = (id: string) => realGraph!.answers.find((answer) => answer.id === id)?.broader
    expect(broader('gateway-endpoint-for-s3')).toEqual(['vpc-endpoints'])
    expect(broader('interface-vpc-endpoints')).toEqual(['vpc-endpoints'])
  })

  it.each(realGraphs)('no item offers a relative of its key as a distractor (content/$bank)', ({ graph }) => {
    expect(relativesOffered(graph)).toEqual([])
  })

  it('a relative of an accepted answer is accepted for the need: never a distractor, and the oracle flags it', () => {
    const graph = loadFixture()
    const rule = graph.rules.find((r) => r.answerIds.length === 1)!
    const key = rule.answerIds[0]!
    const keyAnswer = graph.answers.find((a) => a.id === key)!
    // Every other answer of the key's kind becomes a narrower kind of the key.
    const linked: Graph = {
      ...graph,
      answers: graph.answers.map((a) => (a.id !== key && a.kind === keyAnswer.kind ? { ...a, broader: [key] } : a)),
    }
    const index = indexGraph(linked)
    for (const answer of linked.answers.filter((a) => a.broader?.includes(key))) expect(index.accepted(rule).has(answer.id)).toBe(true)
    expect(relativesOffered(linked)).toEqual([])
    // The oracle (and so the audit) rejects an item that offers one.
    const bank = generateBank(graph)
    const item = bank.items.find((i): i is Extract<Item, { type: 'single' }> => i.type === 'single' && i.ruleIds[0] === rule.id && i.tags.includes('form:direct'))
    const relative = item?.options.find((o) => !item.answer.includes(o.id) && index.accepted(rule).has(index.resolve(o.text) ?? ''))
    expect(relative).toBeDefined()
    expect(oracleAgrees(indexGraph(graph), item!)).toBe(true)
    expect(oracleAgrees(index, item!)).toBe(false)
  })
})
