/**
 * Written by `npm run generate` (src/pipeline.ts): every bank under generated/, as JSON
 * imports so that wrangler bundles them and Node reads them with no file-system code.
 * Do not edit: a new folder content/<bank>/ appears here on the next generate.
 */
import bank0 from './cka/bank.json' with { type: 'json' }
import graph0 from './cka/graph.json' with { type: 'json' }
import retired0 from './cka/retired.json' with { type: 'json' }
import bank1 from './mla-c01/bank.json' with { type: 'json' }
import graph1 from './mla-c01/graph.json' with { type: 'json' }
import retired1 from './mla-c01/retired.json' with { type: 'json' }

export const generatedBanks = [
  { bank: bank0, graph: graph0, retired: retired0 },
  { bank: bank1, graph: graph1, retired: retired1 },
]
