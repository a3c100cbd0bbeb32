/**
 * The Node statistics store on its own thread. The SQLite connection, the
 * attempt inserts, the deferred sums and the reads all run in a worker thread
 * (./thread-worker.ts); the thread that serves requests only posts the record
 * and waits for the commit. A grade is answered after its attempt is committed,
 * so an acknowledged attempt survives the process being killed.
 */
import { Worker } from 'node:worker_threads'
import type { Migration } from './sqlite.js'
import { encodeAttempt, type AttemptRecord, type BankSums, type CheckRecord, type EncodedAttempt, type Erased, type StatsStore } from './store.js'

/** What the worker answers: the calls below, with `setting`'s value made on this side. */
export interface StoreCalls {
  recordEncoded(attempt: EncodedAttempt): Promise<boolean>
  recordCheck(check: CheckRecord): Promise<void>
  read(bank: string, questions?: readonly string[]): Promise<BankSums>
  eraseLearner(learner: string): Promise<Erased>
  setting(name: string, value: string): Promise<string>
  applyPending(): Promise<number>
  close(): Promise<void>
}

export type Call = { [M in keyof StoreCalls]: { id: number; method: M; args: Parameters<StoreCalls[M]> } }[keyof StoreCalls]
export type Reply = { id: number; value: unknown } | { id: number; error: string } | { ready: true }

export interface ThreadOptions {
  path: string
  migrations: readonly Migration[]
  /** How long pending attempts may wait before they are added to the sums (default 1 s). */
  delayMs?: number
}

/**
 * The worker runs TypeScript as this process does: through tsx's loader,
 * registered in the thread, since a worker does not inherit the parent's hooks.
 */
function spawn(options: ThreadOptions): Worker {
  const entry = new URL(`./thread-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href
  const source = entry.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
    : `import(${JSON.stringify(entry)})`
  return new Worker(source, { eval: true, workerData: options })
}

export class ThreadedStatsStore implements StatsStore {
  readonly #worker: Worker
  readonly #calls = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>()
  #next = 0
  #failure: Error | undefined

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) return
      const call = this.#calls.get(reply.id)
      if (!call) return
      this.#calls.delete(reply.id)
      if (this.#calls.size === 0) worker.unref()
      if ('error' in reply) call.reject(new Error(reply.error))
      else call.resolve(reply.value)
    })
    const fail = (error: Error) => {
      this.#failure ??= error
      for (const call of this.#calls.values()) call.reject(error)
      this.#calls.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the statistics thread exited (${code})`)))
  }

  /** Start the thread, open (creating and migrating) the database; rejects if it cannot be opened. */
  static async open(options: ThreadOptions): Promise<ThreadedStatsStore> {
    const worker = spawn(options)
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (!('ready' in reply)) return
        worker.off('error', reject)
        worker.off('message', onMessage)
        resolve()
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
    })
    const store = new ThreadedStatsStore(worker)
    worker.unref() // idle, the thread does not keep the process alive
    return store
  }

  #call<M extends keyof StoreCalls>(method: M, ...args: Parameters<StoreCalls[M]>): ReturnType<StoreCalls[M]> {
    if (this.#failure) return Promise.reject(this.#failure) as ReturnType<StoreCalls[M]>
    const id = this.#next++
    return new Promise((resolve, reject) => {
      if (this.#calls.size === 0) this.#worker.ref() // a call in flight keeps the process alive
      this.#calls.set(id, { resolve, reject })
      this.#worker.postMessage({ id, method, args } as Call)
    }) as ReturnType<StoreCalls[M]>
  }

  /** Encoded here: one string crosses to the thread, not an object per response (a structured clone costs more than the JSON). */
  recordAttempt(attempt: AttemptRecord): Promise<boolean> {
    return this.#call('recordEncoded', encodeAttempt(attempt))
  }

  recordCheck(check: CheckRecord): Promise<void> {
    return this.#call('recordCheck', check)
  }

  read(bank: string, questions?: readonly string[]): Promise<BankSums> {
    return this.#call('read', bank, questions)
  }

  eraseLearner(learner: string): Promise<Erased> {
    return this.#call('eraseLearner', learner)
  }

  setting(name: string, make: () => string): Promise<string> {
    return this.#call('setting', name, make())
  }

  /** Add every pending attempt to the sums now (the thread does it on its own within delayMs). */
  applyPending(): Promise<number> {
    return this.#call('applyPending')
  }

  /** Apply what is pending, close the database and end the thread. */
  async close(): Promise<void> {
    await this.#call('close')
    await this.#worker.terminate()
  }
}
