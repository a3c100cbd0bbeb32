/**
 * Nothing exam-specific in src/: wording that names a vendor, a role, a
 * workload or an exam comes from a bank's content. What remains is a comment
 * (or a description) that says "for example".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { scenarioIntro } from '../../src/bank/case-study.js'

const src = fileURLToPath(new URL('../../src/', import.meta.url))
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []))

describe('src/', () => {
  it('names no vendor, role or exam except "for example"', () => {
    const found: string[] = []
    for (const file of files(src)) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        if (!/\bAWS\b|SageMaker|\bMLA\b|mla-c01|\b65\b|\b130\b|\b720\b/.test(line) && !/\bml engineer/i.test(line)) return
        // The example may open on one of the two lines above (a comment wrapped over lines).
        if (lines.slice(Math.max(0, i - 2), i + 1).some((near) => /for example/.test(near))) return
        found.push(`${file.slice(src.length)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(found).toEqual([])
  })
})

describe('scenario wording', () => {
  it('comes from the bank’s role, organization and workload', () => {
    expect(scenarioIntro({ role: 'ML engineer', organization: 'company', workload: 'a machine learning workload on AWS' })).toBe(
      'A company is building a machine learning workload on AWS. The ML engineer has collected these requirements:',
    )
    expect(scenarioIntro({ role: 'cluster administrator', organization: 'platform team' })).toBe(
      'The cluster administrator at a platform team has collected these requirements:',
    )
    expect(scenarioIntro({ organization: 'agency', workload: 'a citizen portal' })).toBe(
      'An agency is building a citizen portal. It has collected these requirements:',
    )
    expect(scenarioIntro()).toBe('A team has collected these requirements:')
  })
})
