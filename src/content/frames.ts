/**
 * Bank-wide scenario parts: frames (organisations and workloads, with the
 * decisions each can host) and qualifiers (LEAST operational overhead, ...).
 */
import type { VFile } from 'vfile'
import { compatible } from '../graph/solve.js'
import type { Fact, Frame, Model, Qualifier } from '../graph/schema.js'
import { report } from './errors.js'
import { readRecords, requireCell } from './fixed-table.js'
import type { Block } from './outline.js'
import { listCell } from './cells.js'
import type { Located } from './point.js'
import { slug } from './slug.js'

export function readFrames(blocks: readonly Block[], models: readonly Model[]): Frame[] {
  const frames: Frame[] = []
  for (const block of blocks) {
    if (block.declaration.what !== 'frames' || block.node.type !== 'table') continue
    const { file } = block
    const read = readRecords(block.node, file, ['Frame', 'Organisation', 'Situation', 'Decisions'], ['Facts', 'Excludes'])
    for (const record of read?.records ?? []) {
      const id = requireCell(record, 'Frame', file, 'a frame id')
      const organisation = requireCell(record, 'Organisation', file, 'a noun phrase like `A payments company`')
      const situation = requireCell(record, 'Situation', file, 'the rest of the first sentence')
      const decisions = requireCell(record, 'Decisions', file, 'model ids separated by `;`')
      if (!id || !organisation || !situation || !decisions) continue
      if (slug(id.text) !== id.text) {
        report(file, 'bad-value', id.point, { found: `frame id \`${id.text}\``, expected: `a lower-case slug like \`${slug(id.text)}\`` })
        continue
      }
      if (frames.some((frame) => frame.id === id.text)) {
        report(file, 'duplicate-id', id.point, { what: 'frame', id: id.text })
        continue
      }
      const ids: string[] = []
      for (const { text: key, point } of listCell(decisions)) {
        const model = models.find((item) => item.key === key)
        if (model === undefined) report(file, 'unknown-decision', point, { id: key, models: models.map((item) => item.key) })
        else if (!ids.includes(model.id)) ids.push(model.id)
      }
      if (ids.length === 0) continue
      const facts = readFrameFacts(record.cells['Facts'], ids, models, file, true)
      const excludes = readFrameFacts(record.cells['Excludes'], ids, models, file, false)
      const clash = facts.find((fact) => excludes.includes(fact))
      if (clash !== undefined) {
        report(file, 'contradicting-facts', record.cells['Excludes']!.point, { found: `fact \`${clash}\` both implied and excluded`, expected: 'a fact in `Facts` or in `Excludes`, not both' })
      }
      frames.push({ id: id.text, organisation: organisation.text, situation: situation.text.replace(/\.$/, ''), models: ids, facts, excludes, source: { file: file.path, ...id.point } })
    }
  }
  return frames
}

/**
 * `model: fact; model: fact` — facts a frame implies for the models it hosts
 * ("a fraud model gets late labels"), or (`Excludes`) facts that do not fit its
 * workload ("inference takes 3 minutes" for card-fraud scoring). Implied facts
 * of one model must hold together.
 */
function readFrameFacts(cell: Located | undefined, hosted: readonly string[], models: readonly Model[], file: VFile, implied: boolean): string[] {
  const facts: Fact[] = []
  if (cell === undefined || cell.text === '') return []
  for (const { text, point } of listCell(cell)) {
    const match = /^([a-z0-9-]+)\s*:\s*([a-z0-9-]+)$/.exec(text)
    const model = models.find((item) => item.key === match?.[1])
    if (match === null || model === undefined || !hosted.includes(model.id)) {
      report(file, 'unknown-decision', point, { id: match?.[1] ?? text, models: models.filter((item) => hosted.includes(item.id)).map((item) => item.key) })
      continue
    }
    const fact = model.facts.find((item) => item.key === match[2])
    if (fact === undefined) {
      report(file, 'unknown-feature', point, { found: `fact \`${match[2]}\``, expected: `a fact of model \`${model.key}\`: ${model.facts.map((f) => '`' + f.key + '`').join(', ')}` })
      continue
    }
    const clash = implied ? facts.find((other) => other.id.startsWith(`${model.id}:`) && !compatible(other, fact)) : undefined
    if (clash !== undefined) {
      report(file, 'contradicting-facts', point, { found: `fact \`${fact.key}\` beside \`${clash.key}\` in one frame`, expected: 'facts that can hold together' })
      continue
    }
    facts.push(fact)
  }
  return facts.map((fact) => fact.id)
}

export function readQualifiers(blocks: readonly Block[], models: readonly Model[]): Qualifier[] {
  const qualifiers: Qualifier[] = []
  for (const block of blocks) {
    if (block.declaration.what !== 'qualifiers' || block.node.type !== 'table') continue
    const { file } = block
    const read = readRecords(block.node, file, ['Qualifier', 'Phrase', 'Feature', 'Prefer'])
    for (const record of read?.records ?? []) {
      const id = requireCell(record, 'Qualifier', file, 'a qualifier id')
      const phrase = requireCell(record, 'Phrase', file, 'the words inserted before the question mark')
      const feature = requireCell(record, 'Feature', file, 'the level feature that breaks ties')
      const prefer = requireCell(record, 'Prefer', file, '`lowest` or `highest`')
      if (!id || !phrase || !feature || !prefer) continue
      const direction = prefer.text.toLowerCase()
      if (direction !== 'lowest' && direction !== 'highest') {
        report(file, 'bad-value', prefer.point, { found: `preference \`${prefer.text}\``, expected: '`lowest` or `highest`' })
        continue
      }
      const known = models.some((model) => model.features.some((item) => item.type === 'level' && item.name.toLowerCase() === feature.text.toLowerCase()))
      if (!known) {
        report(file, 'unknown-feature', feature.point, { found: `feature \`${feature.text}\``, expected: 'the name of a `level` feature of at least one model' })
        continue
      }
      if (qualifiers.some((item) => item.id === id.text)) {
        report(file, 'duplicate-id', id.point, { what: 'qualifier', id: id.text })
        continue
      }
      qualifiers.push({ id: id.text, phrase: phrase.text, feature: feature.text, prefer: direction, source: { file: file.path, ...id.point } })
    }
  }
  return qualifiers
}
