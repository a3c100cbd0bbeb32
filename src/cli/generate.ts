/**
 * `npm run generate`: content/ → generated/. Writes nothing when there is any
 * error; otherwise writes everything to a temporary folder beside generated/
 * and swaps it in, so generated/ is never half-written.
 *
 *   --check  exit 1 when generated/ differs from what content/ produces
 *   --watch  regenerate on every content edit
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, watch, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatMessage, hasErrors, type ContentFile } from '../content/index.js'
import { build, type Output } from '../pipeline.js'
import { Bank, diffBanks, formatDiff } from '../bank/index.js'

/** Every `content/<bank>/*.md`, with project-relative POSIX paths, in name order. */
export function readContent(root: string): ContentFile[] {
  const content = join(root, 'content')
  if (!existsSync(content)) return []
  const files: ContentFile[] = []
  for (const bank of readdirSync(content).sort()) {
    const folder = join(content, bank)
    if (!statSync(folder).isDirectory()) continue
    for (const name of readdirSync(folder).sort()) {
      if (name.endsWith('.md')) files.push({ path: `content/${bank}/${name}`, text: readFileSync(join(folder, name), 'utf8') })
    }
  }
  return files
}

export interface Difference {
  missing: string[]
  differing: string[]
  extra: string[]
}

/** How generated/ differs from `outputs`. */
export function diffOutputs(root: string, outputs: readonly Output[]): Difference {
  const present = new Set(listFiles(join(root, 'generated')).map((path) => `generated/${path}`))
  const difference: Difference = { missing: [], differing: [], extra: [] }
  for (const output of outputs) {
    if (!present.has(output.path)) difference.missing.push(output.path)
    else if (!readFileSync(join(root, output.path)).equals(bytes(output.content))) difference.differing.push(output.path)
    present.delete(output.path)
  }
  difference.extra = [...present].sort()
  return difference
}

/** Replace generated/ with exactly `outputs`, through a temporary folder and renames. */
export function writeOutputs(root: string, outputs: readonly Output[]): void {
  const target = join(root, 'generated')
  const temporary = join(root, `.generated.tmp-${process.pid}`)
  const previous = join(root, `.generated.old-${process.pid}`)
  rmSync(temporary, { recursive: true, force: true })
  mkdirSync(temporary, { recursive: true })
  for (const output of outputs) {
    if (!output.path.startsWith('generated/')) throw new Error(`output outside generated/: ${output.path}`)
    const path = join(temporary, output.path.slice('generated/'.length))
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, bytes(output.content))
  }
  if (existsSync(target)) renameSync(target, previous)
  renameSync(temporary, target)
  rmSync(previous, { recursive: true, force: true })
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort()
}

function bytes(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
}

/** One generate (or check) run; returns the exit code. */
export function run(root: string, check: boolean, log: (line: string) => void = (line) => process.stderr.write(line + '\n')): number {
  const { messages, outputs } = build(readContent(root))
  for (const message of messages) log(formatMessage(message))
  if (hasErrors(messages)) {
    log(`${messages.filter((m) => m.severity === 'error').length} error(s): nothing written`)
    return 1
  }
  if (check) {
    const difference = diffOutputs(root, outputs)
    const lines = [
      ...difference.missing.map((path) => `missing: ${path}`),
      ...difference.differing.map((path) => `differs: ${path}`),
      ...difference.extra.map((path) => `extra: ${path}`),
    ]
    for (const line of lines) log(line)
    if (lines.length > 0) {
      log('generated/ is out of date: run `npm run generate`')
      return 1
    }
    log('generated/ is up to date')
    return 0
  }
  logChangelog(root, outputs, log)
  writeOutputs(root, outputs)
  log(`wrote ${outputs.map((output) => output.path).join(', ') || 'nothing'}`)
  return 0
}

/** Print, per bank, which item ids a write adds, removes or changes against the bank on disk. */
function logChangelog(root: string, outputs: readonly Output[], log: (line: string) => void): void {
  for (const output of outputs) {
    if (!output.path.endsWith('/bank.json') || typeof output.content !== 'string') continue
    const path = join(root, output.path)
    let previous: ReturnType<typeof Bank.safeParse> | undefined
    try {
      previous = existsSync(path) ? Bank.safeParse(JSON.parse(readFileSync(path, 'utf8'))) : undefined
    } catch {
      previous = undefined // an unreadable previous bank: everything counts as added
    }
    log(`${output.path}: ${formatDiff(diffBanks(previous?.success ? previous.data : undefined, Bank.parse(JSON.parse(output.content))))}`)
  }
}

function watchContent(root: string): void {
  let timer: NodeJS.Timeout | undefined
  const again = (): void => {
    clearTimeout(timer)
    // Editors write in bursts (temp file, rename): wait for the burst to end.
    timer = setTimeout(() => {
      process.stderr.write(`\n[${new Date().toLocaleTimeString()}] regenerating\n`)
      run(root, false)
    }, 150)
  }
  run(root, false)
  watch(join(root, 'content'), { recursive: true }, again)
  process.stderr.write(`watching ${relative(process.cwd(), join(root, 'content')) || 'content'}/ for changes\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const root = process.cwd()
  if (args.includes('--watch')) watchContent(root)
  else process.exitCode = run(root, args.includes('--check'))
}
