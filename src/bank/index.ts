/** The question bank: generation, audit and changelog. */
export { generateBank } from './generate.js'
export { indexGraph, type GraphIndex } from './graph-index.js'
export { auditBank, formatAudit, thresholds, type AuditReport } from './audit.js'
export { diffBanks, formatDiff, type BankDiff } from './diff.js'
export * from './schema.js'
