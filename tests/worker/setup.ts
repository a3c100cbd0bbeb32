// Every workers test file starts with the D1 schema applied, as `wrangler d1 migrations apply` leaves a deployed database.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
