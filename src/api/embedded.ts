/**
 * The banks embedded in the Worker bundle and served by `npm start`.
 * JSON imports, so wrangler bundles them and Node reads them with no file-system code.
 */
import type { Bank } from '../bank/schema.js'
import type { Graph, Retirement } from '../graph/schema.js'
import type { BankEntry } from './bank-index.js'
import bank from '../../generated/mla-c01/bank.json' with { type: 'json' }
import graph from '../../generated/mla-c01/graph.json' with { type: 'json' }
import retired from '../../generated/mla-c01/retired.json' with { type: 'json' }

/** Validated by the generator and by the tests; not parsed again at start-up. */
export const embeddedBanks: BankEntry[] = [{ bank: bank as unknown as Bank, graph: graph as unknown as Graph, retired: retired as Retirement[] }]
