import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Graph } from '../../src/graph/schema.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export function loadFixture(): Graph {
  return Graph.parse(JSON.parse(readFileSync(`${root}tests/fixtures/graph-small.json`, 'utf8')))
}

/** Every bank folder under content/: a test that checks a bank runs over all of them. */
export function contentBanks(): string[] {
  const folder = `${root}content`
  return readdirSync(folder)
    .filter((name) => statSync(`${folder}/${name}`).isDirectory())
    .sort()
}

/** A bank's generated graph (undefined before `npm run generate`). */
export function loadRealGraph(bank = 'mla-c01'): Graph | undefined {
  const path = `${root}generated/${bank}/graph.json`
  return existsSync(path) ? Graph.parse(JSON.parse(readFileSync(path, 'utf8'))) : undefined
}

/** Every bank under content/ with its generated graph, for `describe.each` (tests/content checks each is generated). */
export const realGraphs: { bank: string; graph: Graph }[] = contentBanks().flatMap((bank) => {
  const graph = loadRealGraph(bank)
  return graph === undefined ? [] : [{ bank, graph }]
})

/** The MLA-C01 graph, for the tests that check that bank's own content. */
export const realGraph = realGraphs.find((entry) => entry.bank === 'mla-c01')?.graph
