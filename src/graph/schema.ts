/**
 * The knowledge graph: one zod schema per concept. Types are inferred from
 * these; the generator, the API and the file checks all derive from them.
 */
import { z } from 'zod'

/** Where a node came from: the exact cell, list item or line in content/. */
export const Source = z
  .object({
    file: z.string().describe('Path relative to the project root, for example content/mla-c01/deploy.md'),
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
    scored: z.number().int().positive().optional().describe('Scored questions, when the exam publishes it'),
    minutes: z.number().int().positive(),
    passingScore: z
      .number()
      .describe('On the score scale; a percentage of the questions when the exam has no `scale`'),
    scale: z
      .tuple([z.number().int(), z.number().int()])
      .optional()
      .describe('Lowest and highest score; absent when the exam publishes none: scores are then percentages'),
    itemTypes: z.array(
      z.object({ type: ItemType, name: z.string(), shape: z.string(), scoring: z.string() }).strict(),
    ),
  })
  .strict()
export type ExamFormat = z.infer<typeof ExamFormat>

/** Who the questions are about: scenario wording comes from here, never from the code. */
export const Audience = z
  .object({
    role: z.string().min(1).optional().describe('The candidate\'s role, for example "ML engineer"'),
    organization: z.string().min(1).optional().describe('Who runs the workload, for example "company"'),
    workload: z.string().min(1).optional().describe('What is being built, for example "a machine learning workload on AWS"'),
  })
  .strict()
export type Audience = z.infer<typeof Audience>

/** How an answer kind reads in a sentence: "dr-strategy" → "disaster recovery strategy". */
export const KindNoun = z.object({ noun: z.string().min(1), plural: z.string().min(1) }).strict()
export type KindNoun = z.infer<typeof KindNoun>

/** The bank's own audit targets (`audit` table), stricter than the defaults derived from its size. */
export const AuditTargets = z
  .object({
    minimums: z.partialRecord(ItemType, z.number().int().min(0)).optional().describe('Least items per type'),
    positionTolerance: z.number().min(0).max(1).optional().describe('Each key position holds 25% ± this share'),
    keyLongest: z.number().min(0).max(1).optional().describe('Most items whose key is the longest option'),
    solver: z.number().min(0).max(1).optional().describe('Highest score of a cheap solver on four-option items'),
    scenario: z
      .object({
        items: z.number().int().min(0),
        multiple: z.number().int().min(0),
        cases: z.number().int().min(0),
        medianStemWords: z.number().int().min(0),
        domains: z.number().int().min(0),
        tasks: z.number().int().min(0),
      })
      .partial()
      .strict()
      .optional()
      .describe('Least scenario items, of which multiple response, case studies of 3+ questions, median stem words, domains and tasks covered'),
  })
  .strict()
export type AuditTargets = z.infer<typeof AuditTargets>

export const BankInfo = z
  .object({
    id: Id,
    title: z.string().min(1),
    description: z.string(),
    exam: ExamFormat,
    audience: Audience.optional(),
    kinds: z.record(z.string(), KindNoun).optional().describe('Display nouns of answer kinds (`kinds` table)'),
    audit: AuditTargets.optional(),
    source: Source,
  })
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
    literal: z
      .literal(true)
      .optional()
      .describe('The catalog writes the name as code (`kubectl drain`): shown exactly so, never re-cased, even at the start of a sentence'),
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
    sources: z.array(z.string().url()).min(1).optional().describe('Documentation pages behind the rows (`source:` lines)'),
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
    sources: z.array(z.string().url()).min(1).optional().describe('A paragraph trap’s documentation pages (`source:` lines); a table’s traps have the table’s'),
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
    sources: z.array(z.string().url()).min(1).optional().describe('Documentation pages behind the steps (`source:` lines)'),
    source: Source,
  })
  .strict()
export type Sequence = z.infer<typeof Sequence>

/** A feature of a decision model: what decides between its options. */
export const FeatureType = z.enum(['number', 'yesno', 'set', 'level'])
export type FeatureType = z.infer<typeof FeatureType>

export const Feature = z
  .object({
    name: z.string().min(1).describe('As written in the options table header'),
    type: FeatureType,
    unit: z.string().min(1).optional().describe('number features: the unit values are stored in (MB, s, ...)'),
    values: z.array(z.string().min(1)).optional().describe('set: allowed values; level: levels, lowest first'),
    says: z.array(z.string().min(1)).min(1).max(2).describe('Feedback phrase(s) with {value}; yesno: the phrase for yes, then for no'),
    source: Source,
  })
  .strict()
