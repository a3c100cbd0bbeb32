/**
 * Solvers that see too little: each picks an option from surface features
 * alone. A good bank keeps every one of them near chance. The generator uses
 * them to avoid leaking the key, the audit uses them to measure the leak.
 */
import { contentWords, intersectionSize, memo, sharedCount } from './text.js'

/** Returns the indices the solver would pick (ties: all of them). */
export type Solver = (stem: string, options: readonly string[]) => number[]

function argmax(scores: readonly number[]): number[] {
  const best = Math.max(...scores)
  return scores.flatMap((score, index) => (score === best ? [index] : []))
}

export const longest: Solver = (_stem, options) => argmax(options.map((text) => text.length))

export const shortest: Solver = (_stem, options) => argmax(options.map((text) => -text.length))

/** The option sharing the most content words with the stem ("clang"). */
export const stemOverlap: Solver = (stem, options) => {
  const stemWords = contentWords(stem)
  return argmax(options.map((text) => intersectionSize(contentWords(text), stemWords)))
}

/** The option sharing the most words with the other options (the key as their centroid). */
export const convergence: Solver = (_stem, options) => {
  const words = options.map((text) => contentWords(text))
  return argmax(
    words.map((own, index) => words.reduce((sum, other, j) => (j === index ? sum : sum + intersectionSize(own, other)), 0)),
  )
}

/** Separators that make an option a list. */
const listMarks = /,|;|\/|\+| or | and | with /g

/** Content words as numbers, the same number for the same word everywhere (never reset, so ids stay valid). */
const wordNumbers = new Map<string, number>()

/** A text's content words as sorted word numbers: overlaps become merges of small integer arrays. */
const wordIdsOf = memo((text: string): Int32Array => {
  const out = new Int32Array(contentWords(text).size)
  let k = 0
  for (const word of contentWords(text)) {
    let id = wordNumbers.get(word)
    if (id === undefined) wordNumbers.set(word, (id = wordNumbers.size))
    out[k++] = id
  }
  return out.sort()
})


/** How many list separators a text has (the same texts are scored over and over). */
const listCount = memo((text: string): number => (text.match(listMarks) ?? []).length)

/** The most inclusive option: lists several things, or contains the other options. */
export const inclusive: Solver = (_stem, options) => {
  const words = options.map((text) => contentWords(text))
  return argmax(
    options.map((text, index) => {
      const listed = (text.match(listMarks) ?? []).length
      const own = words[index] ?? new Set<string>()
      const contains = words.filter(
        (other, j) => j !== index && other.size > 0 && intersectionSize(other, own) === other.size,
      ).length
      return listed + 2 * contains
    }),
  )
}

export const solvers = { longest, shortest, stemOverlap, convergence, inclusive } as const
export type SolverName = keyof typeof solvers

/** Expected score of a solver that breaks ties at random. */
export function expectedScore(picks: readonly number[], keys: readonly number[]): number {
  if (picks.length === 0) return 0
  return picks.filter((index) => keys.includes(index)).length / picks.length
}

export interface SolverTable {
  /**
   * `expectedScore(solvers[name](stem, texts of selection), keys)`, where
   * `selection` lists distinct indexes into the table's texts and `keys` are
   * positions in `selection`.
   */
  share(name: SolverName, selection: readonly number[], keys: readonly number[]): number
  /**
   * The same with the keys at the first `keyCount` positions of the first
   * `size` entries of `selection`: what the distractor choice asks for each
   * combination, without arrays.
   */
  shareOfHead(name: SolverName, selection: ArrayLike<number>, size: number, keyCount: number): number
  /** `shareOfHead` for every solver at once, into `out` in the order of `solverNames`. */
  sharesOfHead(selection: ArrayLike<number>, size: number, keyCount: number, out: Float64Array): void
}

/** The solvers' names in a fixed order (the order of `solvers`). */
export const solverNames = Object.keys(solvers) as SolverName[]

/**
 * The solvers over many selections from one list of texts (the distractor
 * choice scores every combination of a pool): word sets, lengths, overlaps
 * with the stem and between texts are computed once per text or pair, not
 * once per combination. Same picks as the solvers above.
 */
