/** /docs assets on Node: read from the installed swagger-ui-dist package, once. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { type DocsAssetName, docsAssetNames, docsAssetTypes } from './page.js'
import type { DocsAssets } from '../app.js'

export function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
}

export function nodeDocsAssets(dir: string = swaggerUiDir()): DocsAssets {
  const loaded = new Map<string, Promise<Uint8Array>>()
  return async function nodeDocsAsset(name) {
    if (!(docsAssetNames as readonly string[]).includes(name)) return undefined
    let bytes = loaded.get(name)
    if (!bytes) {
      bytes = readFile(join(dir, name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))
      loaded.set(name, bytes)
    }
    return new Response(await bytes, {
      headers: { 'content-type': docsAssetTypes[name as DocsAssetName], 'cache-control': 'public, max-age=86400' },
    })
  }
}
