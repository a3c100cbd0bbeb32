/**
 * `npm run bench`: pipeline scaling, API throughput on Node and in workerd
 * against bare routes, the Worker bundle size and cold start. Loopback only;
 * writes bench/results.md (the API and load sections of which `npm run load`
 * may append to). Ratios, not absolute claims: every number has its baseline
 * measured in the same run on the same machine.
 *
 *   --quick          pipeline at 1× and 10× only (no 100×), 1 s per turn (a smoke run)
 *   --skip=pipeline,node,workerd,bundle
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import autocannon, { type Result } from 'autocannon'
import type { Target } from './bare.js'
import type { PipelineSample } from './pipeline.js'
import { discoverFirstSeen, discoverTargets, prime, startNode, startWorkerd, type Running } from './servers.js'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const skip = new Set((args.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean))
const turnSeconds = quick ? 1 : 2
const connections = 32
const log = (line: string) => process.stderr.write(line + '\n')
const fmt = (n: number | null | undefined, digits = 2) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits))
const ms = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`)
const sections: string[] = []

// ------------------------------------------------------------------ pipeline

function pipelineRun(factor: number, extra: string[]): PipelineSample {
  log(`pipeline ${factor}× ${extra.join(' ')}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/pipeline.ts', String(factor), ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`bench/pipeline.ts ${factor} failed with ${result.status}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as PipelineSample
}

function pipelineSection(): void {
  // 10×: the median of 3 runs (a single run there moves by ±15% from run to run); 100×: 1 run (time and memory).
  const samples = [pipelineRun(1, ['--runs=5']), pipelineRun(10, ['--runs=3']), ...(quick ? [] : [pipelineRun(100, ['--runs=1'])])]
  const base = samples[0]!
  const total = (s: PipelineSample) => s.graph + (s.generate ?? 0) + (s.audit ?? 0)
  const rows = samples.map((s) => {
    const whole = s.generate === null ? null : total(s)
    return (
      `| ${s.factor}× | ${(s.bytes / 1024).toFixed(0)} KiB, ${s.files} files, ${s.rules} rules | ${s.items ?? '–'} | ${s.errors} | ` +
      `${ms(s.bare)} | ${ms(s.graph)} | ${ms(s.generate)} | ${s.generate === null || !s.items ? '–' : (s.generate / s.items).toFixed(2) + ' ms'} | ${ms(s.audit)} | ` +
      `${fmt(s.graph / s.bare)}× | ${whole === null ? '–' : fmt(whole / s.bare) + '×'} | ` +
      `${fmt(s.graph / base.graph, 1)}× | ${whole === null ? '–' : fmt(whole / total(base), 1) + '×'} | ${s.maxRssMiB} MiB |`
    )
  })
  const exponent = (a: number, b: number, fa: number, fb: number) => Math.log(b / a) / Math.log(fb / fa)
  const growth = (s: PipelineSample) => {
    const stage = (name: string, a: number | null, b: number | null) =>
      `${name} ${fmt((b ?? NaN) / (a ?? NaN), 1)}× (exponent ${fmt(exponent(a ?? NaN, b ?? NaN, 1, s.factor))})`
    return (
      `- growth 1× → ${s.factor}×: ${stage('parse+graph', base.graph, s.graph)}, ${stage('generate', base.generate, s.generate)}, ` +
      `${stage('audit', base.audit, s.audit)}, ${stage('whole', total(base), total(s))}; linear is ${s.factor}× (exponent 1).`
    )
  }
  const largest = samples.at(-1)!
  const lines = [
    '## Pipeline scaling',
    '',
    `Synthetic content made from content/mla-c01/ by bench/synthetic.ts (bank facts and catalog once, every other file n times with renamed headings, ids and cues). ` +
      `Times are medians (${samples.map((s) => `${s.factor}×: ${s.runs} run${s.runs === 1 ? '' : 's'}`).join(', ')}, each after a warm-up on the real content; bare and pipeline alternate), each size in its own process; "bare" is remark-parse + remark-gfm on the same texts in the same process. ` +
      `The graph index is built once, in the generate time, and the audit reuses it.`,
    '',
    '| size | content | items | errors | bare parse | parse+graph | generate | generate per item | audit | graph / bare | whole / bare | graph vs 1× | whole vs 1× | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Targets: whole pipeline ≤ 3× bare parsing at every size; 100× ≤ 110× the 1× time (10× ≤ 11×).',
    '',
    `- whole / bare: ${samples.map((s) => `**${fmt(total(s) / s.bare)}×** at ${s.factor}×`).join(', ')} (target ≤ 3×).`,
    `- first run alone (cold: JIT and heap growth at that size): whole / bare ${samples
      .map((s) => `${fmt((s.first.graph + (s.first.generate ?? 0) + (s.first.audit ?? 0)) / s.first.bare)}× at ${s.factor}×`)
      .join(', ')}.`,
    ...samples.slice(1).map(growth),
    `- whole pipeline at ${largest.factor}×: **${fmt(total(largest) / total(base), 0)}×** the 1× time (target ≤ ${largest.factor === 100 ? 110 : 11}×: ` +
      `${total(largest) / total(base) <= (largest.factor === 100 ? 110 : 11) ? 'met' : 'missed'}).`,
  ]
  sections.push(lines.join('\n'))
}

// ------------------------------------------------------------------ API

interface Turn {
  rps: number
  p99: number
  errors: number
  non2xx: number
  /** Non-2xx answers by status and side (A = app, B = bare), e.g. `A 503`. */
  codes: Record<string, number>
}

