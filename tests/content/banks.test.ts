/**
 * Every bank under content/ — the MLA-C01 bank, the CKA bank, and any bank
 * added later, with no change here: it builds with no error, its id is its
 * folder, every declared domain has rules, and generated/ holds exactly what
 * it produces (graph, bank, manifest entry).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readContent } from '../../src/cli/generate.js'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { generateBank } from '../../src/bank/index.js'
import { contentBanks } from '../bank/helpers.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const files = readContent(root)
const manifest = JSON.parse(readFileSync(`${root}generated/banks.json`, 'utf8')) as { banks: { id: string; version: string }[] }

describe('content banks', () => {
  it('are all in the generated manifest, in folder order', () => {
    expect(contentBanks().length).toBeGreaterThanOrEqual(2)
    expect(manifest.banks.map((bank) => bank.id)).toEqual(contentBanks())
  })
})

describe.each(contentBanks())('content/%s', (bank) => {
  const own = files.filter((file) => file.path.startsWith(`content/${bank}/`))
  const { graph, messages } = buildGraph(own, { bank })

  it('builds with no error or warning, under its folder’s id', () => {
    expect(messages.map(formatMessage)).toEqual([])
    expect(graph?.bank.id).toBe(bank)
  })

  it('has rules in every declared domain', () => {
    const used = new Set(graph?.rules.map((rule) => rule.domain))
    expect(graph?.domains.filter((domain) => !used.has(domain.id)).map((domain) => domain.id)).toEqual([])
  })

  it('matches the committed generated/ graph, bank and manifest entry', () => {
    const committed = (name: string) => readFileSync(`${root}generated/${bank}/${name}`, 'utf8')
    expect(JSON.stringify(graph, null, 2) + '\n').toBe(committed('graph.json'))
    const generated = generateBank(graph!)
    expect(JSON.stringify(generated, null, 2) + '\n').toBe(committed('bank.json'))
    expect(manifest.banks.find((entry) => entry.id === bank)?.version).toBe(generated.version)
  })
})
