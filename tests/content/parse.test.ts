import { describe, expect, it } from 'vitest'
import * as content from '../../src/content/index.js'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { Graph } from '../../src/graph/schema.js'
import { loadCase, loadFixture } from './helpers.js'

const result = buildGraph(loadFixture('basic'), { bank: 'basic' })
const graph = result.graph as Graph
const rule = (id: string) => graph.rules.find((item) => item.id === `basic:${id}`)

describe('public api', () => {
  it('should expose the public api', () => {
    expect(Object.keys(content).sort()).toEqual(['buildGraph', 'compareMessages', 'errors', 'formatMessage', 'hasErrors', 'slug'])
  })

  it('formats messages like a compiler', () => {
    expect(
      formatMessage({ file: 'content/mla-c01/deploy.md', line: 42, column: 3, severity: 'error', ruleId: 'empty-cell', reason: 'Unexpected empty answer cell, expected an answer' }),
    ).toBe('content/mla-c01/deploy.md:42:3 error Unexpected empty answer cell, expected an answer [empty-cell]')
  })
})

describe('the basic fixture', () => {
  it('builds a valid graph with no message', () => {
    expect(result.messages).toEqual([])
    expect(Graph.parse(graph)).toEqual(graph)
  })

  it('reads the bank, its exam format, item types and description', () => {
    expect(graph.bank).toMatchObject({
      id: 'basic',
      title: 'Demo Certification (DEMO-01)',
      description: 'A tiny review sheet used by the tests.',
      exam: { questions: 65, scored: 50, minutes: 130, passingScore: 720, scale: [100, 1000] },
      source: { file: 'content/basic/00-bank.md', line: 5, column: 1 },
    })
    expect(graph.bank.exam.itemTypes.map((type) => type.type)).toEqual(['single', 'ordering'])
  })

  it('reads domains with weights and their tasks', () => {
    expect(graph.domains.map((domain) => [domain.id, domain.weight, domain.tasks.map((task) => task.id)])).toEqual([
      ['1', 40, ['1.1']],
      ['2', 60, ['2.1', '2.2']],
    ])
    expect(graph.domains[1]?.tasks[0]?.source).toEqual({ file: 'content/basic/00-bank.md', line: 33, column: 3 })
  })

  it('makes topics of headings, inheriting the section down the tree', () => {
    const topic = graph.topics.find((item) => item.id === 'deployment-and-inference/deployment-traps')
    expect(topic).toMatchObject({ parentId: 'deployment-and-inference', depth: 3, domain: '2', task: '2.1' })
    expect(graph.topics.find((item) => item.id === 'the-lifecycle')).toMatchObject({ domain: '2', task: '2.2' })
    // A heading under no section has no domain.
    expect(graph.topics.find((item) => item.id === 'catalog')).not.toHaveProperty('domain')
  })

  it('keeps prose, undeclared lists and notes tables as notes of their topic', () => {
    expect(graph.topics.find((item) => item.id === 'deployment-and-inference')?.notes).toEqual([
      { text: 'Read every question for its latency and traffic constraints.', source: { file: 'content/basic/10-deploy.md', line: 7, column: 1 } },
    ])
    expect(graph.topics.find((item) => item.id === 'the-lifecycle')?.notes.map((note) => note.text)).toEqual([
      'Metric: Precision; Meaning: Of predicted positives, how many were right',
    ])
  })

  it('reads the catalog: ids, aliases, kinds and scope', () => {
    expect(graph.answers.find((answer) => answer.id === 'sagemaker-real-time-endpoint')).toEqual({
      id: 'sagemaker-real-time-endpoint',
      name: 'SageMaker real-time endpoint',
      aliases: ['Real-time endpoint', 'real-time endpoints'],
      category: 'Inference option',
      kind: 'service',
      inScope: true,
      source: { file: 'content/basic/01-catalog.md', line: 6, column: 3 },
    })
    expect(graph.answers.find((answer) => answer.id === 'amazon-cognito')?.inScope).toBe(false)
    // An empty scope cell means in scope.
    expect(graph.answers.find((answer) => answer.id === 'sagemaker-model-registry')?.inScope).toBe(true)
  })

  it('reads a rules table: cue, answer, reason, stems and the exact cue cell', () => {
    expect(rule('inference-pattern:low-latency-always-on-api')).toEqual({
      id: 'basic:inference-pattern:low-latency-always-on-api',
      table: 'basic:inference-pattern',
      cue: 'Low-latency, always-on API',
      cueKind: 'requirement',
      answer: 'SageMaker real-time endpoint',
      answerIds: ['sagemaker-real-time-endpoint'],
      rejectedIds: [],
      reason: 'Persistent endpoint for synchronous predictions',
      details: {},
      domain: '2',
      task: '2.1',
      topic: 'deployment-and-inference/pick-the-right-inference-pattern',
      source: { file: 'content/basic/10-deploy.md', line: 23, column: 3 },
    })
    expect(graph.tables.find((table) => table.id === 'basic:inference-pattern')?.stems).toHaveLength(2)
  })

  it('keeps answers after `rather than` as rejected, never accepted', () => {
    expect(rule('inference-pattern:large-payloads-or-long-processing-time')).toMatchObject({
      answerIds: ['sagemaker-asynchronous-inference'],
      rejectedIds: ['sagemaker-real-time-endpoint'],
    })
  })

  it('joins `A + B` cue columns and keeps the watch column', () => {
    expect(rule('inference-selection:milliseconds-continuous-api-traffic')).toMatchObject({
      cue: 'Milliseconds, Continuous API traffic',
      cueKind: 'scenario',
      answerIds: ['sagemaker-real-time-endpoint'],
      watch: 'Idle cost',
    })
    // An empty optional cell is left out.
    expect(rule('inference-selection:hours-acceptable-large-offline-dataset')).not.toHaveProperty('watch')
  })

  it('reads rules lists by pattern, pointing at the list item', () => {
    expect(rule('deployment-rules:the-data-is-in-s3-and-the-question-says-ad-hoc-sql')).toMatchObject({
      cue: 'the data is in S3 and the question says ad hoc SQL',
      answer: 'Athena',
      answerIds: ['amazon-athena'],
      source: { file: 'content/basic/10-deploy.md', line: 70, column: 3 },
    })
    expect(rule('deployment-rules:offline-scoring')?.answerIds).toEqual(['sagemaker-batch-transform'])
  })

  it('reads rules lists with a fixed answer', () => {
    expect(graph.rules.filter((item) => item.table === 'basic:model-registry-decision-points').map((item) => [item.cue, item.answerIds])).toEqual([
      ['Tracking model versions', ['sagemaker-model-registry']],
      ['Model package approval before deployment', ['sagemaker-model-registry']],
    ])
  })

  it('reads traps from a table, a paragraph and a list', () => {
    const traps = graph.traps.map((trap) => [trap.id, trap.wrongIds, trap.rightIds])
    expect(traps).toEqual([
      ['basic:trap:deployment-traps:choosing-batch-transform-for-real-time-low', ['sagemaker-batch-transform'], ['sagemaker-real-time-endpoint']],
      ['basic:trap:deployment-traps:deploying-without-data-capture', [], ['sagemaker-model-monitor']],
      ['basic:trap:deployment-traps:keeping-a-real-time-endpoint-for-infrequent-jobs', ['sagemaker-real-time-endpoint'], ['sagemaker-batch-transform', 'sagemaker-serverless-inference']],
      ['basic:trap:review-notes:payload-was-large-and-processing-was-long', ['sagemaker-real-time-endpoint'], ['sagemaker-asynchronous-inference']],
    ])
    const paragraph = graph.traps[2]
    expect(paragraph).toMatchObject({
      mistake: 'keeping a real-time endpoint for infrequent jobs',
      correction: 'Consider batch transform or serverless inference',
      source: { file: 'content/basic/10-deploy.md', line: 57, column: 1 },
    })
    expect(paragraph).not.toHaveProperty('table')
    // The rules a trap bears on accept its right answer.
    expect(paragraph?.ruleIds).toContain('basic:inference-pattern:intermittent-traffic-simpler-scaling')
  })

  it('reads a mermaid flowchart’s forward path, ignoring loop-back edges', () => {
    const lifecycle = graph.sequences.find((sequence) => sequence.id === 'basic:lifecycle')
    expect(lifecycle?.steps.map((step) => [step.label, step.decision])).toEqual([
      ['Collect data', false],
      ['Store in S3', false],
      ['Meets criteria?', true],
      ['Deploy', false],
      ['Monitor', false],
    ])
    expect(lifecycle?.steps[2]?.source).toEqual({ file: 'content/basic/10-deploy.md', line: 103, column: 11 })
    expect(lifecycle).toMatchObject({ title: 'The core ML lifecycle', domain: '2', task: '2.2' })
  })

  it('reads an ordered list as a sequence', () => {
    const checklist = graph.sequences.find((sequence) => sequence.id === 'basic:checklist')
    expect(checklist?.steps.map((step) => step.id)).toEqual([
      'basic:checklist:where-did-the-data-come-from',
      'basic:checklist:which-code-created-the-model',
      'basic:checklist:who-approved-deployment',
    ])
    expect(checklist?.title).toBe('The lifecycle')
  })

  it('defaults a table’s answer kind to its answers’ most common kind', () => {
    expect(graph.tables.find((table) => table.id === 'basic:deployment-traps')?.answerKind).toBe('service')
  })
})

describe('documentation sources (`source:` lines)', () => {
  const sourced = buildGraph(loadCase('sources'), { bank: 'basic' })
  const g = sourced.graph as Graph

  it('keeps the pages of a table, a sequence and a paragraph trap, each once, in the order written', () => {
    expect(sourced.messages).toEqual([])
    expect(g.tables.find((table) => table.id === 'basic:inference-pattern')?.sources).toEqual([
      'https://docs.example.com/realtime',
      'https://docs.example.com/serverless',
      'https://docs.example.com/async',
    ])
    expect(g.sequences.find((sequence) => sequence.id === 'basic:deploy-steps')?.sources).toEqual(['https://docs.example.com/deploy'])
    expect(g.traps.find((trap) => trap.mistake.startsWith('Choosing real-time'))?.sources).toEqual(['https://docs.example.com/payloads'])
    // A table without `source:` has none.
    expect(g.tables.find((table) => table.id === 'basic:data-query')).not.toHaveProperty('sources')
  })
})