/** Seeds for first-seen requests: never the same twice in a run. */
let nextSeed = 1000

async function cannon(base: string, target: Target, path: string, seconds: number): Promise<Turn> {
  const headers: Record<string, string> = target.body !== undefined ? { 'content-type': 'application/json' } : {}
  if (path !== target.path) headers['x-bench-target'] = JSON.stringify(target)
  const firstSeen = path.includes('{seed}')
  const result: Result = await autocannon({
    url: base + (firstSeen ? path.replace('{seed}', '0') : path),
    connections,
    duration: seconds,
    method: target.method,
    headers,
    ...(target.body !== undefined ? { body: target.body } : {}),
    ...(firstSeen
      ? { requests: [{ method: target.method, setupRequest: (request) => ({ ...request, path: path.replace('{seed}', String(nextSeed++)) }) }] }
      : {}),
  })
  const side = path === target.path ? 'A' : 'B'
  const codes: Record<string, number> = {}
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) if (!code.startsWith('2')) codes[`${side} ${code}`] = count
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, codes }
}

interface Measured {
  row: string
  rps: number
  p99: number
}

/** Turns A B A B of the app's route and its bare twin; one table row. */
async function measure(server: Running, target: Target, bare: string, primed: { status: number; bytes: number } | undefined): Promise<Measured> {
  // Warm-up, both: 2 s for first-seen targets (the app's code paths JIT-compile on new seeds), 1 s otherwise.
  const warm = target.path.includes('{seed}') ? 2 : 1
  await cannon(server.base, target, target.path, warm)
  await cannon(server.base, target, bare, warm)
  const a: Turn[] = []
  const b: Turn[] = []
  for (let turn = 0; turn < 2; turn++) {
    a.push(await cannon(server.base, target, target.path, turnSeconds))
    b.push(await cannon(server.base, target, bare, turnSeconds))
  }
  const mean = (turns: Turn[], key: 'rps' | 'p99') => turns.reduce((s, t) => s + t[key], 0) / turns.length
  const sum = (turns: Turn[], key: 'errors' | 'non2xx') => turns.reduce((s, t) => s + t[key], 0)
  const codes: Record<string, number> = {}
  for (const t of [...a, ...b]) for (const [code, n] of Object.entries(t.codes)) codes[code] = (codes[code] ?? 0) + n
  const non2xx = sum(a, 'non2xx') + sum(b, 'non2xx')
  const byCode = Object.entries(codes).map(([code, n]) => `${code}: ${n}`).join(', ')
  const rps = mean(a, 'rps') / mean(b, 'rps')
  const p99 = mean(a, 'p99') / Math.max(mean(b, 'p99'), 1)
  log(`${server.runtime} ${target.name}: ${fmt(rps)}× throughput, ${fmt(p99)}× p99`)
  return {
    rps,
    p99,
    row:
      `| ${target.method} ${target.path.replace('{seed}', 'N')} | ${primed?.status} | ${primed?.bytes} B | ` +
      `${mean(a, 'rps').toFixed(0)} / ${mean(b, 'rps').toFixed(0)} | **${fmt(rps)}×** | ` +
      `${mean(a, 'p99').toFixed(0)} / ${mean(b, 'p99').toFixed(0)} ms | **${fmt(p99)}×** | ${sum(a, 'errors') + sum(b, 'errors')} | ${non2xx}${byCode ? ` (${byCode})` : ''} |`,
  }
}

