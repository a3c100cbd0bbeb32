/**
 * `npm run bench:stats`: what recording item statistics costs and how fast
 * they are read. Writes its section to bench/out/stats.md (copied into bench/results.md by hand).
 *
 * 1. Grade cost, Node: the same 65-question grade (unique attempt id per
 *    request) against two `src/node.ts` servers, STATS=off and recording to
 *    SQLite. Latency: one request at a time, alternating turns, p50 ratio
 *    (target ≤ 1.2×). Throughput: autocannon, 8 connections, saturated.
 * 2. Reading: a database with 100,000 recorded attempts (built through the
 *    store, 2PL responses to 40 exam forms), then GET /v1/banks/mla-c01/stats
 *    and one question's stats from a server on it; median of 7 (target < 200 ms).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
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
const sequentialTurns = option('turns', 5)
const folder = mkdtempSync(join(tmpdir(), 'quizgraph-bench-stats-'))
const lines: string[] = []
const log = (line = '') => {
  lines.push(line)
  console.log(line)
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)]!
const median = (values: number[]) => quantile(values, 0.5)
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

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
    const body = () => JSON.stringify({ responses, attemptId: `bench-attempt-${counter++}` })

    // 1. Latency: one request at a time on a kept-alive connection, timed to the microsecond.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const once = (server: Server) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(server.base + path)
        const text = body()
        const started = performance.now()
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
          (res) => {
            res.resume()
            res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`grade: ${res.statusCode}`))))
          },
        )
        req.on('error', reject)
        req.end(text)
      })
    const latency = { off: [] as number[], on: [] as number[] }
    for (let turn = 0; turn <= sequentialTurns; turn++) {
      for (const [name, server] of [['off', off], ['on', on]] as const) {
        const times: number[] = []
        for (let i = 0; i < 400; i++) times.push(await once(server))
        if (turn > 0) latency[name].push(...times) // turn 0 warms both up
      }
    }
    agent.destroy()

    // 2. Throughput: autocannon, 8 connections each sending its next request when the last is answered.
    const run = async (server: Server) => {
      const result = await autocannon({
        url: server.base,
        connections: 8,
        duration: seconds,
        requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: body() }) }],
      })
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`grade: ${result.non2xx} non-2xx, ${result.errors} errors`)
      return result
    }
    await run(off)
    await run(on) // warm-up
    const saturated = { off: { rps: [] as number[], p50: [] as number[] }, on: { rps: [] as number[], p50: [] as number[] } }
    for (let turn = 0; turn < 2; turn++) {
      for (const [name, server] of [['off', off], ['on', on]] as const) {
        const r = await run(server)
        saturated[name].rps.push(r.requests.average)
        saturated[name].p50.push(r.latency.p50)
      }
    }

    const row = (name: string, times: number[]) =>
      `| ${name} | ${quantile(times, 0.5).toFixed(2)} ms | ${quantile(times, 0.9).toFixed(2)} ms | ${quantile(times, 0.99).toFixed(2)} ms |`
    const ratio = quantile(latency.on, 0.5) / quantile(latency.off, 0.5)
    log('## Item statistics: recording cost (Node, SQLite)')
    log()
    log(`POST ${path.replace(exam.id, '{id}')}: 65 questions, a new attemptId per request, against two \`src/node.ts\` servers, STATS=off and recording.`)
    log()
    log(`### Latency: one request at a time (${sequentialTurns} turns of 400 per server, alternating, after a warm-up turn)`)
    log()
    log('| server | p50 | p90 | p99 |')
    log('| --- | --- | --- | --- |')
    log(row('STATS=off', latency.off))
    log(row('recording (SQLite, WAL, own thread)', latency.on))
    log()
    log(`- p50 with recording / without: **${ratio.toFixed(2)}×** (target ≤ 1.20×): **${ratio <= 1.2 ? 'met' : 'missed'}**.`)
    log()
    log(`### Throughput: saturated (autocannon, 8 connections, 2 turns of ${seconds} s per server after a warm-up)`)
    log()
    log('| server | req/s | p50 |')
    log('| --- | --- | --- |')
    log(`| STATS=off | ${mean(saturated.off.rps).toFixed(0)} | ${mean(saturated.off.p50).toFixed(1)} ms |`)
    log(`| recording | ${mean(saturated.on.rps).toFixed(0)} | ${mean(saturated.on.p50).toFixed(1)} ms |`)
    log()
    log(`- Throughput with recording / without: ${(mean(saturated.on.rps) / mean(saturated.off.rps)).toFixed(2)}× (client and servers share the machine's 2 cores; at saturation latency is queueing, so p50 there follows throughput).`)
  } finally {
    await off.stop()
    await on.stop()
  }
}

async function readLatency(): Promise<void> {
  const path = join(folder, 'large.db')
  const started = performance.now()
  const { store, close } = openSqliteStore(path, readMigrations())
  const index = indexBank(embeddedBanks.find((b) => b.bank.bank === 'mla-c01')!)
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
    await fetch(server.base + '/v1/banks') // the HTTP client and server warm; the statistics path still cold
    const first = await time('/v1/banks/mla-c01/stats')
    const bankTimes = [first.ms]
    for (let i = 0; i < 6; i++) bankTimes.push((await time('/v1/banks/mla-c01/stats')).ms)
    const one = first.body.flagged[0]?.id ?? questions[0]!.id
    const itemTimes: number[] = []
    for (let i = 0; i < 7; i++) itemTimes.push((await time(`/v1/banks/mla-c01/questions/${one}/stats`)).ms)
    log()
    log(`## Item statistics: reading ${attempts.toLocaleString('en')} attempts`)
    log()
    log(`A database of ${first.body.attempts.toLocaleString('en')} recorded attempts (65 questions each, 40 forms, 2PL responses; built through the store in ${(buildMs / 1000).toFixed(0)} s), read by a \`src/node.ts\` server over HTTP; 7 requests each, the first one cold (after one \`GET /v1/banks\`, so the HTTP client is warm).`)
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
