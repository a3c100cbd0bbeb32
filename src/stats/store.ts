/**
 * Where item statistics live: one interface (StatsStore), one SQL schema
 * (migrations/*.sql), one implementation over a small SQL driver. The driver
 * is better-sqlite3 on Node (./sqlite.ts) or D1 on Workers (./d1.ts).
 *
 * On D1 every write is one batch (a transaction): the raw record and its
 * contribution to the sums in item_stats, item_options and scores. An
 * attempt is inserted once per attempt id; the aggregate statements are
 * guarded by the attempt's `applied` flag, so a retried grade changes
 * nothing, without reading before writing. On Node (`deferred`) the grade's
 * transaction stores the attempt row only, and pending attempts are added to
 * the sums in batches (at most 1 s later, before any read, at start).
 * Reading statistics reads the sums, never the responses.
 */

import { bucketCount, bucketOf, PendingAttempts } from './deferred.js'

/** One SQL statement with its parameters (at most 100: D1's limit). */
export interface Statement {
  sql: string
  params: ReadonlyArray<string | number | null>
}

/**
 * A database the process owns, with synchronous calls (better-sqlite3): the
 * deferred mode adds pending attempts to the sums by reading each touched row,
 * adding in memory and writing it back, in one transaction.
 */
export interface SyncSql {
  transaction<T>(fn: () => T): T
  all(sql: string, params?: ReadonlyArray<string | number | null>): unknown[][]
  run(sql: string, params?: ReadonlyArray<string | number | null>): number
}

/** The few things the store needs from a database. */
export interface SqlDriver {
  /** Run the statements in one transaction; the number of rows each changed. */
  batch(statements: readonly Statement[]): Promise<number[]>
  /** Rows of one query, as arrays in column order. */
  rows(sql: string, params?: ReadonlyArray<string | number | null>): Promise<unknown[][]>
}

/** One question's part of a graded attempt. */
export interface RecordedResponse {
  question: string
  revision: string
  /** What the learner sent (null: unanswered). */
  response: unknown
  correct: boolean
  /** Option ids chosen (single and multiple questions); empty otherwise. */
  options: string[]
}

export interface AttemptRecord {
  bank: string
  /** Idempotency key: client-supplied or derived from the exam and the responses. */
  id: string
  examId: string
  version: string
  /** HMAC-SHA256 of the learner id (hex), never the id itself. */
  learner: string | null
  responses: RecordedResponse[]
  /** Milliseconds since the epoch. */
  at: number
}

export interface CheckRecord {
  bank: string
  question: string
  revision: string
  learner: string | null
  response: unknown
  correct: boolean
  options: string[]
  at: number
}

/** Sums kept for one item revision. */
export interface ItemSums {
  question: string
  revision: string
  n: number
  correct: number
  sy: number
  sxy: number
  syy: number
  practiceN: number
  practiceCorrect: number
  /** Exam responses per score bucket (51). */
  bucketN: number[]
  /** Correct exam responses per score bucket. */
  bucketCorrect: number[]
  /** Per option: exam choices per score bucket, and practice choices. */
  options: Map<string, { buckets: number[]; practice: number }>
}

export interface BankSums {
  attempts: number
  /** Per exam length: attempts per raw score. */
  scores: Map<number, Map<number, number>>
  items: ItemSums[]
}

export interface Erased {
  attempts: number
  checks: number
}

export interface StatsStore {
  /** Record a graded attempt; false when its id was recorded before (nothing changes). */
  recordAttempt(attempt: AttemptRecord): Promise<boolean>
  recordCheck(check: CheckRecord): Promise<void>
  /** The sums of a bank, or of some of its questions (every revision). */
  read(bank: string, questions?: readonly string[]): Promise<BankSums>
  /** Remove a learner's records and their part of every sum. */
  eraseLearner(learner: string): Promise<Erased>
  /** A stored setting (the generated HMAC key), created with `make` when absent. */
  setting(name: string, make: () => string): Promise<string>
}

