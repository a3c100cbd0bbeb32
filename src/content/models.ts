/**
 * Decision models: a `model` options table, its `features` and its `facts`,
 * joined by the model id. Options resolve through the catalog; cells and fact
 * assignments are typed by their feature (src/content/model-values.ts).
 */
import type { VFile } from 'vfile'
import { Stage, type Fact, type Feature, type Model, type ModelOption, type OptionValue, type Requirement } from '../graph/schema.js'
import { findColumn, listCell, readSources, readTable } from './cells.js'
import { entries, entry, type Declaration } from './declaration.js'
import { report } from './errors.js'
import { readRecords, requireCell } from './fixed-table.js'
import type { AnswerBook } from './resolve-rules.js'
import { parseFeatureType, parseFeatureValues, parseOptionCell, parseRequirement, splitBreaks } from './model-values.js'
import type { Block } from './outline.js'
import { shift, type Located } from './point.js'
import { assignScope, declaredScope } from './scope.js'
import { nearest } from './similarity.js'
import { slug } from './slug.js'
import type { DraftContext } from './table-draft.js'

const fixedColumns = ['option', 'solution', 'source']

interface ModelBlocks {
  model: Block
  features: Block[]
  facts: Block[]
}

/** Every model of the bank; blocks naming an unknown model are reported. */
export function readModels(blocks: readonly Block[], book: AnswerBook, context: DraftContext): Model[] {
  const byKey = new Map<string, ModelBlocks>()
  for (const block of blocks) {
    if (block.declaration.what !== 'model') continue
    const id = entry(block.declaration, 'id')
    if (id === undefined) {
      report(block.file, 'bad-declaration', block.declaration.point, { found: 'model declaration without `id`', expected: 'an `id:` key' })
      continue
    }
    const first = byKey.get(id.value)
    if (first !== undefined) {
      report(block.file, 'duplicate-id', id.valuePoint, { what: 'model', id: id.value }, { path: first.model.file.path, point: first.model.declaration.point, reason: 'First defined here' })
      continue
    }
    byKey.set(id.value, { model: block, features: [], facts: [] })
  }
  for (const block of blocks) {
    const { what } = block.declaration
    if (what !== 'features' && what !== 'facts') continue
    const key = entry(block.declaration, 'model')
    if (key === undefined) {
      report(block.file, 'bad-declaration', block.declaration.point, { found: `${what} declaration without \`model\``, expected: 'a `model:` key naming its model' })
      continue
    }
    const owner = byKey.get(key.value)
    if (owner === undefined) {
      report(block.file, 'unknown-decision', key.valuePoint, { id: key.value, models: [...byKey.keys()] })
      continue
    }
    owner[what].push(block)
  }
  return [...byKey.values()].flatMap((parts) => readModel(parts, book, context) ?? [])
}

