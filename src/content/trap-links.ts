/**
 * Which rules a trap bears on. A deterministic heuristic over answers and words:
 *
 * - words are content words (three letters or more, stop words dropped,
 *   crudely stemmed); a word shared with a rule's cue weighs its inverse
 *   document frequency over all cues, so `low` + `latency` counts and
 *   `data` barely does;
 * - a rule that accepts one of the trap's right answers (where the correction
 *   points) is linked;
 * - a rule that accepts one of its wrong answers (where the tempting answer is
 *   in fact right) is linked when its cue shares at least one word with the trap;
 * - any other rule is linked when the words its cue shares with the mistake
 *   weigh at least `strong` (about two rare words);
 * - links rank by 3·right + 2·wrong + shared weight, then by rule id; the best
 *   five are kept, so a popular right answer does not drag in every rule
 *   naming it: those sharing the trap's words come first.
 */
import type { Rule } from '../graph/schema.js'

const stopWords = new Set(
  ('a about after all an and any are as at be been before both but by can do does each for from has have how if in into is ' +
    'it its may more most much need needs no not of on one only or other over same should so such than that the their them ' +
    'then there these this to too use used using very was what when where which while who why will with without you your').split(' '),
)

const strong = 6
const limit = 5

/** Content words of `text`, stemmed. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return new Set(words.filter((word) => word.length >= 3 && !stopWords.has(word)).map(stem))
}

function stem(word: string): string {
  const stemmed = word.replace(/(?:ing|ed|es|s|e)$/, '')
  return stemmed.length >= 3 ? stemmed : word
}

export interface TrapText {
  mistake: string
  correction: string
  wrongIds: readonly string[]
  rightIds: readonly string[]
}

/** Link each trap to its rules; word weights come from all rules' cues. */
export function linkRules(traps: readonly TrapText[], rules: readonly Rule[]): string[][] {
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
      if (right || (wrong && shared.length > 0) || mistakeWeight >= strong) {
        scored.push({ id: rule.id, score: 3 * right + 2 * wrong + sharedWeight })
      }
    })
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    return scored.slice(0, limit).map((item) => item.id)
  })
}
