import { describe, expect, it } from 'vitest'
import type { Rule } from '../../src/graph/schema.js'
import { contentWords, linkRules, type TrapText } from '../../src/content/trap-links.js'

/** The definition, scanning every rule for every trap: the indexed version must agree with it. */
function reference(traps: readonly TrapText[], rules: readonly Rule[]): string[][] {
  const cues = rules.map((rule) => contentWords(rule.cue))
  const frequency = new Map<string, number>()
  for (const words of cues) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  const weight = (word: string): number => Math.log((rules.length + 1) / ((frequency.get(word) ?? 0) + 1))
  return traps.map((trap) => {
    const mistake = contentWords(trap.mistake)
    const all = new Set([...mistake, ...contentWords(trap.correction)])
    const scored: Array<{ id: string; score: number }> = []
    rules.forEach((rule, index) => {
      const cue = cues[index] ?? new Set<string>()
      const right = rule.answerIds.some((id) => trap.rightIds.includes(id)) ? 1 : 0
      const wrong = rule.answerIds.some((id) => trap.wrongIds.includes(id)) ? 1 : 0
      const shared = [...cue].filter((word) => all.has(word))
      const sharedWeight = shared.reduce((sum, word) => sum + weight(word), 0)
      const mistakeWeight = [...cue].filter((word) => mistake.has(word)).reduce((sum, word) => sum + weight(word), 0)
      if (right || (wrong && shared.length > 0) || mistakeWeight >= 6) scored.push({ id: rule.id, score: 3 * right + 2 * wrong + sharedWeight })
    })
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    return scored.slice(0, 5).map((item) => item.id)
  })
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('trap links', () => {
  it('agree with the all-rules scan, common words and popular answers included', () => {
    const next = random(7)
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!
    // Zipf-like vocabulary: a few words in most cues (weight near zero), many rare ones.
    const vocabulary = Array.from({ length: 400 }, (_, i) => `word${i}x`)
    const word = () => vocabulary[Math.floor(Math.pow(next(), 3) * vocabulary.length)]!
    const answers = Array.from({ length: 40 }, (_, i) => `answer-${i}`)
    const phrase = (n: number) => Array.from({ length: n }, word).join(' ')
    for (let round = 0; round < 5; round++) {
      const rules = Array.from({ length: 300 }, (_, i) => ({
        id: `bank:table:rule-${String(i).padStart(3, '0')}`,
        cue: `${phrase(2 + Math.floor(next() * 6))} set`,
        answerIds: [pick(answers), ...(next() < 0.3 ? [pick(answers)] : [])],
      })) as unknown as Rule[]
      const traps: TrapText[] = Array.from({ length: 200 }, () => ({
        mistake: phrase(1 + Math.floor(next() * 8)),
        correction: phrase(1 + Math.floor(next() * 6)),
        wrongIds: next() < 0.6 ? [pick(answers)] : [],
        rightIds: next() < 0.6 ? [pick(answers)] : [],
      }))
      const linked = linkRules(traps, rules)
      expect(linked).toEqual(reference(traps, rules))
      expect(linked.some((ids) => ids.length === 5)).toBe(true)
    }
  })
})
