import { describe, expect, it } from 'vitest'
import { expectedScore, solverNames, solvers, solverTable, type SolverName } from '../../src/bank/solvers.js'

// Options that share words with the stem and with each other, a duplicate and an empty one.
const stem = 'A team needs low-latency online predictions for a spiky workload. Which service fits?'
const options = [
  'SageMaker real-time endpoint',
  'SageMaker serverless inference',
  'Batch transform',
  'Real-time endpoint with auto scaling',
  'Asynchronous inference, batch transform',
  'Lambda',
  'Online predictions',
  'Endpoint',
  '',
  'SageMaker real-time endpoint',
]

describe('solver table', () => {
  it('scores every selection as the solvers do', () => {
    const texts = options
    const table = solverTable(stem, texts)
    const names = Object.keys(solvers) as SolverName[]
    for (let a = 0; a < texts.length; a++) {
      for (let b = 0; b < texts.length; b++) {
        for (let c = b + 1; c < texts.length; c++) {
          const selection = [a, b, c].filter((i, k, all) => all.indexOf(i) === k)
          for (const keys of [[0], [0, 1]]) {
            for (const name of names) {
              const expected = expectedScore(solvers[name](stem, selection.map((i) => texts[i]!)), keys)
              expect(table.share(name, selection, keys)).toBe(expected)
            }
          }
        }
      }
    }
  })

  it('scores every solver at once as share does, keys at the head of the selection', () => {
    const texts = options.filter((text) => text !== 'Endpoint')
    const table = solverTable(stem, texts)
    const out = new Float64Array(solverNames.length)
    for (let a = 0; a < texts.length; a++) {
      for (let b = 0; b < texts.length; b++) {
        for (let c = b + 1; c < texts.length; c++) {
          const selection = [a, b, c].filter((i, k, all) => all.indexOf(i) === k)
          for (const keyCount of [1, 2]) {
            const keys = [0, 1].slice(0, keyCount)
            table.sharesOfHead(Int32Array.from(selection), selection.length, keyCount, out)
            solverNames.forEach((name, k) => {
              expect(out[k]).toBe(table.share(name, selection, keys))
              expect(table.shareOfHead(name, selection, selection.length, keyCount)).toBe(table.share(name, selection, keys))
            })
          }
        }
      }
    }
  })
})
