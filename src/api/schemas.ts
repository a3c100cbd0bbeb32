/**
 * The API's own schemas: what it accepts and what it answers. Request schemas
 * validate requests and, through @hono/zod-openapi, become the OpenAPI
 * document; response schemas describe bodies and are checked by the contract tests.
 * Bank and graph shapes are reused from src/bank and src/graph, never restated.
 */
import { z } from '@hono/zod-openapi'
import {
  Answer as GraphAnswer,
  Domain as GraphDomain,
  ExamFormat as GraphExamFormat,
  Graph as GraphSchema,
  ItemType as GraphItemType,
  Rule as GraphRule,
  Trap as GraphTrap,
} from '../graph/schema.js'
import {
  Difficulty as BankDifficulty,
  Explanation as BankExplanation,
  MatchingItem,
  MultipleItem,
  OrderingItem,
  SingleItem,
  CaseStudyItem,
} from '../bank/schema.js'
import { maxSeed, maxSeedLength } from './random.js'

// ---------------------------------------------------------------- components

/**
 * Names a schema made in src/graph or src/bank as an OpenAPI component. Those
 * modules import plain zod, and zod 4 instances made before @hono/zod-openapi
 * extends zod lack `.openapi`, so the method is taken from the prototype.
 */
function component<T extends z.ZodType>(schema: T, name: string, metadata?: { description: string }): T {
  const openapi = (z.ZodType.prototype as unknown as { openapi: (this: T, ...args: unknown[]) => T }).openapi
  return metadata ? openapi.call(schema, name, metadata) : openapi.call(schema, name)
}

export const ItemType = component(GraphItemType, 'ItemType')
export const Difficulty = component(BankDifficulty, 'Difficulty')
export const Explanation = component(BankExplanation, 'Explanation')
export const Rule = component(GraphRule, 'Rule')
export const Trap = component(GraphTrap, 'Trap')
export const CatalogAnswer = component(GraphAnswer, 'CatalogAnswer', {
  description: 'An answer node of the knowledge graph (a service, feature, strategy, ...)',
})
export const Graph = component(GraphSchema, 'Graph')
export const ExamFormat = component(GraphExamFormat, 'ExamFormat')

// ---------------------------------------------------------------- questions

export const OptionView = z
  .object({
    id: z.string().describe('Opaque option id: answer with it, never with a position'),
    text: z.string(),
    feedback: z.string().optional().describe('Why this option is right or wrong (reveal=true only)'),
  })
  .strict()
  .openapi('Option')

const PairKey = z.object({ prompt: z.string(), choice: z.string() }).strict().openapi('MatchPair')

const revealed = {
  explanation: Explanation.optional().describe('Present with reveal=true'),
}

const CaseStudyRef = z
  .object({ id: z.string(), scenario: z.string() })
  .strict()
  .describe('Set when the question belongs to a case study (GET of one of its questions)')

export const SingleQuestion = SingleItem.omit({ options: true, answer: true, explanation: true })
  .extend({
    options: z.array(OptionView),
    answer: z.array(z.string()).optional().describe('The one option id to send (reveal=true only)'),
    ...revealed,
    caseStudy: CaseStudyRef.optional(),
  })
  .strict()
  .openapi('SingleQuestion')

export const MultipleQuestion = MultipleItem.omit({ options: true, answer: true, explanation: true })
  .extend({
    options: z.array(OptionView),
    answer: z.array(z.string()).optional().describe('The option ids to send, any order (reveal=true only)'),
    ...revealed,
    caseStudy: CaseStudyRef.optional(),
  })
  .strict()
  .openapi('MultipleQuestion')

export const OrderingQuestion = OrderingItem.omit({ options: true, answer: true, explanation: true })
  .extend({
    options: z.array(OptionView),
    answer: z.array(z.string()).optional().describe('All option ids in the correct order (reveal=true only)'),
    ...revealed,
  })
  .strict()
  .openapi('OrderingQuestion')

