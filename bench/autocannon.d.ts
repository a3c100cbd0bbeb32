/** The part of autocannon's programmatic API the bench uses (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
    total: number
  }
  export interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    duration: number
    statusCodeStats?: Record<string, { count: number }>
  }
  export interface Request {
    method?: string
    path?: string
    body?: string
    headers?: Record<string, string>
    /** Called before each request is sent; returns the request to send. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
  }
  export interface Options {
    url: string
    connections?: number
    /** Requests per second across all connections (open loop). */
    overallRate?: number
    duration?: number
    pipelining?: number
    timeout?: number
    method?: string
    body?: string
    headers?: Record<string, string>
    requests?: Request[]
  }
  function autocannon(options: Options): Promise<Result> & { stop?: () => void }
  export default autocannon
}
