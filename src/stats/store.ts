/**
 * Where item statistics live: one interface (StatsStore), one SQL schema
 * (migrations/*.sql), one implementation over a small SQL driver. The driver
 * is better-sqlite3 on Node (./sqlite.ts) or D1 on Workers (./d1.ts).
 *
 * Every write is one transaction (a D1 batch): the raw record and its
 * contribution to the sums in item_stats, item_buckets, option_buckets and
 * scores. An attempt is inserted once per attempt id; the aggregate
 * statements are guarded by the attempt's `applied` flag, so a retried grade
 * changes nothing, on both runtimes, without reading before writing.
 * Reading statistics reads the sums, never the responses.
 */

/** One SQL statement with its parameters (at most 100: D1's limit). */
export interface Statement {
  sql: string
  params: ReadonlyArray<string | number | null>
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
  /** Exam responses and correct ones per score bucket. */
  buckets: Map<number, { n: number; correct: number }>
  /** Option choices per score bucket (exam) and in practice (bucket -1). */
  options: Map<string, Map<number, number>>
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

/** Score buckets: percent score in 2-point steps, 0..50. */
export const bucketCount = 51
export function bucketOf(score: number, total: number): number {
  return total === 0 ? 0 : Math.floor(((bucketCount - 1) * score) / total)
}

const guard = (applied: 0 | 1) => `EXISTS (SELECT 1 FROM attempts WHERE bank = ? AND id = ? AND applied = ${applied})`

/** The statements that add (sign 1) or remove (sign -1) an attempt's part of the sums, each guarded. */
function attemptDeltas(bank: string, id: string, score: number, total: number, responses: readonly RecordedResponse[], sign: 1 | -1): Statement[] {
  const when = guard(sign === 1 ? 0 : 1)
  const bucket = bucketOf(score, total)
  const out: Statement[] = []
  for (const r of responses) {
    const x = r.correct ? 1 : 0
    const y = score - x
    out.push({
      sql:
        `INSERT INTO item_stats (bank, question, revision, n, correct, sy, sxy, syy) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${when} ` +
        'ON CONFLICT (bank, question, revision) DO UPDATE SET n = n + excluded.n, correct = correct + excluded.correct, ' +
        'sy = sy + excluded.sy, sxy = sxy + excluded.sxy, syy = syy + excluded.syy',
      params: [bank, r.question, r.revision, sign, sign * x, sign * y, sign * x * y, sign * y * y, bank, id],
    })
    out.push({
      sql:
        `INSERT INTO item_buckets (bank, question, revision, bucket, n, correct) SELECT ?, ?, ?, ?, ?, ? WHERE ${when} ` +
        'ON CONFLICT (bank, question, revision, bucket) DO UPDATE SET n = n + excluded.n, correct = correct + excluded.correct',
      params: [bank, r.question, r.revision, bucket, sign, sign * x, bank, id],
    })
    for (const option of r.options) {
      out.push({
        sql:
          `INSERT INTO option_buckets (bank, question, revision, bucket, option, n) SELECT ?, ?, ?, ?, ?, ? WHERE ${when} ` +
          'ON CONFLICT (bank, question, revision, bucket, option) DO UPDATE SET n = n + excluded.n',
        params: [bank, r.question, r.revision, bucket, option, sign, bank, id],
      })
    }
  }
  out.push({
    sql: `INSERT INTO scores (bank, total, score, n) SELECT ?, ?, ?, ? WHERE ${when} ON CONFLICT (bank, total, score) DO UPDATE SET n = n + excluded.n`,
    params: [bank, total, score, sign, bank, id],
  })
  return out
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
        'INSERT INTO option_buckets (bank, question, revision, bucket, option, n) VALUES (?, ?, ?, -1, ?, ?) ' +
        'ON CONFLICT (bank, question, revision, bucket, option) DO UPDATE SET n = n + excluded.n',
      params: [bank, question, revision, option, sign],
    })),
  ]
}