export { bucketCount, bucketOf }

const guard = (applied: 0 | 1) => `EXISTS (SELECT 1 FROM attempts WHERE bank = ? AND id = ? AND applied = ${applied})`

/** One row's increments in one of the sum tables (a bucket: one entry of the row's 51-count arrays). */
type Delta =
  | { table: 'item_stats'; key: [string, string, string]; bucket: number; add: [number, number, number, number, number] }
  | { table: 'item_options'; key: [string, string, string, string]; bucket: number; add: [number] }
  | { table: 'scores'; key: [string, number, number]; bucket?: undefined; add: [number] }

const upserts: Record<Delta['table'], { columns: string[]; keys: string[]; sums: string[]; arrays: Array<[string, number]> }> = {
  // arrays: [column, index in add] incremented at the bucket
  item_stats: { columns: ['bank', 'question', 'revision', 'n', 'correct', 'sy', 'sxy', 'syy'], keys: ['bank', 'question', 'revision'], sums: ['n', 'correct', 'sy', 'sxy', 'syy'], arrays: [['bucket_n', 0], ['bucket_correct', 1]] },
  item_options: { columns: ['bank', 'question', 'revision', 'option'], keys: ['bank', 'question', 'revision', 'option'], sums: [], arrays: [['bucket_n', 0]] },
  scores: { columns: ['bank', 'total', 'score', 'n'], keys: ['bank', 'total', 'score'], sums: ['n'], arrays: [] },
}

/** A JSON array of 51 counts, `value` at `bucket`. */
function bucketArray(bucket: number, value: number): string {
  const counts = new Array<number>(bucketCount).fill(0)
  counts[bucket] = value
  return JSON.stringify(counts)
}

/** The upsert adding a delta, guarded by the attempt's applied flag when `when` is given. */
function upsertSql(table: Delta['table'], when: string | undefined): string {
  const { columns, keys, sums, arrays } = upserts[table]
  const all = [...columns, ...arrays.map(([column]) => column)]
  const values = all.map(() => '?').join(', ')
  const source = when ? `SELECT ${values} WHERE ${when}` : `VALUES (${values})`
  const sets = [
    ...sums.map((c) => `${c} = ${c} + excluded.${c}`),
    ...arrays.map(([c]) => `${c} = json_replace(${c}, ?, json_extract(${c}, ?) + ?)`),
  ]
  return `INSERT INTO ${table} (${all.join(', ')}) ${source} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')}`
}

function upsertParams(d: Delta, guarded: ReadonlyArray<string | number> = []): Array<string | number> {
  const { sums, arrays } = upserts[d.table]
  const path = `$[${d.bucket ?? 0}]`
  return [
    ...d.key,
    ...(sums.length > 0 ? d.add.slice(0, sums.length) : []),
    ...arrays.map(([, i]) => bucketArray(d.bucket ?? 0, d.add[i]!)),
    ...guarded,
    ...arrays.flatMap(([, i]) => [path, path, d.add[i]!]),
  ]
}

/** What an attempt adds to (sign 1) or removes from (sign -1) the sums. */
function attemptDeltas(bank: string, score: number, total: number, responses: readonly RecordedResponse[], sign: 1 | -1): Delta[] {
  const bucket = bucketOf(score, total)
  const out: Delta[] = []
  for (const r of responses) {
    const x = r.correct ? 1 : 0
    const y = score - x
    out.push({ table: 'item_stats', key: [bank, r.question, r.revision], bucket, add: [sign, sign * x, sign * y, sign * x * y, sign * y * y] })
    for (const option of r.options) out.push({ table: 'item_options', key: [bank, r.question, r.revision, option], bucket, add: [sign] })
  }
  out.push({ table: 'scores', key: [bank, total, score], add: [sign] })
  return out
}

