/**
 * Stem templates: `{name}` or `{name:filter}` placeholders naming a role
 * (`cue`, `answer`, ...) or a column header as written.
 */
import type { VFile } from 'vfile'
import type { Entry } from './declaration.js'
import { report } from './errors.js'
import { shift } from './point.js'

/** `lower` and `upper` change the first letter only, so names like, for example, `SageMaker` survive. */
const filters = ['lower', 'upper']

/** Report unknown placeholders; returns the stems that are usable. */
export function checkStems(stems: readonly Entry[], allowed: readonly string[], file: VFile): string[] {
  const known = new Set(allowed.map((name) => name.toLowerCase()))
  return stems.flatMap((stem) => {
    let ok = true
    for (const match of stem.value.matchAll(/\{([^{}]*)\}/g)) {
      const [name = '', filter] = (match[1] ?? '').split(':')
      if (!known.has(name.trim().toLowerCase()) || (filter !== undefined && !filters.includes(filter))) {
        ok = false
        report(file, 'unknown-stem-placeholder', shift(stem.valuePoint, match.index), {
          placeholder: match[0],
          allowed: [...allowed.map((name) => `{${name}}`), ...filters.map((filter) => `{…:${filter}}`)],
        })
      }
    }
    return ok ? [stem.value] : []
  })
}
