/**
 * From drafts to items: ids, option order and revisions. Key positions of
 * four-option items follow a balanced schedule over the whole bank: slots are
 * ordered by the hash of the item id and each run of four takes a seeded
 * permutation of A–D, so every position holds a quarter of the keys and the
 * sequence in bank order shows no pattern.
 */
import type { Draft, DraftChoice, DraftOption } from './draft.js'
import { fnv32, hashHex, shuffleBy } from './hash.js'
import type { CaseQuestion, Item, Option } from './schema.js'
import { slug, upperFirstName } from './text.js'

const permutations: readonly (readonly number[])[] = permute([0, 1, 2, 3])

function permute(values: number[]): number[][] {
  if (values.length <= 1) return [values]
  return values.flatMap((value, i) => permute([...values.slice(0, i), ...values.slice(i + 1)]).map((rest) => [value, ...rest]))
}

export const optionId = (text: string) => `o-${hashHex(text, 8)}`
export const promptId = (text: string) => `p-${hashHex(text, 8)}`

function itemId(draft: Draft, taken: Set<string>): string {
  const base = `${draft.type}-${slug(draft.prefix)}-${hashHex(draft.seed, 8)}`
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}

/** Content of an item without presentation order: what the revision hashes. */
function content(item: Item | CaseQuestion): unknown {
  const { id: _id, revision: _revision, ...rest } = item
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  switch (rest.type) {
    case 'single':
    case 'multiple':
      return { ...rest, options: [...rest.options].sort(byId), answer: [...rest.answer].sort() }
    case 'ordering':
      return { ...rest, options: [...rest.options].sort(byId) }
    case 'matching':
      return {
        ...rest,
        prompts: [...rest.prompts].sort(byId),
        choices: [...rest.choices].sort(byId),
        answer: [...rest.answer].sort((a, b) => (a.prompt < b.prompt ? -1 : 1)),
      }
    case 'case-study':
      return { ...rest, questions: rest.questions.map(content) }
  }
}

export function revisionOf(item: Item | CaseQuestion): string {
  return hashHex(JSON.stringify(content(item)), 12)
}

interface Slot {
  id: string
  draft: DraftChoice
}

/**
 * Options as shown: each starts a line, so with a capital. The catalog writes a
 * common noun in lower case ("batch transform") for use mid-sentence; a name
 * it writes as code (`kubectl drain`) stays as written.
 */
function shown(draft: Draft, names: ReadonlySet<string>): Draft {
  const upperFirst = (text: string) => upperFirstName(text, names)
  const choice = (d: DraftChoice): DraftChoice => ({ ...d, options: d.options.map((o) => ({ ...o, text: upperFirst(o.text) })) })
  switch (draft.type) {
    case 'single':
    case 'multiple':
      return choice(draft)
    case 'matching':
      return { ...draft, pairs: draft.pairs.map((pair) => ({ ...pair, choice: upperFirst(pair.choice) })) }
    case 'case-study':
      return { ...draft, questions: draft.questions.map(choice) }
    default:
      return draft
  }
}