function statements(deltas: readonly Delta[], guarded?: { bank: string; id: string; applied: 0 | 1 }): Statement[] {
  const when = guarded ? guard(guarded.applied) : undefined
  return deltas.map((d) => ({
    sql: upsertSql(d.table, when),
    params: upsertParams(d, guarded ? [guarded.bank, guarded.id] : []),
  }))
}

function checkDeltas(check: Pick<CheckRecord, 'bank' | 'question' | 'revision' | 'correct' | 'options'>, sign: 1 | -1): Statement[] {
  const { bank, question, revision } = check
  return [
    {
      sql:
        'INSERT INTO item_stats (bank, question, revision, practice_n, practice_correct) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (bank, question, revision) DO UPDATE SET practice_n = practice_n + excluded.practice_n, practice_correct = practice_correct + excluded.practice_correct',
      params: [bank, question, revision, sign, sign * (check.correct ? 1 : 0)],
    },
    ...check.options.map((option) => ({
      sql:
        'INSERT INTO item_options (bank, question, revision, option, practice_n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (bank, question, revision, option) DO UPDATE SET practice_n = practice_n + excluded.practice_n',
      params: [bank, question, revision, option, sign],
    })),
  ]
}

/**
 * One response as stored in attempts.responses: question, revision, correct,
 * the options chosen (choice questions) and the response itself, left out
 * when it is just that list of options (or null: unanswered).
 */
interface StoredResponse {
  q: string
  r: string
  v?: unknown
  c: 0 | 1
  o?: string[]
}

const num = (value: unknown) => Number(value)

export interface SqlStatsStoreOptions {
  /**
   * Apply attempts to the sums after the write that stores them (Node): the
   * grade waits only for the attempt row; pending attempts are applied together
   * (one transaction, rows merged) soon after, before any read, and at the next
   * start if the process died first. Without it (D1), one batch does both.
   */
  deferred?: SyncSql
  /**
   * How long pending attempts may wait before they are applied (default 1 s):
   * a batch writes each touched page once, however many attempts it holds.
   * Reads apply what is pending first, so they never see stale sums.
   */
  delayMs?: number
  /** Attempts added to the sums per transaction (default 100): what an insert may wait behind. */
  batchSize?: number
}

/** An attempt as stored: its responses as the JSON kept in attempts.responses. */
export interface EncodedAttempt extends Omit<AttemptRecord, 'responses'> {
  score: number
  total: number
  responses: string
}

/** Runs on the thread that answers the grade: one JSON.stringify over plain objects of one shape each. */
export function encodeAttempt(attempt: AttemptRecord): EncodedAttempt {
  let score = 0
  const stored = attempt.responses.map((r): StoredResponse => {
    const c = r.correct ? 1 : 0
    score += c
    if (r.options.length === 0) return r.response === null ? { q: r.question, r: r.revision, c } : { q: r.question, r: r.revision, c, v: r.response }
    return sameList(r.response, r.options) ? { q: r.question, r: r.revision, c, o: r.options } : { q: r.question, r: r.revision, c, o: r.options, v: r.response }
  })
  return { ...attempt, score, total: attempt.responses.length, responses: JSON.stringify(stored) }
}

const sameList = (response: unknown, options: readonly string[]) =>
  Array.isArray(response) && response.length === options.length && response.every((value, i) => value === options[i])

function insertAttempt(a: EncodedAttempt): Statement {
  return {
    sql:
      'INSERT INTO attempts (bank, id, exam_id, version, learner, score, total, responses, applied, created_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (bank, id) DO NOTHING',
    params: [a.bank, a.id, a.examId, a.version, a.learner, a.score, a.total, a.responses, a.at],
  }
}

export function decode(responses: unknown): RecordedResponse[] {
  return (JSON.parse(String(responses)) as StoredResponse[]).map((s) => ({ question: s.q, revision: s.r, response: s.v !== undefined ? s.v : (s.o ?? null), correct: s.c === 1, options: s.o ?? [] }))
}

