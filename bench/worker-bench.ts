/** The bench's Worker: the production Worker plus the bare baseline routes (bench/bare.ts). Bench-only. */
import worker from '../src/worker.js'
import { withBareRoutes } from './bare.js'

export default { fetch: withBareRoutes(worker.fetch) }
