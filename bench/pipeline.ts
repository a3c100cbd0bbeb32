/**
 * One pipeline measurement, run in its own process so that peak memory is its
 * own: `tsx bench/pipeline.ts <factor> [--graph-only]` prints one JSON line.
 * Times parse+graph, generate (with the graph index, built once) and audit
 * (on that index) on the synthetic content at factor×, and bare remark-parse
 * + remark-gfm on the same texts, in the same process.
 */
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { auditBank, generateBank, indexGraph } from '../src/bank/index.js'
import { readContent } from '../src/cli/generate.js'
import { buildGraph, type ContentFile } from '../src/content/index.js'
import { bytesOf, scaleContent } from './synthetic.js'

export interface PipelineSample {
  factor: number
  bytes: number
  files: number
  rules: number
  items: number | null
  messages: number
  errors: number
  /** Milliseconds, medians over `runs`. */
  bare: number
  graph: number
  generate: number | null
  audit: number | null
  runs: number
  /** The first run's times alone (cold: first JIT and heap growth at this size), in milliseconds. */
  first: { bare: number; graph: number; generate: number | null; audit: number | null }
  maxRssMiB: number
}

const bare = unified().use(remarkParse).use(remarkGfm).freeze()

function time<T>(fn: () => T): [T, number] {
  const start = performance.now()
  const value = fn()
  return [value, performance.now() - start]
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

function bareParse(files: readonly ContentFile[]): number {
  let nodes = 0
  for (const file of files) nodes += bare.parse(file.text).children.length
  return nodes
}

export function measure(factor: number, options: { graphOnly: boolean; runs: number; root: string }): PipelineSample {
  const real = readContent(options.root).filter((f) => f.path.startsWith('content/mla-c01/'))
  const files = scaleContent(real, factor)
  // Warm up both on the real content (JIT), so 1× is not a cold-start number.
  for (let i = 0; i < 2; i++) {
    bareParse(real)
    const warm = buildGraph(real, { bank: 'mla-c01' })
    if (!options.graphOnly && warm.graph) {
      const index = indexGraph(warm.graph)
      auditBank(generateBank(warm.graph, index), warm.graph, index)
    }
  }
  const samples = { bare: [] as number[], graph: [] as number[], generate: [] as number[], audit: [] as number[] }
  let last: { rules: number; items: number | null; messages: number; errors: number } = { rules: 0, items: null, messages: 0, errors: 0 }
  for (let run = 0; run < options.runs; run++) {
    // Bare and pipeline alternate, so drift (thermal, GC) hits both.
    samples.bare.push(time(() => bareParse(files))[1])
    const [result, graphMs] = time(() => buildGraph(files, { bank: 'mla-c01' }))
    samples.graph.push(graphMs)
    last = {
      rules: result.graph?.rules.length ?? 0,
      items: null,
      messages: result.messages.length,
      errors: result.messages.filter((m) => m.severity === 'error').length,
    }
    if (options.graphOnly || !result.graph) continue
    const graph = result.graph
    // One graph index, built inside the generate time and shared with the audit (as a caller doing both would).
    const [{ bank, index }, generateMs] = time(() => {
      const index = indexGraph(graph)
      return { bank: generateBank(graph, index), index }
    })
    samples.generate.push(generateMs)
    samples.audit.push(time(() => auditBank(bank, graph, index))[1])
    last.items = bank.items.length
  }
  return {
    factor,
    bytes: bytesOf(files),
    files: files.length,
    ...last,
    bare: median(samples.bare),
    graph: median(samples.graph),
    generate: samples.generate.length > 0 ? median(samples.generate) : null,
    audit: samples.audit.length > 0 ? median(samples.audit) : null,
    runs: options.runs,
    first: {
      bare: samples.bare[0] ?? NaN,
      graph: samples.graph[0] ?? NaN,
      generate: samples.generate[0] ?? null,
      audit: samples.audit[0] ?? null,
    },
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const factor = Number(process.argv[2] ?? 1)
  const runs = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 1)
  const sample = measure(factor, { graphOnly: process.argv.includes('--graph-only'), runs, root: process.cwd() })
  process.stdout.write(JSON.stringify(sample) + '\n')
}