export const MatchingQuestion = MatchingItem.omit({ choices: true, answer: true, explanation: true })
  .extend({
    choices: z.array(OptionView),
    answer: z.array(PairKey).optional().describe('One pair per prompt, any order (reveal=true only)'),
    ...revealed,
  })
  .strict()
  .openapi('MatchingQuestion')

export const CaseQuestion = z.discriminatedUnion('type', [SingleQuestion, MultipleQuestion]).openapi('CaseQuestion')

export const CaseStudyQuestion = CaseStudyItem.omit({ questions: true, explanation: true })
  .extend({
    questions: z.array(CaseQuestion).describe('Answered and scored one by one, by their own ids'),
    ...revealed,
  })
  .strict()
  .openapi('CaseStudyQuestion')

export const Question = z
  .discriminatedUnion('type', [SingleQuestion, MultipleQuestion, MatchingQuestion, OrderingQuestion, CaseStudyQuestion])
  .openapi('Question', {
    description:
      'A question as served. Answers, option feedback and explanations are present only with reveal=true; ' +
      'what `answer` shows is exactly what the answer and grade operations accept.',
  })
export type Question = z.infer<typeof Question>

/** What a learner sends for one question: option ids, or prompt→choice pairs for matching. */
export const ItemResponse = z
  .union([
    z.array(z.string().max(100)).max(50).describe('Option ids: single, multiple (any order), ordering (in order)'),
    z.array(PairKey).max(50).describe('Matching: one pair per prompt'),
  ])
  .openapi('Response')
export type ItemResponse = z.infer<typeof ItemResponse>

export const AnswerKey = z
  .union([z.array(z.string()), z.array(PairKey)])
  .openapi('AnswerKey', { description: 'Same shape as a Response: what is accepted as correct' })
export type AnswerKey = z.infer<typeof AnswerKey>

export const OptionFeedback = z
  .object({
    id: z.string().describe('The option (or matching choice) chosen'),
    correct: z.boolean().describe('Whether this choice is part of the key (in its place, for ordering and matching)'),
    feedback: z.string(),
    prompt: z.string().optional().describe('Matching: the prompt it was matched to'),
  })
  .strict()
  .openapi('OptionFeedback')

/** A pseudonymous learner id, stored only as an HMAC (statistics, erasure). */
const learner = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Optional pseudonymous learner id; stored only as HMAC-SHA256 under the server secret, to let the learner’s records be erased')

export const AnswerRequest = z
  .object({ response: ItemResponse, learner })
  .strict()
  .openapi('AnswerRequest')

export const AnswerResult = z
  .object({
    id: z.string(),
    correct: z.boolean(),
    answer: AnswerKey,
    explanation: Explanation,
    feedback: z.array(OptionFeedback).describe('Feedback for each option chosen'),
  })
  .strict()
  .openapi('AnswerResult')

export const QuestionPage = z
  .object({
    items: z.array(Question),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    total: z.number().int().min(0).describe('Questions matching the filters, less the excluded ones'),
    seed: z.number().int().optional().describe('The seed used, with order=random (a string seed as the number it hashes to)'),
  })
  .strict()
  .openapi('QuestionPage')

// ---------------------------------------------------------------- request parameters

/** Several values: repeat the parameter (`type=single&type=multiple`) or join them with commas. */
function many<T extends z.ZodType>(item: T, max = 50) {
  return z
    .preprocess((value) => {
      // Anything but a string or a list of strings is left for the array check to refuse.
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) return value
      const list = Array.isArray(value) ? value : [value]
      return list.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '')
    }, z.array(item).max(max))
    .optional()
}

const listParam = (description: string, example?: string) =>
  ({ param: { style: 'form', explode: true }, description, ...(example ? { example: [example] } : {}) }) as const

const reveal = z
  .enum(['true', 'false'])
  .optional()
  .openapi({ description: 'Include answers, option feedback and explanations' })

/** An integer query parameter; only digit strings are converted, so `null` is never taken for 0. */
const integer = (schema: z.ZodNumber) => z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v), schema)

const limit = integer(z.number().int().min(1).max(100))
  .default(10)
  .openapi({ description: 'Page size, 1–100' })

