/** The Workers driver: a D1 binding; a batch is one transaction. */
import type { SqlDriver, Statement } from './store.js'

/** The part of D1's API the driver uses (the full types clash with @types/node). */
export interface D1Like {
  prepare(sql: string): D1PreparedLike
  batch(statements: D1PreparedLike[]): Promise<Array<{ meta: { changes?: number } }>>
}
export interface D1PreparedLike {
  bind(...values: unknown[]): D1PreparedLike
  raw(): Promise<unknown[][]>
}

export class D1Driver implements SqlDriver {
  readonly #db: D1Like

  constructor(db: D1Like) {
    this.#db = db
  }

  async batch(statements: readonly Statement[]): Promise<number[]> {
    if (statements.length === 0) return []
    const results = await this.#db.batch(statements.map((s) => this.#db.prepare(s.sql).bind(...s.params)))
    return results.map((r) => r.meta.changes ?? 0)
  }

  async rows(sql: string, params: ReadonlyArray<string | number | null> = []): Promise<unknown[][]> {
    return this.#db.prepare(sql).bind(...params).raw()
  }
}
