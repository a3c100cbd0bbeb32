/**
 * Response schemas of the statistics operations (routes/stats.ts). The
 * analysis (src/stats/analysis.ts) computes these shapes; the compile-time
 * checks at the end keep the two in step.
 */
import { z } from '@hono/zod-openapi'
import type { BankStatistics, ItemStatistics } from '../stats/analysis.js'
import type { Erased } from '../stats/store.js'

export { BankParams, QuestionParams } from './schemas.js'

const share = z.number().min(0).max(1).nullable()

export const SourceRefView = z
  .object({ ruleId: z.string(), file: z.string(), line: z.number().int() })
  .strict()
  .openapi('StatsSource', { description: 'A content line the question was generated from' })

export const Flag = z
  .object({
    code: z.enum(['too-easy', 'too-hard', 'negative-discrimination', 'low-discrimination', 'distractor-beats-key', 'non-functioning-distractor']),
    detail: z.string(),
    option: z.string().optional().describe('The distractor concerned'),
  })
  .strict()
  .openapi('ItemFlag')

export const ItemStats = z
  .object({
    id: z.string().describe('Question id'),
    itemId: z.string().nullable().describe('The bank item (a case study for its questions); null for a question no longer in the bank'),
    type: z.string().nullable(),
    revision: z.string(),
    current: z.boolean().describe('Whether this is the revision the bank serves now'),
    responses: z.number().int().describe('Exam responses'),
    correct: z.number().int(),
    p: share.describe('Proportion correct in exam attempts (facility)'),
    pointBiserial: z.number().min(-1).max(1).nullable().describe('Corrected point-biserial: item score against the rest of the exam score'),
    discrimination: z.number().min(-1).max(1).nullable().describe('Upper–lower 27% index: p(top 27%) − p(bottom 27%)'),
    upper: z.object({ responses: z.number(), p: share }).strict(),
    lower: z.object({ responses: z.number(), p: share }).strict(),
    options: z
      .array(
        z
          .object({
            id: z.string(),
            key: z.boolean(),
            chosen: z.number().int().describe('Exam responses that chose it'),
            share: share,
            upper: share.describe('Share of the top 27% that chose it'),
            lower: share.describe('Share of the bottom 27% that chose it'),
            practiceChosen: z.number().int().describe('Practice checks that chose it'),
          })
          .strict(),
      )
      .describe('Single and multiple questions: every option'),
    practice: z.object({ responses: z.number().int(), correct: z.number().int(), p: share }).strict().describe('Practice answer checks (not used for flags)'),
    flags: z.array(Flag),
    sources: z.array(SourceRefView),
  })
  .strict()
  .openapi('ItemStats')

export const BankStats = z
  .object({
    bank: z.string(),
    version: z.string(),
    attempts: z.number().int().describe('Recorded exam attempts'),
    practiceChecks: z.number().int(),
    minResponses: z.number().int().describe('Exam responses an item needs before it is flagged'),
    items: z
      .object({ withResponses: z.number().int(), reported: z.number().int(), flagged: z.number().int() })
      .strict()
      .describe('Current item revisions with any response, with at least minResponses, and flagged'),
    forms: z
      .array(
        z
          .object({
            questions: z.number().int().describe('Exam length'),
            attempts: z.number().int(),
            mean: z.number(),
            sd: z.number(),
            kr20: z.number().nullable().describe('KR-20 reliability (Σpq from the mean item variance, as the forms differ)'),
            distribution: z.array(z.object({ score: z.number().int(), attempts: z.number().int() }).strict()),
          })
          .strict(),
      )
      .describe('Score distribution and reliability per exam length'),
    flagged: z.array(ItemStats).describe('Flagged items, most serious first'),
  })
  .strict()
  .openapi('BankStats')

export const QuestionStats = z
  .object({
    bank: z.string(),
    id: z.string(),
    itemId: z.string().nullable(),
    revision: z.string().nullable().describe('The revision the bank serves now (null: no longer in the bank)'),
    sources: z.array(SourceRefView),
    retired: z.string().nullable().describe('Why the authors retired the item (null: not retired)'),
    revisions: z.array(ItemStats).describe('Every recorded revision, the current one first'),
  })
  .strict()
  .openapi('QuestionStats')

export const Erasure = z
  .object({ attempts: z.number().int(), checks: z.number().int() })
  .strict()
  .openapi('Erasure', { description: 'Records erased; their part of every statistic is removed with them' })

// What the analysis computes fits these schemas.
type Fits<A, B> = [A] extends [B] ? true : false
const checks: [Fits<ItemStatistics, z.infer<typeof ItemStats>>, Fits<BankStatistics, Omit<z.infer<typeof BankStats>, 'bank' | 'version'>>, Fits<Erased, z.infer<typeof Erasure>>] = [true, true, true]
void checks
