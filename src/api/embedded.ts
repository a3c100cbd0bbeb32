/**
 * The banks embedded in the Worker bundle and served by `npm start`.
 * JSON imports, so wrangler bundles them and Node reads them with no file-system code.
 */
import type { Bank } from '../bank/schema.js'
import type { Graph } from '../graph/schema.js'
import type { BankEntry } from './bank-index.js'
// TEMPORARY until the generator writes generated/mla-c01/: switch these two imports to
//   '../../generated/mla-c01/bank.json' and '../../generated/mla-c01/graph.json'
import bank from '../../tests/fixtures/api/bank.json' with { type: 'json' }
import graph from '../../tests/fixtures/api/graph.json' with { type: 'json' }

/** Validated by the generator and by the tests; not parsed again at start-up. */
export const embeddedBanks: BankEntry[] = [{ bank: bank as unknown as Bank, graph: graph as unknown as Graph }]
