/**
 * `npm run stats`: the flagged items of each bank with the content lines they
 * come from, read from the local database (DATABASE_PATH, default
 * ./data/quizgraph.db) or from a running API (--url, with ADMIN_TOKEN or
 * --token). Exit code 0 either way: flags are for authors to review.
 *
 *   --url=https://…   read GET /v1/banks/{bank}/stats from a deployed API
 *   --token=…         admin token (default: $ADMIN_TOKEN)
 *   --bank=ID         only this bank
 *   --limit=N         at most N items per bank (default: all)
 *   --json            the statistics as JSON instead of the report
 */
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { indexBank } from '../api/bank-index.js'
import { embeddedBanks } from '../api/embedded.js'
import { questionInfo } from '../api/routes/stats.js'
import type { BankStatistics } from '../stats/analysis.js'
import { formatReport } from '../stats/report.js'
import { openSqliteStore } from '../stats/sqlite.js'
import { StatsService } from '../stats/service.js'
import { SqlStatsStore } from '../stats/store.js'
import { readMigrations } from './migrations.js'

type Report = BankStatistics & { bank: string; version: string }

async function fromApi(url: string, token: string | undefined, only: string | undefined): Promise<Report[]> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const base = url.replace(/\/+$/, '')
  const banks = only ? [only] : ((await (await fetch(`${base}/v1/banks`, { headers })).json()) as { items: Array<{ id: string }> }).items.map((b) => b.id)
  const out: Report[] = []
  for (const bank of banks) {
    const reply = await fetch(`${base}/v1/banks/${bank}/stats`, { headers })
    const body = (await reply.json()) as Report & { detail?: string }
    if (!reply.ok) throw new Error(`${base}/v1/banks/${bank}/stats: ${reply.status} ${body.detail ?? ''}`)
    out.push(body)
  }
  return out
}

async function fromDatabase(path: string, only: string | undefined): Promise<Report[]> {
  if (path !== ':memory:' && !existsSync(path)) throw new Error(`No statistics database at ${path} (set DATABASE_PATH, or read a deployed API with --url)`)
  const opened = openSqliteStore(path, readMigrations())
  try {
    // Read only: attempts the server has not yet added to the sums are its to apply.
    const stats = new StatsService({ store: new SqlStatsStore(opened.driver) })
    const out: Report[] = []
    for (const entry of embeddedBanks) {
      const index = indexBank(entry)
      if (only && index.id !== only) continue
      out.push({ bank: index.id, version: index.version, ...(await stats.bank(index.id, questionInfo(index))) })
    }
    return out
  } finally {
    opened.close()
  }
}

export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<number> {
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const url = value('url')
  const only = value('bank')
  const limit = value('limit')
  const reports = url ? await fromApi(url, value('token') ?? env['ADMIN_TOKEN'], only) : await fromDatabase(env['DATABASE_PATH'] || './data/quizgraph.db', only)
  if (args.includes('--json')) log(JSON.stringify(reports, null, 2))
  else log(reports.map((r) => formatReport(r, limit ? { limit: Number(limit) } : {})).join('\n\n'))
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
