// The parts of the workerd test environment the worker tests use (the full
// types need @cloudflare/workers-types globals, which clash with @types/node).
declare module 'cloudflare:workers' {
  export const exports: { default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> } }
  export const env: {
    DB: TestD1
    TEST_MIGRATIONS: Array<{ name: string; queries: string[] }>
  }
}
declare module 'cloudflare:test' {
  export function applyD1Migrations(db: unknown, migrations: Array<{ name: string; queries: string[] }>, table?: string): Promise<void>
}

interface TestD1Statement {
  bind(...values: unknown[]): TestD1Statement
  raw(): Promise<unknown[][]>
  run(): Promise<unknown>
  first<T>(): Promise<T | null>
}
interface TestD1 {
  prepare(sql: string): TestD1Statement
  batch(statements: TestD1Statement[]): Promise<Array<{ meta: { changes?: number } }>>
}
