import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { diffOutputs, readContent, run, writeOutputs } from '../../src/cli/generate.js'
import { fixtures } from './helpers.js'

const project = fileURLToPath(new URL('../../', import.meta.url))
const temporary: string[] = []

/** A project folder with the basic fixture as `content/basic/`. */
function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'quizgraph-cli-'))
  temporary.push(root)
  mkdirSync(join(root, 'content'))
  cpSync(join(fixtures, 'basic'), join(root, 'content', 'basic'), { recursive: true })
  return root
}

/** Run the real CLI (through tsx) in `root`. */
function cli(root: string, ...args: string[]): { code: number; stderr: string } {
  try {
    execFileSync(process.execPath, [join(project, 'node_modules/tsx/dist/cli.mjs'), join(project, 'src/cli/generate.ts'), ...args], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
    })
    return { code: 0, stderr: '' }
  } catch (error) {
    const failed = error as { status: number; stderr: string }
    return { code: failed.status, stderr: failed.stderr }
  }
}

/** Every file under generated/ with its bytes (as text). */
function snapshot(root: string): Record<string, string> {
  const folder = join(root, 'generated')
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((path) => [path, readFileSync(path, 'utf8')]),
  )
}

const quiet = (): void => {}

afterEach(() => {
  for (const root of temporary.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('generate', () => {
  it('reads content/<bank>/*.md in name order', () => {
    expect(readContent(makeProject()).map((file) => file.path)).toEqual([
      'content/basic/00-bank.md',
      'content/basic/01-catalog.md',
      'content/basic/05-data.md',
      'content/basic/10-deploy.md',
    ])
  })

  it('writes generated/<bank>/graph.json through a temporary folder, leaving nothing else behind', () => {
    const root = makeProject()
    expect(run(root, false, quiet)).toBe(0)
    expect(readdirSync(join(root, 'generated', 'basic'))).toContain('graph.json')
    expect(readdirSync(root).sort()).toEqual(['content', 'generated'])
    expect(readFileSync(join(root, 'generated/basic/graph.json'), 'utf8')).toMatch(/^\{\n {2}"bank": \{/)
  })

  it('replaces stale files when writing', () => {
    const root = makeProject()
    writeOutputs(root, [{ path: 'generated/old/graph.json', content: '{}' }])
    run(root, false, quiet)
    // The bank's folder and the manifest of generated banks.
    expect(readdirSync(join(root, 'generated')).sort()).toEqual(['banks.json', 'banks.ts', 'basic'])
  })

  it('writes nothing on error: generated/ stays byte-identical', () => {
    const root = makeProject()
    run(root, false, quiet)
    const before = snapshot(root)
    writeFileSync(join(root, 'content/basic/10-deploy.md'), readFileSync(join(root, 'content/basic/10-deploy.md'), 'utf8').replace('| Offline predictions for a dataset | SageMaker batch transform |', '|  | SageMaker batch transform |'))
    const log: string[] = []
    expect(run(root, false, (line) => log.push(line))).toBe(1)
    expect(log[0]).toMatch(/^content\/basic\/10-deploy\.md:\d+:3 error Unexpected empty cue cell, expected a cue \[empty-cell\]$/)
    expect(snapshot(root)).toEqual(before)
    expect(readdirSync(root).sort()).toEqual(['content', 'generated'])
  })

  it('--check lists missing, differing and extra files', () => {
    const root = makeProject()
    const log: string[] = []
    expect(run(root, true, (line) => log.push(line))).toBe(1)
    expect(log).toContain('missing: generated/basic/graph.json')
    run(root, false, quiet)
    expect(run(root, true, quiet)).toBe(0)
    writeFileSync(join(root, 'generated/basic/graph.json'), '{}\n')
    writeFileSync(join(root, 'generated/basic/stale.json'), '{}\n')
    const difference = diffOutputs(root, [{ path: 'generated/basic/graph.json', content: 'x' }])
    expect(difference.missing).toEqual([])
    expect(difference.differing).toEqual(['generated/basic/graph.json'])
    expect(difference.extra).toContain('generated/basic/stale.json')
  })

  it('runs as a CLI: --check fails on drift and writes nothing; generate fixes it', () => {
    const root = makeProject()
    const checked = cli(root, '--check')
    expect(checked.code).toBe(1)
    expect(checked.stderr).toContain('missing: generated/basic/graph.json')
    expect(readdirSync(root)).toEqual(['content'])
    expect(cli(root).code).toBe(0)
    expect(cli(root, '--check').code).toBe(0)
  })

  it('--watch regenerates when a content file changes', async () => {
    const root = makeProject()
    const child = spawn(process.execPath, [join(project, 'node_modules/tsx/dist/cli.mjs'), join(project, 'src/cli/generate.ts'), '--watch'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const until = async (done: () => boolean, what: string): Promise<void> => {
      for (const start = Date.now(); !done(); ) {
        if (Date.now() - start > 20_000) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const graph = () => {
      try {
        return readFileSync(join(root, 'generated/basic/graph.json'), 'utf8')
      } catch {
        return ''
      }
    }
    try {
      await until(() => stderr.includes('watching'), 'the watcher to start')
      await until(() => graph().includes('Offline predictions for a dataset'), 'the first generate')
      const file = join(root, 'content/basic/10-deploy.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('Offline predictions for a dataset', 'Nightly scoring of a whole table'))
      await until(() => graph().includes('Nightly scoring of a whole table'), 'the regenerate')
      expect(graph()).not.toContain('Offline predictions for a dataset')
    } finally {
      child.kill()
    }
  })
})
