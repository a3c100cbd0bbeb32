/**
 * The knowledge graph: one zod schema per concept. Types are inferred from
 * these; the generator, the API and the file checks all derive from them.
 */
import { z } from 'zod'

/** Where a node came from: the exact cell, list item or line in content/. */
export const Source = z
  .object({
    file: z.string().describe('Path relative to the project root, e.g. content/mla-c01/deploy.md'),
    line: z.number().int().min(1),
    column: z.number().int().min(1),
  })
  .strict()
export type Source = z.infer<typeof Source>

// `/` separates the heading slugs of topic ids (deployment-and-inference/deployment-traps).
export const Id = z.string().regex(/^[a-z0-9][a-z0-9./:-]*$/, 'lower-case id')

export const Task = z
  .object({ id: z.string().regex(/^\d\.\d$/), title: z.string().min(1), source: Source })
  .strict()
export type Task = z.infer<typeof Task>

export const Domain = z
  .object({
    id: z.string().regex(/^\d$/).describe('Domain number as a string: "1".."4"'),
    title: z.string().min(1),
    weight: z.number().min(0).max(100).describe('Percentage of scored content'),
    tasks: z.array(Task).min(1),
    source: Source,
  })
  .strict()
export type Domain = z.infer<typeof Domain>

export const ItemType = z.enum(['single', 'multiple', 'matching', 'ordering', 'case-study'])
export type ItemType = z.infer<typeof ItemType>

export const ExamFormat = z
  .object({
    questions: z.number().int().positive(),
    scored: z.number().int().positive(),
    minutes: z.number().int().positive(),
    passingScore: z.number().int(),
    scale: z.tuple([z.number().int(), z.number().int()]),
    itemTypes: z.array(
      z.object({ type: ItemType, name: z.string(), shape: z.string(), scoring: z.string() }).strict(),
    ),
  })
  .strict()
export type ExamFormat = z.infer<typeof ExamFormat>

export const BankInfo = z
  .object({ id: Id, title: z.string().min(1), description: z.string(), exam: ExamFormat, source: Source })
  .strict()
export type BankInfo = z.infer<typeof BankInfo>

/** A note kept from prose or from a list that is not parsed into rules. */
export const Note = z.object({ text: z.string().min(1), source: Source }).strict()
export type Note = z.infer<typeof Note>

export const Topic = z
  .object({
    id: Id.describe('Slug path of the heading, e.g. deployment-and-inference/deployment-traps'),
    title: z.string().min(1),
    depth: z.number().int().min(1).max(6),
    parentId: Id.optional(),
    domain: z.string().regex(/^\d$/).optional().describe('Absent for headings under no section (bank intro, catalog)'),
    task: z.string().regex(/^\d\.\d$/).optional(),
    notes: z.array(Note),
    source: Source,
  })
  .strict()
export type Topic = z.infer<typeof Topic>

/** What kind of thing an answer is; options of one item share a kind. */
export const AnswerKind = z.string().regex(/^[a-z][a-z-]*$/)

export const Answer = z
  .object({
    id: Id,
    name: z.string().min(1).describe('Canonical name'),
    aliases: z.array(z.string().min(1)),
    category: z.string().min(1),
    kind: AnswerKind,
    inScope: z.boolean().describe('false for services the exam guide names out of scope: never a distractor'),
    broader: z
      .array(Id)
      .min(1)
      .optional()
      .describe('Ids of the more general answers this one is a kind of (catalog `Broader` column): never a distractor where this one is right, nor the reverse'),
    source: Source,
  })
  .strict()
export type Answer = z.infer<typeof Answer>

export const CueKind = z.enum(['need', 'requirement', 'clue', 'symptom', 'scenario'])
export type CueKind = z.infer<typeof CueKind>

/** A table or list declared as rules or traps, with how questions about it are phrased. */
export const Table = z
  .object({
    id: Id,
    title: z.string().min(1),
    topic: Id,
    form: z.enum(['table', 'list']),
    role: z.enum(['rules', 'traps']),
    columns: z.array(z.string()).describe('Header cells as written (empty for lists)'),
    cueColumns: z.array(z.string()).optional().describe('Headers of the cue column(s), as written (tables only)'),
    answerColumn: z.string().optional().describe('Header of the answer column, as written (tables only)'),
    cueKind: CueKind,
    answerKind: AnswerKind,
    stems: z.array(z.string().min(1)).describe('Stem templates; {cue}, {answer} and {Column} placeholders'),
    multipleStems: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Stem templates for multiple-response items (`stem-multiple:`), asking for several answers; same placeholders'),
    domain: z.string().regex(/^\d$/),
    task: z.string().regex(/^\d\.\d$/),
    source: Source,
  })
  .strict()
export type Table = z.infer<typeof Table>

export const Rule = z
  .object({
    id: Id.describe('bank:table:cue-slug — survives edits elsewhere'),
    table: Id,
    cue: z.string().min(1),
    cueKind: CueKind,
    answer: z.string().min(1).describe('The answer cell as written'),
    answerIds: z.array(Id).min(1).describe('Accepted answers, resolved through the catalog'),
    rejectedIds: z.array(Id).describe('Answers the cell names as not fitting ("rather than X")'),
    reason: z.string().optional(),
    watch: z.string().optional(),
    details: z.record(z.string(), z.string()).describe('Other columns by header'),
    domain: z.string().regex(/^\d$/),
    task: z.string().regex(/^\d\.\d$/),
    topic: Id,
    source: Source,
  })
  .strict()
export type Rule = z.infer<typeof Rule>

export const Trap = z
  .object({
    id: Id,
    table: Id.optional(),
    mistake: z.string().min(1),
    correction: z.string().min(1),
    stems: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('A paragraph trap’s own stem templates (`stem:` in its `trap` declaration); {mistake}, {correction}, {wrong}'),
    wrongIds: z.array(Id).describe('The tempting wrong answers the mistake names'),
    rightIds: z.array(Id).describe('The answers the correction names'),
    ruleIds: z.array(Id).describe('Rules this trap bears on'),
    domain: z.string().regex(/^\d$/),
    task: z.string().regex(/^\d\.\d$/),
    topic: Id,
    source: Source,
  })
  .strict()
export type Trap = z.infer<typeof Trap>

export const Step = z
  .object({ id: Id, label: z.string().min(1), decision: z.boolean(), source: Source })
  .strict()
export type Step = z.infer<typeof Step>

export const Sequence = z
  .object({
    id: Id,
    title: z.string().min(1),
    steps: z.array(Step).min(2).describe('In order'),
    domain: z.string().regex(/^\d$/),
    task: z.string().regex(/^\d\.\d$/),
    topic: Id,
    source: Source,
  })
  .strict()
export type Sequence = z.infer<typeof Sequence>

/** An item taken out of exams and exports by the authors (`<!-- quizgraph retired -->` table); its id stays reserved. */
export const Retirement = z
  .object({
    id: z.string().min(1).describe('The generated item id'),
    reason: z.string().min(1),
    source: Source,
  })
  .strict()
export type Retirement = z.infer<typeof Retirement>

export const Graph = z
  .object({
    bank: BankInfo,
    domains: z.array(Domain),
    topics: z.array(Topic),
    tables: z.array(Table),
    rules: z.array(Rule),
    answers: z.array(Answer),
    traps: z.array(Trap),
    sequences: z.array(Sequence),
    retired: z.array(Retirement).optional().describe('Items retired by the authors (absent when none)'),
  })
  .strict()
export type Graph = z.infer<typeof Graph>
