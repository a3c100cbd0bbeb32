/**
 * Fuzzing the content stage: any Markdown → positioned messages, never an
 * exception; mutations of the real content → the expected message kind at
 * the mutated line; a failing generate leaves generated/ untouched.
 * Bounded: fixed seeds and run counts, a few seconds in all.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { readContent, run } from '../../src/cli/generate.js'
import { buildGraph, type ContentFile, type ContentMessage } from '../../src/content/index.js'
import { build } from '../../src/pipeline.js'
import { cellsOf, replaceLine, rowOf, rulesTables } from './content-tables.js'

const root = new URL('../..', import.meta.url).pathname
const real = readContent(root).filter((file) => file.path.startsWith('content/mla-c01/'))
const shared = real.filter((file) => /\/(00-bank|01-catalog)\.md$/.test(file.path))
const tables = rulesTables(real)
const baseline = buildGraph(real, { bank: 'mla-c01' })
const names = (baseline.graph?.answers ?? []).flatMap((answer) => [answer.name, ...answer.aliases]).map((n) => n.toLowerCase())

function expectPositioned(messages: readonly ContentMessage[], files: readonly ContentFile[]): void {
  const lineCounts = new Map(files.map((file) => [file.path, file.text.split('\n').length]))
  for (const message of messages) {
    expect(lineCounts.has(message.file), `message on a file that was not given: ${message.file}`).toBe(true)
    expect(message.line).toBeGreaterThanOrEqual(1)
    expect(message.line).toBeLessThanOrEqual(lineCounts.get(message.file)! + 1)
    expect(message.column).toBeGreaterThanOrEqual(1)
    expect(message.ruleId).toMatch(/^[a-z]+(-[a-z]+)*$/)
    expect(message.ruleId).not.toBe('unknown')
    expect(message.reason).toMatch(/^Unexpected /)
    expect(['error', 'warning']).toContain(message.severity)
  }
}

// ------------------------------------------------------------ arbitrary Markdown

const word = fc.constantFrom('S3', 'Amazon S3', 'SageMaker', 'Glue', 'data', 'drift', '{cue}', '{answer}', '`x`', '**b**', 'é', '🙂', '\\|', '<b>', '&amp;', '')
const text = fc.oneof(fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 }))
const cell = fc.oneof(text, fc.constant(''), fc.constant(' '))
const row = fc.array(cell, { minLength: 0, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |`)
const table = fc.tuple(row, fc.array(row, { maxLength: 5 })).map(([head, rows]) => [head, '| --- | --- | --- |', ...rows].join('\n'))
const key = fc.constantFrom('id', 'cue', 'answer', 'reason', 'watch', 'cue-kind', 'answer-kind', 'split', 'stem', 'pattern', 'domain', 'task', 'ignore', 'mistake', 'correction', 'title', 'colour')
const kind = fc.constantFrom('rules', 'traps', 'trap', 'notes', 'catalog', 'section', 'sequence', 'bank', 'domains', 'tasks', 'item-types', 'bogus', '')
const declaration = fc
  .tuple(kind, fc.array(fc.tuple(key, text).map(([k, v]) => `${k}: ${v}`), { maxLength: 5 }), fc.boolean())
  .map(([k, lines, closed]) => [`<!-- quizgraph ${k}`, ...lines, closed ? '-->' : ''].join('\n'))
const block = fc.oneof(
  text.map((t) => `${'#'.repeat(1 + (t.length % 6))} ${t}`),
  text,
  table,
  declaration,
  fc.array(text, { maxLength: 4 }).map((items) => items.map((i) => `- ${i}`).join('\n')),
  fc.array(text, { maxLength: 4 }).map((items) => items.map((i, n) => `${n + 1}. ${i}`).join('\n')),
  fc.constant('```mermaid\nflowchart LR\nA[Start] --> B{Choose} --> C[End]\nC --> A\n```'),
  fc.constant('```mermaid\nflowchart LR\nA[ --> \n```'),
  fc.constant('<!-- quizgraph trap -->\nCommon trap: using S3 when Amazon EFS is needed. Use EFS.'),
  fc.constant('<!-- unclosed comment'),
  fc.constant('\u0000\uFFFD\u202E'),
)
const markdown = fc.array(block, { maxLength: 8 }).map((blocks) => blocks.join('\n\n'))

describe('arbitrary Markdown', () => {
  it('should build or report positioned messages, never throw (alone)', () => {
    fc.assert(
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 3 }), (texts) => {
        const files = texts.map((t, i) => ({ path: `content/fz/${String(i).padStart(2, '0')}-x.md`, text: t }))
        const result = build(files)
        expectPositioned(result.messages, files)
      }),
      { seed: 20260601, numRuns: 150 },
    )
  })

  it('should build or report positioned messages, never throw (beside the real bank facts and catalog)', () => {
    // With a valid bank and catalog a random file can reach the graph and the generator.
    fc.assert(
      fc.property(markdown, (t) => {
        const files = [...shared, { path: 'content/mla-c01/50-fuzz.md', text: t }]
        const result = build(files)
        expectPositioned(result.messages, files)
      }),
      { seed: 20260602, numRuns: 30 },
    )
  })
})

// ------------------------------------------------------------ mutations of the real content

interface Mutation {
  name: string
  /** Which tables it applies to. */
  applies: (t: (typeof tables)[number]) => boolean
  /** New lines for the row at `line` of `cells`; or undefined to skip this row. */
  lines: (cells: string[], t: (typeof tables)[number], line: string) => string[] | undefined
  ruleId: string
  /** The line the message must be on, relative to the mutated row. */
  offset?: number
}

