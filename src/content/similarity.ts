/** Nearest catalog name for a suggestion: Dice coefficient on character bigrams. */

function bigrams(text: string): Map<string, number> {
  const value = text.toLowerCase().replace(/\s+/g, ' ').trim()
  const counts = new Map<string, number>()
  for (let index = 0; index < value.length - 1; index += 1) {
    const pair = value.slice(index, index + 2)
    counts.set(pair, (counts.get(pair) ?? 0) + 1)
  }
  return counts
}

/** 2·|A∩B| / (|A|+|B|) over bigram multisets: 1 for equal strings, 0 for nothing shared. */
export function dice(a: string, b: string): number {
  const left = bigrams(a)
  const right = bigrams(b)
  let shared = 0
  let total = 0
  for (const [pair, count] of left) {
    shared += Math.min(count, right.get(pair) ?? 0)
    total += count
  }
  for (const count of right.values()) total += count
  return total === 0 ? 0 : (2 * shared) / total
}

/** The candidate closest to `text`, or undefined when nothing is close (score < `threshold`). */
export function nearest(text: string, candidates: readonly string[], threshold = 0.3): string | undefined {
  let best: string | undefined
  let bestScore = threshold
  for (const candidate of candidates) {
    const score = dice(text, candidate)
    // Ties keep the first candidate: callers pass a stable order.
    if (score > bestScore) (best = candidate), (bestScore = score)
  }
  return best
}
