/**
 * Seeded randomness: the same seed gives the same order on every runtime,
 * which is what makes exams and shuffled pages reproducible with no server state.
 */

import { fnv32 } from '../bank/hash.js'

export const maxSeed = 0xffffffff

/** Longest string seed (learner and attempt ids). */
export const maxSeedLength = 128

/**
 * A seed as sent, made a number: an integer is itself, a digit string is that
 * integer, any other string is hashed (FNV-1a with a final mix, 32 bits), the
 * same on every runtime. So `learner-42` always gives the same order.
 */
export function seedOf(value: number | string): number {
  if (typeof value === 'number') return value
  return /^\d+$/.test(value) ? Number(value) : fnv32(value)
}

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function generator(seed: number): () => number {
  let state = seed >>> 0
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates over a copy. */
export function shuffle<T>(values: readonly T[], random: () => number): T[] {
  const out = values.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = out[i] as T
    out[i] = out[j] as T
    out[j] = swap
  }
  return out
}

/** A fresh seed for a client that did not send one. */
export function randomSeed(): number {
  const buffer = new Uint32Array(1)
  crypto.getRandomValues(buffer)
  return buffer[0] ?? 0
}

/**
 * Largest-remainder apportionment: split `total` by `weights`, integers that
 * add up to `total` (for example 65 at 28/26/22/24 gives 18/17/14/16). Ties go to the earlier key.
 */
export function apportion<K>(total: number, weights: ReadonlyArray<readonly [K, number]>): Map<K, number> {
  const sum = weights.reduce((acc, [, w]) => acc + w, 0)
  const result = new Map<K, number>()
  if (sum <= 0 || total <= 0) {
    for (const [key] of weights) result.set(key, 0)
    return result
  }
  const shares = weights.map(([key, w], index) => {
    const exact = (total * w) / sum
    return { key, index, floor: Math.floor(exact), remainder: exact - Math.floor(exact) }
  })
  let left = total - shares.reduce((acc, s) => acc + s.floor, 0)
  const byRemainder = shares.slice().sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const share of byRemainder) {
    if (left <= 0) break
    share.floor += 1
    left -= 1
  }
  for (const share of shares) result.set(share.key, share.floor)
  return result
}

/** FNV-1a, 32 bits, as 8 hex digits: for ETags, not for security. */
export function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
