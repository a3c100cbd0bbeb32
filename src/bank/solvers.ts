/**
 * Solvers that see too little: each picks an option from surface features
 * alone. A good bank keeps every one of them near chance. The generator uses
 * them to avoid leaking the key, the audit uses them to measure the leak.
 */
import { contentWords, intersectionSize } from './text.js'

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

/** The most inclusive option: lists several things, or contains the other options. */
export const inclusive: Solver = (_stem, options) => {
  const words = options.map((text) => contentWords(text))
  return argmax(
    options.map((text, index) => {
      const listed = (text.match(/,|;|\/|\+| or | and | with /g) ?? []).length
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