const mentionsCatalogName = (text: string) =>
  names.some((name) => new RegExp(`(^|[^\\w])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`, 'i').test(text))

const mutations: Mutation[] = [
  { name: 'dropped cell', applies: () => true, lines: (c) => [rowOf(c.slice(0, -1))], ruleId: 'missing-cell' },
  { name: 'extra cell', applies: () => true, lines: (c) => [rowOf([...c, 'one more'])], ruleId: 'extra-cell' },
  { name: 'emptied cue cell', applies: () => true, lines: (c, t) => [rowOf(c.map((v, i) => (i === t.cueColumn ? '' : v)))], ruleId: 'empty-cell' },
  { name: 'emptied answer cell', applies: () => true, lines: (c, t) => [rowOf(c.map((v, i) => (i === t.answerColumn ? '' : v)))], ruleId: 'empty-cell' },
  { name: 'duplicated row', applies: () => true, lines: (_c, _t, line) => [line, line], ruleId: 'duplicate-cue', offset: 1 },
  {
    name: 'unknown service',
    applies: (t) => t.split === 'mentions',
    lines: (c, t) => [rowOf(c.map((v, i) => (i === t.answerColumn ? 'Amazon Zorblax Inference' : v)))],
    ruleId: 'unresolved-mention',
  },
  {
    // Cue and answer swapped: caught when the cue (now the answer) names nothing in the catalog.
    // A cue naming a service ("… in S3") resolves to it and goes unnoticed: the format accepts any cell with a mention.
    name: 'swapped cue and answer cells',
    applies: (t) => t.split === 'mentions',
    lines: (c, t) =>
      mentionsCatalogName(c[t.cueColumn]!) ? undefined : [rowOf(c.map((v, i) => (i === t.cueColumn ? c[t.answerColumn]! : i === t.answerColumn ? c[t.cueColumn]! : v)))],
    ruleId: 'unresolved-mention',
  },
]

const tableArb = fc.constantFrom(...tables)
const pick = fc.tuple(tableArb, fc.nat())

function mutate(t: (typeof tables)[number], rowIndex: number, mutation: Mutation): { files: ContentFile[]; line: number } | undefined {
  const file = real.find((f) => f.path === t.file)!
  const line = t.rows[rowIndex % t.rows.length]!
  const original = file.text.split('\n')[line - 1]!
  const replacement = mutation.lines(cellsOf(original), t, original)
  if (replacement === undefined) return undefined
  return { files: [...shared, { path: file.path, text: replaceLine(file.text, line, replacement) }], line: line + (mutation.offset ?? 0) }
}

