/**
 * Stems come from the content: each rules/traps table declares several
 * templates and the variant is picked from the rule id, so it is stable
 * under edits elsewhere. Only where the content gives none (or none that
 * renders) does a neutral default apply.
 */
import type { Rule, Table, Trap } from '../graph/schema.js'
import { pluralNoun } from '../graph/nouns.js'
import type { GraphIndex } from './graph-index.js'
import { fnv32 } from './hash.js'
import { be, isPhraseAnswer, nameRef, phrase, quote, render, sentence, upperFirst } from './text.js'

function renderFirst(
  templates: readonly string[],
  seed: string,
  values: ReadonlyMap<string, string>,
  names: ReadonlySet<string>,
): string | undefined {
  if (templates.length === 0) return undefined
  const start = fnv32(seed) % templates.length
  for (let step = 0; step < templates.length; step++) {
    const text = render(templates[(start + step) % templates.length]!, values, names)
    if (text) return upperFirst(text)
  }
  return undefined
}

export function ruleValues(rule: Rule): Map<string, string> {
  const values = new Map<string, string>([
    ['cue', rule.cue],
    ['answer', rule.answer],
  ])
  if (rule.reason) values.set('reason', rule.reason)
  if (rule.watch) values.set('watch', rule.watch)
  for (const [column, value] of Object.entries(rule.details)) values.set(column, value)
  return values
}

/** The stem for a direct question on a rule. */
export function ruleStem(index: GraphIndex, rule: Rule, variant = ''): string {
  const table = index.tables.get(rule.table)
  const stem = renderFirst(table?.stems ?? [], `${rule.id}|stem${variant}`, ruleValues(rule), index.names)
  if (stem) return stem
  const kind = table === undefined ? 'option' : index.kindNoun(table.answerKind)
  return `Which ${kind} best fits this ${rule.cueKind}: ${quote(rule.cue)}?`
}

const countWords = ['', 'ONE', 'TWO', 'THREE', 'FOUR'] as const

/** "service" → "services", "security-control" → "security controls", "approach" → "approaches". */
export function pluralKind(kind: string): string {
  return pluralNoun(kind.replace(/-/g, ' '))
}

/**
 * The stem for a multiple-response item: the table's `stem-multiple:`
 * templates, which ask for several answers; else a plural question on the
 * answer kind ("Which security controls meet this requirement: “…”?").
 * Always ends "(Select TWO.)" / "(Select THREE.)".
 */
export function multipleStem(index: GraphIndex, rule: Rule, count: number, variant = ''): string {
  const table = index.tables.get(rule.table)
  const select = `(Select ${countWords[count] ?? String(count)}.)`
  const stem = renderFirst(table?.multipleStems ?? [], `${rule.id}|stem-multiple${variant}`, ruleValues(rule), index.names)
  if (stem) return `${stem} ${select}`
  const kinds = table === undefined ? 'options' : index.kindPlural(table.answerKind)
  const ask = rule.cueKind === 'clue' || rule.cueKind === 'symptom' ? `does this ${rule.cueKind} point to` : `meet this ${rule.cueKind}`
  return `Which ${kinds} ${ask}: ${quote(rule.cue)}? ${select}`
}

/** The stem for a reverse question: an answer, and which need it fits. */
export function reverseStem(rule: Rule, answerName: string, names: ReadonlySet<string>): string {
  const keyName = nameRef(answerName, names)
  switch (rule.cueKind) {
    case 'clue':
      return `Which clue in a scenario points to ${keyName}?`
    case 'symptom':
      return `Which symptom points to ${keyName}?`
    default:
      return `For which ${rule.cueKind} ${isPhraseAnswer(answerName, names) ? 'is' : be(answerName, names)} ${keyName} the best fit?`
  }
}

/** The stem for "A team did X. What should it do instead?". */
export function trapStem(index: GraphIndex, trap: Trap, table: Table | undefined): string {
  const values = new Map<string, string>([
    ['mistake', trap.mistake],
    ['correction', trap.correction],
  ])
  const wrong = trap.wrongIds.map((id) => index.answers.get(id)?.name).filter((name) => name !== undefined)
  if (wrong.length > 0) values.set('wrong', wrong.join(' or '))
  const stem = renderFirst(trap.stems ?? table?.stems ?? [], `${trap.id}|stem`, values, index.names)
  if (stem) return stem
  return `A team made this mistake: ${sentence(upperFirst(phrase(trap.mistake)))} What should it do instead?`
}
