// The parts of the workerd test environment the worker tests use (the full
// types need @cloudflare/workers-types globals, which clash with @types/node).
declare module 'cloudflare:workers' {
  export const exports: { default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> } }
}
