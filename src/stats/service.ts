/**
 * What the API asks of the statistics: record a graded attempt or an answer
 * check, read the analysis, erase a learner. Learner ids are kept only as
 * HMAC-SHA256 under STATS_SECRET (Web Crypto: the same on Node and Workers);
 * without a secret, a random key made once and kept in the database's
 * settings table.
 */
import { analyseBank, analyseItem, type BankStatistics, type ItemStatistics, type QuestionInfo } from './analysis.js'
import type { Erased, RecordedResponse, StatsStore } from './store.js'

export interface StatsServiceOptions {
  store: StatsStore
  /** HMAC key for learner ids (STATS_SECRET). */
  secret?: string | undefined
  /** Bearer token for reading statistics and erasing (ADMIN_TOKEN); without it they are open. */
  adminToken?: string | undefined
  /** Called when a write fails: the learner still gets the grade (default: console.error). */
  onError?: (error: unknown) => void
}

const encoder = new TextEncoder()
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

async function sha256(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/** JSON with object keys sorted: the same responses give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export class StatsService {
  readonly store: StatsStore
  readonly #adminToken: string | undefined
  readonly #secret: string | undefined
  #key: ReturnType<typeof crypto.subtle.importKey> | undefined
  readonly onError: (error: unknown) => void

  constructor(options: StatsServiceOptions) {
    this.store = options.store
    this.#secret = options.secret || undefined
    this.#adminToken = options.adminToken || undefined
    this.onError = options.onError ?? ((error) => console.error(error))
  }

  get protected(): boolean {
    return this.#adminToken !== undefined
  }

  /** Whether an Authorization header carries the admin token (compared as digests, in constant time). */
  async authorized(header: string | undefined): Promise<boolean> {
    if (this.#adminToken === undefined) return true
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    if (!match) return false
    const [a, b] = await Promise.all([sha256(match[1]!), sha256(this.#adminToken)])
    let difference = 0
    for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
    return difference === 0
  }

  /** The pseudonym stored for a learner id: HMAC-SHA256, hex. */
  async learner(id: string): Promise<string> {
    this.#key ??= (async () => {
      const secret = this.#secret ?? (await this.store.setting('learner-hmac-key', () => hex(crypto.getRandomValues(new Uint8Array(32)).buffer as ArrayBuffer)))
      return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    })()
    return hex(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(id)))
  }

  /** The attempt id a grade is recorded under: the client's, or derived from exam, learner and responses. */
  async attemptId(examId: string, responses: unknown, learner: string | null): Promise<string> {
    return 'd-' + (await sha256(`${examId}\n${learner ?? ''}\n${canonical(responses)}`)).slice(0, 32)
  }

  async recordAttempt(attempt: { bank: string; id: string; examId: string; version: string; learner: string | null; responses: RecordedResponse[] }): Promise<boolean> {
    return this.store.recordAttempt({ ...attempt, at: Date.now() })
  }

  async recordCheck(check: { bank: string; question: string; revision: string; learner: string | null; response: unknown; correct: boolean; options: string[] }): Promise<void> {
    await this.store.recordCheck({ ...check, at: Date.now() })
  }

  async bank(bank: string, questions: ReadonlyMap<string, QuestionInfo>): Promise<BankStatistics> {
    return analyseBank(await this.store.read(bank), questions)
  }

  /** Every recorded revision of one question, the current one first. */
  async question(bank: string, id: string, info: QuestionInfo | undefined): Promise<ItemStatistics[]> {
    const sums = await this.store.read(bank, [id])
    return sums.items
      .map((item) => analyseItem(item, info))
      .sort((a, b) => Number(b.current) - Number(a.current) || b.responses - a.responses)
  }

  async erase(learnerId: string): Promise<Erased> {
    return this.store.eraseLearner(await this.learner(learnerId))
  }
}
