/** Decision models, facts, frames and qualifiers: parsed into the graph with positions, or reported where they are wrong. */
import { describe, expect, it } from 'vitest'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { errors } from '../../src/content/errors.js'
import { convert, parseOptionCell, parseRequirement } from '../../src/content/model-values.js'
import type { Feature } from '../../src/graph/schema.js'
import { loadCase } from './helpers.js'

const build = (name: string) => buildGraph(loadCase(name), { bank: 'basic' })

describe('decision models in the content', () => {
  const { graph, messages } = build('model-basic')

  it('build into the graph with typed features, options, facts, frames and qualifiers', () => {
    expect(messages.map(formatMessage)).toEqual([])
    const model = graph!.models[0]!
    expect([model.id, model.stage, model.domain, model.task, model.mustState]).toEqual(['basic:model:serving', 'deployment', '2', '2.1', ['Results']])
    expect(model.source).toEqual({ file: 'content/model-basic/20-serving.md', line: 6, column: 1 })
    expect(model.features.map((feature) => [feature.name, feature.type, feature.unit ?? null])).toEqual([
      ['Request payload', 'number', 'MB'],
      ['Processing time', 'number', 's'],
      ['Results', 'set', null],
      ['Idle cost', 'yesno', null],
      ['Operational overhead', 'level', null],
    ])
    expect(model.options.map((option) => option.answer)).toEqual([
      'sagemaker-real-time-endpoint',
      'sagemaker-serverless-inference',
      'sagemaker-asynchronous-inference',
      'sagemaker-batch-transform',
    ])
    // An hour is stored in the feature's unit; the cell keeps its words for feedback.
    const async = model.options[2]!.values.find((value) => value.feature === 'Processing time')!
    expect(async).toEqual({ feature: 'Processing time', admits: { kind: 'range', max: 3600, minOpen: false, maxOpen: false }, text: 'up to 1 hour' })
    const longRun = model.facts.find((fact) => fact.key === 'long-run')!
    expect(longRun.sets).toEqual([{ feature: 'Processing time', kind: 'number', value: 1200, text: '20 min' }])
    expect(longRun.wordings).toHaveLength(2)
    expect(longRun.source.line).toBeGreaterThan(40)
    expect(graph!.frames.map((frame) => [frame.id, frame.models, frame.excludes])).toEqual([
      ['contracts', ['basic:model:serving'], []],
      ['photos', ['basic:model:serving'], ['basic:model:serving:long-run']],
    ])
    expect(graph!.qualifiers.map((q) => [q.id, q.feature, q.prefer])).toEqual([['least-overhead', 'Operational overhead', 'lowest']])
  })

  it('report every author error at its cell, and write nothing', () => {
    const result = build('model-errors')
    expect(result.graph).toBeUndefined()
    const printed = result.messages.map(formatMessage)
    const at = (ruleId: string) => printed.filter((line) => line.endsWith(`[${ruleId}]`)).map((line) => line.split(' ')[0])
    expect(at('unknown-answer')).toEqual(['content/model-errors/20-serving.md:17:3'])
    expect(printed).toContain('content/model-errors/20-serving.md:17:3 error Unexpected option `Batch transfrom`, expected a catalog name or alias (did you mean `Batch transform`?) [unknown-answer]')
    expect(printed).toContain('content/model-errors/20-serving.md:15:71 error Unexpected `≤ 4 minutes` for number feature `Request payload`, expected a unit that converts to `MB` [bad-feature-value]')
    expect(at('missing-source')).toEqual(['content/model-errors/20-serving.md:16:85', 'content/model-errors/20-serving.md:33:136'])
    expect(at('single-wording')).toEqual(['content/model-errors/20-serving.md:34:37'])
    expect(at('contradicting-facts')).toEqual(['content/model-errors/20-serving.md:35:33', 'content/model-errors/20-serving.md:38:83'])
    expect(printed).toContain('content/model-errors/20-serving.md:36:11 error Unexpected feature `Colour`, expected a feature of this model: `Request payload`, `Results` [unknown-feature]')
    expect(printed).toContain('content/model-errors/20-serving.md:37:20 error Unexpected value `tomorrow` for set feature `Results`, expected one of `immediately`, `later` [unknown-feature]')
    expect(printed).toContain('content/model-errors/20-serving.md:43:74 error Unexpected decision `hosting`, expected a model id: `serving` [unknown-decision]')
    // Options no fact set makes the only answer are a warning: they would only ever be distractors.
    expect(at('unreachable-option').length).toBeGreaterThan(0)
    expect(errors['unreachable-option'].severity).toBe('warning')
  })

  it('report a bank that declares case studies but hosts no decisions of three stages', () => {
    const result = build('no-case-study')
    expect(result.messages.map(formatMessage)).toEqual([
      'content/no-case-study/00-bank.md:5:1 error Unexpected bank with case studies declared but none buildable (no `frames` table), expected a frame hosting models of three lifecycle stages [no-case-study]',
    ])
  })
})

describe('model values', () => {
  const payload: Feature = { name: 'Payload', type: 'number', unit: 'MB', says: ['accepts {value}'], source: { file: 'x', line: 1, column: 1 } }
  const level: Feature = { name: 'Overhead', type: 'level', values: ['low', 'medium', 'high'], says: ['has {value}'], source: { file: 'x', line: 1, column: 1 } }

  it('convert units within a dimension, never across', () => {
    expect(convert(1, 'GB', 'MB')).toBe(1000)
    expect(convert(20, 'min', 's')).toBe(1200)
    expect(convert(1, 'h', 'MB')).toBeUndefined()
  })

  it('read option bounds, ranges and any; refuse the wrong unit', () => {
    expect(parseOptionCell('< 6 MB', payload)).toEqual({ ok: true, value: { admits: { kind: 'range', max: 6, minOpen: false, maxOpen: true }, text: 'less than 6 MB' } })
    expect(parseOptionCell('1–10 GB', payload)).toEqual({ ok: true, value: { admits: { kind: 'range', min: 1000, max: 10000, minOpen: false, maxOpen: false }, text: '1 to 10 GB' } })
    expect(parseOptionCell('any', payload)).toEqual({ ok: true, value: { admits: { kind: 'any' }, text: 'any' } })
    expect(parseOptionCell('≤ 6 seconds', payload).ok).toBe(false)
    expect(parseOptionCell('low; high', level).ok).toBe(false)
  })

  it('read level bounds in facts', () => {
    expect(parseRequirement('≤ medium', level)).toEqual({ ok: true, value: { feature: 'Overhead', kind: 'level', op: '<=', value: 'medium', text: '≤ medium' } })
    expect(parseRequirement('tiny', level).ok).toBe(false)
  })
})
