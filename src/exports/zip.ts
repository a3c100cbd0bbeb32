/**
 * Deterministic zip archives: entries in the given order, one fixed
 * timestamp, fixed compression, so the same input gives the same bytes.
 */
import { strToU8, zipSync, type Zippable } from 'fflate'

/**
 * 2000-01-01 00:00 built from local-time parts: fflate writes the DOS time
 * from local-time getters, so this gives the same bytes in every time zone.
 */
const fixedTime = (): Date => new Date(2000, 0, 1, 0, 0, 0)

export interface ZipEntry {
  readonly path: string
  readonly content: string
}

/** Zip text files (UTF-8) in the given order. */
export function zip(files: readonly ZipEntry[]): Uint8Array {
  const entries: Zippable = {}
  const mtime = fixedTime()
  for (const file of files) {
    if (file.path in entries) throw new Error(`Unexpected duplicate zip entry \`${file.path}\`, expected unique paths`)
    entries[file.path] = [strToU8(file.content), { level: 9, mtime }]
  }
  return zipSync(entries)
}
