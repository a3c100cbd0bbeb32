/**
 * `npm run load`: a bounded load test on loopback. 64 connections for 60 s
 * (by default) against the Node server, then the Worker in workerd, each
 * cycling through the bench's four requests (a page with answers, one
 * question, an answer, a new exam). Passes when there are zero errors, zero
 * non-2xx answers and the server's RSS grows less than 20% from the end of a
 * warm-up to the end of the run. Writes the "Load test" section of
 * bench/results.md; stops by itself.
 *
 *   --duration=<s>      seconds per runtime (default 60)
 *   --connections=<n>   (default 64)
 *   --runtime=node,workerd
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { discoverTargets, startNode, startWorkerd, type Running } from './servers.js'

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]))
const duration = Number(args.get('duration') ?? 60)
const connections = Number(args.get('connections') ?? 64)
const runtimes = (args.get('runtime') ?? 'node,workerd').split(',')
const warmup = Math.min(10, Math.max(3, Math.round(duration / 6)))
const log = (line: string) => process.stderr.write(line + '\n')
const mib = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`)

interface Outcome {
  runtime: string
  requests: number
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  rssStart: number | undefined
  rssPeak: number | undefined
  rssEnd: number | undefined
  growth: number | undefined
  pass: boolean
  note?: string
}

async function load(start: () => Promise<Running>): Promise<Outcome> {
  const server = await start()
  try {
    const targets = await discoverTargets(server.base)
    const requests = targets.map((t) => ({
      method: t.method,
      path: t.path,
      ...(t.body !== undefined ? { body: t.body, headers: { 'content-type': 'application/json' } } : {}),
    }))
    log(`${server.runtime}: warm-up ${warmup} s`)
    await autocannon({ url: server.base, connections, duration: warmup, requests })
    const rssStart = server.rss()
    let rssPeak = rssStart
    const sampler = setInterval(() => {
      const rss = server.rss()
      if (rss !== undefined && (rssPeak === undefined || rss > rssPeak)) rssPeak = rss
    }, 500)
    log(`${server.runtime}: ${connections} connections for ${duration} s`)
    const result = await autocannon({ url: server.base, connections, duration, requests })
    clearInterval(sampler)
    const rssEnd = server.rss()
    const growth = rssStart !== undefined && rssEnd !== undefined ? rssEnd / rssStart - 1 : undefined
    const errors = result.errors + result.timeouts
    const outcome: Outcome = {
      runtime: server.runtime,
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors,
      non2xx: result.non2xx,
      rssStart,
      rssPeak,
      rssEnd,
      growth,
      pass: errors === 0 && result.non2xx === 0 && (growth === undefined || growth < 0.2),
    }
    log(`${server.runtime}: ${JSON.stringify(outcome)}`)
    return outcome
  } finally {
    await server.stop()
  }
}

const outcomes: Outcome[] = []
for (const runtime of runtimes) {
  try {
    outcomes.push(await load(runtime === 'workerd' ? startWorkerd : startNode))
  } catch (error) {
    log(String((error as Error).stack))
    outcomes.push({ runtime, requests: 0, rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0, rssStart: undefined, rssPeak: undefined, rssEnd: undefined, growth: undefined, pass: false, note: (error as Error).message.split('\n')[0]! })
  }
}

const section = [
  '## Load test',
  '',
  `\`npm run load -- --duration=${duration}\`: ${connections} connections for ${duration} s per runtime on loopback, each connection cycling through the four requests above ` +
    `(page with answers, one question, a correct answer, a new exam), after a ${warmup} s warm-up. RSS is the server process's (workerd's own process for the Worker), sampled every 0.5 s; growth is end of run vs end of warm-up. ` +
    `Written ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '',
  '| runtime | requests | req/s | p50 / p99 | errors | non-2xx | RSS start → end (peak) | RSS growth | pass |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...outcomes.map((o) =>
    o.note !== undefined
      ? `| ${o.runtime} | not run: ${o.note} | | | | | | | no |`
      : `| ${o.runtime} | ${o.requests} | ${o.rps.toFixed(0)} | ${o.p50} / ${o.p99} ms | ${o.errors} | ${o.non2xx} | ${mib(o.rssStart)} → ${mib(o.rssEnd)} (${mib(o.rssPeak)}) | ` +
        `${o.growth === undefined ? '–' : `${(o.growth * 100).toFixed(1)}%`} | ${o.pass ? 'yes' : 'no'} |`,
  ),
  '',
  'Targets, for the Node server: zero errors, zero non-2xx on valid requests, RSS growth under 20%. workerd is measured the same way and reported; its pass column does not set the exit code.',
].join('\n')

const path = join(new URL('..', import.meta.url).pathname, 'bench/results.md')
let previous = ''
try {
  previous = readFileSync(path, 'utf8')
} catch {
  previous = '# Benchmarks\n'
}
const at = previous.indexOf('\n## Load test')
writeFileSync(path, (at >= 0 ? previous.slice(0, at) : previous).trimEnd() + '\n\n' + section + '\n')
log('wrote the Load test section of bench/results.md')
// The targets are the Node server's (issue 6); workerd is reported alongside.
process.exitCode = outcomes.filter((o) => o.runtime === 'node').every((o) => o.pass) ? 0 : 1
