/**
 * Which rules a trap bears on. Deterministic heuristic:
 * - a rule scores 3 for each of the trap's right answers it accepts, and
 *   1 for each content word (light stemming, stop words dropped) its cue
 *   shares with the trap's mistake and correction;
 * - a rule is linked when it accepts a right answer and shares at least one
 *   word (the same answer in a related situation), or shares at least two
 *   words without the answer (same situation, answered by another table);
 * - the best five by score, then by rule id, are kept.
 * Rules that only share an answer are not linked: a popular service appears
 * in many unrelated rules.
 */
import type { Rule } from '../graph/schema.js'

const stopWords = new Set(
  ('a an and are as at be before but by can do does for from has have how if in into is it its more most need needs ' +
    'no not of on one or over than that the their then this to too use used using was what when where which while ' +
    'who why will with without you your only always often may').split(' '),
)

/** Lower-case words of three letters or more, without stop words, crudely stemmed. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return new Set(words.filter((word) => word.length >= 3 && !stopWords.has(word)).map(stem))
}

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s|e)$/, '') || word
}

export function linkRules(trap: { mistake: string; correction: string; rightIds: readonly string[] }, rules: readonly Rule[]): string[] {
  const words = contentWords(`${trap.mistake} ${trap.correction}`)
  const scored: Array<{ id: string; score: number }> = []
  for (const rule of rules) {
    const answers = rule.answerIds.filter((id) => trap.rightIds.includes(id)).length
    const shared = [...contentWords(rule.cue)].filter((word) => words.has(word)).length
    if ((answers > 0 && shared >= 1) || shared >= 2) scored.push({ id: rule.id, score: 3 * answers + shared })
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
  return scored.slice(0, 5).map((item) => item.id)
}