export function solverTable(stem: string, texts: readonly string[]): SolverTable {
  const n = texts.length
  const ids = texts.map(wordIdsOf)
  const stemIds = wordIdsOf(stem)
  const length = new Float64Array(n)
  const overlap = new Float64Array(n)
  const listed = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const text = texts[i]!
    length[i] = text.length
    overlap[i] = sharedCount(ids[i]!, stemIds)
    listed[i] = listCount(text)
  }
  // shared[i·n + j]: words texts i and j have in common (symmetric); contains[i·n + j]: text j has words, all in text i.
  const shared = new Int32Array(n * n)
  const contains = new Uint8Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const count = sharedCount(ids[i]!, ids[j]!)
      shared[i * n + j] = count
      shared[j * n + i] = count
      if (count > 0 && count === ids[j]!.length) contains[i * n + j] = 1
      if (count > 0 && count === ids[i]!.length) contains[j * n + i] = 1
    }
  }
  const scoreOf = (name: SolverName, selection: ArrayLike<number>, size: number, position: number): number => {
    const i = selection[position]!
    switch (name) {
      case 'longest':
        return length[i]!
      case 'shortest':
        return -length[i]!
      case 'stemOverlap':
        return overlap[i]!
      case 'convergence': {
        let sum = 0
        for (let q = 0; q < size; q++) if (q !== position) sum += shared[i * n + selection[q]!]!
        return sum
      }
      case 'inclusive': {
        let count = 0
        for (let q = 0; q < size; q++) if (q !== position) count += contains[i * n + selection[q]!]!
        return listed[i]! + 2 * count
      }
    }
  }
  return {
    share(name, selection, keys) {
      // expectedScore(argmax(scores), keys) without the arrays: picks are the positions scoring best.
      let best = Number.NEGATIVE_INFINITY
      let picks = 0
      let hits = 0
      for (let position = 0; position < selection.length; position++) {
        const score = scoreOf(name, selection, selection.length, position)
        if (score > best) (best = score), (picks = 0), (hits = 0)
        if (score === best) (picks += 1), (hits += keys.includes(position) ? 1 : 0)
      }
      return picks === 0 ? 0 : hits / picks
    },
    shareOfHead(name, selection, size, keyCount) {
      let best = Number.NEGATIVE_INFINITY
      let picks = 0
      let hits = 0
      for (let position = 0; position < size; position++) {
        const score = scoreOf(name, selection, size, position)
        if (score > best) (best = score), (picks = 0), (hits = 0)
        if (score === best) (picks += 1), (hits += position < keyCount ? 1 : 0)
      }
      return picks === 0 ? 0 : hits / picks
    },
    sharesOfHead(selection, size, keyCount, out) {
      // One pass over the positions for all five solvers: best score, ties and key hits per solver.
      let bestLong = Number.NEGATIVE_INFINITY, picksLong = 0, hitsLong = 0
      let bestShort = Number.NEGATIVE_INFINITY, picksShort = 0, hitsShort = 0
      let bestStem = Number.NEGATIVE_INFINITY, picksStem = 0, hitsStem = 0
      let bestConv = Number.NEGATIVE_INFINITY, picksConv = 0, hitsConv = 0
      let bestIncl = Number.NEGATIVE_INFINITY, picksIncl = 0, hitsIncl = 0
      for (let position = 0; position < size; position++) {
        const i = selection[position]!
        const hit = position < keyCount ? 1 : 0
        const row = i * n
        let sum = 0
        let count = 0
        for (let q = 0; q < size; q++) {
          if (q === position) continue
          const j = selection[q]!
          sum += shared[row + j]!
          count += contains[row + j]!
        }
        const long = length[i]!
        if (long > bestLong) (bestLong = long), (picksLong = 1), (hitsLong = hit)
        else if (long === bestLong) (picksLong += 1), (hitsLong += hit)
        const short = -long
        if (short > bestShort) (bestShort = short), (picksShort = 1), (hitsShort = hit)
        else if (short === bestShort) (picksShort += 1), (hitsShort += hit)
        const stemScore = overlap[i]!
        if (stemScore > bestStem) (bestStem = stemScore), (picksStem = 1), (hitsStem = hit)
        else if (stemScore === bestStem) (picksStem += 1), (hitsStem += hit)
        if (sum > bestConv) (bestConv = sum), (picksConv = 1), (hitsConv = hit)
        else if (sum === bestConv) (picksConv += 1), (hitsConv += hit)
        const inclusive = listed[i]! + 2 * count
        if (inclusive > bestIncl) (bestIncl = inclusive), (picksIncl = 1), (hitsIncl = hit)
        else if (inclusive === bestIncl) (picksIncl += 1), (hitsIncl += hit)
      }
      out[0] = picksLong === 0 ? 0 : hitsLong / picksLong
      out[1] = picksShort === 0 ? 0 : hitsShort / picksShort
      out[2] = picksStem === 0 ? 0 : hitsStem / picksStem
      out[3] = picksConv === 0 ? 0 : hitsConv / picksConv
      out[4] = picksIncl === 0 ? 0 : hitsIncl / picksIncl
    },
  }
}
