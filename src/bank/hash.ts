/**
 * Deterministic hashing: everything random-looking in the bank (variant
 * choice, option order, ids) is derived from stable ids through these, never
 * from Math.random, so the same content always gives the same bytes.
 * Pure JS (no node:crypto) so the API can import it in a Worker.
 */

/** FNV-1a, 32 bits, over UTF-16 code units, with a seed mixed into the offset. */
export function fnv32(text: string, seed = 0): number {
  return fnvFinish(fnvUpdate((0x811c9dc5 ^ seed) >>> 0, text))
}

/**
 * The FNV-1a state after `text`, from `state`: `fnvFinish(fnvUpdate(fnvUpdate(s, a), b))`
 * equals the hash of `a + b`, so a shared prefix is hashed once.
 */
export function fnvUpdate(state: number, text: string): number {
  let hash = state
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  }
  return hash >>> 0
}

/** The FNV-1a state before any text (seed 0). */
export const fnvStart = 0x811c9dc5

/** Final avalanche (murmur3 fmix32) so short keys differing in one character spread well. */
export function fnvFinish(state: number): number {
  let hash = state | 0
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

/** Hex digest of `length` characters (up to 24) built from independent 32-bit lanes. */
export function hashHex(text: string, length = 12): string {
  if (length > 16) return new LaneHasher(length).update(text).digest()
  // One or two lanes (ids, revisions, the version) in one pass, without a hasher object.
  // States stay int32 (Math.imul's result) in the loops: the same 32 bits, without heap numbers.
  let a = 0x811c9dc5 | 0
  let b = 0x811c9dc5 ^ 0x9e3779b9
  if (length <= 8) {
    for (let index = 0; index < text.length; index++) a = Math.imul(a ^ text.charCodeAt(index), 0x01000193)
    return fnvFinish(a).toString(16).padStart(8, '0').slice(0, length)
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x01000193)
  }
  return (fnvFinish(a).toString(16).padStart(8, '0') + fnvFinish(b).toString(16).padStart(8, '0')).slice(0, length)
}

/**
 * `hashHex` over text given in pieces: `digest()` after `update(a)` and
 * `update(b)` equals `hashHex(a + b, length)`, without building `a + b` (the
 * bank version hashes the whole bank's JSON). Lane k is fnv32(text, k·0x9e3779b9);
 * up to three lanes are computed in one pass over the text.
 */
export class LaneHasher {
  private a = 0x811c9dc5 | 0
  private b = 0x811c9dc5 ^ 0x9e3779b9
  private c = 0x811c9dc5 ^ (2 * 0x9e3779b9)
  private readonly lanes: number
  private readonly pieces: string[] | undefined

  constructor(private readonly length = 12) {
    this.lanes = Math.max(1, Math.ceil(length / 8))
    // More than three lanes: keep the pieces and hash them lane by lane at the end (not used by the bank).
    this.pieces = this.lanes > 3 ? [] : undefined
  }

  update(text: string): this {
    if (this.pieces) {
      this.pieces.push(text)
      return this
    }
    let { a, b, c } = this
    if (this.lanes === 1) {
      for (let index = 0; index < text.length; index++) a = Math.imul(a ^ text.charCodeAt(index), 0x01000193)
    } else if (this.lanes === 2) {
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index)
        a = Math.imul(a ^ code, 0x01000193)
        b = Math.imul(b ^ code, 0x01000193)
      }
    } else {
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index)
        a = Math.imul(a ^ code, 0x01000193)
        b = Math.imul(b ^ code, 0x01000193)
        c = Math.imul(c ^ code, 0x01000193)
      }
    }
    this.a = a
    this.b = b
    this.c = c
    return this
  }

  digest(): string {
    if (this.pieces) {
      const text = this.pieces.join('')
      let out = ''
      for (let lane = 0; out.length < this.length; lane++) out += fnv32(text, lane * 0x9e3779b9).toString(16).padStart(8, '0')
      return out.slice(0, this.length)
    }
    const hex = (state: number) => fnvFinish(state).toString(16).padStart(8, '0')
    const out = this.lanes === 1 ? hex(this.a) : this.lanes === 2 ? hex(this.a) + hex(this.b) : hex(this.a) + hex(this.b) + hex(this.c)
    return out.slice(0, this.length)
  }
}

/** A number in [0, 1) for a key: a deterministic stand-in for a random draw. */
export function unit(key: string): number {
  return fnv32(key) / 0x100000000
}

/** Sort a copy by the hash of `key(value)` (ties by the key itself): a stable shuffle. */
export function shuffleBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const keyed = values.map((value) => {
    const k = key(value)
    return { value, k, h: fnv32(k) }
  })
  keyed.sort((a, b) => a.h - b.h || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  return keyed.map((entry) => entry.value)
}

/** Pick one value deterministically. */
export function pick<T>(values: readonly T[], key: string): T | undefined {
  if (values.length === 0) return undefined
  return values[fnv32(key) % values.length]
}
