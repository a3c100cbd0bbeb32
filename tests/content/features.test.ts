import { describe, expect, it } from 'vitest'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { loadCase } from './helpers.js'

const result = buildGraph(loadCase('features'), { bank: 'basic' })
const files = loadCase('features')

describe('declaration features', () => {
  it('reports a one-sentence trap without `correction:` and nothing else', () => {
    expect(result.messages.map(formatMessage)).toEqual([
      'content/features/10-case.md:59:19 error Unexpected trap with a single sentence, expected the mistake as the first sentence and the correction after it, or a `correction:` key [bad-value]',
    ])
  })

  // The rest of the checks run on the same content without the faulty trap.
  const fixed = files.map((file) => ({ ...file, text: file.text.replace(/<!-- quizgraph trap -->\nPerformance trap:[^\n]*\n/, '') }))
  const graph = buildGraph(fixed, { bank: 'basic' }).graph
  const rule = (id: string) => graph?.rules.find((item) => item.id === `basic:${id}`)

  it('builds once the trap is fixed', () => {
    expect(graph).toBeDefined()
  })

  it('`split: none` makes the whole cell one answer, or the catalog entry it names', () => {
    expect(rule('approaches:handle-missing-values')).toMatchObject({ answerIds: ['imputation-missingness-indicators'], details: { Note: 'Common' } })
    expect(graph?.answers.find((answer) => answer.id === 'imputation-missingness-indicators')).toMatchObject({
      name: 'Imputation, missingness indicators',
      category: 'approaches',
      kind: 'technique',
      aliases: [],
      inScope: true,
    })
    expect(rule('approaches:cheap-offline-scoring')?.answerIds).toEqual(['sagemaker-batch-transform'])
  })

  it('`ignore:` phrases are not mentions; `instead of` rejects', () => {
    expect(rule('inference:variable-demand')).toMatchObject({ answerIds: ['sagemaker-serverless-inference'], rejectedIds: [] })
    expect(rule('inference:slow-requests')).toMatchObject({
      answerIds: ['sagemaker-asynchronous-inference'],
      rejectedIds: ['sagemaker-real-time-endpoint'],
    })
  })

  it('`{wrong}` in a list pattern names rejected answers', () => {
    expect(rule('choices:spiky-traffic')).toMatchObject({
      answer: 'serverless inference',
      answerIds: ['sagemaker-serverless-inference'],
      rejectedIds: ['sagemaker-real-time-endpoint'],
    })
  })

  it('`task:` alone implies its domain; `correction:` completes a one-sentence trap', () => {
    expect(graph?.topics.find((topic) => topic.id === 'deployment')).toMatchObject({ domain: '2', task: '2.1' })
    expect(graph?.traps).toMatchObject([
      {
        id: 'basic:trap:monitoring:deploying-without-data-capture',
        mistake: 'deploying without data capture',
        correction: 'Capture requests at the endpoint so Model Monitor has data',
        rightIds: ['sagemaker-model-monitor'],
        domain: '2',
        task: '2.2',
      },
    ])
  })

  it('reports a table id used twice and a section not after a heading', () => {
    const twice = files.map((file) => ({
      ...file,
      text: file.text.replace('id: inference\n', 'id: approaches\n').replace('### Choices\n', '### Choices\n\nProse.\n<!-- quizgraph section\ntask: 2.1\n-->\n'),
    }))
    expect(buildGraph(twice, { bank: 'basic' }).messages.map(formatMessage).slice(0, 2)).toEqual([
      'content/features/10-case.md:24:1 error Unexpected second table `basic:approaches`, expected unique ids [duplicate-id]\n' +
        '  content/features/10-case.md:8:1 First defined here',
      'content/features/10-case.md:40:1 error Unexpected section declaration not after a heading, expected it directly after a heading [bad-declaration]',
    ])
  })
})
