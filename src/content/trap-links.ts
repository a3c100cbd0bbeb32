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
/** Room for rounding: sums of the same weights in another order may differ in the last bits. */
const margin = 1e-9

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

/**
 * Link each trap to its rules; word weights come from all rules' cues.
 * Only rules that accept one of the trap's answers or share one of its words
 * can be linked, so candidates come from inverted indexes (answer id → rules,
 * word → rules) rather than from every rule.
 */
export function linkRules(traps: readonly TrapText[], rules: readonly Rule[]): string[][] {
  const cues = rules.map((rule) => [...contentWords(rule.cue)])
  const frequency = new Map<string, number>()
  const byWord = new Map<string, number[]>()
  const byAnswer = new Map<string, number[]>()
  const add = (index: Map<string, number[]>, key: string, rule: number) => {
    const list = index.get(key)
    if (list === undefined) index.set(key, [rule])
    else if (list[list.length - 1] !== rule) list.push(rule)
  }
  cues.forEach((words, rule) => {
    for (const word of words) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1)
      add(byWord, word, rule)
    }
    for (const id of rules[rule]?.answerIds ?? []) add(byAnswer, id, rule)
  })
  const weights = new Map<string, number>()
  const weight = (word: string): number => {
    let value = weights.get(word)
    if (value === undefined) weights.set(word, (value = Math.log((rules.length + 1) / ((frequency.get(word) ?? 0) + 1))))
    return value
  }

  return traps.map((trap) => {
    const mistake = contentWords(trap.mistake)
    const all = new Set([...mistake, ...contentWords(trap.correction)])
    const right = new Set(trap.rightIds)
    const wrong = new Set(trap.wrongIds)
    // A link needs a right answer, a wrong one, or mistake words weighing at least `strong`. The
    // lightest mistake words together weigh less than that: a rule sharing none of the others
    // cannot reach it, so only the heavier words' rules are candidates (common words are skipped).
    const candidates = new Set<number>()
    for (const id of [...right, ...wrong]) for (const rule of byAnswer.get(id) ?? []) candidates.add(rule)
    const byWeight = [...mistake].sort((a, b) => weight(a) - weight(b))
    let light = 0
    let lightWeight = 0
    while (light < byWeight.length && lightWeight + weight(byWeight[light]!) < strong - margin) lightWeight += weight(byWeight[light++]!)
    for (const word of byWeight.slice(light)) for (const rule of byWord.get(word) ?? []) candidates.add(rule)
    const scored: Array<{ id: string; score: number }> = []
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const rule = rules[index]!
      const cue = cues[index] ?? []
      const isRight = rule.answerIds.some((id) => right.has(id)) ? 1 : 0
      const isWrong = rule.answerIds.some((id) => wrong.has(id)) ? 1 : 0
      let shared = 0
      let sharedWeight = 0
      let mistakeWeight = 0
      for (const word of cue) {
        if (all.has(word)) (shared += 1), (sharedWeight += weight(word))
        if (mistake.has(word)) mistakeWeight += weight(word)
      }
      if (isRight || (isWrong && shared > 0) || mistakeWeight >= strong) {
        scored.push({ id: rule.id, score: 3 * isRight + 2 * isWrong + sharedWeight })
      }
    }
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    return scored.slice(0, limit).map((item) => item.id)
  })
}
