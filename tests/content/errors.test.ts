import { describe, expect, it } from 'vitest'
import { buildGraph, errors, formatMessage } from '../../src/content/index.js'
import { loadCase } from './helpers.js'

/** Messages of a case, printed like the CLI prints them. */
function messages(name: string): { printed: string[]; built: boolean } {
  const result = buildGraph(loadCase(name), { bank: 'basic' })
  return { printed: result.messages.map(formatMessage), built: result.graph !== undefined }
}

describe('error catalog', () => {
  it('gives every kind a permanent id, a severity and an "Unexpected …, expected …" message', () => {
    expect(Object.keys(errors).sort()).toEqual([
      'bad-declaration', 'bad-feature-value', 'bad-sequence', 'bad-value', 'contradicting-facts', 'domain-weights', 'duplicate-alias',
      'duplicate-cue', 'duplicate-id', 'empty-cell', 'empty-domain', 'estimated-value', 'extra-cell', 'missing-cell', 'missing-correction',
      'missing-declaration', 'missing-domain', 'missing-source', 'no-case-study', 'single-wording', 'unknown-answer', 'unknown-column',
      'unknown-decision', 'unknown-feature', 'unknown-item', 'unknown-key', 'unknown-stem-placeholder', 'unknown-task', 'unmatched-item',
      'unreachable-option', 'unresolved-mention',
    ])
    expect(errors['unresolved-mention'].severity).toBe('warning')
    expect(Object.entries(errors).filter(([, kind]) => kind.severity === 'warning').map(([id]) => id).sort()).toEqual(['estimated-value', 'unknown-item', 'unreachable-option', 'unresolved-mention'])
  })
})

