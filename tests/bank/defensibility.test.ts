import { describe, expect, it } from 'vitest'
import { generateBank } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { realGraph } from './helpers.js'

const bank = realGraph === undefined ? undefined : generateBank(realGraph)
const index = realGraph === undefined ? undefined : indexGraph(realGraph)

describe.skipIf(realGraph === undefined)('MLA-C01 items a demanding learner can defend', () => {
  it('"optimizing the wrong metric" says what matters, and offers no recall-oriented metric beside Recall', () => {
    const trap = realGraph!.traps.find((t) => t.mistake === 'optimizing the wrong metric')!
    expect(trap.stems?.length).toBeGreaterThan(0)
    const item = bank!.items.find((i) => i.type === 'single' && i.ruleIds[0] === trap.id)
    expect(item?.type).toBe('single')
    if (item?.type !== 'single') return
    expect(item.stem).toMatch(/missed fraud, missed disease, or missed safety issues/)
    const texts = item.options.map((option) => option.text)
    expect(item.options.find((option) => option.id === item.answer[0])?.text).toBe('Recall')
    expect(texts).not.toContain('PR-AUC')
    expect(texts).not.toContain('F1 score')
  })

  it('a matching item lists answers of one kind, the kind its stem names', () => {
    const problems: string[] = []
    for (const item of bank!.items) {
      if (item.type !== 'matching') continue
      const kinds = new Set(item.choices.map((choice) => index!.answers.get(index!.resolve(choice.text) ?? '')?.kind ?? '?'))
      const [kind] = [...kinds]
      if (kinds.size !== 1 || !item.stem.includes(`with the ${kind!.replace(/-/g, ' ')} that fits`)) {
        problems.push(`${item.id}: ${item.stem} [${item.choices.map((choice) => choice.text).join(' | ')}]`)
      }
    }
    expect(problems).toEqual([])
  })
})
