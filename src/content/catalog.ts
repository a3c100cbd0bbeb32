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
  const claims = new Map<string, Claim & { id: string }>()
  const ids = new Map<string, Claim>()
  // Broader names are resolved once every catalog table is read: a broader answer may come later.
  const broader: { answer: Answer; text: string; point: Point; file: Block['file'] }[] = []

  for (const block of blocks) {
    if (block.declaration.what !== 'catalog' || block.node.type !== 'table') continue
    const { file } = block
    const read = readRecords(block.node, file, ['Answer', 'Category', 'Kind'], ['Aliases', 'Scope', 'Broader'])
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
        claims.set(key, { path: file.path, point: claim.point, id })
        terms.push({ text: claim.text, id })
        if (claim !== claimed[0]) kept.push(claim.text)
      }
      const answer: Answer = {
        id,
        name: name.text,
        aliases: kept,
        category: category.text,
        kind: kind.text,
        inScope: scopeText === 'in',
        source: { file: file.path, line: name.point.line, column: name.point.column },
      }
      // A name written as code (`kubectl drain`) is a literal: shown exactly so, even at the start of a sentence.
      if (String(file.value).split(/\r?\n/)[name.point.line - 1]?.charAt(name.point.column - 1) === '`') answer.literal = true
      answers.push(answer)
      const broaderCell = record.cells['Broader']
      if (broaderCell !== undefined) {
        let offset = 0
        for (const part of broaderCell.text.split(';')) {
          const text = part.trim()
          if (text !== '') broader.push({ answer, text, point: shift(broaderCell.point, offset + part.indexOf(text)), file })
          offset += part.length + 1
        }
      }
    }
  }
  resolveBroader(broader, claims, answers)
  return { answers, terms: sortTerms(terms) }
}

/**
 * `Broader`: the more general answers an answer is a kind of ("Gateway
 * endpoint for S3" → "VPC endpoints"), by name or alias. A name that is no
 * catalog answer, the answer itself, or a chain that comes back to the answer
 * is a `bad-value`.
 */
function resolveBroader(
  entries: readonly { answer: Answer; text: string; point: Point; file: Block['file'] }[],
  claims: ReadonlyMap<string, { id: string }>,
  answers: readonly Answer[],
): void {
  const byId = new Map(answers.map((answer) => [answer.id, answer]))
  for (const entry of entries) {
    const id = claims.get(entry.text.toLowerCase())?.id
    const problem =
      id === undefined || !byId.has(id)
        ? 'the name or alias of a catalog answer'
        : id === entry.answer.id
          ? 'a more general answer than the answer itself'
          : reaches(byId, id, entry.answer.id)
            ? `an answer that is not itself a kind of ${entry.answer.name}`
            : undefined
    if (problem !== undefined || id === undefined) {
      report(entry.file, 'bad-value', entry.point, { found: `broader answer \`${entry.text}\``, expected: problem ?? '' })
      continue
    }
    const list = entry.answer.broader ?? []
    if (!list.includes(id)) entry.answer.broader = [...list, id]
  }
}

/** Does `from` reach `to` by following Broader links? */
function reaches(byId: ReadonlyMap<string, Answer>, from: string, to: string): boolean {
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (id === to) return true
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...(byId.get(id)?.broader ?? []))
  }
  return false
}