function readModel(parts: ModelBlocks, book: AnswerBook, context: DraftContext): Model | undefined {
  const { model: block } = parts
  const { declaration, file, topic } = block
  if (block.node.type !== 'table') return undefined
  const key = entry(declaration, 'id')?.value ?? ''
  const id = `${context.bank}:model:${key}`
  if (slug(key) !== key) {
    const at = entry(declaration, 'id')?.valuePoint ?? declaration.point
    report(file, 'bad-value', at, { found: `model id \`${key}\``, expected: `a lower-case slug like \`${slug(key)}\`` })
  }
  const scope = assignScope(declaredScope(declaration, topic?.scope ?? {}), context.domains, file, 'model table', declaration.point)
  const required = (name: string) => {
    const value = entry(declaration, name)?.value
    if (value === undefined) report(file, 'bad-declaration', declaration.point, { found: `model declaration without \`${name}\``, expected: `a \`${name}:\` key` })
    return value
  }
  const decision = required('decision')
  const question = required('question')
  const goals = entries(declaration, 'goal').map((goal) => goal.value)
  if (goals.length === 0) report(file, 'bad-declaration', declaration.point, { found: 'model declaration without `goal`', expected: 'at least one `goal:` sentence' })
  const stage = readStage(declaration, file)
  const ask = entry(declaration, 'ask')?.value
  if (stage !== undefined && ask === undefined) {
    report(file, 'bad-declaration', declaration.point, { found: 'model with a `stage` but no `ask`', expected: 'an `ask:` question for case studies' })
  }
  if (topic === undefined) {
    report(file, 'bad-declaration', declaration.point, { found: 'model with no heading above it', expected: 'a heading that names the decision' })
  }

  const features = parts.features.flatMap((features) => readFeatures(features))
  const mustState: string[] = []
  for (const item of entries(declaration, 'must-state')) {
    const feature = features.find((candidate) => candidate.name.toLowerCase() === item.value.toLowerCase())
    if (feature === undefined) {
      report(file, 'unknown-feature', item.valuePoint, { found: `feature \`${item.value}\``, expected: `a feature of this model: ${features.map((f) => '`' + f.name + '`').join(', ')}` })
    } else mustState.push(feature.name)
  }
  const options = readOptions(block, features, book)
  const facts = readFacts(parts.facts, features, id)
  if (options.length < 3) {
    report(file, 'bad-value', declaration.point, { found: `model with ${options.length} readable options`, expected: 'at least three options' })
  }
  if (decision === undefined || question === undefined || goals.length === 0 || scope === undefined || topic === undefined || options.length < 3) return undefined
  const model: Model = {
    id,
    key,
    title: entry(declaration, 'title')?.value ?? topic.title,
    decision,
    goals,
    question,
    features,
    mustState,
    options,
    facts,
    domain: scope.domain,
    task: scope.task,
    topic: topic.id,
    source: { file: file.path, ...declaration.point },
  }
  if (stage !== undefined) model.stage = stage
  const questionMultiple = entry(declaration, 'question-multiple')?.value
  if (questionMultiple !== undefined) model.questionMultiple = questionMultiple
  if (ask !== undefined) model.ask = ask
  return model
}

function readStage(declaration: Declaration, file: VFile): Stage | undefined {
  const stage = entry(declaration, 'stage')
  if (stage === undefined) return undefined
  const parsed = Stage.safeParse(stage.value)
  if (!parsed.success) {
    report(file, 'bad-value', stage.valuePoint, { found: `stage \`${stage.value}\``, expected: `one of ${Stage.options.map((s) => '`' + s + '`').join(', ')}` })
    return undefined
  }
  return parsed.data
}

function readFeatures(block: Block): Feature[] {
  const { file } = block
  if (block.node.type !== 'table') return []
  const read = readRecords(block.node, file, ['Feature', 'Type', 'Says'], ['Values'])
  const features: Feature[] = []
  for (const record of read?.records ?? []) {
    const name = requireCell(record, 'Feature', file, 'the feature’s name as in the options table header')
    const typeCell = requireCell(record, 'Type', file, '`number (<unit>)`, `yesno`, `set` or `level`')
    const saysCell = requireCell(record, 'Says', file, 'a feedback phrase with `{value}`')
    if (!name || !typeCell || !saysCell) continue
    const type = parseFeatureType(typeCell.text)
    if (!type.ok) {
      report(file, 'bad-feature-value', typeCell.point, { found: `type \`${typeCell.text}\``, expected: type.expected })
      continue
    }
    const valuesCell = record.cells['Values'] ?? { text: '', point: record.point }
    const values = parseFeatureValues(type.value.type, valuesCell.text)
    if (!values.ok) {
      report(file, 'bad-feature-value', valuesCell.point, { found: `values \`${valuesCell.text}\``, expected: values.expected })
      continue
    }
    const says = splitBreaks(saysCell.text)
    const wanted = type.value.type === 'yesno' ? 2 : 1
    if (says.length !== wanted || (wanted === 1 && !says[0]?.includes('{value}'))) {
      report(file, 'bad-feature-value', saysCell.point, {
        found: `says \`${saysCell.text}\``,
        expected: wanted === 2 ? 'two phrases separated by `<br>`: for yes, then for no' : 'one phrase with `{value}`',
      })
      continue
    }
    if (features.some((feature) => feature.name.toLowerCase() === name.text.toLowerCase())) {
      report(file, 'duplicate-id', name.point, { what: 'feature', id: name.text })
      continue
    }
    const feature: Feature = { name: name.text, type: type.value.type, says, source: { file: file.path, ...name.point } }
    if (type.value.unit !== undefined) feature.unit = type.value.unit
    if (values.value !== undefined) feature.values = values.value
    features.push(feature)
  }
  return features
}

