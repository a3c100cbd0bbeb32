/**
 * `npm run simulate`: start the Node server (SQLite in a temporary file, or
 * --db=PATH), answer exams with a synthetic 2PL IRT population through the
 * HTTP API, then print the statistics report and check it against the
 * simulation: the miskeyed item and the dead distractor flagged, Spearman
 * correlation of difficulty and p at least 0.9.
 *
 *   --bank=ID     the bank (default: the first the API lists)
 *   --learners=N  simulated candidates (default 2000)
 *   --size=N      questions per exam (default 65, for example an MLA-C01 exam; 0: the whole bank)
 *   --seed=N      population seed (default 12)
 *   --db=PATH     keep the database (default: a temporary file, removed)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BankStatistics, ItemStatistics } from '../stats/analysis.js'
import { formatReport } from '../stats/report.js'
import { drive, type Drive } from '../simulate/drive.js'
import { spearman } from '../simulate/rank.js'
import { startServer } from './server.js'

export interface Checks {
  miskeyedFlagged: boolean
  deadFlagged: boolean
  /** Spearman correlation of −b and observed p over items with 200+ responses, and how many. */
  spearman: number
  spearmanItems: number
}

/** Compare what the server reports with what the simulation planted. */
export function checkSimulation(run: Drive, stats: BankStatistics, perItem: ReadonlyMap<string, ItemStatistics>): Checks {
  const { miskeyed, dead } = run.population
  const flagged = new Map(stats.flagged.map((i) => [i.id, i]))
  const miskeyedFlags = flagged.get(miskeyed.id)?.flags.map((f) => f.code) ?? []
  const deadFlags = flagged.get(dead.id)?.flags ?? []
  const pairs = [...perItem.values()].filter((i) => i.responses >= 200 && i.p !== null && i.id !== miskeyed.id)
  return {
    miskeyedFlagged: miskeyedFlags.includes('negative-discrimination'),
    deadFlagged: deadFlags.some((f) => f.code === 'non-functioning-distractor' && f.option === dead.option),
    spearman: spearman(pairs.map((i) => -run.population.parameters.get(i.id)!.b), pairs.map((i) => i.p!)),
    spearmanItems: pairs.length,
  }
}

export async function itemStats(base: string, bank: string, ids: readonly string[], headers: Record<string, string> = {}): Promise<Map<string, ItemStatistics>> {
  const out = new Map<string, ItemStatistics>()
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!
      const body = (await (await fetch(`${base}/v1/banks/${bank}/questions/${id}/stats`, { headers })).json()) as { revisions: ItemStatistics[] }
      const current = body.revisions.find((r) => r.current)
      if (current) out.set(id, current)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return out
}

async function main(args: string[]): Promise<number> {
  const option = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
  const kept = args.find((a) => a.startsWith('--db='))?.slice('--db='.length)
  const folder = kept ? undefined : mkdtempSync(join(tmpdir(), 'quizgraph-sim-'))
  const databasePath = kept ?? join(folder!, 'stats.db')
  const server = await startServer({ DATABASE_PATH: databasePath, STATS: 'on', ADMIN_TOKEN: '' })
  try {
    const listed = ((await (await fetch(`${server.base}/v1/banks`)).json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)
    const bank = args.find((a) => a.startsWith('--bank='))?.slice('--bank='.length) ?? listed[0]!
    if (!listed.includes(bank)) {
      console.error(`Unexpected bank \`${bank}\`, expected one of ${listed.map((id) => `\`${id}\``).join(', ')}`)
      return 2
    }
    // 65 questions: for example an MLA-C01 mock exam.
    const run = await drive({ base: server.base, bank, learners: option('learners', 2000), size: option('size', 65), seed: option('seed', 12), retries: 0 })
    const stats = (await (await fetch(`${server.base}/v1/banks/${bank}/stats`)).json()) as BankStatistics & { bank: string; version: string }
    const perItem = await itemStats(server.base, bank, run.questions.map((q) => q.id))
    const checks = checkSimulation(run, stats, perItem)
    console.log(formatReport(stats, { limit: 25 }))
    console.log('')
    console.log(`Simulated ${run.attempts.length} candidates (2PL IRT, seed ${option('seed', 12)}) in ${(run.ms / 1000).toFixed(1)} s through ${server.base}.`)
    console.log(`- planted miskey \`${run.population.miskeyed.id}\` (the population takes ${run.population.miskeyed.believed} for the key): ${checks.miskeyedFlagged ? 'flagged' : 'NOT flagged'}`)
    console.log(`- planted dead distractor ${run.population.dead.option} of \`${run.population.dead.id}\`: ${checks.deadFlagged ? 'flagged' : 'NOT flagged'}`)
    console.log(`- Spearman(difficulty, p) over ${checks.spearmanItems} items with 200+ responses: ${checks.spearman.toFixed(3)} (target ≥ 0.9)`)
    return checks.miskeyedFlagged && checks.deadFlagged && checks.spearman >= 0.9 ? 0 : 1
  } finally {
    await server.stop()
    if (folder) rmSync(folder, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
