/**
 * Stems of content/mla-c01 read as sentences: a cue that continues a
 * sentence is lower-cased ({cue:lower}) unless every cue of its table is
 * written that way already; {cue} as written follows a colon or sits in
 * quotes; and no stem leaves the cue dangling after its question.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateBank } from '../../src/bank/index.js'
import { render } from '../../src/bank/text.js'
import { buildGraph } from '../../src/content/index.js'
import type { Graph } from '../../src/graph/schema.js'

const folder = fileURLToPath(new URL('../../content/mla-c01/', import.meta.url))
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ path: `content/mla-c01/${name}`, text: readFileSync(folder + name, 'utf8') }))
const graph = buildGraph(files, { bank: 'mla-c01' }).graph as Graph

describe('content/mla-c01 stems', () => {
  it('use {cue} as written only after a colon, in quotes, or where the table’s cues are written mid-sentence', () => {
    const problems: string[] = []
    for (const table of graph.tables.filter((candidate) => candidate.role === 'rules')) {
      const cues = graph.rules.filter((rule) => rule.table === table.id).map((rule) => rule.cue)
      // Cues of a list are cut from the middle of a sentence ("If the question says Spark with more
      // control, think EMR"): when most start in lower case, a capital is a proper name.
      const lower = cues.filter((cue) => /^[a-z“"]/.test(cue)).length
      const writtenMidSentence = lower === cues.length || (table.form === 'list' && lower >= 0.75 * cues.length)
      for (const stem of table.stems) {
        for (const match of stem.matchAll(/\{cue\}/g)) {
          const before = stem.slice(0, match.index)
          const ok = before === '' || /(: |[“"])$/.test(before) || writtenMidSentence
          if (!ok) problems.push(`${table.id}: ${stem}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('never put the cue after the stem’s question', () => {
    const problems = graph.tables.flatMap((table) => table.stems.filter((stem) => /\?\s*\{[^}]+\}\s*$/.test(stem)).map((stem) => `${table.id}: ${stem}`))
    expect(problems).toEqual([])
  })

  it('end every generated stem with its question (or a Select note)', () => {
    const bank = generateBank(graph)
    const stems = bank.items.flatMap((item) => (item.type === 'case-study' ? item.questions.map((q) => q.stem) : [item.stem]))
    const dangling = stems.filter((stem) => /\?\s+(?!\(Select [A-Z]+\.\)$)\S/.test(stem))
    expect(dangling).toEqual([])
  })

  it('drop the period after a quoted question that ends a sentence', () => {
    const values = new Map([['cue', '“Who changed the endpoint configuration?”']])
    expect(render('A team reports this clue: {cue}. Which service helps?', values)).toBe(
      'A team reports this clue: “Who changed the endpoint configuration?” Which service helps?',
    )
  })
})