export function layout(input: readonly Draft[], names: ReadonlySet<string> = new Set()): Item[] {
  const drafts = input.map((draft) => shown(draft, names))
  const taken = new Set<string>()
  const ids = drafts.map((draft) => itemId(draft, taken))
  const questionIds = new Map<DraftChoice, string>()
  drafts.forEach((draft, i) => {
    if (draft.type !== 'case-study') return
    for (const question of draft.questions) questionIds.set(question, `${ids[i]}-q-${hashHex(question.seed, 6)}`)
  })

  // The schedule: every four-option single, top-level or inside a case study.
  const slots: Slot[] = []
  drafts.forEach((draft, i) => {
    if (draft.type === 'single' && draft.options.length === 4) slots.push({ id: ids[i]!, draft })
    if (draft.type === 'case-study') {
      for (const question of draft.questions) {
        if (question.type === 'single' && question.options.length === 4) {
          slots.push({ id: questionIds.get(question)!, draft: question })
        }
      }
    }
  })
  const positions = new Map<DraftChoice, number>()
  const ordered = shuffleBy(slots, (slot) => `position|${slot.id}`)
  ordered.forEach((slot, rank) => {
    const block = ordered[rank - (rank % 4)]!
    const permutation = permutations[fnv32(`block|${block.id}`) % permutations.length]!
    positions.set(slot.draft, permutation[rank % 4]!)
  })

  const choiceItem = (draft: DraftChoice, id: string): CaseQuestion => {
    const options = arrange(draft.options, id, positions.get(draft))
    const answer = options.filter((option) => option.key).map((option) => optionId(option.text))
    const { seed: _seed, prefix: _prefix, options: _options, ...base } = draft
    const item =
      draft.type === 'single'
        ? { ...base, id, revision: '', type: 'single' as const, options: options.map(toOption), answer }
        : { ...base, id, revision: '', type: 'multiple' as const, select: answer.length, options: options.map(toOption), answer }
    // The item is fresh: set its revision in place (same key order as a copy).
    item.revision = revisionOf(item)
    return item
  }

  return drafts.map((draft, i): Item => {
    const id = ids[i]!
    const { seed: _seed, prefix: _prefix, ...base } = draft
    let item: Item
    switch (draft.type) {
      case 'single':
      case 'multiple':
        return choiceItem(draft, id)
      case 'ordering': {
        const { steps: _steps, ...rest } = base as Omit<typeof draft, 'seed' | 'prefix'>
        let shuffled = shuffleBy(draft.steps, (step) => `${id}|${step.text}`)
        // A shuffle that happens to be the answer would be no question: rotate it.
        if (shuffled.every((step, k) => step === draft.steps[k])) shuffled = [...shuffled.slice(1), shuffled[0]!]
        item = {
          ...rest,
          id,
          revision: '',
          type: 'ordering',
          options: shuffled.map((step) => ({ id: optionId(step.text), text: step.text, feedback: step.feedback })),
          answer: draft.steps.map((step) => optionId(step.text)),
        }
        break
      }
      case 'matching': {
        const { pairs: _pairs, ...rest } = base as Omit<typeof draft, 'seed' | 'prefix'>
        item = {
          ...rest,
          id,
          revision: '',
          type: 'matching',
          prompts: shuffleBy(draft.pairs, (pair) => `${id}|prompt|${pair.prompt}`).map((pair) => ({
            id: promptId(pair.prompt),
            text: pair.prompt,
          })),
          choices: shuffleBy(draft.pairs, (pair) => `${id}|choice|${pair.choice}`).map((pair) => ({
            id: optionId(pair.choice),
            text: pair.choice,
            feedback: pair.feedback,
          })),
          answer: draft.pairs.map((pair) => ({ prompt: promptId(pair.prompt), choice: optionId(pair.choice) })),
        }
        break
      }
      case 'case-study': {
        const { questions: _questions, ...rest } = base as Omit<typeof draft, 'seed' | 'prefix'>
        item = {
          ...rest,
          id,
          revision: '',
          type: 'case-study',
          questions: draft.questions.map((question) => choiceItem(question, questionIds.get(question)!)),
        }
        break
      }
    }
    item.revision = revisionOf(item)
    return item
  })
}

/** Key at its scheduled position (or seeded), distractors in seeded order around it. */
function arrange(options: readonly DraftOption[], id: string, keyPosition: number | undefined): DraftOption[] {
  const shuffled = shuffleBy(options, (option) => `${id}|option|${option.text}`)
  if (keyPosition === undefined) return shuffled
  const key = options.find((option) => option.key)!
  const rest = shuffled.filter((option) => option !== key)
  rest.splice(keyPosition, 0, key)
  return rest
}

function toOption(option: DraftOption): Option {
  return { id: optionId(option.text), text: option.text, feedback: option.feedback }
}