describe('mutations of the real content', () => {
  it('should start from content with no message', () => {
    expect(baseline.messages.filter((m) => m.severity === 'error')).toEqual([])
    expect(tables.length).toBeGreaterThan(10)
  })

  for (const mutation of mutations) {
    it(`should report ${mutation.ruleId} at the line of a ${mutation.name}`, () => {
      fc.assert(
        fc.property(pick.filter(([t]) => mutation.applies(t)), ([t, n]) => {
          const mutated = mutate(t, n, mutation)
          fc.pre(mutated !== undefined)
          const { messages } = buildGraph(mutated!.files, { bank: 'mla-c01' })
          expectPositioned(messages, mutated!.files)
          const found = messages.filter((m) => m.file === t.file && m.line === mutated!.line).map((m) => m.ruleId)
          expect(found, `${t.file}:${mutated!.line} ${JSON.stringify(messages.map((m) => `${m.line} ${m.ruleId}`))}`).toContain(mutation.ruleId)
        }),
        { seed: 20260610 + mutation.name.length, numRuns: 10 },
      )
    })
  }

  /** `line`: where the message must be; undefined: anywhere from the declaration on (an unclosed comment swallows what follows). */
  const declarationMutations: Array<{ name: string; edit: (lines: string[], at: number) => void; ruleId: string; line: (at: number) => number | undefined }> = [
    { name: 'unknown key', edit: (l, at) => l.splice(at, 0, 'colour: blue'), ruleId: 'unknown-key', line: (at) => at + 1 },
    { name: 'line with no colon', edit: (l, at) => l.splice(at, 0, 'this line has no colon'), ruleId: 'bad-declaration', line: (at) => at + 1 },
    { name: 'unclosed declaration', edit: (l, at) => l.splice(l.findIndex((x, i) => i >= at && x.startsWith('-->')), 1), ruleId: 'bad-declaration', line: () => undefined },
    {
      name: 'declaration removed',
      edit: (l, at) => l.splice(at - 1, l.findIndex((x, i) => i >= at && x.startsWith('-->')) - at + 2),
      ruleId: 'missing-declaration',
      line: (at) => at,
    },
    { name: 'unknown column', edit: (l, at) => l.splice(at, 0, 'reason: No such column'), ruleId: 'unknown-column', line: (at) => at + 1 },
  ]
  for (const mutation of declarationMutations) {
    it(`should report ${mutation.ruleId} for a broken declaration (${mutation.name})`, () => {
      fc.assert(
        fc.property(tableArb, (t) => {
          const file = real.find((f) => f.path === t.file)!
          const lines = file.text.split('\n')
          mutation.edit(lines, t.declarationLine)
          const files = [...shared, { path: file.path, text: lines.join('\n') }]
          const { messages } = buildGraph(files, { bank: 'mla-c01' })
          expectPositioned(messages, files)
          const at = mutation.line(t.declarationLine)
          const found = messages
            .filter((m) => m.file === t.file && (at === undefined ? m.line >= t.declarationLine : m.line === at))
            .map((m) => m.ruleId)
          expect(found, `${t.file}:${at} ${JSON.stringify(messages.map((m) => `${m.line} ${m.ruleId}`))}`).toContain(mutation.ruleId)
        }),
        { seed: 20260620 + mutation.name.length, numRuns: 6 },
      )
    })
  }
})

// ------------------------------------------------------------ no write on error

describe('generate with an error', () => {
  const temporary = mkdtempSync(join(tmpdir(), 'quizgraph-fuzz-'))
  afterAll(() => rmSync(temporary, { recursive: true, force: true }))

  const digest = (dir: string) => {
    const hash = createHash('sha256')
    if (!existsSync(dir)) return 'absent'
    for (const name of (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
      const path = join(dir, name)
      try {
        hash.update(name).update(readFileSync(path))
      } catch {
        hash.update(name + '/')
      }
    }
    return hash.digest('hex')
  }

  it('should leave generated/ untouched, byte for byte, and leave no temporary folder', () => {
    cpSync(join(root, 'content'), join(temporary, 'content'), { recursive: true })
    if (existsSync(join(root, 'generated'))) cpSync(join(root, 'generated'), join(temporary, 'generated'), { recursive: true })
    else writeFileSync(join(temporary, 'generated'), '') // a file where the folder would be: must survive too
    const before = digest(join(temporary, 'generated'))
    fc.assert(
      fc.property(pick, fc.constantFrom(...mutations.slice(0, 5)), ([t, n], mutation) => {
        const mutated = mutate(t, n, mutation)!
        const target = join(temporary, t.file)
        const original = readFileSync(target, 'utf8')
        writeFileSync(target, mutated.files.at(-1)!.text)
        try {
          const logged: string[] = []
          expect(run(temporary, false, (line) => logged.push(line))).toBe(1)
          expect(logged.at(-1)).toMatch(/nothing written/)
        } finally {
          writeFileSync(target, original)
        }
        expect(digest(join(temporary, 'generated'))).toBe(before)
        expect(readdirSync(temporary).filter((name) => name.startsWith('.generated'))).toEqual([])
      }),
      { seed: 20260630, numRuns: 4 },
    )
  })
})
