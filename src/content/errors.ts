/**
 * The error catalog: every problem an author can meet, with a permanent
 * `ruleId`, a severity and a message builder. Messages read
 * "Unexpected X, expected Y"; the position is data, never part of the text.
 */
import { VFile } from 'vfile'
import type { Point } from './point.js'

export type Severity = 'error' | 'warning'

interface Kind<P> {
  severity: Severity
  message: (params: P) => string
}

/** Found / expected pair, for kinds whose problems vary in shape. */
interface Mismatch {
  found: string
  expected: string
}

const code = (value: string): string => '`' + value + '`'
const list = (values: readonly string[]): string => values.map(code).join(', ')

export const errors = {
  'missing-cell': {
    severity: 'error',
    message: (p: { column: string; count: number }) =>
      `Unexpected missing ${code(p.column)} cell, expected ${p.count} cells, one per column`,
  },
  'extra-cell': {
    severity: 'error',
    message: (p: { text: string; count: number }) =>
      `Unexpected extra cell ${code(p.text)}, expected ${p.count} cells, one per column`,
  },
  'empty-cell': {
    severity: 'error',
    message: (p: { role: string; expected: string }) => `Unexpected empty ${p.role} cell, expected ${p.expected}`,
  },
  'duplicate-cue': {
    severity: 'error',
    message: (p: { cue: string }) => `Unexpected duplicate cue ${code(p.cue)}, expected each cue once per table`,
  },
  'missing-declaration': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'unknown-column': {
    severity: 'error',
    message: (p: { column: string; columns: readonly string[] }) =>
      `Unexpected column ${code(p.column)}, expected one of ${list(p.columns)}`,
  },
  'unknown-key': {
    severity: 'error',
    message: (p: { key: string; what: string; keys: readonly string[] }) =>
      `Unexpected key ${code(p.key)} in ${code(p.what)} declaration, expected ` +
      (p.keys.length === 0 ? 'no keys' : `one of ${list(p.keys)}`),
  },
  'bad-declaration': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'unresolved-mention': {
    severity: 'warning',
    message: (p: { text: string; suggestion: string | undefined }) =>
      `Unexpected unresolved mention ${code(p.text)}, expected a catalog name or alias` +
      (p.suggestion === undefined ? ' or an `ignore:` phrase' : ` (did you mean ${code(p.suggestion)}?)`),
  },
  'missing-domain': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'domain-weights': {
    severity: 'error',
    message: (p: { total: number }) => `Unexpected domain weights summing to ${p.total}%, expected 100%`,
  },
  'unknown-task': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'unmatched-item': {
    severity: 'error',
    message: (p: { patterns: readonly string[] }) =>
      `Unexpected list item matching no pattern, expected one of ${list(p.patterns)}`,
  },
  'duplicate-alias': {
    severity: 'error',
    message: (p: { name: string }) => `Unexpected second ${code(p.name)} in the catalog, expected each name and alias once`,
  },
  'unknown-stem-placeholder': {
    severity: 'error',
    message: (p: { placeholder: string; allowed: readonly string[] }) =>
      `Unexpected stem placeholder ${code(p.placeholder)}, expected one of ${list(p.allowed)}`,
  },
  'bad-sequence': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'bad-value': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'estimated-value': {
    severity: 'warning',
    message: (p: { fact: string; text: string; value: number }) =>
      `Unexpected estimate ${code(p.text)} for ${p.fact}, expected a published value (read as ${p.value}; scores against it are estimates too)`,
  },
  'empty-domain': {
    severity: 'error',
    message: (p: { domain: string; weight: number }) =>
      `Unexpected domain ${code(p.domain)} (${p.weight}% of the exam) with no rules, expected at least one rules table or list in a section of that domain (mock exams draw its share from its questions)`,
  },
  'missing-correction': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'unknown-item': {
    severity: 'warning',
    message: (p: { id: string; bank: string }) =>
      `Unexpected item id ${code(p.id)} in a retired table, expected the id of an item the generator makes (generated/${p.bank}/bank.json; a case study is retired whole)`,
  },
  'duplicate-id': {
    severity: 'error',
    message: (p: { what: string; id: string }) => `Unexpected second ${p.what} ${code(p.id)}, expected unique ids`,
  },
  'unknown-answer': {
    severity: 'error',
    message: (p: { text: string; suggestion: string | undefined }) =>
      `Unexpected option ${code(p.text)}, expected a catalog name or alias` +
      (p.suggestion === undefined ? '' : ` (did you mean ${code(p.suggestion)}?)`),
  },
  'bad-feature-value': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'unknown-feature': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'single-wording': {
    severity: 'error',
    message: (p: { fact: string }) =>
      `Unexpected single wording for fact ${code(p.fact)}, expected at least two sentences separated by \`<br>\``,
  },
  'contradicting-facts': {
    severity: 'error',
    message: (p: Mismatch) => `Unexpected ${p.found}, expected ${p.expected}`,
  },
  'missing-source': {
    severity: 'error',
    message: (p: { what: string }) => `Unexpected ${p.what} without a source, expected a documentation URL in its \`Source\` cell`,
  },
  'unreachable-option': {
    severity: 'warning',
    message: (p: { option: string }) =>
      `Unexpected option ${code(p.option)} that no combination of facts makes the only answer, expected facts that single it out`,
  },
  'unknown-decision': {
    severity: 'error',
    message: (p: { id: string; models: readonly string[] }) =>
      `Unexpected decision ${code(p.id)}, expected a model id: ${p.models.length === 0 ? 'no model is declared' : list(p.models)}`,
  },
  'no-case-study': {
    severity: 'error',
    message: (p: { reason: string }) => `Unexpected bank with case studies declared but none buildable (${p.reason}), expected a frame hosting models of three lifecycle stages`,
  },
} satisfies Record<string, Kind<never>>

export type RuleId = keyof typeof errors
export type Params<K extends RuleId> = Parameters<(typeof errors)[K]['message']>[0]

/** A second location shown with a message, e.g. the first of two duplicates. */
export interface Related {
  path: string
  point: Point
  reason: string
}

/** Attach a catalog message to `file` at `point`; errors are `fatal`. */
export function report<K extends RuleId>(
  file: VFile,
  ruleId: K,
  point: Point,
  params: Params<K>,
  related?: Related,
): void {
  const kind: Kind<Params<K>> = errors[ruleId] as Kind<Params<K>>
  // The cause is a message of its own file so that it carries its path.
  const cause =
    related === undefined
      ? undefined
      : new VFile({ path: related.path }).message(related.reason, { place: related.point, ruleId, source: 'quizgraph' })
  const message = file.message(kind.message(params), { place: point, ruleId, source: 'quizgraph', cause })
  message.fatal = kind.severity === 'error' ? true : false
}