describe('author errors, each at the exact line and column', () => {
  it('missing cell, extra cell, empty cue and answer cells', () => {
    const result = messages('table-cells')
    expect(result.built).toBe(false)
    expect(result.printed).toEqual([
      'content/table-cells/10-case.md:16:38 error Unexpected missing `Key reason` cell, expected 3 cells, one per column [missing-cell]',
      'content/table-cells/10-case.md:17:45 error Unexpected extra cell `Extra`, expected 3 cells, one per column [extra-cell]',
      'content/table-cells/10-case.md:18:3 error Unexpected empty cue cell, expected a cue [empty-cell]',
      'content/table-cells/10-case.md:19:20 error Unexpected empty answer cell, expected an answer [empty-cell]',
    ])
  })

  it('a `source:` that is not an https URL', () => {
    expect(messages('bad-source').printed).toEqual([
      'content/bad-source/10-deploy.md:16:43 error Unexpected source `docs.example.com/no-scheme`, expected an https:// documentation URL [bad-value]',
    ])
  })

  it('duplicate cue, with the first one as cause', () => {
    expect(messages('duplicate-cue').printed).toEqual([
      'content/duplicate-cue/10-case.md:18:3 error Unexpected duplicate cue `Offline  Scoring`, expected each cue once per table [duplicate-cue]\n' +
        '  content/duplicate-cue/10-case.md:16:3 First used here',
    ])
  })

  it('table with no declaration', () => {
    expect(messages('missing-declaration').printed).toEqual([
      'content/missing-declaration/10-case.md:9:1 error Unexpected table with no declaration, expected a `<!-- quizgraph rules -->`, `traps`, `catalog`, `model`, `features`, `facts`, `frames`, `qualifiers` or `notes` comment directly before it [missing-declaration]',
    ])
  })

  it('declaration naming a column the table does not have (also inside `A + B`)', () => {
    expect(messages('unknown-column').printed).toEqual([
      'content/unknown-column/10-case.md:9:16 error Unexpected column `Traffic`, expected one of `Latency`, `Workload`, `Best starting answer` [unknown-column]',
      'content/unknown-column/10-case.md:11:9 error Unexpected column `Best answer`, expected one of `Latency`, `Workload`, `Best starting answer` [unknown-column]',
    ])
  })

  it('unknown declaration key', () => {
    expect(messages('unknown-key').printed).toEqual([
      'content/unknown-key/10-case.md:12:1 error Unexpected key `colour` in `rules` declaration, expected one of `id`, `title`, `cue`, `cue-kind`, `answer`, `reason`, `watch`, `answer-kind`, `split`, `stem`, `stem-multiple`, `domain`, `task`, `ignore`, `pattern`, `source` [unknown-key]',
    ])
  })

  it('bad declarations: unknown kind, nothing to describe, malformed line', () => {
    expect(messages('bad-declaration').printed).toEqual([
      'content/bad-declaration/10-case.md:7:16 error Unexpected declaration kind `rulez`, expected one of `bank`, `item-types`, `kinds`, `audit`, `domains`, `tasks`, `section`, `catalog`, `rules`, `traps`, `trap`, `sequence`, `notes`, `model`, `features`, `facts`, `frames`, `qualifiers`, `retired` [bad-declaration]',
      'content/bad-declaration/10-case.md:10:1 error Unexpected paragraph after a `rules` declaration, expected a table or list directly after it [bad-declaration]',
      'content/bad-declaration/10-case.md:21:1 error Unexpected line `this line has no colon`, expected a `key: value` line [bad-declaration]',
    ])
  })

  it('unresolved mention: a warning with the nearest catalog name, the graph still builds', () => {
    const result = buildGraph(loadCase('unresolved-mention'), { bank: 'basic' })
    expect(result.messages.map(formatMessage)).toEqual([
      'content/unresolved-mention/10-case.md:16:21 warning Unexpected unresolved mention `Batch transfrom`, expected a catalog name or alias (did you mean `Batch transform`?) [unresolved-mention]',
      'content/unresolved-mention/10-case.md:17:50 warning Unexpected unresolved mention `a quantum computer`, expected a catalog name or alias or an `ignore:` phrase [unresolved-mention]',
    ])
    // A cell naming nothing drops its rule; a cell naming something keeps what it names.
    const rules = result.graph?.rules.filter((rule) => rule.table === 'basic:mentions') ?? []
    expect(rules.map((rule) => [rule.cue, rule.answerIds])).toEqual([
      ['Intermittent traffic', ['sagemaker-serverless-inference']],
      ['Always-on API', ['sagemaker-real-time-endpoint']],
    ])
  })

  it('rules table under no domain', () => {
    expect(messages('missing-domain').printed).toEqual([
      'content/missing-domain/10-case.md:3:1 error Unexpected rules table under no domain, expected a `section` declaration above it or `domain:`/`task:` keys in its declaration [missing-domain]',
    ])
  })

  it('domain weights not summing to 100', () => {
    expect(messages('domain-weights').printed).toEqual([
      'content/domain-weights/00-bank.md:24:20 error Unexpected domain weights summing to 105%, expected 100% [domain-weights]',
    ])
  })

  it('unknown tasks: outside its domain, not in the tasks table, in another domain', () => {
    expect(messages('unknown-task').printed).toEqual([
      'content/unknown-task/00-bank.md:34:3 error Unexpected task `1.2` in domain `2`, expected a task numbered `2.x` [unknown-task]',
      'content/unknown-task/10-case.md:4:7 error Unexpected task `2.9`, expected one of the tasks table (`1.1`, `2.1`) [unknown-task]',
      'content/unknown-task/10-case.md:12:7 error Unexpected task `1.1` in domain `2`, expected a task of domain `2` (`2.1`) [unknown-task]',
    ])
  })

  it('list item matching no pattern', () => {
    expect(messages('unmatched-item').printed).toEqual([
      'content/unmatched-item/10-case.md:15:3 error Unexpected list item matching no pattern, expected one of `Need {cue}: {answer}.`, `If {cue}, think {answer}.` [unmatched-item]',
    ])
  })

  it('duplicate alias, with the first claim as cause', () => {
    expect(messages('duplicate-alias').printed).toEqual([
      'content/duplicate-alias/01-catalog.md:8:3 error Unexpected second `Endpoint` in the catalog, expected each name and alias once [duplicate-alias]\n' +
        '  content/duplicate-alias/01-catalog.md:6:54 First claimed here',
    ])
  })

  it('unknown stem placeholders and filters', () => {
    const allowed = 'expected one of `{cue}`, `{answer}`, `{Requirement}`, `{Better fit}`, `{…:lower}`, `{…:upper}`'
    expect(messages('unknown-stem-placeholder').printed).toEqual([
      `content/unknown-stem-placeholder/10-case.md:13:13 error Unexpected stem placeholder \`{Colour}\`, ${allowed} [unknown-stem-placeholder]`,
      `content/unknown-stem-placeholder/10-case.md:13:41 error Unexpected stem placeholder \`{cue:shout}\`, ${allowed} [unknown-stem-placeholder]`,
    ])
  })

  it('bad sequences: a branch off the forward path, an unordered list, an unreadable mermaid line', () => {
    expect(messages('bad-sequence').printed).toEqual([
      'content/bad-sequence/10-case.md:13:11 error Unexpected step `Deploy` off the forward path, expected every step on one path from `Collect` [bad-sequence]',
      'content/bad-sequence/10-case.md:19:1 error Unexpected unordered list, expected an ordered list (`1.`) or a mermaid flowchart [bad-sequence]',
      'content/bad-sequence/10-case.md:28:11 error Unexpected mermaid line `B ==> ((weird))`, expected nodes like `A[Step]` or `F{Decision?}` joined by `-->` [bad-sequence]',
    ])
  })

  it('a bank declared with an id other than its folder', () => {
    const result = buildGraph(loadCase('missing-domain'), { bank: 'other' })
    expect(result.messages.map(formatMessage)).toContain(
      'content/missing-domain/00-bank.md:5:1 error Unexpected bank id `basic` in folder `other`, expected `id: other` [bad-value]',
    )
  })
})
