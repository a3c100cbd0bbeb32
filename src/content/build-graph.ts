/**
 * Content → graph: each file through remark-parse, remark-gfm and our outline
 * plugin, then assembled across files. Pure: texts in, graph and messages out.
 */
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { Graph } from '../graph/schema.js'
import { assemble, type AssembleOptions } from './assemble.js'
import { compareMessages, toContentMessage, type ContentMessage } from './messages.js'
import { remarkQuizgraphOutline } from './outline.js'

export interface ContentFile {
  /** Path relative to the project root, for example `content/mla-c01/00-bank.md`. */
  path: string
  text: string
}

export interface BuildGraphResult {
  graph: Graph | undefined
  messages: ContentMessage[]
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkQuizgraphOutline).freeze()

export function buildGraph(files: readonly ContentFile[], options: AssembleOptions = {}): BuildGraphResult {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const vfiles = sorted.map((file) => {
    const vfile = new VFile({ path: file.path, value: file.text })
    processor.runSync(processor.parse(vfile), vfile)
    return vfile
  })
  const graph = assemble(vfiles, options)
  return { graph, messages: collect(vfiles) }
}

/** All messages, ordered and without repeats (a section's bad task is met by every block under it). */
function collect(files: readonly VFile[]): ContentMessage[] {
  const seen = new Set<string>()
  return files
    .flatMap((file) => file.messages.map(toContentMessage))
    .filter((message) => {
      const key = `${message.file}:${message.line}:${message.column}:${message.ruleId}:${message.reason}`
      return seen.has(key) ? false : (seen.add(key), true)
    })
    .sort(compareMessages)
}
