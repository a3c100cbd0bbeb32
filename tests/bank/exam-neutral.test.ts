/**
 * Nothing exam-specific in src/: wording that names a vendor, a role, a
 * workload or an exam comes from a bank's content. What remains is a comment
 * (or a description) that says "for example".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../../src/', import.meta.url))
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []))

describe('src/', () => {
  it('names no vendor, role or exam except "for example"', () => {
    const found: string[] = []
    // src/client/schema.d.ts is generated from the OpenAPI document, whose examples are real ids of the first bank.
    for (const file of files(src).filter((path) => !path.endsWith('/client/schema.d.ts'))) {
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