/** A seed: an integer 0–4294967295, or any other string of up to 128 characters (a learner or attempt id), hashed. */
const seedInteger = z.number().int().min(0).max(maxSeed)
const seedString = z
  .string()
  .min(1)
  .max(maxSeedLength)
  .refine((v) => !/^-?\d+$/.test(v) || Number(v) <= maxSeed && !v.startsWith('-'), {
    message: `Numeric seeds are integers 0–${maxSeed}`,
  })
export const Seed = z.union([seedInteger, seedString]).openapi('Seed', {
  description:
    `An integer 0–${maxSeed}, or a string of 1–${maxSeedLength} characters (a learner or attempt id) hashed to one ` +
    '(FNV-1a, 32 bits); a digit string is that integer. The same seed gives the same order or exam on every server.',
  example: 'learner-42',
})

/** In a query every value is a string: digits are the integer seed, anything else is hashed. */
const seed = seedString
  .optional()
  .openapi({ description: 'Seed for a reproducible random order: an integer 0–4294967295 or a string of up to 128 characters (hashed)' })

const exclude = many(z.string().max(100), 250).openapi(
  listParam('Question ids the client has already seen (up to 250); a case study is excluded with any of its questions'),
)

const domainFilter = many(z.string().max(20)).openapi(listParam('Domain number(s), e.g. 1', '1'))
const taskFilter = many(z.string().max(20)).openapi(listParam('Task statement(s), e.g. 1.2', '1.2'))
const topicFilter = many(z.string().max(200)).openapi(listParam('Topic id(s)'))
const tagFilter = many(z.string().max(200)).openapi(listParam('Tag(s), e.g. error:wrong-service'))

/**
 * Path parameters. The examples here are placeholders of the right shape; the
 * document a server serves at /openapi.json replaces them with ids from the first
 * bank it holds (app.ts), so "try it" and fuzzers reach real questions and exams.
 */
export const BankParams = z.object({
  bank: z.string().openapi({
    param: { name: 'bank', in: 'path' },
    description: 'Bank id, as GET /v1/banks lists it (the folder name under content/), for example mla-c01 or cka',
    example: 'mla-c01',
  }),
})
export const QuestionParams = BankParams.extend({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Question id (a case study’s questions have their own), from GET /v1/banks/{bank}/questions',
    // for example an MLA-C01 question id (replaced by a real one in the served document)
    example: 'single-mla-c01-data-storage-and-formats-efb19fd3',
  }),
})
export const ExamParams = BankParams.extend({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Exam id from POST /v1/banks/{bank}/exams: `<bank version>-<seed base 36>-<size>`',
    // for example a 65-question exam id
    example: '0123456789ab-16-65',
  }),
})
export const AnswerParams = BankParams.extend({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Catalog answer id, from GET /v1/banks/{bank}/answers',
    example: 'sagemaker-batch-transform',
  }),
})

export const QuestionsQuery = z
  .object({
    domain: domainFilter,
    task: taskFilter,
    topic: topicFilter,
    type: many(ItemType).openapi(listParam('Item type(s)', 'single')),
    difficulty: many(Difficulty).openapi(listParam('Difficulty level(s)', 'easy')),
    tag: tagFilter,
    exclude,
    limit,
    cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
    order: z.enum(['stable', 'random']).default('stable').openapi({ description: 'stable: by id; random: shuffled by `seed`' }),
    seed,
    reveal,
  })
  .strict()
export type QuestionsQuery = z.infer<typeof QuestionsQuery>

/** The body of POST …/questions/search: the same filters as GET …/questions, as JSON, with longer exclude lists. */
const bodyList = (item: z.ZodType<string>, max: number, description: string, example?: string) =>
  z.array(item).max(max).optional().openapi({ description, ...(example ? { example: [example] } : {}) })

