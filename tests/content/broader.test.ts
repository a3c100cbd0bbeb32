import { describe, expect, it } from 'vitest'
import { buildGraph, formatMessage } from '../../src/content/index.js'
import { loadFixture } from './helpers.js'

/** The basic bank with a `Broader` column on its catalog, filled per answer name. */
function withBroader(broader: Record<string, string>) {
  return loadFixture('basic').map((file) => {
    if (!file.path.endsWith('/01-catalog.md')) return file
    const text = file.text
      .split('\n')
      .map((line) => {
        if (line.startsWith('| Answer |')) return `${line} Broader |`
        if (line.startsWith('| --- |')) return `${line} --- |`
        if (!line.startsWith('| ')) return line
        const name = line.split('|')[1]!.trim()
        return `${line} ${broader[name] ?? ''} |`
      })
      .join('\n')
    return { ...file, text }
  })
}

describe('catalog `Broader` column', () => {
  it('links an answer to the more general answers it is a kind of, by name or alias', () => {
    const { graph, messages } = buildGraph(
      withBroader({ 'SageMaker serverless inference': 'Real-time endpoint; SageMaker Model Monitor', 'Amazon Athena': 'amazon s3' }),
      { bank: 'basic' },
    )
    expect(messages.map(formatMessage)).toEqual([])
    expect(graph?.answers.find((answer) => answer.id === 'sagemaker-serverless-inference')?.broader).toEqual([
      'sagemaker-real-time-endpoint',
      'sagemaker-model-monitor',
    ])
    expect(graph?.answers.find((answer) => answer.id === 'amazon-athena')?.broader).toEqual(['amazon-s3'])
    // No Broader cell, no property.
    expect(graph?.answers.find((answer) => answer.id === 'amazon-s3')).not.toHaveProperty('broader')
  })

  it('reports a Broader name that is no catalog answer, the answer itself, or a cycle, at the name', () => {
    const { graph, messages } = buildGraph(
      withBroader({
        'SageMaker real-time endpoint': 'VPC endpoints',
        'Amazon S3': 'S3',
        'Amazon Athena': 'SageMaker batch transform',
        'SageMaker batch transform': 'Athena',
      }),
      { bank: 'basic' },
    )
    expect(graph).toBeUndefined()
    expect(messages.map(formatMessage)).toEqual([
      'content/basic/01-catalog.md:6:110 error Unexpected broader answer `VPC endpoints`, expected the name or alias of a catalog answer [bad-value]',
      'content/basic/01-catalog.md:10:45 error Unexpected broader answer `S3`, expected a more general answer than the answer itself [bad-value]',
      'content/basic/01-catalog.md:11:55 error Unexpected broader answer `SageMaker batch transform`, expected an answer that is not itself a kind of Amazon Athena [bad-value]',
    ])
  })
})