async function apiSection(start: () => Promise<Running>): Promise<void> {
  let server: Running | undefined
  try {
    server = await start()
    log(`${server.runtime}: up in ${Math.round(server.startMs)} ms at ${server.base}`)
    const firstSeen = await discoverFirstSeen(server.base)
    const repeated = await discoverTargets(server.base)
    const targets = [...firstSeen, ...repeated]
    const primed = await prime(server.base, targets)
    // The server to a steady state first: its response store full and evicting, its code compiled.
    for (const target of firstSeen) await cannon(server.base, target, target.path, 2)
    const results: Measured[] = []
    for (const [n, target] of targets.entries()) results.push(await measure(server, target, `/__bare/${n}`, primed[n]))
    const table = (from: number, to: number) => [
      '| request | status | body | req/s app / bare | throughput ratio | p99 app / bare | p99 ratio | errors | non-2xx |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...results.slice(from, to).map((r) => r.row),
    ]
    const worst = (list: Measured[]) => ({ rps: Math.min(...list.map((r) => r.rps)), p99: Math.max(...list.map((r) => r.p99)) })
    const first = worst(results.slice(0, firstSeen.length))
    const again = worst(results.slice(firstSeen.length))
    const verdict = (ok: boolean) => (server!.runtime === 'node' ? (ok ? 'met' : 'missed') : 'reported')
    sections.push(
      [
        `## API throughput: ${server.runtime === 'node' ? 'Node (@hono/node-server, bench/serve-node.ts)' : 'workerd (wrangler dev, bench/wrangler.bench.toml)'}`,
        '',
        `autocannon, ${connections} connections, turns A B A B of ${turnSeconds} s after warm-ups of both (2 s first-seen, 1 s repeated), the whole after 2 s of each first-seen request on the app (its response store full and evicting); A = the app's route, B = a bare Hono route in the same process answering the same bytes (bench/bare.ts). ` +
          `Started to first answer in ${ms(server.startMs)}.` +
          (server.runtime === 'workerd'
            ? ' The Worker is bundled once before the run and served with `--no-bundle`, so edits elsewhere in the tree cannot restart it mid-run; no rate-limit binding in the bench config.'
            : '') +
          ' Non-2xx answers are listed by side (A app, B bare) and status.',
        '',
        '### First-seen requests',
        '',
        'Every request a new seed (N counts up through the run, never repeated), as an LMS gives each learner their own: the app builds every answer; ' +
          'the bare route serves the bytes of one sample answer (seed 1), of the same size.',
        '',
        ...table(0, firstSeen.length),
        '',
        `Targets${server.runtime === 'node' ? '' : ' (set for Node; workerd is reported)'}: throughput ≥ 0.5× bare (worst here **${fmt(first.rps)}×**: ${verdict(first.rps >= 0.5)}), ` +
          `p99 ≤ 3× bare (worst **${fmt(first.p99)}×**: ${verdict(first.p99 <= 3)}), zero errors.`,
        '',
        '### Repeated requests',
        '',
        'The same request again and again: answered from the response store (src/api/middleware/replay.ts).',
        '',
        ...table(firstSeen.length, targets.length),
        '',
        `Targets${server.runtime === 'node' ? '' : ' (set for Node; workerd is reported)'}: throughput ≥ 0.8× bare (worst here **${fmt(again.rps)}×**: ${verdict(again.rps >= 0.8)}), ` +
          `p99 ≤ 2× bare (worst **${fmt(again.p99)}×**: ${verdict(again.p99 <= 2)}), zero errors.`,
      ].join('\n'),
    )
  } catch (error) {
    sections.push(`## API throughput (${server?.runtime ?? 'server'})\n\nNot measured: ${(error as Error).message.split('\n')[0]}`)
    log(String((error as Error).stack))
  } finally {
    await server?.stop()
  }
}

// ------------------------------------------------------------------ Worker bundle and cold start

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

/** What each bank of generated/banks.json adds to the Worker bundle: its JSON, minified as the bundler embeds it. */
export function bankSizes(): { id: string; raw: number; gzipped: number }[] {
  const manifest = JSON.parse(readFileSync(join(root, 'generated/banks.json'), 'utf8')) as { banks: { id: string; path: string }[] }
  return manifest.banks.map(({ id, path }) => {
    const text = ['bank.json', 'graph.json'].map((name) => JSON.stringify(JSON.parse(readFileSync(join(root, path, name), 'utf8')))).join('')
    return { id, raw: Buffer.byteLength(text), gzipped: gzipSync(text).byteLength }
  })
}

