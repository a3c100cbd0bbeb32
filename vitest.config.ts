import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { copyDocsAssets } from './src/api/docs/copy-assets.js'

// wrangler.toml serves dist/assets as Workers static assets; the workers project needs them there.
copyDocsAssets()

/** API tests that run in workerd as well as in Node (no node: modules, no ajv compile). */
const sharedApiTests = ['tests/api/questions.test.ts', 'tests/api/exams.test.ts', 'tests/api/graph.test.ts', 'tests/api/http.test.ts', 'tests/api/exports.test.ts']

// The D1 schema, applied in the workers tests with applyD1Migrations (as `wrangler d1 migrations apply` does).
const migrations = await readD1Migrations('./migrations')

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Unzipping and parsing the bank's export packages in beforeAll takes longer than the default 10 s on a busy machine.
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/worker/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { TEST_MIGRATIONS: migrations } } })],
        test: {
          name: 'workers',
          include: ['tests/worker/**/*.test.ts', ...sharedApiTests],
          setupFiles: ['./tests/worker/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
})
