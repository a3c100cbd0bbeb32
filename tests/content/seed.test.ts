/**
 * Every row of every table in the source document appears among the parsed
 * rules and traps. The seed lost its column separators, so a row matches when
 * its parsed cells, letters and digits only, are all inside the seed line and
 * add up to exactly that line.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../src/content/index.js'

const seedPath = fileURLToPath(new URL('../../../shared/seed/000_48fc29ae8034723d.txt', import.meta.url))
const folder = fileURLToPath(new URL('../../content/mla-c01/', import.meta.url))

const squeeze = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')

describe.skipIf(!existsSync(seedPath))('seed document', () => {
  it('has every table row among the parsed rules and traps', () => {
    const seed = readFileSync(seedPath, 'utf8').split('\n').map((line) => line.trim())
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ path: `content/mla-c01/${name}`, text: readFileSync(folder + name, 'utf8') }))
    const graph = buildGraph(files, { bank: 'mla-c01' }).graph
    expect(graph).toBeDefined()
    if (graph === undefined) return

    // Rows the content corrects on purpose, each with a note beside its table: the seed row and the row as corrected.
    const corrections = new Map([
      [
        squeeze('| Specificity | Of actual negatives, how many were correctly rejected | False alarms matter |'),
        squeeze('| Specificity | Of actual negatives, how many were correctly rejected | Most actual negatives must be correctly cleared |'),
      ],
    ])
    const missing: string[] = []
    let checked = 0
    for (const table of graph.tables.filter((item) => item.form === 'table')) {
      const header = seed.findIndex((line) => squeeze(line) === squeeze(table.columns.join('')))
      expect(header, `header of ${table.id}`).toBeGreaterThanOrEqual(0)
      const rows = graph.rules
        .filter((rule) => rule.table === table.id)
        .map((rule) => [rule.cue, rule.answer, rule.reason ?? '', rule.watch ?? '', ...Object.values(rule.details)])
        .concat(graph.traps.filter((trap) => trap.table === table.id).map((trap) => [trap.mistake, trap.correction]))
        .map((cells) => cells.map(squeeze).filter((cell) => cell !== ''))
      for (let index = header + 1; seed[index] !== undefined && seed[index] !== ''; index += 1) {
        const original = squeeze(seed[index] ?? '')
        const line = corrections.get(original) ?? original
        checked += 1
        const found = rows.some((cells) => cells.every((cell) => line.includes(cell)) && cells.join('').length === line.length)
        if (!found) missing.push(`${table.id}: ${seed[index]}`)
      }
    }
    expect(missing).toEqual([])
    expect(checked).toBe(144)
  })
})
