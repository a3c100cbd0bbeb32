/**
 * Items are built as drafts (options in no particular order, keys flagged)
 * and laid out at the end, when the whole bank is known: only then can key
 * positions be balanced across the bank. Ids and revisions are derived here.
 */
import type { Difficulty, Explanation } from './schema.js'
import type { Tier } from './distractors.js'

export interface DraftOption {
  text: string
  feedback: string
  key: boolean
}

export interface DraftBase {
  /** Stable identity: type, rule ids and variant. The item id is its hash. */
  seed: string
  /** Readable part of the id (a table or sequence id). */
  prefix: string
  domain: string
  task: string
  topic: string
  ruleIds: string[]
  tags: string[]
  difficulty: Difficulty
  stem: string
  explanation: Explanation
}

export interface DraftChoice extends DraftBase {
  type: 'single' | 'multiple'
  options: DraftOption[]
}

export interface DraftOrdering extends DraftBase {
  type: 'ordering'
  /** Steps in the correct order. */
  steps: { text: string; feedback: string }[]
}

export interface DraftMatching extends DraftBase {
  type: 'matching'
  pairs: { prompt: string; choice: string; feedback: string }[]
}

export interface DraftCase extends DraftBase {
  type: 'case-study'
  scenario: string
  questions: DraftChoice[]
}

export type Draft = DraftChoice | DraftOrdering | DraftMatching | DraftCase

/**
 * Difficulty from how close the distractors sit to the key in the graph: a
 * documented typical error, or siblings of the key's own category, make an
 * item hard; distractors from elsewhere in the domain make it easy.
 */
export function difficultyOf(picks: readonly { tier: Tier; distance?: number }[]): Difficulty {
  if (picks.length === 0) return 'medium'
  if (picks.some((pick) => pick.tier === 0)) return 'hard'
  const mean = picks.reduce((sum, pick) => sum + (pick.distance ?? pick.tier), 0) / picks.length
  return mean <= 0.75 ? 'hard' : mean <= 1.35 ? 'medium' : 'easy'
}

export function tagsOf(fields: { domain: string; task: string; topic: string; error: string; form: string }): string[] {
  return [`domain:${fields.domain}`, `task:${fields.task}`, `topic:${fields.topic}`, `error:${fields.error}`, `form:${fields.form}`]
}
