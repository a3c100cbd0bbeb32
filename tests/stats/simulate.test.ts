/**
 * The proof by simulation: the real Node server (src/node.ts, SQLite in a
 * temporary file) answered through HTTP by a 2PL IRT population with a
 * planted miskey and a dead distractor (src/simulate). Scaled down from
 * `npm run simulate`: every candidate takes one exam of the whole bank (a
 * fixed form), so every item has one response per candidate.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Server } from '../../src/cli/server.js'
import { checkSimulation, itemStats } from '../../src/cli/simulate.js'
import { main as statsCli } from '../../src/cli/stats.js'
import { drive, type Drive } from '../../src/simulate/drive.js'
import { pearson } from '../../src/simulate/rank.js'
import type { BankStatistics, ItemStatistics } from '../../src/stats/analysis.js'

const learners = 210
let folder: string
let server: Server
let run: Drive
let stats: BankStatistics
let perItem: Map<string, ItemStatistics>
// The smaller bank: every candidate answers every exam question of it, so each item gets 210 responses quickly.
const bank = 'cka'

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'quizgraph-sim-test-'))
  server = await startServer({ DATABASE_PATH: join(folder, 'stats.db'), STATS: 'on', ADMIN_TOKEN: 'sim-token' })
  const headers = { authorization: 'Bearer sim-token' }
  run = await drive({ base: server.base, bank, learners, size: 0, fixedForm: true, seed: 7, retries: 15, concurrency: 4 })
  stats = (await (await fetch(`${server.base}/v1/banks/${bank}/stats`, { headers })).json()) as BankStatistics
  perItem = await itemStats(server.base, bank, run.questions.map((q) => q.id), headers)
}, 240_000)

afterAll(async () => {
  await server?.stop()
  rmSync(folder, { recursive: true, force: true })
})

describe('npm run simulate, scaled down', () => {
  it('stores each attempt once (15 graded twice) and the p-values the population produced, exactly', () => {
    expect(stats.attempts).toBe(learners)
    expect(perItem.size).toBe(run.questions.length)
    for (const q of run.questions) {
      const sent = run.attempts.map((a) => a.items.get(q.id)!)
      const item = perItem.get(q.id)!
      expect(item.responses, q.id).toBe(learners)
      expect(item.correct, q.id).toBe(sent.filter(Boolean).length)
      expect(item.p, q.id).toBe(Math.round((1e4 * sent.filter(Boolean).length) / learners) / 1e4)
    }
    for (const a of run.attempts) expect([...a.items.values()].filter(Boolean).length).toBe(a.score)
  })

  it('has point-biserials within 0.01 of an independent computation', () => {
    let compared = 0
    for (const q of run.questions) {
      const x = run.attempts.map((a) => (a.items.get(q.id) ? 1 : 0))
      const rest = run.attempts.map((a, i) => a.score - x[i]!)
      const expected = pearson(x, rest)
      const item = perItem.get(q.id)!
      if (!Number.isFinite(expected)) {
        expect(item.pointBiserial, q.id).toBeNull()
        continue
      }
      expect(Math.abs(item.pointBiserial! - expected), q.id).toBeLessThan(0.01)
      compared++
    }
    expect(compared).toBeGreaterThan(run.questions.length * 0.9)
  })

  it('flags the miskeyed item and the dead distractor, and p follows the simulated difficulty (Spearman ≥ 0.9)', () => {
    const checks = checkSimulation(run, stats, perItem)
    expect(checks.miskeyedFlagged).toBe(true)
    expect(checks.deadFlagged).toBe(true)
    expect(checks.spearmanItems).toBe(run.questions.length - 1)
    expect(checks.spearman).toBeGreaterThanOrEqual(0.9)
    const miskeyed = perItem.get(run.population.miskeyed.id)!
    expect(miskeyed.pointBiserial!).toBeLessThan(0)
    expect(miskeyed.flags.map((f) => f.code)).toContain('distractor-beats-key')
    const dead = perItem.get(run.population.dead.id)!
    expect(dead.options.find((o) => o.id === run.population.dead.option)!.chosen).toBe(0)
    // The flagged item points back to its content lines.
    const flagged = stats.flagged.find((i) => i.id === run.population.miskeyed.id)!
    expect(flagged.sources[0]).toMatchObject({ file: expect.stringMatching(new RegExp(`^content/${bank}/.+\\.md$`)), line: expect.any(Number) })
  })

  it('reports KR-20 for the whole-bank form', () => {
    const form = stats.forms.find((f) => f.questions === run.questions.length)!
    expect(form.attempts).toBe(learners)
    expect(form.kr20!).toBeGreaterThan(0.8)
    expect(form.distribution.reduce((n, d) => n + d.attempts, 0)).toBe(learners)
  })

  it('npm run stats prints the flagged items with their content lines, from the API (admin token) and from the database', async () => {
    const miskeyed = stats.flagged.find((i) => i.id === run.population.miskeyed.id)!
    const line = `${miskeyed.sources[0]!.file}:${miskeyed.sources[0]!.line}`
    for (const args of [[`--url=${server.base}`, '--token=sim-token'], []]) {
      const out: string[] = []
      expect(await statsCli([...args, `--bank=${bank}`], { DATABASE_PATH: join(folder, 'stats.db') }, (l) => out.push(l))).toBe(0)
      const text = out.join('\n')
      expect(text).toContain(`${learners} exam attempts`)
      const row = text.split('\n').find((l) => l.includes(`\`${miskeyed.id}\``))!
      expect(row).toContain('negative-discrimination')
      expect(row).toContain(line)
    }
    await expect(statsCli([`--url=${server.base}`, '--token=wrong', `--bank=${bank}`], {}, () => {})).rejects.toThrow(/401/)
  })
})
