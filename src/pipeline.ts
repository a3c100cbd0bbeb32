/**
 * The whole generator as a pure function: content files in, messages and
 * output files out. Only src/cli/ reads and writes the file system.
 */
import { generateBank } from './bank/index.js'
import { retireItems } from './bank/retire.js'
import { buildGraph, compareMessages, type ContentFile, type ContentMessage } from './content/index.js'
import { exportBank } from './exports/index.js'

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
    }
  }
  return { messages: messages.sort(compareMessages), outputs }
}
