/**
 * Start `src/node.ts` (what `npm start` runs) as a child process on
 * 127.0.0.1 and a free port, for the simulation, the crash test and the
 * statistics benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface Server {
  base: string
  child: ChildProcess
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>
}

const root = fileURLToPath(new URL('../../', import.meta.url))

export async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`src/node.ts exited with ${code}: ${errors.slice(-1000)}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(line)
      if (match) resolve(Number(match[1]))
    })
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}