export type Feature = z.infer<typeof Feature>

/** What one option admits for one feature (number: an interval in the feature's unit). */
export const Admits = z.union([
  z.object({ kind: z.literal('any') }).strict(),
  z
    .object({
      kind: z.literal('range'),
      min: z.number().optional(),
      max: z.number().optional(),
      minOpen: z.boolean(),
      maxOpen: z.boolean(),
    })
    .strict(),
  z.object({ kind: z.literal('values'), values: z.array(z.string().min(1)).min(1) }).strict(),
])
export type Admits = z.infer<typeof Admits>

export const OptionValue = z
  .object({ feature: z.string().min(1), admits: Admits, text: z.string().min(1).describe('The cell as written, without its comparator') })
  .strict()
export type OptionValue = z.infer<typeof OptionValue>

export const ModelOption = z
  .object({
    answer: Id.describe('Catalog answer id'),
    solution: z.string().min(1).describe('The option as a solution sentence'),
    values: z.array(OptionValue),
    sources: z.array(z.string().url()).describe('Documentation pages for the row\'s limits'),
    source: Source,
  })
  .strict()
export type ModelOption = z.infer<typeof ModelOption>

/** A requirement a fact states: number → a quantity in the feature's unit; level → a bound. */
export const Requirement = z.union([
  z.object({ feature: z.string().min(1), kind: z.literal('number'), value: z.number(), text: z.string() }).strict(),
  z.object({ feature: z.string().min(1), kind: z.literal('value'), value: z.string().min(1), text: z.string() }).strict(),
  z
    .object({ feature: z.string().min(1), kind: z.literal('level'), op: z.enum(['<=', '>=', '=']), value: z.string().min(1), text: z.string() })
    .strict(),
])
export type Requirement = z.infer<typeof Requirement>

export const Fact = z
  .object({
    id: Id.describe('<bank>:model:<model id>:<fact id>'),
    key: z.string().min(1).describe('The fact id as written'),
    sets: z.array(Requirement).min(1),
    wordings: z.array(z.string().min(1)).min(2),
    excludes: z.array(Id).describe('Fact ids that cannot be stated with this one'),
    sources: z.array(z.string().url()),
    source: Source,
  })
  .strict()
export type Fact = z.infer<typeof Fact>

export const Stage = z.enum(['data', 'training', 'deployment', 'monitoring', 'security'])
export type Stage = z.infer<typeof Stage>

export const Model = z
  .object({
    id: Id.describe('<bank>:model:<id>'),
    key: z.string().min(1).describe('The model id as written'),
    title: z.string().min(1),
    decision: z.string().min(1),
    stage: Stage.optional(),
    goals: z.array(z.string().min(1)).min(1),
    question: z.string().min(1),
    questionMultiple: z.string().min(1).optional(),
    ask: z.string().min(1).optional().describe('The question asked about this decision inside a case study'),
    features: z.array(Feature).min(1),
    mustState: z.array(z.string().min(1)).describe('Features every scenario of this model states a fact about (`must-state:`)'),
    options: z.array(ModelOption).min(3),
    facts: z.array(Fact),
    domain: z.string().regex(/^\d$/),
    task: z.string().regex(/^\d\.\d$/),
    topic: Id,
    source: Source,
  })
  .strict()
export type Model = z.infer<typeof Model>

/** An organisation and workload a scenario can be about, and the decisions it can host. */
export const Frame = z
  .object({
    id: Id,
    organisation: z.string().min(1),
    situation: z.string().min(1),
    models: z.array(Id).min(1).describe('Model ids, in lifecycle order as written'),
    facts: z.array(Id).describe('Fact ids the frame implies: stated in every scenario of their model set in this frame'),
    excludes: z.array(Id).describe('Fact ids that do not fit the frame\'s workload: never stated in it'),
    source: Source,
  })
  .strict()
export type Frame = z.infer<typeof Frame>

/** LEAST operational overhead, MOST cost-effectively...: a tie-break on one feature. */
export const Qualifier = z
  .object({
    id: Id,
    phrase: z.string().min(1),
    feature: z.string().min(1),
    prefer: z.enum(['lowest', 'highest']),
    source: Source,
  })
  .strict()
export type Qualifier = z.infer<typeof Qualifier>
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
    models: z.array(Model),
    frames: z.array(Frame),
    qualifiers: z.array(Qualifier),
    retired: z.array(Retirement).optional().describe('Items retired by the authors (absent when none)'),
  })
  .strict()
export type Graph = z.infer<typeof Graph>
