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
  // Words and answer ids as small integers, so scoring a candidate is array lookups, not string sets.
  const wordIds = new Map<string, number>()
  const wordId = (word: string): number => {
    let id = wordIds.get(word)
    if (id === undefined) wordIds.set(word, (id = wordIds.size))
    return id
  }
  const answerIds = new Map<string, number>()
  const answerId = (id: string): number => {
    let value = answerIds.get(id)
    if (value === undefined) answerIds.set(id, (value = answerIds.size))
    return value
  }
  const cues = rules.map((rule) => Int32Array.from(contentWords(rule.cue), wordId))
  const ruleAnswers = rules.map((rule) => Int32Array.from(rule.answerIds, answerId))
  const frequency: number[] = []
  const byWord: number[][] = []
  const byAnswer: number[][] = []
  const add = (index: number[][], key: number, rule: number) => {
    const list = index[key]
    if (list === undefined) index[key] = [rule]
    else if (list[list.length - 1] !== rule) list.push(rule)
  }
  cues.forEach((words, rule) => {
    for (const word of words) {
      frequency[word] = (frequency[word] ?? 0) + 1
      add(byWord, word, rule)
    }
    for (const id of ruleAnswers[rule]!) add(byAnswer, id, rule)
  })
  const weights: number[] = []
  const weight = (word: number): number => {
    let value = weights[word]
    if (value === undefined) weights[word] = value = Math.log((rules.length + 1) / ((frequency[word] ?? 0) + 1))
    return value
  }

  const uniqueIds = new Set(rules.map((rule) => rule.id)).size === rules.length
  const byRank = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || (a.id < b.id ? -1 : 1)

  // Per-trap marks, reset by stamping with the trap's number (+1) instead of clearing.
  let stamp = 0
  const inRight: number[] = []
  const inWrong: number[] = []
  const inMistake: number[] = []
  const inAll: number[] = []
  const candidate = new Int32Array(rules.length)
  return traps.map((trap) => {
    stamp++
    // Trap words that no cue has get ids too; they can never match a cue, so they only cost a map entry.
    const mistake = [...contentWords(trap.mistake)].map(wordId)
    for (const word of mistake) inMistake[word] = inAll[word] = stamp
    for (const word of contentWords(trap.correction)) inAll[wordId(word)] = stamp
    const ids: number[] = []
    for (const id of trap.rightIds) ids.push((inRight[answerId(id)] = stamp, answerId(id)))
    for (const id of trap.wrongIds) ids.push((inWrong[answerId(id)] = stamp, answerId(id)))
    // A link needs a right answer, a wrong one, or mistake words weighing at least `strong`. The
    // lightest mistake words together weigh less than that: a rule sharing none of the others
    // cannot reach it, so only the heavier words' rules are candidates (common words are skipped).
    const candidates: number[] = []
    const take = (rule: number) => {
      if (candidate[rule] !== stamp) (candidate[rule] = stamp), candidates.push(rule)
    }
    for (const id of ids) for (const rule of byAnswer[id] ?? []) take(rule)
    const byWeight = [...new Set(mistake)].sort((a, b) => weight(a) - weight(b))
    let light = 0
    let lightWeight = 0
    while (light < byWeight.length && lightWeight + weight(byWeight[light]!) < strong - margin) lightWeight += weight(byWeight[light++]!)
    for (let k = light; k < byWeight.length; k++) for (const rule of byWord[byWeight[k]!] ?? []) take(rule)
    const scored: Array<{ id: string; score: number }> = []
    // In rule order (a typed array sorts numbers natively, without a comparator call per step).
    for (const index of Int32Array.from(candidates).sort()) {
      const answers = ruleAnswers[index]!
      let isRight = 0
      let isWrong = 0
      for (const id of answers) {
        if (inRight[id] === stamp) isRight = 1
        if (inWrong[id] === stamp) isWrong = 1
      }
      let shared = 0
      let sharedWeight = 0
      let mistakeWeight = 0
      for (const word of cues[index]!) {
        if (inAll[word] === stamp) (shared += 1), (sharedWeight += weight(word))
        if (inMistake[word] === stamp) mistakeWeight += weight(word)
      }
      if (isRight || (isWrong && shared > 0) || mistakeWeight >= strong) {
        scored.push({ id: rules[index]!.id, score: 3 * isRight + 2 * isWrong + sharedWeight })
      }
    }
    if (!uniqueIds) {
      scored.sort(byRank)
      return scored.slice(0, limit).map((item) => item.id)
    }
    // With distinct ids the ranking is a strict order: keep the best `limit` as they come, as sorting all would.
    const top: Array<{ id: string; score: number }> = []
    for (const item of scored) {
      if (top.length === limit && byRank(item, top[limit - 1]!) >= 0) continue
      let at = top.length
      while (at > 0 && byRank(item, top[at - 1]!) < 0) at--
      top.splice(at, 0, item)
      if (top.length > limit) top.pop()
    }
    return top.map((item) => item.id)
  })
}
