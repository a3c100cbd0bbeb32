/**
 * Cross-file assembly: bank facts and catalog first, then every declared
 * block in document order, then mention resolution and trap links.
 */
import { readRetired } from './retired.js'
import type { VFile } from 'vfile'
import { Graph, type Domain, type Frame, type Model, type Qualifier, type Rule, type Sequence, type Table, type Topic, type Trap } from '../graph/schema.js'
import { readBankParts } from './bank-info.js'
import { readCatalog } from './catalog.js'
import { report } from './errors.js'
import { readFrames, readQualifiers } from './frames.js'
import { readModels } from './models.js'
import { unreachableOptions } from '../graph/solve.js'
import type { Block, FileOutline, TopicDraft } from './outline.js'
import { answerKind, resolveRule, type AnswerBook } from './resolve-rules.js'
import { resolveTraps } from './resolve-traps.js'
import { readRules, type RuleDraft } from './rules.js'
import { assignScope } from './scope.js'
import { readSequence } from './sequence.js'
import type { DraftContext, TableDraft } from './table-draft.js'
import { readTraps, type TrapDraft } from './traps.js'

export interface AssembleOptions {
  /** The bank id the folder implies; a `bank` declaration saying otherwise is an error. */
  bank?: string
}

/** The graph, or undefined when the parts are incomplete (the reason is reported on the files). */
export function assemble(files: readonly VFile[], options: AssembleOptions = {}): Graph | undefined {
  const outlines = files.map((file) => ({ file, outline: file.data.quizgraph ?? { topics: [], blocks: [] } }))
  const blocks = outlines.flatMap(({ outline }) => outline.blocks)
  const bankFile = blocks.find((block) => block.declaration.what === 'bank')?.file
  const lead = outlines.find(({ file }) => file === bankFile)?.outline.lead
  const first = files[0]
  if (first === undefined) return undefined
  const { bank, domains } = readBankParts(blocks, lead, first)
  if (bank !== undefined && options.bank !== undefined && bank.id !== options.bank) {
    report(bankFile ?? first, 'bad-value', { line: bank.source.line, column: bank.source.column }, {
      found: `bank id \`${bank.id}\` in folder \`${options.bank}\``,
      expected: `\`id: ${options.bank}\``,
    })
  }
  const catalog = readCatalog(blocks)
  const retired = readRetired(blocks)
  const context: DraftContext = { bank: bank?.id ?? options.bank ?? 'bank', domains, ids: new Map() }
  const topics = readTopics(outlines, domains)

  const ruleDrafts: RuleDraft[] = []
  const trapDrafts: TrapDraft[] = []
  const sequences: Sequence[] = []
  for (const block of blocks) {
    const { what } = block.declaration
    if (what === 'rules') ruleDrafts.push(...readRules(block, context))
    else if (what === 'traps' || what === 'trap') trapDrafts.push(...readTraps(block, context))
    else if (what === 'sequence') {
      const sequence = readSequence(block, context)
      if (sequence !== undefined) sequences.push(sequence)
    }
  }

  const book: AnswerBook = { answers: new Map(catalog.answers.map((answer) => [answer.id, answer])), terms: catalog.terms }
  const rules = ruleDrafts.flatMap((draft) => resolveRule(draft, book) ?? [])
  const traps = resolveTraps(trapDrafts, book, rules, context.bank)
  const tables = readTables(ruleDrafts, trapDrafts, rules, traps, book)
  const models = readModels(blocks, book, context)
  const frames = readFrames(blocks, models)
  const qualifiers = readQualifiers(blocks, models)
  warnUnreachable(files, models, qualifiers, book)
  if (bank?.exam.itemTypes.some((type) => type.type === 'case-study')) checkCaseStudies(blocks, models, frames, bankFile ?? first, bank.source)

  // Only once the rest is clean: a domain emptied by another error is that error's consequence.
  if (!files.some((file) => file.messages.some((message) => message.fatal === true))) reportEmptyDomains(files, domains, [...rules, ...models])

  if (bank === undefined || files.some((file) => file.messages.some((message) => message.fatal === true))) return undefined
  const graph = {
    bank,
    domains,
    topics,
    tables,
    rules,
    answers: [...book.answers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    traps,
    sequences,
    models,
    frames,
    qualifiers,
    ...(retired.length > 0 ? { retired } : {}),
  }
  // A graph the schema refuses is a bug in this stage, not an author's mistake.
  const parsed = Graph.safeParse(graph)
  if (!parsed.success) throw new Error(`quizgraph produced an invalid graph: ${parsed.error.message}`)
  return parsed.data
}

/**
 * A bank that declares case studies needs a frame hosting decisions of three
 * lifecycle stages (each with a stage and an `ask:`): otherwise none can be built.
 */
function checkCaseStudies(blocks: readonly Block[], models: readonly Model[], frames: readonly Frame[], bankFile: VFile, bankSource: { line: number; column: number }): void {
  const byId = new Map(models.map((model) => [model.id, model]))
  const stagesOf = (frame: Frame) => new Set(frame.models.flatMap((id) => { const model = byId.get(id); return model?.stage !== undefined && model.ask !== undefined ? [model.stage] : [] }))
  if (frames.some((frame) => stagesOf(frame).size >= 3)) return
  const table = blocks.find((block) => block.declaration.what === 'frames')
  const reason =
    table === undefined
      ? 'no `frames` table'
      : `the frames host decisions of at most ${Math.max(0, ...frames.map((frame) => stagesOf(frame).size))} lifecycle stages with an \`ask:\``
  report(table?.file ?? bankFile, 'no-case-study', table?.declaration.point ?? { line: bankSource.line, column: bankSource.column }, { reason })
}

/** A model in which some option can never be the key teaches nothing about that option. */
function warnUnreachable(files: readonly VFile[], models: readonly Model[], qualifiers: readonly Qualifier[], book: AnswerBook): void {
  for (const model of models) {
    const file = files.find((item) => item.path === model.source.file)
    if (file === undefined) continue
    for (const option of unreachableOptions(model, qualifiers)) {
      const name = book.answers.get(option.answer)?.name ?? option.answer
      report(file, 'unreachable-option', { line: option.source.line, column: option.source.column }, { option: name })
    }
  }
}

/**
 * A declared domain with no rules: its share of a mock exam has nothing to
 * draw from (an error, rather than exams silently weighting other domains).
 */
function reportEmptyDomains(files: readonly VFile[], domains: readonly Domain[], sources: ReadonlyArray<{ domain: string }>): void {
  // Rules and decision models both give a domain questions.
  const used = new Set(sources.map((source) => source.domain))
  for (const domain of domains) {
    if (used.has(domain.id)) continue
    const file = files.find((candidate) => candidate.path === domain.source.file)
    if (file !== undefined) report(file, 'empty-domain', domain.source, { domain: domain.id, weight: domain.weight })
  }
}

function readTopics(outlines: ReadonlyArray<{ file: VFile; outline: FileOutline }>, domains: readonly Domain[]): Topic[] {
  const seen = new Map<string, TopicDraft>()
  const topics: Topic[] = []
  for (const { file, outline } of outlines) {
    for (const draft of outline.topics) {
      if (seen.has(draft.id)) {
        report(file, 'duplicate-id', draft.point, { what: 'topic', id: draft.id })
        continue
      }
      seen.set(draft.id, draft)
      const topic: Topic = {
        id: draft.id,
        title: draft.title,
        depth: draft.depth,
        notes: draft.notes.map((note) => ({ text: note.text, source: { file: file.path, ...note.point } })),
        source: { file: file.path, ...draft.point },
      }
      if (draft.parentId !== undefined) topic.parentId = draft.parentId
      // A section names a task (and so its domain); a section with a domain only
      // is checked by the blocks under it, which must then name their task.
      if (draft.scope.task !== undefined) {
        const scope = assignScope(draft.scope, domains, file, 'section', draft.point)
        if (scope !== undefined) (topic.domain = scope.domain), (topic.task = scope.task)
      } else if (draft.scope.domain !== undefined && domains.some((domain) => domain.id === draft.scope.domain?.text)) {
        topic.domain = draft.scope.domain.text
      }
      topics.push(topic)
    }
  }
  return topics
}

/** Tables in document order; an undeclared answer kind is the most common one of its answers. */
function readTables(
  ruleDrafts: readonly RuleDraft[],
  trapDrafts: readonly TrapDraft[],
  rules: readonly Rule[],
  traps: readonly Trap[],
  book: AnswerBook,
): Table[] {
  const drafts = new Map<string, TableDraft>()
  for (const draft of [...ruleDrafts.map((rule) => rule.draft), ...trapDrafts.flatMap((trap) => trap.draft ?? [])]) {
    drafts.set(draft.table.id, draft)
  }
  const ordered = [...drafts.values()].sort(
    (a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) || a.table.source.line - b.table.source.line,
  )
  // Answer ids by table, rules' before traps', each in document order.
  const ruleIds = new Map<string, string[]>()
  const trapIds = new Map<string, string[]>()
  const push = (map: Map<string, string[]>, table: string, ids: readonly string[]) => {
    const list = map.get(table)
    if (list === undefined) map.set(table, [...ids])
    else list.push(...ids)
  }
  for (const rule of rules) push(ruleIds, rule.table, rule.answerIds)
  for (const trap of traps) if (trap.table !== undefined) push(trapIds, trap.table, [...trap.wrongIds, ...trap.rightIds])
  return ordered.map((draft) => {
    const ids = [...(ruleIds.get(draft.table.id) ?? []), ...(trapIds.get(draft.table.id) ?? [])]
    return { ...draft.table, answerKind: answerKind(draft.answerKind, ids, book.answers) }
  })
}
