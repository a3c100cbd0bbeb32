/**
 * The statistics thread (started by ./thread.ts): owns the SQLite connection
 * and answers the store calls posted to it, one at a time in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openSqliteStore } from './sqlite.js'
import type { Call, Reply, StoreCalls, ThreadOptions } from './thread.js'

const options = workerData as ThreadOptions
const { store, close } = openSqliteStore(options.path, options.migrations, options.delayMs === undefined ? {} : { delayMs: options.delayMs })
const port = parentPort!

const calls: StoreCalls = {
  recordEncoded: (attempt) => store.recordEncoded(attempt),
  recordCheck: (check) => store.recordCheck(check),
  read: (bank, questions) => store.read(bank, questions),
  eraseLearner: (learner) => store.eraseLearner(learner),
  setting: (name, value) => store.setting(name, () => value),
  applyPending: () => store.applyPending(),
  close: async () => {
    await store.applyPending()
    close()
  },
}

port.on('message', async (call: Call) => {
  let reply: Reply
  try {
    reply = { id: call.id, value: await (calls[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args) }
  } catch (error) {
    reply = { id: call.id, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true } satisfies Reply)
