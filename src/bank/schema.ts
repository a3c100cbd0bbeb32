/**
 * The question bank: what the generator writes to generated/<bank>/bank.json
 * and what the API and the exports read. One schema per concept.
 */
import { z } from 'zod'
import { Id, ItemType } from '../graph/schema.js'

export const Difficulty = z.enum(['easy', 'medium', 'hard'])
export type Difficulty = z.infer<typeof Difficulty>

/** A pointer back to the content a question was derived from. */
export const SourceRef = z
  .object({ ruleId: Id, file: z.string(), line: z.number().int().min(1) })
  .strict()
export type SourceRef = z.infer<typeof SourceRef>

export const Explanation = z
  .object({
    correct: z.string().min(1).describe('Why the key is right, in a sentence or two'),
    sources: z.array(SourceRef).min(1),
    references: z
      .array(z.string().url())
      .min(1)
      .optional()
      .describe('Documentation pages behind the key and the facts the item states, for further reading (absent when its content cites none)'),
  })
  .strict()
export type Explanation = z.infer<typeof Explanation>

/** Option ids are opaque (derived from the option text), never the position. */
export const Option = z
  .object({
    id: z.string().regex(/^o-[a-z0-9]+$/),
    text: z.string().min(1),
    feedback: z.string().min(1).describe('Why this option is right or wrong'),
  })
  .strict()
export type Option = z.infer<typeof Option>

const itemBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  revision: z.string().regex(/^[0-9a-f]{8,}$/).describe('Changes when the item text changes'),
  domain: z.string().regex(/^\d$/),
  task: z.string().regex(/^\d\.\d$/),
  topic: Id,
  ruleIds: z.array(Id).min(1),
  tags: z.array(z.string().min(1)).describe('domain:N, task:N.N, topic:..., error:<decision-error>'),
  difficulty: Difficulty,
  stem: z.string().min(1),
  explanation: Explanation,
}

export const SingleItem = z
  .object({ ...itemBase, type: z.literal('single'), options: z.array(Option).min(3), answer: z.array(z.string()).length(1) })
  .strict()
export type SingleItem = z.infer<typeof SingleItem>

export const MultipleItem = z
  .object({
    ...itemBase,
    type: z.literal('multiple'),
    select: z.number().int().min(2).describe('How many options to select'),
    options: z.array(Option).min(5),
    answer: z.array(z.string()).min(2),
  })
  .strict()
export type MultipleItem = z.infer<typeof MultipleItem>

export const OrderingItem = z
  .object({
    ...itemBase,
    type: z.literal('ordering'),
    options: z.array(Option).min(3).max(5).describe('Steps, shuffled'),
    answer: z.array(z.string()).min(3).max(5).describe('Option ids in the correct order'),
  })
  .strict()
export type OrderingItem = z.infer<typeof OrderingItem>

export const MatchingItem = z
  .object({
    ...itemBase,
    type: z.literal('matching'),
    prompts: z.array(z.object({ id: z.string().regex(/^p-[a-z0-9]+$/), text: z.string().min(1) }).strict()).min(3).max(7),
    choices: z.array(Option).min(3),
    answer: z
      .array(z.object({ prompt: z.string(), choice: z.string() }).strict())
      .min(3)
      .max(7)
      .describe('One pair per prompt'),
  })
  .strict()
export type MatchingItem = z.infer<typeof MatchingItem>

export const CaseQuestion = z.discriminatedUnion('type', [SingleItem, MultipleItem])
export type CaseQuestion = z.infer<typeof CaseQuestion>

export const CaseStudyItem = z
  .object({
    ...itemBase,
    type: z.literal('case-study'),
    scenario: z.string().min(1),
    questions: z.array(CaseQuestion).min(2),
  })
  .strict()
export type CaseStudyItem = z.infer<typeof CaseStudyItem>

export const Item = z.discriminatedUnion('type', [SingleItem, MultipleItem, MatchingItem, OrderingItem, CaseStudyItem])
export type Item = z.infer<typeof Item>

export const Bank = z
  .object({
    bank: Id,
    version: z.string().regex(/^[0-9a-f]{12}$/).describe('Hash of the bank content'),
    items: z.array(Item),
  })
  .strict()
export type Bank = z.infer<typeof Bank>

/** Compile-time check that the item type names match the graph's enum. */
export const itemTypes = ItemType.options satisfies readonly Item['type'][]
