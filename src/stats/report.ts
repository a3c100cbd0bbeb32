/** The statistics report `npm run stats` and `npm run simulate` print: Markdown, content lines included. */
import type { BankStatistics, ItemStatistics } from './analysis.js'

const fixed = (value: number | null, digits = 2) => (value === null ? '–' : value.toFixed(digits))

function flagText(item: ItemStatistics): string {
  return item.flags.map((f) => (f.option ? `${f.code} (${f.option})` : f.code)).join(', ')
}

/** `content/…:line` of every source of an item, each once. */
export function sourceText(item: Pick<ItemStatistics, 'sources'>): string {
  return [...new Set(item.sources.map((s) => `${s.file}:${s.line}`))].join(', ') || '–'
}

export function formatReport(stats: BankStatistics & { bank: string; version: string }, options: { limit?: number } = {}): string {
  const lines: string[] = []
  lines.push(
    `Bank ${stats.bank} (version ${stats.version}): ${stats.attempts} exam attempts, ${stats.practiceChecks} practice checks; ` +
      `${stats.items.withResponses} items answered, ${stats.items.reported} with at least ${stats.minResponses} responses, ${stats.items.flagged} flagged.`,
  )
  for (const form of stats.forms) {
    lines.push(`Exams of ${form.questions} questions: ${form.attempts} attempts, mean ${form.mean}, sd ${form.sd}, KR-20 ${fixed(form.kr20, 3)}.`)
  }
  const shown = stats.flagged.slice(0, options.limit ?? stats.flagged.length)
  if (shown.length > 0) {
    lines.push('', '| Item | Responses | p | r(pb) | D | Flags | Content |', '| --- | --- | --- | --- | --- | --- | --- |')
    for (const item of shown) {
      lines.push(`| \`${item.id}\` | ${item.responses} | ${fixed(item.p)} | ${fixed(item.pointBiserial)} | ${fixed(item.discrimination)} | ${flagText(item)} | ${sourceText(item)} |`)
    }
    if (shown.length < stats.flagged.length) lines.push('', `… and ${stats.flagged.length - shown.length} more (--limit=N).`)
  }
  return lines.join('\n')
}
