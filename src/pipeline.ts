/**
 * The whole generator as a pure function: content files in, messages and
 * output files out. Only src/cli/ reads and writes the file system.
 */
import { generateBank } from './bank/index.js'
import { retireItems } from './bank/retire.js'
import { buildGraph, compareMessages, type ContentFile, type ContentMessage } from './content/index.js'
import { exportBank } from './exports/index.js'
import type { Bank } from './bank/schema.js'
import type { Graph } from './graph/schema.js'

export interface Output {
  /** Path relative to the project root, under `generated/`. */
  path: string
  content: string | Uint8Array
}

export interface BuildResult {
  messages: ContentMessage[]
  outputs: Output[]
}

/** Each folder `content/<bank>/` is a bank; its Markdown files are its content. */
export function build(files: readonly ContentFile[]): BuildResult {
  const banks = new Map<string, ContentFile[]>()
  for (const file of files) {
    const match = /^content\/([^/]+)\/[^/]+\.md$/.exec(file.path)
    if (match?.[1] === undefined) continue
    banks.set(match[1], [...(banks.get(match[1]) ?? []), file])
  }
  const messages: ContentMessage[] = []
  const outputs: Output[] = []
  const built: ManifestEntry[] = []
  for (const bank of [...banks.keys()].sort()) {
    const result = buildGraph(banks.get(bank) ?? [], { bank })
    messages.push(...result.messages)
    if (result.graph !== undefined) {
      outputs.push({ path: `generated/${bank}/graph.json`, content: JSON.stringify(result.graph, null, 2) + '\n' })
      const { bank: generated, retired, messages: retireMessages } = retireItems(generateBank(result.graph), result.graph)
      messages.push(...retireMessages)
      outputs.push({ path: `generated/${bank}/bank.json`, content: JSON.stringify(generated, null, 2) + '\n' })
      outputs.push({ path: `generated/${bank}/retired.json`, content: JSON.stringify(retired, null, 2) + '\n' })
      for (const file of exportBank(generated, { title: result.graph.bank.title })) {
        outputs.push({ path: `generated/${bank}/exports/${file.path}`, content: file.content })
      }
      built.push(manifestEntry(result.graph, generated))
    }
  }
  if (built.length > 0) outputs.push(...manifestOutputs(built))
  return { messages: messages.sort(compareMessages), outputs }
}

/** One bank in `generated/banks.json`. */
export interface ManifestEntry {
  id: string
  title: string
  version: string
  /** Folder under generated/ holding graph.json, bank.json and exports/. */
  path: string
  rules: number
  items: number
  /** Scored questions: a case study counts each of its questions. */
  questions: number
  byType: Record<string, number>
}

function manifestEntry(graph: Graph, bank: Bank): ManifestEntry {
  const byType: Record<string, number> = {}
  for (const item of bank.items) byType[item.type] = (byType[item.type] ?? 0) + 1
  return {
    id: bank.bank,
    title: graph.bank.title,
    version: bank.version,
    path: `generated/${bank.bank}`,
    rules: graph.rules.length,
    items: bank.items.length,
    questions: bank.items.reduce((n, item) => n + (item.type === 'case-study' ? item.questions.length : 1), 0),
    byType,
  }
}

/**
 * The manifest of every generated bank: `generated/banks.json` for tools, and
 * `generated/banks.ts`, a module importing each bank's JSON so that the Worker
 * bundle and `npm start` embed every bank with no code naming one.
 */
function manifestOutputs(entries: readonly ManifestEntry[]): Output[] {
  const json = JSON.stringify({ banks: entries }, null, 2) + '\n'
  const lines = [
    '/**',
    ' * Written by `npm run generate` (src/pipeline.ts): every bank under generated/, as JSON',
    ' * imports so that wrangler bundles them and Node reads them with no file-system code.',
    ' * Do not edit: a new folder content/<bank>/ appears here on the next generate.',
    ' */',
    ...entries.flatMap((entry, i) => [
      `import bank${i} from './${entry.id}/bank.json' with { type: 'json' }`,
      `import graph${i} from './${entry.id}/graph.json' with { type: 'json' }`,
      `import retired${i} from './${entry.id}/retired.json' with { type: 'json' }`,
    ]),
    '',
    'export const generatedBanks = [',
    ...entries.map((_entry, i) => `  { bank: bank${i}, graph: graph${i}, retired: retired${i} },`),
    ']',
    '',
  ]
  return [
    { path: 'generated/banks.json', content: json },
    { path: 'generated/banks.ts', content: lines.join('\n') },
  ]
}
