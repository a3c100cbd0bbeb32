/**
 * Messages as plain data, and printed like a compiler:
 * for example `content/mla-c01/deploy.md:42:3 error Unexpected empty answer cell, expected an answer [empty-cell]`.
 */
import type { VFile } from 'vfile'
import type { Severity } from './errors.js'

type VFileMessage = VFile['messages'][number]

export interface ContentMessage {
  file: string
  line: number
  column: number
  severity: Severity
  ruleId: string
  reason: string
  /** A second location, e.g. where a duplicate was first defined. */
  cause?: { file: string; line: number; column: number; reason: string }
}

export function toContentMessage(message: VFileMessage): ContentMessage {
  const result: ContentMessage = {
    file: message.file ?? '',
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal === true ? 'error' : 'warning',
    ruleId: message.ruleId ?? 'unknown',
    reason: message.reason,
  }
  const cause = message.cause
  if (isMessage(cause)) {
    result.cause = { file: cause.file ?? '', line: cause.line ?? 1, column: cause.column ?? 1, reason: cause.reason }
  }
  return result
}

function isMessage(value: unknown): value is VFileMessage {
  return typeof value === 'object' && value !== null && 'reason' in value && 'file' in value
}

export function formatMessage(message: ContentMessage): string {
  const head = `${message.file}:${message.line}:${message.column} ${message.severity} ${message.reason} [${message.ruleId}]`
  if (message.cause === undefined) return head
  const cause = message.cause
  return `${head}\n  ${cause.file}:${cause.line}:${cause.column} ${cause.reason}`
}

/** Order by file, then place, so output does not depend on discovery order. */
export function compareMessages(a: ContentMessage, b: ContentMessage): number {
  return (
    compare(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.reason, b.reason)
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function hasErrors(messages: readonly ContentMessage[]): boolean {
  return messages.some((message) => message.severity === 'error')
}
