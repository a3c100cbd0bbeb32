/**
 * The catalog: canonical answers with aliases, kind and scope. Every name and
 * alias may be claimed once; mentions elsewhere resolve through it.
 */
import type { Answer } from '../graph/schema.js'
import { report } from './errors.js'
import { readRecords, requireCell } from './fixed-table.js'
import { sortTerms, type Term } from './mentions.js'
import type { Block } from './outline.js'
import { shift, type Point } from './point.js'
import { slug } from './slug.js'

export interface Catalog {
  answers: Answer[]
  /** Names and aliases, longest first. */
  terms: Term[]
}

interface Claim {
  path: string
  point: Point
}

export function readCatalog(blocks: readonly Block[]): Catalog {
  const answers: Answer[] = []
  const terms: Term[] = []
  const claims = new Map<string, Claim>()
  const ids = new Map<string, Claim>()

  for (const block of blocks) {
    if (block.declaration.what !== 'catalog' || block.node.type !== 'table') continue
    const { file } = block
    const read = readRecords(block.node, file, ['Answer', 'Category', 'Kind'], ['Aliases', 'Scope'])
    for (const record of read?.records ?? []) {
      const name = requireCell(record, 'Answer', file, 'the answer’s canonical name')
      const category = requireCell(record, 'Category', file, 'a category')
      const kind = requireCell(record, 'Kind', file, 'a lower-case kind like `service`')
      if (!name || !category || !kind) continue
      if (!/^[a-z][a-z-]*$/.test(kind.text)) {
        report(file, 'bad-value', kind.point, { found: `kind \`${kind.text}\``, expected: 'a lower-case word like `service`' })
        continue
      }
      const scope = record.cells['Scope']
      const scopeText = scope === undefined || scope.text === '' ? 'in' : scope.text.toLowerCase()
      if (scope !== undefined && scopeText !== 'in' && scopeText !== 'out') {
        report(file, 'bad-value', scope.point, { found: `scope \`${scope.text}\``, expected: '`in` or `out`' })
        continue
      }
      const id = slug(name.text)
      const first = ids.get(id)
      if (first !== undefined) {
        report(file, 'duplicate-id', name.point, { what: 'answer', id }, { ...first, reason: 'First defined here' })
        continue
      }
      ids.set(id, { path: file.path, point: name.point })

      // Claim the name, then each alias at its own column within the cell.
      const aliasCell = record.cells['Aliases']
      const claimed = [{ text: name.text, point: name.point }]
      if (aliasCell !== undefined) {
        let offset = 0
        for (const part of aliasCell.text.split(';')) {
          const text = part.trim()
          if (text !== '') {
            claimed.push({ text, point: shift(aliasCell.point, offset + part.indexOf(text)) })
          }
          offset += part.length + 1
        }
      }
      const kept: string[] = []
      for (const claim of claimed) {
        const key = claim.text.toLowerCase()
        const earlier = claims.get(key)
        if (earlier !== undefined) {
          report(file, 'duplicate-alias', claim.point, { name: claim.text }, { ...earlier, reason: 'First claimed here' })
          continue
        }
        claims.set(key, { path: file.path, point: claim.point })
        terms.push({ text: claim.text, id })
        if (claim !== claimed[0]) kept.push(claim.text)
      }
      answers.push({
        id,
        name: name.text,
        aliases: kept,
        category: category.text,
        kind: kind.text,
        inScope: scopeText === 'in',
        source: { file: file.path, line: name.point.line, column: name.point.column },
      })
    }
  }
  return { answers, terms: sortTerms(terms) }
}