function readOptions(block: Block, features: readonly Feature[], book: AnswerBook): ModelOption[] {
  const { file } = block
  if (block.node.type !== 'table') return []
  const grid = readTable(block.node, file)
  const optionColumn = findColumn(grid.header, 'Option')
  const solutionColumn = findColumn(grid.header, 'Solution')
  const sourceColumn = findColumn(grid.header, 'Source')
  if (optionColumn < 0 || solutionColumn < 0) {
    report(file, 'bad-value', grid.header[0]?.point ?? grid.point, {
      found: `header \`${grid.header.map((cell) => cell.text).join(' | ')}\``,
      expected: 'columns `Option`, `Solution`, one per feature, and optionally `Source`',
    })
    return []
  }
  // Every other column is a feature declared in the model's features table.
  const columns: Array<{ index: number; feature: Feature }> = []
  grid.header.forEach((cell, index) => {
    if (fixedColumns.includes(cell.text.toLowerCase())) return
    const feature = features.find((item) => item.name.toLowerCase() === cell.text.toLowerCase())
    if (feature === undefined) {
      report(file, 'unknown-feature', cell.point, {
        found: `column \`${cell.text}\``,
        expected: features.length === 0 ? 'a feature declared in a `features` table for this model' : `a declared feature: ${features.map((f) => '`' + f.name + '`').join(', ')}`,
      })
    } else columns.push({ index, feature })
  })
  for (const feature of features) {
    if (!columns.some((column) => column.feature === feature)) {
      report(file, 'unknown-feature', { line: feature.source.line, column: feature.source.column }, {
        found: `feature \`${feature.name}\` with no column in the options table`,
        expected: 'a column of that name in the model’s options table',
      })
    }
  }
  const options: ModelOption[] = []
  for (const row of grid.rows) {
    const optionCell = row.cells[optionColumn]
    const solution = row.cells[solutionColumn]
    if (optionCell === undefined || solution === undefined) continue
    const answer = resolveOption(optionCell, book, file)
    if (solution.text === '') report(file, 'empty-cell', solution.point, { role: '`Solution`', expected: 'the option as a solution sentence' })
    const values: OptionValue[] = []
    let readable = true
    for (const { index, feature } of columns) {
      const cell = row.cells[index]
      if (cell === undefined) continue
      const parsed = parseOptionCell(cell.text, feature)
      if (!parsed.ok) {
        report(file, 'bad-feature-value', cell.point, { found: `\`${cell.text}\` for ${feature.type} feature \`${feature.name}\``, expected: parsed.expected })
        readable = false
      } else values.push({ feature: feature.name, ...parsed.value })
    }
    const sourceCell = sourceColumn < 0 ? undefined : row.cells[sourceColumn]
    const sources = readSources(sourceCell, file)
    const numeric = values.some((value) => value.admits.kind === 'range')
    if (numeric && sources.length === 0) report(file, 'missing-source', sourceCell?.point ?? optionCell.point, { what: 'option row with a numeric limit' })
    if (answer === undefined || solution.text === '' || !readable) continue
    if (options.some((option) => option.answer === answer)) {
      report(file, 'duplicate-id', optionCell.point, { what: 'option', id: optionCell.text })
      continue
    }
    options.push({ answer, solution: solution.text, values, sources, source: { file: file.path, ...optionCell.point } })
  }
  return options
}

function resolveOption(cell: Located, book: AnswerBook, file: VFile): string | undefined {
  const wanted = cell.text.toLowerCase()
  const term = book.terms.find((item) => item.text.toLowerCase() === wanted)
  if (term !== undefined) return term.id
  report(file, 'unknown-answer', cell.point, { text: cell.text, suggestion: nearest(cell.text, book.terms.map((item) => item.text)) })
  return undefined
}

