/**
 * Copies the /docs assets out of swagger-ui-dist into dist/assets/docs/, the
 * directory wrangler.toml serves as Workers static assets. Run by wrangler's
 * [build] step and by the workers test project; `tsx src/api/docs/copy-assets.ts`.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { docsAssetNames } from './page.js'
import { swaggerUiDir } from './node-assets.js'

export const assetsDir = resolve(fileURLToPath(new URL('../../../dist/assets', import.meta.url)))

export function copyDocsAssets(to: string = assetsDir): string[] {
  const from = swaggerUiDir()
  const target = join(to, 'docs')
  mkdirSync(target, { recursive: true })
  for (const name of docsAssetNames) copyFileSync(join(from, name), join(target, name))
  // Workers static assets read response headers for the files from _headers.
  writeFileSync(
    join(to, '_headers'),
    '/docs/*\n  Cache-Control: public, max-age=86400\n  X-Content-Type-Options: nosniff\n  Cross-Origin-Resource-Policy: same-origin\n',
  )
  return docsAssetNames.map((name) => join(target, name))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = copyDocsAssets()
  console.log(`copied ${files.length} /docs assets to ${assetsDir}/docs`)
}