export const QuestionSearch = z
  .object({
    domain: bodyList(z.string().max(20), 50, 'Domain number(s)', '1'),
    task: bodyList(z.string().max(20), 50, 'Task statement(s)', '1.2'),
    topic: bodyList(z.string().max(200), 50, 'Topic id(s)'),
    type: bodyList(ItemType, 50, 'Item type(s)', 'single'),
    difficulty: bodyList(Difficulty, 50, 'Difficulty level(s)', 'easy'),
    tag: bodyList(z.string().max(200), 50, 'Tag(s)', 'error:wrong-service'),
    exclude: bodyList(z.string().max(100), 1000, 'Question ids already seen (up to 1000); a case study is excluded with any of its questions'),
    limit: z.number().int().min(1).max(100).default(10).openapi({ description: 'Page size, 1–100' }),
    cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page (sent with the same filters)' }),
    order: z.enum(['stable', 'random']).default('stable').openapi({ description: 'stable: by id; random: shuffled by `seed`' }),
    seed: Seed.optional(),
    reveal: z.boolean().default(false).openapi({ description: 'Include answers, option feedback and explanations' }),
  })
  .strict()
  .openapi('QuestionSearch', {
    description: 'The filters of GET /v1/banks/{bank}/questions as a JSON body: for exclude lists too long for a URL.',
    example: { type: ['single', 'multiple'], domain: ['1'], exclude: ['q-1', 'q-2'], limit: 10, order: 'random', seed: 42 },
  })
export type QuestionSearch = z.infer<typeof QuestionSearch>

export const RevealQuery = z.object({ reveal }).strict()

export const DrillQuery = z
  .object({
    tag: tagFilter,
    rule: many(z.string().max(200)).openapi(listParam('Rule id(s)')),
    domain: domainFilter,
    task: taskFilter,
    topic: topicFilter,
    exclude,
    limit,
    seed,
    reveal,
  })
  .strict()
export type DrillQuery = z.infer<typeof DrillQuery>

export const GraphFilterQuery = z
  .object({ domain: domainFilter, task: taskFilter, topic: topicFilter })
  .strict()
export type GraphFilterQuery = z.infer<typeof GraphFilterQuery>

export const EmptyQuery = z.object({}).strict()

// ---------------------------------------------------------------- banks

const Count = z.record(z.string(), z.number().int().min(0))

export const BankCounts = z
  .object({
    items: z.number().int().describe('Items; a case study is one item'),
    questions: z.number().int().describe('Scored questions; a case study counts each of its questions'),
    examQuestions: z
      .number()
      .int()
      .describe('Questions a mock exam may draw: the largest `size` of POST …/exams (recall drills stay out of domains that have scenario items)'),
    byType: Count.describe('Items per type'),
    byDomain: Count.describe('Items per domain'),
    byTask: Count.describe('Items per task statement'),
    byDifficulty: Count.describe('Items per difficulty'),
    byTopic: Count.describe('Items per topic (valid `topic` filter values)'),
    byTag: Count.describe('Items per tag (valid `tag` filter values)'),
  })
  .strict()
  .openapi('BankCounts')

export const BankSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    version: z.string().describe('Hash of the bank content; changes when the bank is regenerated'),
    questions: z.number().int(),
    items: z.number().int(),
  })
  .strict()
  .openapi('BankSummary')

export const BankList = z.object({ items: z.array(BankSummary) }).strict().openapi('BankList')

export const BankDetail = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    version: z.string(),
    exam: ExamFormat,
    domains: z.array(GraphDomain.omit({ source: true, tasks: true }).extend({
      tasks: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
    }).strict()),
    counts: BankCounts,
  })
  .strict()
  .openapi('BankDetail')

// ---------------------------------------------------------------- exams

export const ExamRequest = z
  .object({
    seed: Seed.optional().describe('Same seed, same exam; random when absent. A learner or attempt id works as a seed'),
    size: z.number().int().min(1).max(500).optional().describe('Questions; default the exam’s own number (`exam.questions` of the bank, or all the bank has, if fewer)'),
  })
  .strict()
  .openapi('ExamRequest')