export class SqlStatsStore implements StatsStore {
  readonly #db: SqlDriver
  readonly #deferred: SyncSql | undefined
  readonly #delayMs: number
  readonly #batchSize: number
  readonly #pending = new PendingAttempts()
  /** Deferred mode: something was written since the last checkpoint (a practice check adds no pending attempt). */
  #written = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #applying: Promise<void> | undefined

  constructor(driver: SqlDriver, options: SqlStatsStoreOptions = {}) {
    this.#db = driver
    this.#deferred = options.deferred
    this.#delayMs = options.delayMs ?? 1000
    this.#batchSize = options.batchSize ?? 100
  }

  async recordAttempt(attempt: AttemptRecord): Promise<boolean> {
    const encoded = encodeAttempt(attempt)
    if (this.#deferred) return this.recordEncoded(encoded)
    const changes = await this.#db.batch([
      insertAttempt(encoded),
      ...statements(attemptDeltas(attempt.bank, encoded.score, encoded.total, attempt.responses, 1), { bank: attempt.bank, id: attempt.id, applied: 0 }),
      { sql: 'UPDATE attempts SET applied = 1 WHERE bank = ? AND id = ? AND applied = 0', params: [attempt.bank, attempt.id] },
    ])
    return changes[changes.length - 1] === 1
  }

  /**
   * Store an attempt encoded by the caller (the request thread, see ./thread.ts);
   * deferred mode only: its sums follow in a batch.
   */
  async recordEncoded(encoded: EncodedAttempt): Promise<boolean> {
    if (!this.#deferred) throw new Error('recordEncoded needs the deferred mode')
    const [inserted] = await this.#db.batch([insertAttempt(encoded)])
    if (inserted !== 1) return false
    this.#pending.remember(encoded.bank, encoded.id, encoded.responses)
    this.#schedule()
    return true
  }

  /** Deferred mode: a write that adds no pending attempt still wants the next round's checkpoint. */
  #wrote(): void {
    if (!this.#deferred) return
    this.#written = true
    this.#schedule()
  }

  #schedule(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.applyPending().catch((error: unknown) => console.error('applying recorded attempts failed; they stay pending', error))
    }, this.#delayMs)
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  /**
   * Add the attempts pending now to the sums, in transactions of at most
   * `batchSize` attempts, letting the inserts that wait behind them in between.
   * Attempts stored meanwhile wait for the next timer (or read).
   */
  async applyPending(): Promise<number> {
    while (this.#applying) await this.#applying
    clearTimeout(this.#timer)
    this.#timer = undefined
    const sql = this.#deferred
    if (!sql) return 0
    let applied = 0
    const run = (async () => {
      for (;;) {
        const count = sql.transaction(() => this.#pending.applyBatch(sql, decode, this.#batchSize))
        applied += count
        if (count < this.#batchSize) break
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
      // Copy the log into the database here, not in a grade's commit (the Node driver turns automatic checkpoints off).
      if (applied > 0 || this.#written) sql.all('PRAGMA wal_checkpoint(PASSIVE)')
      this.#written = false
      if (this.#pending.size > 0) this.#schedule()
    })()
    this.#applying = run.finally(() => (this.#applying = undefined))
    await this.#applying
    return applied
  }

  async recordCheck(check: CheckRecord): Promise<void> {
    this.#wrote()
    await this.#db.batch([
      {
        sql: 'INSERT INTO checks (bank, question, revision, learner, response, correct, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        params: [check.bank, check.question, check.revision, check.learner, JSON.stringify(check.response), check.correct ? 1 : 0, JSON.stringify(check.options), check.at],
      },
      ...checkDeltas(check, 1),
    ])
  }

  async read(bank: string, questions?: readonly string[]): Promise<BankSums> {
    const only = questions && questions.length > 0 ? ` AND question IN (${questions.map(() => '?').join(', ')})` : ''
    const params = [bank, ...(questions ?? [])]
    if (this.#deferred) await this.applyPending()
    const [itemRows, optionRows, scoreRows] = await Promise.all([
      this.#db.rows(`SELECT question, revision, n, correct, sy, sxy, syy, practice_n, practice_correct, bucket_n, bucket_correct FROM item_stats WHERE bank = ?${only}`, params),
      this.#db.rows(`SELECT question, revision, option, bucket_n, practice_n FROM item_options WHERE bank = ?${only}`, params),
      this.#db.rows('SELECT total, score, n FROM scores WHERE bank = ?', [bank]),
    ])
    const items = new Map<string, ItemSums>()
    const key = (q: unknown, r: unknown) => `${String(q)} ${String(r)}`
    for (const [question, revision, n, correct, sy, sxy, syy, pn, pc, bucketN, bucketCorrect] of itemRows) {
      items.set(key(question, revision), {
        question: String(question),
        revision: String(revision),
        n: num(n),
        correct: num(correct),
        sy: num(sy),
        sxy: num(sxy),
        syy: num(syy),
        practiceN: num(pn),
        practiceCorrect: num(pc),
        bucketN: JSON.parse(String(bucketN)) as number[],
        bucketCorrect: JSON.parse(String(bucketCorrect)) as number[],
        options: new Map(),
      })
    }
    for (const [question, revision, option, bucketN, practice] of optionRows) {
      const item = items.get(key(question, revision))
      if (!item) continue
      const buckets = JSON.parse(String(bucketN)) as number[]
      if (num(practice) !== 0 || buckets.some((count) => count !== 0)) item.options.set(String(option), { buckets, practice: num(practice) })
    }
    const scores = new Map<number, Map<number, number>>()
    let attempts = 0
    for (const [total, score, n] of scoreRows) {
      if (num(n) === 0) continue
      let byScore = scores.get(num(total))
      if (!byScore) scores.set(num(total), (byScore = new Map()))
      byScore.set(num(score), num(n))
      attempts += num(n)
    }
    return { attempts, scores, items: [...items.values()] }
  }

  async eraseLearner(learner: string): Promise<Erased> {
    if (this.#deferred) await this.applyPending()
    const attemptRows = await this.#db.rows('SELECT bank, id, score, total, responses FROM attempts WHERE learner = ?', [learner])
    let attempts = 0
    for (const [bank, id, score, total, responses] of attemptRows) {
      // One transaction per attempt: its part of the sums leaves with it.
      const changes = await this.#db.batch([
        ...statements(attemptDeltas(String(bank), num(score), num(total), decode(responses), -1), { bank: String(bank), id: String(id), applied: 1 }),
        { sql: 'DELETE FROM attempts WHERE bank = ? AND id = ?', params: [String(bank), String(id)] },
      ])
      attempts += changes[changes.length - 1] ?? 0
    }
    const checkRows = await this.#db.rows('SELECT id, bank, question, revision, correct, options FROM checks WHERE learner = ?', [learner])
    let checks = 0
    for (const [id, bank, question, revision, correct, options] of checkRows) {
      const deltas = checkDeltas({ bank: String(bank), question: String(question), revision: String(revision), correct: num(correct) === 1, options: JSON.parse(String(options)) as string[] }, -1)
      const changes = await this.#db.batch([{ sql: 'DELETE FROM checks WHERE id = ?', params: [num(id)] }, ...deltas])
      checks += changes[0] ?? 0
    }
    this.#wrote()
    return { attempts, checks }
  }

  async setting(name: string, make: () => string): Promise<string> {
    await this.#db.batch([{ sql: 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', params: [name, make()] }])
    const rows = await this.#db.rows('SELECT value FROM settings WHERE name = ?', [name])
    return String(rows[0]?.[0])
  }
}
