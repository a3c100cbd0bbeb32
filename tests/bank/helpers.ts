import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Graph } from '../../src/graph/schema.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export function loadFixture(): Graph {
  return Graph.parse(JSON.parse(readFileSync(`${root}tests/fixtures/graph-small.json`, 'utf8')))
}

/** The real graph, once the parser has generated it (undefined before). */
export function loadRealGraph(): Graph | undefined {
  const path = `${root}generated/mla-c01/graph.json`
  return existsSync(path) ? Graph.parse(JSON.parse(readFileSync(path, 'utf8'))) : undefined
}

export const realGraph = loadRealGraph()