export const Exam = z
  .object({
    id: z.string().describe('Encodes bank version, seed and size: any server rebuilds the same exam from it'),
    bank: z.string(),
    version: z.string(),
    seed: z.number().int(),
    size: z.number().int().describe('Scored questions; a case study counts each of its questions'),
    timeLimitMinutes: z.number().int(),
    blueprint: z
      .array(z.object({ domain: z.string(), questions: z.number().int() }).strict())
      .describe('Scored questions per domain at the domain weights, each case-study question under its own domain: exactly what `items` holds'),
    items: z.array(Question).describe('Answers hidden'),
  })
  .strict()
  .openapi('Exam')

export const GradeRequest = z
  .object({
    responses: z
      .record(z.string().max(100), ItemResponse)
      .describe('Question id → response; a case study’s questions by their own ids; unanswered is wrong'),
    attemptId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{8,100}$/)
      .optional()
      .describe('Idempotency key for the statistics (e.g. a UUID per attempt): a retried grade with the same id is recorded once. Derived from the exam, learner and responses when absent'),
    learner,
  })
  .strict()
  .openapi('GradeRequest')

const Result = {
  correct: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
}

export const RecommendedDrill = z
  .object({
    reason: z.string(),
    tag: z.array(z.string()),
    task: z.array(z.string()),
    exclude: z.array(z.string()),
    href: z.string().describe('GET this for the drill'),
  })
  .strict()
  .openapi('RecommendedDrill')

export const Grade = z
  .object({
    examId: z.string(),
    bank: z.string(),
    version: z.string(),
    answered: z.number().int(),
    rawScore: z.number().int().describe('Questions answered correctly'),
    total: z.number().int(),
    percent: z.number(),
    scaledScore: z
      .number()
      .int()
      .describe('Linear on the exam scale, low + (high − low) × rawScore / total (for example 100–1000); a percentage when the bank publishes no scale'),
    passingScore: z.number().describe('On the same scale as scaledScore'),
    passed: z.boolean(),
    domains: z.array(z.object({ domain: z.string(), title: z.string(), weight: z.number(), ...Result }).strict()),
    tasks: z.array(z.object({ task: z.string(), domain: z.string(), title: z.string(), ...Result }).strict()),
    missed: z.array(
      z
        .object({
          id: z.string(),
          itemId: z.string().describe('The exam item; differs from id for a case study’s questions'),
          type: ItemType,
          domain: z.string(),
          task: z.string(),
          stem: z.string(),
          response: z.union([ItemResponse, z.null()]).describe('null when unanswered'),
          answer: AnswerKey,
          decisionError: z.string().nullable().describe('The decision error this question probes (its error: tag)'),
          explanation: Explanation,
        })
        .strict(),
    ),
    recommendedDrill: z.union([RecommendedDrill, z.null()]).describe('null when nothing was missed'),
    attemptId: z.string().optional().describe('The id the attempt is recorded under (absent when the server records no statistics)'),
  })
  .strict()
  .openapi('Grade')

// ---------------------------------------------------------------- drills and graph

export const Drill = z
  .object({
    items: z.array(Question),
    remaining: z.number().int().describe('Matching questions not excluded, including these'),
    seed: z.number().int(),
  })
  .strict()
  .openapi('Drill')

export const RuleList = z.object({ items: z.array(Rule) }).strict().openapi('RuleList')
export const TrapList = z.object({ items: z.array(Trap) }).strict().openapi('TrapList')
export const AnswerList = z.object({ items: z.array(CatalogAnswer) }).strict().openapi('AnswerList')
export const AnswerDetail = z
  .object({
    answer: CatalogAnswer,
    acceptedBy: z.array(Rule).describe('Rules that accept this answer'),
    rejectedBy: z.array(Rule).describe('Rules that name it as not fitting'),
    traps: z.array(Trap).describe('Traps where it is the tempting wrong answer or the correction'),
    questions: z.array(z.string()).describe('Ids of questions built on the rules that accept it'),
  })
  .strict()
  .openapi('AnswerDetail')

export const Health = z
  .object({ status: z.literal('ok'), banks: z.array(z.object({ id: z.string(), version: z.string() }).strict()) })
  .strict()
  .openapi('Health')
