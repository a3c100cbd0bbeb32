/**
 * `npm run bench:stats`: what recording item statistics costs and how fast
 * they are read. Writes its section to bench/out/stats.md (copied into bench/results.md by hand).
 *
 * 1. Grade latency, Node: the same 65-question grade (unique attempt id per
 *    request) against two `src/node.ts` servers, STATS=off and recording to
 *    SQLite; autocannon turns A B A B, saturated and then paced at half the
 *    saturated rate; p50 ratio (target ≤ 1.2×).
 * 2. Reading: a database with 100,000 recorded attempts (built through the
 *    store, 2PL responses to 40 exam forms), then GET /v1/banks/mla-c01/stats
 *    and one question's stats from a server on it; median of 7 (target < 200 ms).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { embeddedBanks } from '../src/api/embedded.js'
import { indexBank, questionsOf } from '../src/api/bank-index.js'
import { planExam } from '../src/api/exams.js'
import { readMigrations } from '../src/cli/migrations.js'
import { startServer, type Server } from '../src/cli/server.js'
import { population, respond } from '../src/simulate/irt.js'
import { openSqliteStore } from '../src/stats/sqlite.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const seconds = option('seconds', 5)
const attempts = option('attempts', 100_000)
const folder = mkdtempSync(join(tmpdir(), 'quizgraph-bench-stats-'))
const lines: string[] = []
const log = (line = '') => {
  lines.push(line)
  console.log(line)
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function gradeLatency(): Promise<void> {
  const off = await startServer({ STATS: 'off' })
  const on = await startServer({ DATABASE_PATH: join(folder, 'grade.db'), STATS: 'on', ADMIN_TOKEN: '' })
  try {
    const post = (base: string, path: string, body: unknown) =>
      fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)
    const exam = await post(off.base, '/v1/banks/mla-c01/exams', { seed: 4242, size: 65 })
    const responses: Record<string, unknown> = {}
    exam.items.forEach((item: any, i: number) => {
      for (const q of item.type === 'case-study' ? item.questions : [item]) if (q.options && i % 3 !== 0) responses[q.id] = [q.options[i % q.options.length].id]
    })
    const path = `/v1/banks/mla-c01/exams/${exam.id}/grade`
    let counter = 0
    /** Closed loop (8 connections, as fast as the server answers) or open loop at `rate` requests per second. */
    const run = async (server: Server, rate?: number) => {
      const result = await autocannon({
        url: server.base,
        connections: 8,
        duration: seconds,
        ...(rate ? { overallRate: rate } : {}),
        requests: [
          {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ responses, attemptId: `bench-attempt-${counter++}` }) }),
          },
        ],
      })
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`grade: ${result.non2xx} non-2xx, ${result.errors} errors`)
      return result
    }
    /** Turns off/on × 2 after a warm-up of each; the mean of each server's turns. */
    const turns = async (rate?: number) => {
      await run(off, rate)
      await run(on, rate) // warm-up
      const p50 = { off: [] as number[], on: [] as number[] }
      const p99 = { off: [] as number[], on: [] as number[] }
      const rps = { off: [] as number[], on: [] as number[] }
      for (let turn = 0; turn < 2; turn++) {
        for (const [name, server] of [['off', off], ['on', on]] as const) {
          const r = await run(server, rate)
          p50[name].push(r.latency.p50)
          p99[name].push(r.latency.p99)
          rps[name].push(r.requests.average)
        }
      }
      const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
      return { p50: { off: m(p50.off), on: m(p50.on) }, p99: { off: m(p99.off), on: m(p99.on) }, rps: { off: m(rps.off), on: m(rps.on) } }
    }
    const saturated = await turns()
    // Half the rate the server without recording sustains: a busy server, not a saturated one.
    const rate = Math.round(saturated.rps.off / 2 / 10) * 10
    const paced = await turns(rate)
    log('## Item statistics: recording cost (Node, SQLite)')
    log()
    log(`autocannon, 8 connections, turns off/on × 2 of ${seconds} s after a warm-up of each; POST ${path.replace(exam.id, '{id}')} (65 questions, a new attemptId per request). Paced: ${rate} requests/s offered (half what the server without recording sustains), latency corrected for coordinated omission; saturated: each connection sends its next request when the last is answered, so latency there is queueing behind the server's throughput.`)
    log()
    log('| load | server | req/s | p50 | p99 |')
    log('| --- | --- | --- | --- | --- |')
    for (const [name, r] of [[`paced, ${rate} req/s`, paced], ['saturated', saturated]] as const) {
      log(`| ${name} | STATS=off | ${r.rps.off.toFixed(0)} | ${r.p50.off.toFixed(2)} ms | ${r.p99.off.toFixed(1)} ms |`)
      log(`| ${name} | recording (SQLite, WAL, own thread) | ${r.rps.on.toFixed(0)} | ${r.p50.on.toFixed(2)} ms | ${r.p99.on.toFixed(1)} ms |`)
    }
    log()
    log(`- Paced: p50 with recording / without **${(paced.p50.on / paced.p50.off).toFixed(2)}×** (target ≤ 1.20×), p99 ${(paced.p99.on / paced.p99.off).toFixed(2)}×.`)
    log(`- Saturated: p50 ${(saturated.p50.on / saturated.p50.off).toFixed(2)}×, throughput ${(saturated.rps.on / saturated.rps.off).toFixed(2)}×.`)
  } finally {
    await off.stop()
    await on.stop()
  }
}

