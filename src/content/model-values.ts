/**
 * Typed values of decision models: feature types with units, what an option
 * admits (`≤ 6 MB`, `yes`, `steady; spiky`, `low`) and what a fact requires
 * (`800 MB`, `no`, `≤ low`). Pure parsing; the caller reports problems.
 */
import type { Admits, Feature, FeatureType, Requirement } from '../graph/schema.js'

/** Units that convert into one another, by dimension; a factor to the dimension's base. */
const dimensions: ReadonlyArray<Readonly<Record<string, number>>> = [
  { b: 1e-6, kb: 1e-3, mb: 1, gb: 1e3, tb: 1e6 },
  { ms: 1e-3, s: 1, sec: 1, second: 1, seconds: 1, min: 60, minute: 60, minutes: 60, h: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400 },
]

function factorOf(unit: string): { dimension: number; factor: number } | undefined {
  const key = unit.toLowerCase()
  for (const [dimension, table] of dimensions.entries()) {
    const factor = table[key]
    if (factor !== undefined) return { dimension, factor }
  }
  return undefined
}

/** `value` in `from` expressed in `to`; undefined when the units do not convert. */
export function convert(value: number, from: string, to: string): number | undefined {
  if (from.toLowerCase() === to.toLowerCase()) return value
  const a = factorOf(from)
  const b = factorOf(to)
  if (a === undefined || b === undefined || a.dimension !== b.dimension) return undefined
  // Round away float noise (0.001 * 1000) so stored values stay readable.
  return Number(((value * a.factor) / b.factor).toPrecision(12))
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string }

const fail = (expected: string): { ok: false; expected: string } => ({ ok: false, expected })

/** `number (MB)`, `number`, `yesno`, `set`, `level`. */
export function parseFeatureType(text: string): Parsed<{ type: FeatureType; unit?: string }> {
  const match = /^(number|yesno|set|level)\s*(?:\(\s*([^)]+?)\s*\))?$/i.exec(text.trim())
  const type = match?.[1]?.toLowerCase() as FeatureType | undefined
  if (match === null || type === undefined) return fail('`number (<unit>)`, `yesno`, `set` or `level`')
  if (match[2] !== undefined && type !== 'number') return fail(`\`${type}\` without a unit (only numbers have one)`)
  return { ok: true, value: match[2] === undefined ? { type } : { type, unit: match[2] } }
}

/** `a; b; c` (set) or `low < medium < high` (level). */
export function parseFeatureValues(type: FeatureType, text: string): Parsed<string[] | undefined> {
  if (type === 'number' || type === 'yesno') {
    return text.trim() === '' ? { ok: true, value: undefined } : fail(`an empty \`Values\` cell for a ${type} feature`)
  }
  const values = text.split(type === 'level' ? '<' : ';').map((value) => value.trim().toLowerCase())
  if (values.length < 2 || values.some((value) => value === '')) {
    return fail(type === 'level' ? 'two or more levels, lowest first: `low < medium < high`' : 'two or more values separated by `;`')
  }
  if (new Set(values).size !== values.length) return fail('each value once')
  return { ok: true, value: values }
}

const quantity = /^([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-z%][A-Za-z%/]*)?$/

function readQuantity(text: string, feature: Feature): Parsed<number> {
  const match = quantity.exec(text.trim())
  if (match === null) return fail(`a number${feature.unit === undefined ? '' : ` with a unit like \`${feature.unit}\``}`)
  const value = Number((match[1] ?? '').replace(/,/g, ''))
  const unit = match[2]
  if (feature.unit === undefined) return unit === undefined ? { ok: true, value } : fail('a plain number (the feature has no unit)')
  if (unit === undefined) return fail(`a unit after the number (the feature is in \`${feature.unit}\`)`)
  const converted = convert(value, unit, feature.unit)
  return converted === undefined ? fail(`a unit that converts to \`${feature.unit}\``) : { ok: true, value: converted }
}

const comparators: Record<string, { words: string; bound: 'max' | 'min'; open: boolean }> = {
  '≤': { words: 'up to', bound: 'max', open: false },
  '<=': { words: 'up to', bound: 'max', open: false },
  '<': { words: 'less than', bound: 'max', open: true },
  '≥': { words: 'at least', bound: 'min', open: false },
  '>=': { words: 'at least', bound: 'min', open: false },
  '>': { words: 'more than', bound: 'min', open: true },
}

