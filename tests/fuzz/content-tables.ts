/**
 * Test helper: the rules tables of a bank's content, found with a line
 * scanner independent of src/content (so a parser bug cannot hide itself):
 * where each table's rows are, and which columns hold the cue and the answer.
 */
import type { ContentFile } from '../../src/content/index.js'

export interface RulesTable {
  file: string
  /** 1-based line of the declaration's opening `<!-- quizgraph rules`. */
  declarationLine: number
  /** 1-based line of the header row. */
  headerLine: number
  header: string[]
  keys: Map<string, string>
  cueColumn: number
  answerColumn: number
  /** 1-based lines of the body rows. */
  rows: number[]
  split: string
}

export function cellsOf(line: string): string[] {
  const trimmed = line.trim()
  return trimmed.slice(1, trimmed.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim())
}

export function rowOf(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

export function rulesTables(files: readonly ContentFile[]): RulesTable[] {
  const tables: RulesTable[] = []
  for (const file of files) {
    const lines = file.text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (!/^<!--\s*quizgraph rules\b/.test(lines[i]!)) continue
      const keys = new Map<string, string>()
      let j = i + 1
      for (; j < lines.length && !lines[j]!.startsWith('-->'); j++) {
        const kv = /^([a-z-]+):\s*(.*)$/.exec(lines[j]!)
        if (kv && !keys.has(kv[1]!)) keys.set(kv[1]!, kv[2]!)
      }
      const headerIndex = j + 1
      if (!lines[headerIndex]?.startsWith('|')) continue // a list
      const header = cellsOf(lines[headerIndex]!)
      const cue = keys.get('cue') ?? ''
      const cueColumn = header.indexOf(cue)
      const answerColumn = header.indexOf(keys.get('answer') ?? '')
      if (cueColumn < 0 || answerColumn < 0) continue // a combined cue (`A + B`): skipped
      const rows: number[] = []
      for (let k = headerIndex + 2; k < lines.length && lines[k]!.startsWith('|'); k++) rows.push(k + 1)
      tables.push({
        file: file.path,
        declarationLine: i + 1,
        headerLine: headerIndex + 1,
        header,
        keys,
        cueColumn,
        answerColumn,
        rows,
        split: keys.get('split') ?? 'mentions',
      })
    }
  }
  return tables
}

/** `text` with 1-based `line` replaced by `replacement` (several lines allowed, or none). */
export function replaceLine(text: string, line: number, replacement: string[]): string {
  const lines = text.split('\n')
  lines.splice(line - 1, 1, ...replacement)
  return lines.join('\n')
}
