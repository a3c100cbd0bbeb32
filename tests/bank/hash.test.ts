import { describe, expect, it } from 'vitest'
import { fnv32, hashHex, LaneHasher } from '../../src/bank/hash.js'

/** hashHex as first written: one pass over the text per lane. */
function reference(text: string, length = 12): string {
  let out = ''
  for (let lane = 0; out.length < length; lane++) out += fnv32(text, lane * 0x9e3779b9).toString(16).padStart(8, '0')
  return out.slice(0, length)
}

describe('hashHex', () => {
  const texts = ['', 'a', 'single-data-storage', 'é漢字 ✓'.repeat(7), JSON.stringify({ items: [{ id: 'x', options: [1, 2] }] })]
  it('equals one pass per lane at every length', () => {
    for (const text of texts) for (const length of [1, 6, 8, 9, 12, 16, 17, 24]) expect(hashHex(text, length)).toBe(reference(text, length))
  })
  it('hashes text given in pieces as the joined text', () => {
    for (const length of [8, 12, 24, 32]) {
      const hasher = new LaneHasher(length)
      for (const text of texts) hasher.update(text)
      expect(hasher.digest()).toBe(reference(texts.join(''), length))
    }
  })
})