/** An option's cell for `feature`: what it admits and how feedback says it. */
export function parseOptionCell(text: string, feature: Feature): Parsed<{ admits: Admits; text: string }> {
  const cell = text.trim()
  if (cell.toLowerCase() === 'any') return { ok: true, value: { admits: { kind: 'any' }, text: 'any' } }
  switch (feature.type) {
    case 'number': {
      const range = /^(.+?)\s*[–-]\s*(.+)$/.exec(cell)
      if (range !== null && !/^[<>≤≥]/.test(cell)) {
        const low = readQuantity(appendUnit(range[1] ?? '', range[2] ?? ''), feature)
        const high = readQuantity(range[2] ?? '', feature)
        if (!low.ok) return low
        if (!high.ok) return high
        if (low.value > high.value) return fail('a range whose low end comes first')
        return { ok: true, value: { admits: { kind: 'range', min: low.value, max: high.value, minOpen: false, maxOpen: false }, text: `${range[1]} to ${range[2]}` } }
      }
      const match = /^(≤|<=|<|≥|>=|>)\s*(.+)$/.exec(cell)
      const comparator = comparators[match?.[1] ?? '']
      if (match === null || comparator === undefined) return fail('a bound like `≤ 6 MB`, `≥ 2 GB`, a range `1–10 GB`, or `any`')
      const bound = readQuantity(match[2] ?? '', feature)
      if (!bound.ok) return bound
      const admits: Admits =
        comparator.bound === 'max'
          ? { kind: 'range', max: bound.value, minOpen: false, maxOpen: comparator.open }
          : { kind: 'range', min: bound.value, minOpen: comparator.open, maxOpen: false }
      return { ok: true, value: { admits, text: `${comparator.words} ${(match[2] ?? '').trim()}` } }
    }
    case 'yesno': {
      const value = cell.toLowerCase()
      if (value !== 'yes' && value !== 'no') return fail('`yes`, `no` or `any`')
      return { ok: true, value: { admits: { kind: 'values', values: [value] }, text: value } }
    }
    case 'set':
    case 'level': {
      const written = cell.split(';').map((value) => value.trim())
      const values = written.map((value) => value.toLowerCase())
      const unknown = values.find((value) => !(feature.values ?? []).includes(value))
      if (unknown !== undefined) return fail(`one of ${(feature.values ?? []).map((v) => '`' + v + '`').join(', ')}${feature.type === 'set' ? ' (several separated by `;`)' : ''}, not \`${unknown}\``)
      if (feature.type === 'level' && values.length !== 1) return fail('exactly one level (qualifiers rank options by it)')
      // Matched case-insensitively; feedback shows the cell as the author wrote it ("Amazon S3").
      return { ok: true, value: { admits: { kind: 'values', values }, text: orList(written) } }
    }
  }
}

/** `a, b or c`. */
function orList(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`
}

/** `1–10 GB`: the unit written once applies to both ends. */
function appendUnit(low: string, high: string): string {
  const unit = quantity.exec(high.trim())?.[2]
  return unit !== undefined && quantity.exec(low.trim())?.[2] === undefined ? `${low.trim()} ${unit}` : low
}

/** What a fact requires of `feature`: `800 MB`, `no`, `steady`, `≤ low`. */
export function parseRequirement(text: string, feature: Feature): Parsed<Requirement> {
  const cell = text.trim()
  switch (feature.type) {
    case 'number': {
      const value = readQuantity(cell, feature)
      return value.ok ? { ok: true, value: { feature: feature.name, kind: 'number', value: value.value, text: cell } } : value
    }
    case 'yesno':
    case 'set': {
      const value = cell.toLowerCase()
      const allowed = feature.type === 'yesno' ? ['yes', 'no'] : (feature.values ?? [])
      if (!allowed.includes(value)) return fail(`one of ${allowed.map((v) => '`' + v + '`').join(', ')}`)
      return { ok: true, value: { feature: feature.name, kind: 'value', value, text: cell } }
    }
    case 'level': {
      const match = /^(≤|<=|≥|>=|=)?\s*(.+)$/.exec(cell)
      const level = (match?.[2] ?? '').toLowerCase()
      if (!(feature.values ?? []).includes(level)) {
        return fail(`a bound on a level: \`≤ ${feature.values?.[0] ?? 'low'}\`, \`≥ …\` or \`= …\` with one of ${(feature.values ?? []).map((v) => '`' + v + '`').join(', ')}`)
      }
      const op = match?.[1] === '≤' || match?.[1] === '<=' ? '<=' : match?.[1] === '≥' || match?.[1] === '>=' ? '>=' : '='
      return { ok: true, value: { feature: feature.name, kind: 'level', op, value: level, text: cell } }
    }
  }
}

/** Sentences of a cell separated by `<br>`. */
export function splitBreaks(text: string): string[] {
  return text
    .split(/<br\s*\/?>/i)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}
