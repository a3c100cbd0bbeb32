/**
 * The banks embedded in the Worker bundle and served by `npm start`: every bank
 * of `generated/banks.ts`, the module `npm run generate` writes with one JSON
 * import per bank, so wrangler bundles them and Node reads them with no
 * file-system code. A new content/<bank>/ folder is served after the next
 * generate, with no change here.
 */
import type { Bank } from '../bank/schema.js'
import type { Graph, Retirement } from '../graph/schema.js'
import type { BankEntry } from './bank-index.js'
import { generatedBanks } from '../../generated/banks.js'

/** Validated by the generator and by the tests; not parsed again at start-up. */
export const embeddedBanks: BankEntry[] = generatedBanks.map((entry) => ({
  bank: entry.bank as unknown as Bank,
  graph: entry.graph as unknown as Graph,
  retired: entry.retired as Retirement[],
}))
