/** A short summary of each bank's graph: rules, answers and traps per domain. */
import { pathToFileURL } from 'node:url'
import { buildGraph, formatMessage } from '../content/index.js'
import type { Graph } from '../graph/schema.js'
import { readContent } from './generate.js'

export function summarize(graph: Graph): string {
  const lines = [`${graph.bank.id} — ${graph.bank.title}`]
  for (const domain of graph.domains) {
    const rules = graph.rules.filter((rule) => rule.domain === domain.id)
    const answers = new Set(rules.flatMap((rule) => rule.answerIds))
    const traps = graph.traps.filter((trap) => trap.domain === domain.id)
    lines.push(
      `  domain ${domain.id} ${domain.title} (${domain.weight}%): ${rules.length} rules, ${answers.size} answers, ${traps.length} traps`,
    )
  }
  lines.push(
    `  total: ${graph.tables.length} tables, ${graph.rules.length} rules, ${graph.answers.length} answers, ` +
      `${graph.traps.length} traps, ${graph.sequences.length} sequences, ${graph.topics.length} topics`,
  )
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = readContent(process.cwd())
  const banks = [...new Set(files.map((file) => file.path.split('/')[1] ?? ''))]
  if (banks.length === 0) process.stderr.write('no bank in content/\n')
  for (const bank of banks) {
    const result = buildGraph(files.filter((file) => file.path.startsWith(`content/${bank}/`)), { bank })
    for (const message of result.messages) process.stderr.write(formatMessage(message) + '\n')
    process.stdout.write((result.graph === undefined ? `${bank}: not built (see errors above)` : summarize(result.graph)) + '\n')
  }
}
