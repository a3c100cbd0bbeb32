/**
 * Adding stored attempts to the sums in batches (Node): what lets a grade wait
 * for its own attempt row only. A batch selects pending attempts inside a
 * write transaction, so two processes on one database never add an attempt
 * twice; adds their responses up per item revision in memory; reads each
 * touched item's rows once and writes each back once; and marks the attempts
 * applied. Attempts this process stored are taken from memory, not decoded
 * from their row again.
 */
import type { RecordedResponse, SyncSql } from './store.js'

/** Score buckets: percent score in 2-point steps, 0..50. */
export const bucketCount = 51
export function bucketOf(score: number, total: number): number {
  return total === 0 ? 0 : Math.floor(((bucketCount - 1) * score) / total)
}

/** One item revision's additions: n, correct, sy, sxy, syy; per bucket n and correct; per option, choices per bucket. */
interface ItemTally {
  key: [string, string, string]
  sums: [number, number, number, number, number]
  bucketN: number[]
  bucketCorrect: number[]
  options: Map<string, number[]>
}

const zeros = () => new Array<number>(bucketCount).fill(0)
const attemptKey = (bank: string, id: string) => `${bank}\u0000${id}`
const parseCounts = (text: unknown): number[] => (text == null ? zeros() : (JSON.parse(String(text)) as number[]))
const added = (before: number[], add: number[]) => JSON.stringify(add.map((n, b) => n + (before[b] ?? 0)))

export class PendingAttempts {
  /** The stored responses (JSON) of attempts this process stored and no batch has added yet. */
  readonly #memory = new Map<string, string>()

  remember(bank: string, id: string, responses: string): void {
    this.#memory.set(attemptKey(bank, id), responses)
  }

  /** Attempts remembered and not yet added. */
  get size(): number {
    return this.#memory.size
  }

  /**
   * Add up to `limit` pending attempts to the sums. Call inside a transaction;
   * the number of attempts added.
   */
  applyBatch(sql: SyncSql, decode: (responses: unknown) => RecordedResponse[], limit: number): number {
    const pending = sql.all('SELECT bank, id, score, total FROM attempts WHERE applied = 0 LIMIT ?', [limit])
    if (pending.length === 0) {
      this.#memory.clear() // whatever it held, another process on this database has added
      return 0
    }
    const items = new Map<string, ItemTally>()
    const scores = new Map<string, [string, number, number, number]>()
    for (const [bankValue, idValue, scoreValue, totalValue] of pending) {
      const bank = String(bankValue)
      const id = String(idValue)
      const score = Number(scoreValue)
      const total = Number(totalValue)
      const stored = this.#memory.get(attemptKey(bank, id)) ?? sql.all('SELECT responses FROM attempts WHERE bank = ? AND id = ?', [bank, id])[0]![0]
      const responses = decode(stored)
      const bucket = bucketOf(score, total)
      for (const r of responses) {
        const key = `${bank}\u0000${r.question}\u0000${r.revision}`
        let tally = items.get(key)
        if (!tally) items.set(key, (tally = { key: [bank, r.question, r.revision], sums: [0, 0, 0, 0, 0], bucketN: zeros(), bucketCorrect: zeros(), options: new Map() }))
        const x = r.correct ? 1 : 0
        const y = score - x
        tally.sums[0] += 1
        tally.sums[1] += x
        tally.sums[2] += y
        tally.sums[3] += x * y
        tally.sums[4] += y * y
        tally.bucketN[bucket]! += 1
        tally.bucketCorrect[bucket]! += x
        for (const option of r.options) {
          let counts = tally.options.get(option)
          if (!counts) tally.options.set(option, (counts = zeros()))
          counts[bucket]! += 1
        }
      }
      const scoreKey = `${bank}\u0000${total}\u0000${score}`
      const row = scores.get(scoreKey)
      if (row) row[3] += 1
      else scores.set(scoreKey, [bank, total, score, 1])
    }
    for (const tally of items.values()) writeItem(sql, tally)
    for (const row of scores.values()) {
      sql.run('INSERT INTO scores (bank, total, score, n) VALUES (?, ?, ?, ?) ON CONFLICT (bank, total, score) DO UPDATE SET n = n + excluded.n', row)
    }
    for (const [bank, id] of pending) {
      sql.run('UPDATE attempts SET applied = 1 WHERE bank = ? AND id = ?', [String(bank), String(id)])
      this.#memory.delete(attemptKey(String(bank), String(id)))
    }
    return pending.length
  }
}

/** One item revision's rows: read once, added to, written back once. */
function writeItem(sql: SyncSql, tally: ItemTally): void {
  const [current] = sql.all('SELECT bucket_n, bucket_correct FROM item_stats WHERE bank = ? AND question = ? AND revision = ?', tally.key)
  sql.run(
    'INSERT INTO item_stats (bank, question, revision, n, correct, sy, sxy, syy, bucket_n, bucket_correct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (bank, question, revision) DO UPDATE SET n = n + excluded.n, correct = correct + excluded.correct, sy = sy + excluded.sy, ' +
      'sxy = sxy + excluded.sxy, syy = syy + excluded.syy, bucket_n = excluded.bucket_n, bucket_correct = excluded.bucket_correct',
    [...tally.key, ...tally.sums, added(parseCounts(current?.[0]), tally.bucketN), added(parseCounts(current?.[1]), tally.bucketCorrect)],
  )
  const stored = new Map(sql.all('SELECT option, bucket_n FROM item_options WHERE bank = ? AND question = ? AND revision = ?', tally.key).map(([option, counts]) => [String(option), counts]))
  for (const [option, counts] of tally.options) {
    sql.run(
      'INSERT INTO item_options (bank, question, revision, option, bucket_n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (bank, question, revision, option) DO UPDATE SET bucket_n = excluded.bucket_n',
      [...tally.key, option, added(parseCounts(stored.get(option)), counts)],
    )
  }
}
