import { describe, expect, it } from 'vitest'
import { findMentions, partitionMentions, resolveMentions, sortTerms } from '../../src/content/mentions.js'
import { forwardPath, parseFlow } from '../../src/content/mermaid.js'
import { compilePattern, matchPattern } from '../../src/content/pattern.js'
import { dice, nearest } from '../../src/content/similarity.js'
import { slug, truncateSlug } from '../../src/content/slug.js'

const terms = sortTerms([
  { text: 'SageMaker real-time endpoint', id: 'rt' },
  { text: 'Real-time endpoint', id: 'rt' },
  { text: 'Endpoint', id: 'endpoint' },
  { text: 'S3', id: 's3' },
  { text: 'SSE-S3', id: 'sse-s3' },
  { text: 'Data drift', id: 'drift' },
])

describe('mentions', () => {
  it('finds whole words, case-insensitive, longest first, without overlaps', () => {
    expect(findMentions('Use a sagemaker REAL-TIME endpoint, then an endpoint', terms).map((mention) => mention.id)).toEqual(['rt', 'endpoint'])
    expect(findMentions('SSE-S3 or S3; S3x is not S3', terms).map((mention) => mention.id)).toEqual(['sse-s3', 's3', 's3'])
    expect(findMentions('Endpoints', terms)).toEqual([])
  })

  it('rejects what follows `rather than`, `instead of` or `not`', () => {
    expect(resolveMentions('S3 rather than real-time endpoint', terms)).toEqual({ accepted: ['s3'], rejected: ['rt'], unresolved: [] })
    expect(partitionMentions('Fixes capacity, not data drift', findMentions('Fixes capacity, not data drift', terms))).toEqual({ accepted: [], rejected: ['drift'] })
  })

  it('reports segments naming nothing, with their offset; ignore phrases are blanked', () => {
    expect(resolveMentions('S3, a quantum computer, depending on workload', terms, ['depending on workload']).unresolved).toEqual([
      { text: 'a quantum computer', offset: 4 },
    ])
  })
})

describe('similarity', () => {
  it('scores character bigrams with the Dice coefficient', () => {
    expect(dice('night', 'nacht')).toBeCloseTo(0.25)
    expect(dice('same', 'same')).toBe(1)
    expect(nearest('Batch transfrom', ['Batch transform', 'Endpoint'])).toBe('Batch transform')
    expect(nearest('zzz', ['Batch transform'])).toBeUndefined()
  })
})

describe('patterns', () => {
  it('matches literal text case-insensitively with an optional final period', () => {
    const pattern = compilePattern('If {cue}, think {answer}.', ['cue', 'answer'])
    if ('unknown' in pattern) throw new Error('pattern')
    expect(matchPattern(pattern, 'if the data is in S3, think Athena')).toEqual({
      cue: { text: 'the data is in S3', offset: 3 },
      answer: { text: 'Athena', offset: 28 },
    })
    expect(matchPattern(pattern, 'Think Athena.')).toBeUndefined()
    expect(compilePattern('{cue} {colour}', ['cue'])).toEqual({ unknown: ['{colour}'] })
  })
})

describe('mermaid', () => {
  it('follows the forward path and ignores loop-backs', () => {
    const lines = ['flowchart LR', 'A[One] --> B{Two?}', 'B -- No --> A', 'B -->|Yes| C[Three]', 'C --> A'].map((text, index) => ({
      text,
      point: { line: index + 1, column: 1 },
    }))
    const flow = parseFlow(lines)
    if (!('nodes' in flow)) throw new Error(flow.found)
    const path = forwardPath(flow)
    expect(Array.isArray(path) ? path.map((node) => [node.label, node.decision]) : path).toEqual([
      ['One', false],
      ['Two?', true],
      ['Three', false],
    ])
  })
})

describe('slugs', () => {
  it('makes ids from text', () => {
    expect(slug('Low-latency, always-on API')).toBe('low-latency-always-on-api')
    expect(slug('“Run SQL queries” – café')).toBe('run-sql-queries-cafe')
    expect(slug('—')).toBe('untitled')
    expect(truncateSlug('choosing-batch-transform-for-real-time-low-latency-use', 20)).toBe('choosing-batch')
  })
})
