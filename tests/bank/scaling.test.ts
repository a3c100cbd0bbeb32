import { describe, expect, it, vi } from 'vitest'
import { generateBank } from '../../src/bank/index.js'
import { reversePoolSize } from '../../src/bank/reverse.js'
import { readContent } from '../../src/cli/generate.js'
import { buildGraph } from '../../src/content/index.js'
import { scaleContent } from '../../bench/synthetic.js'

/** Pool sizes handed to the distractor choice, by the form of the item (`single|reverse`, `single|trap`, ...). */
const pools = vi.hoisted(() => new Map<string, number>())

vi.mock('../../src/bank/distractors.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/bank/distractors.js')>()
  return {
    ...actual,
    chooseDistractors: (candidates: Parameters<typeof actual.chooseDistractors>[0], options: Parameters<typeof actual.chooseDistractors>[1]) => {
      const [type, second] = options.seed.split('|')
      const form = `${type}|${second === 'reverse' || second === 'trap' || second === 'combined' ? second : 'direct'}`
      pools.set(form, Math.max(pools.get(form) ?? 0, candidates.length))
      return actual.chooseDistractors(candidates, options)
    },
  }
})

const root = new URL('../..', import.meta.url).pathname
const real = readContent(root).filter((file) => file.path.startsWith('content/mla-c01/'))

function largestPools(factor: number): Map<string, number> {
  const { graph } = buildGraph(scaleContent(real, factor), { bank: 'mla-c01' })
  pools.clear()
  generateBank(graph!)
  return new Map(pools)
}

describe('generate scales with the content', () => {
  it('hands the distractor choice pools that do not grow with the content (reverse and correction items included)', () => {
    const one = largestPools(1)
    const four = largestPools(4)
    expect(one.get('single|reverse')).toBeGreaterThan(0)
    expect(one.get('single|trap')).toBeGreaterThan(0)
    // Answer-option pools come from the (shared) catalog, so they vary by a candidate or two as needs gain
    // peers; need and correction pools are capped. None grows with the content (4× the rules here).
    for (const [form, size] of four) {
      expect({ form, size: Math.min(size, Math.ceil(1.25 * (one.get(form) ?? 0))) }).toEqual({ form, size })
    }
    expect(four.get('single|reverse')).toBeLessThanOrEqual(reversePoolSize)
  }, 60_000)
})
