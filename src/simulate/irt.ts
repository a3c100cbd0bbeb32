/**
 * A synthetic population answering under a two-parameter logistic IRT model:
 * P(knows question i | θ) = 1 / (1 + exp(−a_i (θ − b_i))), θ ~ N(0, 1),
 * a_i ~ U(0.8, 2), b_i ~ U(−2, 2), all drawn from one seed. A learner who
 * knows a question sends what they believe is the key; otherwise a wrong
 * response. Two planted faults: a miskeyed item (the population believes one
 * distractor is the key) and a dead distractor (nobody ever chooses it).
 */
import { generator } from '../api/random.js'

export interface SimQuestion {
  id: string
  type: string
  /** The key as the API shows it with reveal=true. */
  answer: Array<string | { prompt: string; choice: string }>
  /** Option ids (single, multiple, ordering) or matching choice ids. */
  options: string[]
}

export interface ItemParameters {
  a: number
  b: number
}

export interface Population {
  abilities: number[]
  parameters: Map<string, ItemParameters>
  /** The miskeyed question and the distractor the population takes for the key. */
  miskeyed: { id: string; believed: string }
  /** The question with a distractor nobody chooses. */
  dead: { id: string; option: string }
  random: () => number
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

export function population(questions: readonly SimQuestion[], learners: number, seed: number): Population {
  const random = generator(seed)
  const abilities = Array.from({ length: learners }, () => normal(random))
  const parameters = new Map<string, ItemParameters>()
  for (const q of questions) parameters.set(q.id, { a: 0.8 + 1.2 * random(), b: -2 + 4 * random() })
  // Planted faults on single-answer questions with at least three distractors, fixed difficulty.
  const singles = questions.filter((q) => q.type === 'single' && q.options.length >= 4)
  if (singles.length < 2) throw new Error('The simulation needs two single-answer questions with four options')
  const miskeyedQ = singles[Math.floor(random() * singles.length)]!
  let deadQ = miskeyedQ
  while (deadQ === miskeyedQ) deadQ = singles[Math.floor(random() * singles.length)]!
  const distractors = (q: SimQuestion) => q.options.filter((o) => !q.answer.includes(o))
  const miskeyed = { id: miskeyedQ.id, believed: distractors(miskeyedQ)[0]! }
  const dead = { id: deadQ.id, option: distractors(deadQ)[0]! }
  parameters.set(miskeyed.id, { a: 1.5, b: -0.5 })
  parameters.set(dead.id, { a: 1.2, b: 0.3 })
  return { abilities, parameters, miskeyed, dead, random }
}

export const probability = (theta: number, { a, b }: ItemParameters) => 1 / (1 + Math.exp(-a * (theta - b)))

export interface SimResponse {
  response: SimQuestion['answer']
  /** Whether the response is the key the API holds (what the API will count correct). */
  key: boolean
}

/** One learner's response to one question. */
export function respond(pop: Population, theta: number, q: SimQuestion): SimResponse {
  const random = pop.random
  const knows = random() < probability(theta, pop.parameters.get(q.id)!)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const key = q.answer
  if (q.id === pop.miskeyed.id) {
    if (knows) return { response: [pop.miskeyed.believed], key: false }
    const other = pick(q.options.filter((o) => o !== pop.miskeyed.believed))
    return { response: [other], key: key.includes(other) }
  }
  if (knows) return { response: key.slice(), key: true }
  switch (q.type) {
    case 'single': {
      const distractors = q.options.filter((o) => !key.includes(o) && !(q.id === pop.dead.id && o === pop.dead.option))
      return { response: [pick(distractors)], key: false }
    }
    case 'multiple': {
      const distractors = q.options.filter((o) => !key.includes(o))
      const keep = (key as string[]).slice()
      keep.splice(Math.floor(random() * keep.length), 1, pick(distractors))
      return { response: keep, key: false }
    }
    case 'ordering': {
      const order = (key as string[]).slice()
      const i = Math.floor(random() * (order.length - 1))
      ;[order[i], order[i + 1]] = [order[i + 1]!, order[i]!]
      return { response: order, key: false }
    }
    default: {
      // matching: two prompts swap their choices
      const pairs = (key as Array<{ prompt: string; choice: string }>).map((p) => ({ ...p }))
      const i = Math.floor(random() * (pairs.length - 1))
      const choice = pairs[i]!.choice
      pairs[i]!.choice = pairs[i + 1]!.choice
      pairs[i + 1]!.choice = choice
      const same = pairs.every((p, j) => p.choice === (key as Array<{ choice: string }>)[j]!.choice)
      return { response: pairs, key: same }
    }
  }
}