async function readLatency(): Promise<void> {
  const path = join(folder, 'large.db')
  const started = performance.now()
  const { store, close } = openSqliteStore(path, readMigrations())
  const index = indexBank(embeddedBanks[0]!)
  const forms = Array.from({ length: 40 }, (_, seed) => planExam(index, 9000 + seed, 65))
  const questions = index.items.flatMap((item) => questionsOf(item)).map((q) => ({
    id: q.id,
    type: q.type,
    answer: q.type === 'matching' ? q.answer : q.answer,
    options: q.type === 'matching' ? q.choices.map((c) => c.id) : q.options.map((o) => o.id),
  }))
  const byId = new Map(questions.map((q) => [q.id, q]))
  const revision = new Map(index.items.flatMap((item) => questionsOf(item)).map((q) => [q.id, q.revision]))
  const pop = population(questions, attempts, 31)
  for (let i = 0; i < attempts; i++) {
    const form = forms[i % forms.length]!
    const responses = form.items.flatMap((item) => questionsOf(item)).map((q) => {
      const answer = respond(pop, pop.abilities[i]!, byId.get(q.id)!)
      return { question: q.id, revision: revision.get(q.id)!, response: answer.response, correct: answer.key, options: q.type === 'single' || q.type === 'multiple' ? (answer.response as string[]) : [] }
    })
    await store.recordAttempt({ bank: index.id, id: `bench-${i}`, examId: form.id, version: index.version, learner: null, responses, at: Date.now() })
    if (i % 2000 === 1999) await store.applyPending()
  }
  await store.applyPending()
  close()
  const buildMs = performance.now() - started
  const server = await startServer({ DATABASE_PATH: path, STATS: 'on', ADMIN_TOKEN: '' })
  try {
    const time = async (url: string) => {
      const t = performance.now()
      const reply = await fetch(server.base + url)
      const body = (await reply.json()) as any
      if (!reply.ok) throw new Error(`${url}: ${reply.status}`)
      return { ms: performance.now() - t, body }
    }
    const first = await time('/v1/banks/mla-c01/stats')
    const bankTimes = [first.ms]
    for (let i = 0; i < 6; i++) bankTimes.push((await time('/v1/banks/mla-c01/stats')).ms)
    const one = first.body.flagged[0]?.id ?? questions[0]!.id
    const itemTimes: number[] = []
    for (let i = 0; i < 7; i++) itemTimes.push((await time(`/v1/banks/mla-c01/questions/${one}/stats`)).ms)
    log()
    log('## Item statistics: reading 100,000 attempts')
    log()
    log(`A database of ${first.body.attempts.toLocaleString('en')} recorded attempts (65 questions each, 40 forms, 2PL responses; built through the store in ${(buildMs / 1000).toFixed(0)} s), read by a \`src/node.ts\` server over HTTP; 7 requests each, the first one cold.`)
    log()
    log('| request | first | median | target |')
    log('| --- | --- | --- | --- |')
    log(`| GET /v1/banks/mla-c01/stats (${first.body.items.withResponses} items, ${first.body.items.flagged} flagged) | ${first.ms.toFixed(0)} ms | **${median(bankTimes).toFixed(0)} ms** | < 200 ms |`)
    log(`| GET /v1/banks/mla-c01/questions/{id}/stats | ${itemTimes[0]!.toFixed(1)} ms | **${median(itemTimes).toFixed(1)} ms** | < 200 ms |`)
  } finally {
    await server.stop()
  }
}

try {
  if (!args.includes('--read-only')) await gradeLatency()
  if (!args.includes('--grade-only')) await readLatency()
  mkdirSync('bench/out', { recursive: true })
  writeFileSync('bench/out/stats.md', lines.join('\n') + '\n')
} finally {
  rmSync(folder, { recursive: true, force: true })
}
