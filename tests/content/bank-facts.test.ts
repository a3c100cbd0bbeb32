/**
 * What a second (or tenth) bank needs from its `00-bank.md` and catalog:
 * optional exam facts, estimates flagged, every declared domain covered,
 * traps with a correction, display nouns of kinds, its own audit targets,
 * and casing taken from the catalog. Each problem at its exact position.
 */
import { describe, expect, it } from 'vitest'
import { auditBank, generateBank } from '../../src/bank/index.js'
import { buildGraph, formatMessage, type ContentFile } from '../../src/content/index.js'
import { loadFixture } from './helpers.js'

/** The basic bank with one file's text changed. */
function edited(name: string, change: (text: string) => string): ContentFile[] {
  return loadFixture('basic').map((file) => (file.path.endsWith(`/${name}`) ? { ...file, text: change(file.text) } : file))
}

const build = (files: ContentFile[]) => {
  const result = buildGraph(files, { bank: 'basic' })
  return { ...result, printed: result.messages.map(formatMessage) }
}

const facts = (rows: string) => (text: string) =>
  text.replace(/\| Fact \| Value \|\n\| --- \| --- \|\n(\|.*\|\n)+/, `| Fact | Value |\n| --- | --- |\n${rows}`)

describe('exam facts', () => {
  it('need no scored questions and no score scale: the passing score is then a percentage', () => {
    const { graph, printed } = build(edited('00-bank.md', facts('| Questions | 17 |\n| Minutes | 120 |\n| Passing score | 66% |\n')))
    expect(printed).toEqual([])
    expect(graph?.bank.exam).toMatchObject({ questions: 17, minutes: 120, passingScore: 66 })
    expect(graph?.bank.exam.scale).toBeUndefined()
    expect(graph?.bank.exam.scored).toBeUndefined()
  })

  it('convert a percentage pass mark to the scale when there is one', () => {
    const { graph } = build(edited('00-bank.md', facts('| Questions | 65 |\n| Minutes | 130 |\n| Passing score | 70% |\n| Score scale | 100–1000 |\n')))
    expect(graph?.bank.exam.passingScore).toBe(730)
  })

  it('flag a pass mark written as an estimate, at its cell, and still read it', () => {
    const { graph, printed } = build(
      edited('00-bank.md', facts('| Questions | 60 |\n| Minutes | 90 |\n| Passing score | ~70% (not officially published) |\n')),
    )
    expect(printed).toEqual([
      'content/basic/00-bank.md:13:19 warning Unexpected estimate `~70% (not officially published)` for `Passing score`, expected a published value (read as 70; scores against it are estimates too) [estimated-value]',
    ])
    expect(graph?.bank.exam.passingScore).toBe(70)
  })

  it('refuse a pass mark above 100 with no scale to read it on', () => {
    const { graph, printed } = build(edited('00-bank.md', facts('| Questions | 60 |\n| Minutes | 90 |\n| Passing score | 720 |\n')))
    expect(graph).toBeUndefined()
    expect(printed).toEqual([
      'content/basic/00-bank.md:13:19 error Unexpected passing score `720` with no `Score scale`, expected a percentage like `70%`, or a `Score scale` row [bad-value]',
    ])
  })
})

describe('domains', () => {
  it('with no rules are an error at their row of the domains table', () => {
    const files = loadFixture('basic').filter((file) => !file.path.endsWith('/05-data.md'))
    const { graph, printed } = build(files)
    expect(graph).toBeUndefined()
    expect(printed).toEqual([
      'content/basic/00-bank.md:26:3 error Unexpected domain `1` (40% of the exam) with no rules, expected at least one rules table or list in a section of that domain (mock exams draw its share from its questions) [empty-domain]',
    ])
  })
})

describe('traps lists', () => {
  it('must name the correction: a pattern with only the mistake is an error at the pattern', () => {
    const { graph, printed } = build(
      edited('10-deploy.md', (text) => text.replace('pattern: “I chose {wrong}, but {mistake}; {answer} was better.”', 'pattern: “I chose {wrong}, but {mistake}; async inference was better.”')),
    )
    expect(graph).toBeUndefined()
    expect(printed).toEqual([
      'content/basic/10-deploy.md:87:10 error Unexpected traps pattern `“I chose {wrong}, but {mistake}; async inference was better.”` with no `{correction}` or `{answer}`, expected a pattern naming the correction, like `{mistake}: {correction}.` [missing-correction]',
    ])
  })
})

describe('kinds and audit tables', () => {
  const extra = `

<!-- quizgraph kinds -->
| Kind | Noun | Plural |
| --- | --- | --- |
| service | managed service | |

<!-- quizgraph audit -->
| Check | Target |
| --- | --- |
| single items | 3 |
| cheap solvers | 40% |
`
  it('name kinds in questions and hold the bank to its own targets', () => {
    const { graph, printed } = build(edited('01-catalog.md', (text) => text + extra))
    expect(printed).toEqual([])
    expect(graph?.bank.kinds).toEqual({ service: { noun: 'managed service', plural: 'managed services' } })
    expect(graph?.bank.audit).toEqual({ minimums: { single: 3 }, solver: 0.4 })
    const bank = generateBank(graph!)
    const report = auditBank(bank, graph!)
    expect(report.targets.minimums.single).toBe(3)
    expect(report.targets.solver).toBe(0.4)
    // Only the declared types (single, ordering) are generated.
    expect(new Set(bank.items.map((item) => item.type))).toEqual(new Set(['single', 'ordering']))
    // The fallback multiple stem and the matching stem would use the kind's noun; a direct stem without templates uses it too.
    const withoutStems = { ...graph!, tables: graph!.tables.map((table) => ({ ...table, stems: [] })) }
    const stems = generateBank(withoutStems).items.flatMap((item) => (item.type === 'single' ? [item.stem] : []))
    expect(stems.some((stem) => stem.startsWith('Which managed service best fits'))).toBe(true)
  })

  it('report an unknown audit check at its cell', () => {
    const { printed } = build(edited('01-catalog.md', (text) => text + extra.replace('| cheap solvers | 40% |', '| solver luck | 40% |')))
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(/^content\/basic\/01-catalog\.md:\d+:3 error Unexpected audit check `solver luck`, expected one of `single items`, .*`cheap solvers` \[bad-value\]$/)
  })
})
