import { describe, expect, it } from 'vitest'
import { diffBanks, formatDiff, generateBank, type Bank } from '../../src/bank/index.js'
import { loadFixture } from './helpers.js'

describe('diffBanks', () => {
  const bank = generateBank(loadFixture())

  it('lists everything as added against no previous bank', () => {
    const diff = diffBanks(undefined, bank)
    expect(diff.added).toHaveLength(bank.items.length)
    expect(diff.removed).toEqual([])
    expect(diff.changed).toEqual([])
  })

  it('reports added, removed and changed ids', () => {
    const previous: Bank = structuredClone(bank)
    const [first, second, third] = previous.items
    previous.items = previous.items.filter((item) => item !== first)
    second!.revision = 'ffffffffffff'
    previous.items.push({ ...third!, id: 'single-gone-00000000' })
    const diff = diffBanks(previous, bank)
    expect(diff).toEqual({ added: [first!.id], removed: ['single-gone-00000000'], changed: [second!.id] })
    expect(formatDiff(diff)).toBe(`1 added, 1 removed, 1 changed\n  + ${first!.id}\n  - single-gone-00000000\n  ~ ${second!.id}`)
  })

  it('says so when nothing changed', () => {
    expect(formatDiff(diffBanks(bank, bank))).toBe('no changes')
  })
})
