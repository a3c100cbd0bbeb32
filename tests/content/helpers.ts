/** Fixture loading for the content tests: `tests/fixtures/content/<case>/*.md`. */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ContentFile } from '../../src/content/index.js'

export const fixtures = fileURLToPath(new URL('../fixtures/content/', import.meta.url))

/** A fixture's files as if they were `content/<bank>/<name>`. */
export function loadFixture(name: string, bank = name): ContentFile[] {
  return readdirSync(fixtures + name)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({ path: `content/${bank}/${file}`, text: readFileSync(`${fixtures}${name}/${file}`, 'utf8') }))
}

/**
 * An error case: the `basic` bank and catalog, with the case's own files
 * instead of `10-deploy.md` (and instead of any basic file of the same name).
 */
export function loadCase(name: string): ContentFile[] {
  const own = loadFixture(name)
  const base = loadFixture('basic', name).filter(
    (file) => !file.path.endsWith('/10-deploy.md') && !own.some((mine) => mine.path === file.path),
  )
  return [...base, ...own]
}
