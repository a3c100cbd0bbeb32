/**
 * Synthetic content in the real format at n× the size of a bank: the bank
 * facts, the answer catalog and the decision models once, every other file n times. Each copy gets
 * its own headings, declaration ids and titles, and cues (the cue cells of
 * rules tables, the mistake cells of trap tables, the cue part of list items),
 * so nothing collides and every stem is distinct. Made in memory by the bench
 * from content/<bank>/; never committed.
 */
import type { ContentFile } from '../src/content/index.js'

/**
 * Files kept once: the bank declaration, the answer catalog, and the decision
 * models with their frames (a model's catalog additions and the frames that
 * name models by id cannot be copied without clashing).
 */
const shared = /\/(00-bank|01-catalog|scenarios|m-[^/]+)\.md$/

interface Declaration {
  kind: string
  keys: Map<string, string[]>
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A declaration's `pattern:` template as a regex; `cue` (or `mistake`) is the group to tag. */
function patternRegExp(pattern: string): { regexp: RegExp; group: string } | undefined {
  const names: string[] = []
  const source = pattern
    .replace(/\.$/, '')
    .split(/(\{[a-z]+(?::[a-z]+)?\})/)
    .map((part) => {
      const name = /^\{([a-z]+)/.exec(part)?.[1]
      if (name === undefined) return escapeRegExp(part)
      names.push(name)
      return `(?<${name}>.+?)`
    })
    .join('')
  const group = names.includes('cue') ? 'cue' : names.includes('mistake') ? 'mistake' : undefined
  return group === undefined ? undefined : { regexp: new RegExp(`^${source}\\.?$`, 'di'), group }
}

/** Copy `copy` (1-based) of one content file, renamed so that ids and cues stay unique. */
export function renameCopy(text: string, copy: number): string {
  if (copy === 1) return text
  const tag = `r${copy}`
  const mark = ` (set ${copy})`
  const lines = text.split('\n')
  let declaration: Declaration | undefined
  let pending: Declaration | undefined
  let header: string[] | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const opening = /^<!--\s*quizgraph\s+([a-z-]+)/.exec(line)
    if (opening) {
      declaration = { kind: opening[1]!, keys: new Map() }
      header = undefined
      if (line.includes('-->')) [pending, declaration] = [declaration, undefined]
      continue
    }
    if (declaration) {
      if (line.startsWith('-->')) {
        ;[pending, declaration] = [declaration, undefined]
        continue
      }
      const kv = /^([a-z-]+):\s*(.*)$/.exec(line)
      if (kv) {
        const values = declaration.keys.get(kv[1]!) ?? []
        values.push(kv[2]!)
        declaration.keys.set(kv[1]!, values)
        if (kv[1] === 'id' || kv[1] === 'title') lines[i] = `${line}-${tag}`
      }
      continue
    }
    if (/^#{1,6} /.test(line)) {
      lines[i] = `${line} ${tag}`
      pending = undefined
      continue
    }
    if (!pending || (pending.kind !== 'rules' && pending.kind !== 'traps')) continue
    const role = pending.kind === 'rules' ? 'cue' : 'mistake'
    if (line.startsWith('|')) {
      const cells = line.slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined).split('|')
      if (!header) {
        header = cells.map((c) => c.trim())
        continue
      }
      if (cells.every((c) => /^\s*:?-+:?\s*$/.test(c))) continue
      const wanted = [role, ...(role === 'mistake' ? ['correction'] : [])].flatMap((key) => (pending!.keys.get(key)?.[0] ?? '').split(' + ').map((c) => c.trim()))
      lines[i] = '|' + cells.map((c, k) => (wanted.includes(header![k] ?? '') && c.trim() !== '' ? `${c.trimEnd()}${mark} ` : c)).join('|') + '|'
      continue
    }
    const item = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$/.exec(line)
    if (item) {
      const [, bullet, body] = item as unknown as [string, string, string]
      const patterns = pending.keys.get('pattern') ?? []
      if (patterns.length === 0) {
        lines[i] = bullet + body.replace(/\.?$/, (end) => mark + end)
        continue
      }
      for (const pattern of patterns) {
        const compiled = patternRegExp(pattern)
        const match = compiled?.regexp.exec(body)
        const span = match?.indices?.groups?.[compiled!.group]
        if (span) {
          lines[i] = bullet + body.slice(0, span[1]) + mark + body.slice(span[1])
          break
        }
      }
      continue
    }
    if (line.trim() !== '' && header) pending = undefined
  }
  return lines.join('\n')
}

/** One bank's files at `factor`× their size (shared files once, the rest `factor` times). */
export function scaleContent(files: readonly ContentFile[], factor: number): ContentFile[] {
  const out: ContentFile[] = files.filter((f) => shared.test(f.path)).map((f) => ({ ...f }))
  for (const file of files.filter((f) => !shared.test(f.path))) {
    for (let copy = 1; copy <= factor; copy++) {
      const path = copy === 1 ? file.path : file.path.replace(/\.md$/, `.r${String(copy).padStart(3, '0')}.md`)
      out.push({ path, text: renameCopy(file.text, copy) })
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

export const bytesOf = (files: readonly ContentFile[]): number => files.reduce((n, f) => n + Buffer.byteLength(f.text), 0)