async function bundleSection(): Promise<void> {
  const outdir = join(root, 'bench/out/bundle')
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  log('wrangler deploy --dry-run')
  const built = spawnSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (built.status !== 0) {
    sections.push(`## Worker bundle\n\nwrangler deploy --dry-run failed:\n\n\`\`\`\n${(built.stderr || built.stdout).slice(-1500)}\n\`\`\``)
    return
  }
  const code = walk(outdir).filter((f) => /\.(m?js|wasm)$/.test(f))
  const raw = code.reduce((n, f) => n + statSync(f).size, 0)
  const gzipped = code.reduce((n, f) => n + gzipSync(readFileSync(f)).byteLength, 0)
  const main = code.find((f) => /\.m?js$/.test(f))

  // Cold start: a fresh workerd (through Miniflare, as wrangler dev runs it) on the built bundle, to its first answer.
  const starts: number[] = []
  let coldNote = ''
  try {
    // miniflare comes with wrangler (pinned); its v4-style options still describe a single module Worker best.
    const { Miniflare, convertV4MiniflareOptions } = (await import('miniflare')) as typeof import('miniflare')
    for (let i = 0; i < 3 && main; i++) {
      const t0 = performance.now()
      const mf = new Miniflare(
        convertV4MiniflareOptions({ modules: true, scriptPath: main, compatibilityDate: '2025-09-01', bindings: { CORS_ORIGINS: '*' } }),
      )
      const response = await mf.dispatchFetch('http://127.0.0.1/healthz')
      await response.text()
      starts.push(performance.now() - t0)
      await mf.dispose()
    }
  } catch (error) {
    coldNote = ` (not measured: ${(error as Error).message.split('\n')[0]})`
  }
  const median = [...starts].sort((a, b) => a - b)[Math.floor(starts.length / 2)]
  sections.push(
    [
      '## Worker',
      '',
      `- bundle (\`wrangler deploy --dry-run --outdir\`, production wrangler.toml): ${(raw / 1024).toFixed(0)} KiB, **${(gzipped / 1024).toFixed(0)} KiB gzipped** ` +
        `(target ≤ 1024 KiB: ${gzipped <= 1024 * 1024 ? 'met' : 'missed'}, ${fmt(gzipped / (1024 * 1024))}× the limit); the /docs assets are static assets outside the bundle.`,
      ...bankSizes().map(
        ({ id, raw: bankRaw, gzipped: bankGzipped }) =>
          `- bank \`${id}\` in the bundle (its bank.json and graph.json, minified): ${(bankRaw / 1024).toFixed(0)} KiB, ${(bankGzipped / 1024).toFixed(0)} KiB gzipped`,
      ),
      `- cold start, a new workerd process on the built bundle to its first answered request (GET /healthz, Miniflare): ` +
        `${median === undefined ? '–' : `**${ms(median)}**`} median of ${starts.length}${coldNote}.`,
    ].join('\n'),
  )
}

// ------------------------------------------------------------------ main

const started = performance.now()
if (!skip.has('pipeline')) pipelineSection()
if (!skip.has('node')) await apiSection(startNode)
if (!skip.has('workerd')) await apiSection(startWorkerd)
if (!skip.has('bundle')) await bundleSection()

const header = [
  '# Benchmarks',
  '',
  `Reproduce with \`npm run bench\` (and \`npm run load\` for the load test). Written ${new Date().toISOString().slice(0, 10)} by bench/run.ts` +
    `${quick ? ' (--quick)' : ''} in ${ms(performance.now() - started)}.`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}. ` +
    'Client and server share the cores, so absolute numbers say little; the ratios compare runs on the same machine in the same run.',
]
// Sections this run did not measure (--skip, and the load test's) are kept from the previous file.
const path = join(root, 'bench/results.md')
const titleOf = (section: string) => section.split('\n')[0]!.replace(/:.*$/, '')
let kept: string[] = []
try {
  kept = readFileSync(path, 'utf8').split(/\n(?=## )/).slice(1).map((s) => s.trim())
} catch {
  /* first run */
}
const fresh = new Map(sections.map((s) => [titleOf(s) + (s.includes('workerd (wrangler') ? ' workerd' : s.includes('Node (@hono') ? ' node' : ''), s]))
const keyOf = (s: string) => titleOf(s) + (s.includes('workerd (wrangler') ? ' workerd' : s.includes('Node (@hono') ? ' node' : '')
const merged = kept.map((s) => fresh.get(keyOf(s)) ?? s)
for (const [key, s] of fresh) if (!kept.some((k) => keyOf(k) === key)) merged.splice(merged.findIndex((k) => k.startsWith('## Load test')) >>> 0, 0, s)
writeFileSync(path, [...header, '', ...merged.flatMap((s) => [s, ''])].join('\n').trimEnd() + '\n')
log(`wrote bench/results.md in ${ms(performance.now() - started)}`)