function readFacts(blocks: readonly Block[], features: readonly Feature[], modelId: string): Fact[] {
  const facts: Array<Fact & { excludeCells: Located[]; file: VFile }> = []
  for (const block of blocks) {
    const { file } = block
    if (block.node.type !== 'table') continue
    const read = readRecords(block.node, file, ['Fact', 'Sets', 'Wordings'], ['Excludes', 'Source'])
    for (const record of read?.records ?? []) {
      const key = requireCell(record, 'Fact', file, 'a fact id')
      const setsCell = requireCell(record, 'Sets', file, '`Feature = value` assignments')
      const wordingsCell = requireCell(record, 'Wordings', file, 'two or more sentences separated by `<br>`')
      if (!key || !setsCell || !wordingsCell) continue
      if (slug(key.text) !== key.text) {
        report(file, 'bad-value', key.point, { found: `fact id \`${key.text}\``, expected: `a lower-case slug like \`${slug(key.text)}\`` })
        continue
      }
      const sets = readAssignments(setsCell, features, file)
      const wordings = splitBreaks(wordingsCell.text)
      if (wordings.length < 2) report(file, 'single-wording', wordingsCell.point, { fact: key.text })
      const unfinished = wordings.find((wording) => !/[.!?]$/.test(wording))
      if (unfinished !== undefined) {
        report(file, 'bad-value', wordingsCell.point, { found: `wording \`${unfinished}\``, expected: 'a complete sentence ending with a period' })
      }
      const sources = readSources(record.cells['Source'], file)
      if (sets?.some((set) => set.kind === 'number') && sources.length === 0) {
        report(file, 'missing-source', record.cells['Source']?.point ?? key.point, { what: 'numeric fact' })
      }
      const id = `${modelId}:${key.text}`
      if (facts.some((fact) => fact.id === id)) {
        report(file, 'duplicate-id', key.point, { what: 'fact', id: key.text })
        continue
      }
      if (sets === undefined || wordings.length < 2 || unfinished !== undefined) continue
      const excludeCell = record.cells['Excludes']
      const excludeCells = excludeCell === undefined || excludeCell.text === '' ? [] : listCell(excludeCell)
      facts.push({ id, key: key.text, sets, wordings, excludes: [], sources, source: { file: file.path, ...key.point }, excludeCells, file })
    }
  }
  // Exclusions may name facts written further down.
  for (const fact of facts) {
    for (const cell of fact.excludeCells) {
      const other = facts.find((item) => item.key === cell.text)
      if (other === undefined) {
        report(fact.file, 'unknown-feature', cell.point, { found: `fact \`${cell.text}\``, expected: `a fact of this model: ${facts.map((f) => '`' + f.key + '`').join(', ')}` })
      } else if (other === fact) {
        report(fact.file, 'contradicting-facts', cell.point, { found: `fact \`${cell.text}\` excluding itself`, expected: 'other facts only' })
      } else fact.excludes.push(other.id)
    }
  }
  return facts.map(({ excludeCells: _cells, file: _file, ...fact }) => ({ ...fact, excludes: [...new Set(fact.excludes)].sort() }))
}

/** `Feature = value; Feature = value` → requirements, each typed by its feature. */
function readAssignments(cell: Located, features: readonly Feature[], file: VFile): Requirement[] | undefined {
  const requirements: Requirement[] = []
  let ok = true
  for (const part of listCell(cell)) {
    const match = /^(.+?)\s*=\s*(.+)$/.exec(part.text)
    if (match === null) {
      report(file, 'bad-feature-value', part.point, { found: `assignment \`${part.text}\``, expected: '`Feature = value`' })
      ok = false
      continue
    }
    const name = (match[1] ?? '').trim()
    const feature = features.find((item) => item.name.toLowerCase() === name.toLowerCase())
    if (feature === undefined) {
      report(file, 'unknown-feature', part.point, { found: `feature \`${name}\``, expected: `a feature of this model: ${features.map((f) => '`' + f.name + '`').join(', ')}` })
      ok = false
      continue
    }
    const value = (match[2] ?? '').trim()
    const requirement = parseRequirement(value, feature)
    const valuePoint = shift(part.point, part.text.lastIndexOf(value))
    if (!requirement.ok) {
      // A quantity in the wrong unit is a bad value; a word the feature does not know is an unknown value.
      const rule = feature.type === 'number' ? 'bad-feature-value' : 'unknown-feature'
      report(file, rule, valuePoint, { found: `value \`${value}\` for ${feature.type} feature \`${feature.name}\``, expected: requirement.expected })
      ok = false
      continue
    }
    if (requirements.some((other) => other.feature === feature.name)) {
      report(file, 'contradicting-facts', part.point, { found: `a second value for \`${feature.name}\` in one fact`, expected: 'one value per feature' })
      ok = false
      continue
    }
    requirements.push(requirement.value)
  }
  return ok && requirements.length > 0 ? requirements : undefined
}