interface StoredResponse {
  q: string
  r: string
  v: unknown
  c: 0 | 1
  o?: string[]
}

const num = (value: unknown) => Number(value)

export class SqlStatsStore implements StatsStore {
  readonly #db: SqlDriver

  constructor(driver: SqlDriver) {
    this.#db = driver
  }

  async recordAttempt(attempt: AttemptRecord): Promise<boolean> {
    const score = attempt.responses.reduce((n, r) => n + (r.correct ? 1 : 0), 0)
    const total = attempt.responses.length
    const stored: StoredResponse[] = attempt.responses.map((r) => ({
      q: r.question,
      r: r.revision,
      v: r.response,
      c: r.correct ? 1 : 0,
      ...(r.options.length > 0 ? { o: r.options } : {}),
    }))
    const changes = await this.#db.batch([
      {
        sql:
          'INSERT INTO attempts (bank, id, exam_id, version, learner, score, total, responses, applied, created_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (bank, id) DO NOTHING',
        params: [attempt.bank, attempt.id, attempt.examId, attempt.version, attempt.learner, score, total, JSON.stringify(stored), attempt.at],
      },
      ...attemptDeltas(attempt.bank, attempt.id, score, total, attempt.responses, 1),
      { sql: 'UPDATE attempts SET applied = 1 WHERE bank = ? AND id = ? AND applied = 0', params: [attempt.bank, attempt.id] },
    ])
    return changes[changes.length - 1] === 1
  }

  async recordCheck(check: CheckRecord): Promise<void> {
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
    const [itemRows, bucketRows, optionRows, scoreRows] = await Promise.all([
      this.#db.rows(`SELECT question, revision, n, correct, sy, sxy, syy, practice_n, practice_correct FROM item_stats WHERE bank = ?${only}`, params),
      this.#db.rows(`SELECT question, revision, bucket, n, correct FROM item_buckets WHERE bank = ?${only}`, params),
      this.#db.rows(`SELECT question, revision, bucket, option, n FROM option_buckets WHERE bank = ?${only}`, params),
      this.#db.rows('SELECT total, score, n FROM scores WHERE bank = ?', [bank]),
    ])
    const items = new Map<string, ItemSums>()
    const key = (q: unknown, r: unknown) => `${String(q)} ${String(r)}`
    for (const [question, revision, n, correct, sy, sxy, syy, pn, pc] of itemRows) {
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
        buckets: new Map(),
        options: new Map(),
      })
    }
    for (const [question, revision, bucket, n, correct] of bucketRows) {
      const item = items.get(key(question, revision))
      if (item && num(n) !== 0) item.buckets.set(num(bucket), { n: num(n), correct: num(correct) })
    }
    for (const [question, revision, bucket, option, n] of optionRows) {
      const item = items.get(key(question, revision))
      if (!item || num(n) === 0) continue
      let byBucket = item.options.get(String(option))
      if (!byBucket) item.options.set(String(option), (byBucket = new Map()))
      byBucket.set(num(bucket), num(n))
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
    const attemptRows = await this.#db.rows('SELECT bank, id, score, total, responses FROM attempts WHERE learner = ?', [learner])
    let attempts = 0
    for (const [bank, id, score, total, responses] of attemptRows) {
      const stored = JSON.parse(String(responses)) as StoredResponse[]
      const recorded: RecordedResponse[] = stored.map((s) => ({ question: s.q, revision: s.r, response: s.v, correct: s.c === 1, options: s.o ?? [] }))
      // One transaction per attempt: its part of the sums leaves with it.
      const changes = await this.#db.batch([
        ...attemptDeltas(String(bank), String(id), num(score), num(total), recorded, -1),
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
    return { attempts, checks }
  }

  async setting(name: string, make: () => string): Promise<string> {
    await this.#db.batch([{ sql: 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', params: [name, make()] }])
    const rows = await this.#db.rows('SELECT value FROM settings WHERE name = ?', [name])
    return String(rows[0]?.[0])
  }
}
