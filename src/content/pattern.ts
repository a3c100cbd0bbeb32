/**
 * List item patterns like `If {cue}, think {answer}.`: literal text matched
 * case-insensitively, runs of spaces flexible, the final period optional.
 */
import { shift, type Located } from './point.js'

export interface Pattern {
  source: string
  names: string[]
  regex: RegExp
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')

/** Compile a pattern; placeholders must be among `allowed`. Returns the unknown ones otherwise. */
export function compilePattern(source: string, allowed: readonly string[]): Pattern | { unknown: string[] } {
  const names: string[] = []
  const unknown: string[] = []
  let body = ''
  let last = 0
  const trimmed = source.trim().replace(/\.$/, '')
  for (const match of trimmed.matchAll(/\{([a-z-]+)\}/g)) {
    const name = match[1] ?? ''
    if (!allowed.includes(name) || names.includes(name)) unknown.push(match[0])
    names.push(name)
    body += escape(trimmed.slice(last, match.index)) + '(.+?)'
    last = match.index + match[0].length
  }
  body += escape(trimmed.slice(last))
  if (unknown.length > 0) return { unknown }
  return { source, names, regex: new RegExp(`^\\s*${body}\\s*\\.?\\s*$`, 'isu') }
}

/** Captures by placeholder name with their offset in `text`, or undefined when it does not match. */
export function matchPattern(
  pattern: Pattern,
  text: string,
): Record<string, { text: string; offset: number }> | undefined {
  const match = pattern.regex.exec(text)
  if (match === null) return undefined
  const result: Record<string, { text: string; offset: number }> = {}
  // Offsets: search each capture after the previous one (captures appear in order).
  let from = 0
  pattern.names.forEach((name, index) => {
    const value = match[index + 1] ?? ''
    const offset = text.indexOf(value, from)
    from = offset + value.length
    result[name] = { text: value.trim(), offset: Math.max(offset, 0) + (value.length - value.trimStart().length) }
  })
  return result
}

/** `matchPattern` on a list item: each capture with its place in the source. */
export function matchItem(pattern: Pattern, item: Located): Map<string, Located> | undefined {
  const found = matchPattern(pattern, item.text)
  if (found === undefined) return undefined
  return new Map(Object.entries(found).map(([name, value]) => [name, { text: value.text, point: shift(item.point, value.offset) }]))
}
