/**
 * `npm run audit [bank...]`: audit generated/<bank>/bank.json against its
 * graph.json and print the table. Exit 1 when any threshold breaks, so CI
 * (and `npm test`, through tests/bank) fails on a leaky or ambiguous bank.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { auditBank, Bank, formatAudit } from '../bank/index.js'
import { Graph } from '../graph/schema.js'

export function runAudit(root: string, banks: readonly string[], log: (line: string) => void = (line) => process.stdout.write(line + '\n')): number {
  const generated = join(root, 'generated')
  // Every bank folder under generated/ (banks.json and banks.ts sit beside them).
  const names =
    banks.length > 0
      ? banks
      : existsSync(generated)
        ? readdirSync(generated).filter((name) => statSync(join(generated, name)).isDirectory()).sort()
        : []
  let failed = names.length === 0
  if (failed) log('no bank in generated/: run `npm run generate` first')
  for (const name of names) {
    const graphPath = join(generated, name, 'graph.json')
    const bankPath = join(generated, name, 'bank.json')
    if (!existsSync(graphPath) || !existsSync(bankPath)) {
      log(`generated/${name}: graph.json or bank.json is missing: run \`npm run generate\``)
      failed = true
      continue
    }
    const graph = Graph.safeParse(JSON.parse(readFileSync(graphPath, 'utf8')))
    const bank = Bank.safeParse(JSON.parse(readFileSync(bankPath, 'utf8')))
    if (!graph.success || !bank.success) {
      log(`generated/${name}: ${graph.success ? 'bank.json' : 'graph.json'} does not match its schema`)
      failed = true
      continue
    }
    const report = auditBank(bank.data, graph.data)
    log(formatAudit(report))
    if (!report.ok) failed = true
  }
  return failed ? 1 : 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runAudit(process.cwd(), process.argv.slice(2))
}
