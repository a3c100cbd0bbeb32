/**
 * Domain and task of a block: its declaration's `domain:`/`task:` keys, else
 * the section it sits in. A task alone implies its domain.
 */
import type { VFile } from 'vfile'
import type { Domain } from '../graph/schema.js'
import { entry, type Declaration } from './declaration.js'
import { report } from './errors.js'
import type { Scope } from './outline.js'
import type { Located, Point } from './point.js'

export interface Assigned {
  domain: string
  task: string
}

/** The scope a declaration gives, falling back to its section's. */
export function declaredScope(declaration: Declaration, section: Scope): Scope {
  const domain = entry(declaration, 'domain')
  const task = entry(declaration, 'task')
  if (domain === undefined && task === undefined) return section
  const scope: Scope = {}
  if (domain !== undefined) scope.domain = { text: domain.value, point: domain.valuePoint }
  const inherited = domain === undefined || domain.value === section.domain?.text ? section.task : undefined
  const own = task === undefined ? inherited : { text: task.value, point: task.valuePoint }
  if (own !== undefined) scope.task = own
  return scope
}

/**
 * Check a scope against the domains table. `what` names the block in messages
 * ("rules table"); `at` is where to report a missing domain.
 */
export function assignScope(
  scope: Scope,
  domains: readonly Domain[],
  file: VFile,
  what: string,
  at: Point,
): Assigned | undefined {
  const { domain, task } = scope
  if (task === undefined) {
    report(file, 'missing-domain', at, {
      found: domain === undefined ? `${what} under no domain` : `${what} in domain \`${domain.text}\` with no task`,
      expected: 'a `section` declaration above it or `domain:`/`task:` keys in its declaration',
    })
    return undefined
  }
  const owner = domains.find((item) => item.tasks.some((known) => known.id === task.text))
  if (owner === undefined) {
    report(file, 'unknown-task', task.point, { found: `task \`${task.text}\``, expected: expectedTasks(domains) })
    return undefined
  }
  if (domain !== undefined && !checkDomain(domain, owner, task, domains, file)) return undefined
  return { domain: owner.id, task: task.text }
}

function checkDomain(domain: Located, owner: Domain, task: Located, domains: readonly Domain[], file: VFile): boolean {
  if (!domains.some((item) => item.id === domain.text)) {
    report(file, 'missing-domain', domain.point, {
      found: `domain \`${domain.text}\``,
      expected: `one of ${domains.map((item) => '`' + item.id + '`').join(', ')}`,
    })
    return false
  }
  if (owner.id !== domain.text) {
    report(file, 'unknown-task', task.point, {
      found: `task \`${task.text}\` in domain \`${domain.text}\``,
      expected: `a task of domain \`${domain.text}\` (${domainTasks(domains, domain.text)})`,
    })
    return false
  }
  return true
}

function domainTasks(domains: readonly Domain[], id: string): string {
  return (domains.find((item) => item.id === id)?.tasks ?? []).map((known) => '`' + known.id + '`').join(', ')
}

function expectedTasks(domains: readonly Domain[]): string {
  const all = domains.flatMap((item) => item.tasks.map((known) => '`' + known.id + '`'))
  return all.length === 0 ? 'a task of the tasks table' : `one of the tasks table (${all.join(', ')})`
}
