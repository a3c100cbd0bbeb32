/**
 * Start and stop the servers the bench and the load test measure, on
 * 127.0.0.1 only: the Node server (bench/serve-node.ts) and the Worker in
 * workerd (`wrangler dev -c bench/wrangler.bench.toml`). Also the requests
 * they are measured with, discovered from the running API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import type { Target } from './bare.js'

export interface Running {
  runtime: 'node' | 'workerd'
  base: string
  /** Milliseconds from spawn to the first answered request. */
  startMs: number
  /** The process whose RSS is the server's (node; workerd's own process for the Worker). */
  rss: () => number | undefined
  stop: () => Promise<void>
}

const root = new URL('..', import.meta.url).pathname

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb === undefined ? undefined : Number(kb) * 1024
  } catch {
    return undefined
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** The first descendant of `pid` whose command line matches. */
function findDescendant(pid: number, pattern: RegExp): number | undefined {
  const queue = [pid]
  while (queue.length > 0) {
    const next = queue.shift()!
    for (const child of childrenOf(next)) {
      try {
        if (pattern.test(readFileSync(`/proc/${child}/cmdline`, 'utf8'))) return child
      } catch {
        /* gone */
      }
      queue.push(child)
    }
  }
  return undefined
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (response.ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`)
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve()
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          /* gone */
        }
      }, 5000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      try {
        // The child leads its own process group (detached): this reaches wrangler's workerd too.
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        resolve()
      }
    })
}

/** The Node server, started the way `npm start` starts the app (tsx), plus the bare routes. */
export async function startNode(): Promise<Running> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench/serve-node.ts exited with ${code}`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port))
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor(`${base}/healthz`, child, 30_000)
  return { runtime: 'node', base, startMs: performance.now() - started, rss: () => rssOf(child.pid), stop: stopper(child) }
}

/**
 * The Worker in workerd through `wrangler dev` (bench config), local only.
 * Bundled once first and served with --no-bundle: `wrangler dev` otherwise
 * watches the sources and restarts the Worker when they change (other work
 * in the tree, a regenerated bank), and its proxy answers a POST caught in a
 * restart with a 503 ("Your worker restarted mid-request").
 */
export async function startWorkerd(): Promise<Running> {
  const outdir = `${root}bench/out/worker`
  const built = spawnSync(
    process.execPath,
    ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '-c', 'bench/wrangler.bench.toml', '--outdir', outdir],
    { cwd: root, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  )
  if (built.status !== 0) throw new Error(`wrangler deploy --dry-run (bench config) failed:\n${(built.stderr || built.stdout).slice(-1500)}`)
  const port = await freePort()
  const inspector = await freePort()
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js', 'dev', `${outdir}/worker-bench.js`, '--no-bundle', '-c', 'bench/wrangler.bench.toml', '--local',
      '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--log-level', 'warn',
      '--show-interactive-dev-session=false',
    ],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  )
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/healthz`, child, 90_000)
  } catch (error) {
    await stopper(child)()
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  const startMs = performance.now() - started
  const workerd = child.pid === undefined ? undefined : findDescendant(child.pid, /workerd/)
  return { runtime: 'workerd', base, startMs, rss: () => rssOf(workerd), stop: stopper(child) }
}

export async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json()) as T }
}

/**
 * The repeated requests, against the first bank the server holds: a page with
 * answers, one question, a correct answer, a new exam with a given seed (the
 * same request again and again, as a client polling or a class sharing one).
 */
export async function discoverTargets(base: string): Promise<Target[]> {
  const bank = await firstBank(base)
  const page = await json<{ items: Array<{ id: string; type: string; answer?: unknown }> }>(
    `${base}/v1/banks/${bank}/questions?type=single&limit=1&reveal=true`,
  )
  const question = page.body.items[0]
  if (!question || question.answer === undefined) throw new Error('no question with a revealed answer')
  return [
    { name: 'list (limit=10, reveal)', method: 'GET', path: `/v1/banks/${bank}/questions?limit=10&reveal=true` },
    { name: 'one question', method: 'GET', path: `/v1/banks/${bank}/questions/${question.id}` },
    { name: 'answer', method: 'POST', path: `/v1/banks/${bank}/questions/${question.id}/answer`, body: JSON.stringify({ response: question.answer }) },
    { name: 'new exam', method: 'POST', path: `/v1/banks/${bank}/exams`, body: JSON.stringify({ seed: 42 }) },
  ]
}

async function firstBank(base: string): Promise<string> {
  const banks = await json<{ items: Array<{ id: string }> }>(`${base}/v1/banks`)
  const bank = banks.body.items[0]?.id
  if (bank === undefined) throw new Error('the server holds no bank')
  return bank
}

/**
 * The first-seen mix (issue 11): every request a new seed, as an LMS gives each
 * learner their own. A shuffled page, a shuffled page with answers in one
 * domain, a drill aimed at a decision error and a task.
 */
export async function discoverFirstSeen(base: string): Promise<Target[]> {
  const bank = await firstBank(base)
  const detail = await json<{ domains: Array<{ id: string; tasks: Array<{ id: string }> }>; counts: { byTag: Record<string, number> } }>(
    `${base}/v1/banks/${bank}`,
  )
  const domain = detail.body.domains[0]?.id ?? '1'
  const task = detail.body.domains[0]?.tasks[0]?.id ?? '1.1'
  const tag = Object.keys(detail.body.counts.byTag).find((t) => t.startsWith('error:')) ?? Object.keys(detail.body.counts.byTag)[0]!
  return [
    { name: 'page, new seed', method: 'GET', path: `/v1/banks/${bank}/questions?limit=10&order=random&seed={seed}` },
    { name: 'page with answers in a domain, new seed', method: 'GET', path: `/v1/banks/${bank}/questions?limit=10&order=random&reveal=true&domain=${domain}&seed={seed}` },
    { name: 'drill, new seed', method: 'GET', path: `/v1/banks/${bank}/drills?tag=${encodeURIComponent(tag)}&task=${task}&limit=10&seed={seed}` },
  ]
}

/** Have the server compute each target's answer once for the bare routes; returns their statuses. */
export async function prime(base: string, targets: readonly Target[]): Promise<Array<{ status: number; bytes: number }>> {
  const primed = await json<Array<{ status: number; bytes: number }>>(`${base}/__bench/prime`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(targets),
  })
  return primed.body
}
