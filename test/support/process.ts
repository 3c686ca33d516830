// Helpers for the tests where a real process is the point: signals, reload, shutdown, logs.
// The server runs from src/ under the same TypeScript loader (and coverage) as the tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter, once } from 'node:events'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Test } from 'tap'
import { PACKAGE_ROOT } from '../../src/paths.js'

export type LogLine = Record<string, unknown>

/** How long a test waits for a log line or an exit before it fails (a bound, not a timing). */
export const WAIT_MS = 60_000

export interface Server {
  child: ChildProcess
  url: string
  lines: LogLine[]
  output: () => string
  /** The first log line from index `from` on that matches; waits for it, at most `timeoutMs`. */
  waitFor: (match: (l: LogLine) => boolean, from?: number, timeoutMs?: number) => Promise<LogLine>
  exited: Promise<number | null>
}

const spawnServer = (env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [...process.execArgv, join(PACKAGE_ROOT, 'src', 'server.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

/** `promise`, or a failure naming `what` once `ms` have passed (a bound, not a timing). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer))
}

/** A server that is expected not to start: its exit code and what it said on stderr. */
export async function failedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServer(env)
  const chunks: Buffer[] = []
  child.stderr!.on('data', (d: Buffer) => chunks.push(d))
  const [code] = (await within(once(child, 'exit'), WAIT_MS, 'the server to stop')) as [number | null]
  return { code, stderr: Buffer.concat(chunks).toString() }
}

export async function startServer(t: Test, env: Record<string, string>): Promise<Server> {
  const child = spawnServer(env)
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  const lines: LogLine[] = []
  const raw: string[] = []
  const events = new EventEmitter()
  child.stderr!.on('data', (d: Buffer) => raw.push(d.toString()))
  createInterface({ input: child.stdout! }).on('line', (line) => {
    raw.push(`${line}\n`)
    try {
      lines.push(JSON.parse(line) as LogLine)
      events.emit('line')
    } catch {
      // not a log line
    }
  })
  const waitFor = (match: (l: LogLine) => boolean, from = 0, timeoutMs = WAIT_MS): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const look = (): boolean => {
        const found = lines.slice(from).find(match)
        if (found) {
          clearTimeout(timer)
          resolve(found)
        }
        return Boolean(found)
      }
      if (look()) return
      const onLine = (): void => {
        if (look()) events.off('line', onLine)
      }
      events.on('line', onLine)
      // A bound, never expected to be reached: a missing line fails the test instead of hanging it.
      timer = setTimeout(() => {
        events.off('line', onLine)
        reject(new Error(`no such log line within ${timeoutMs} ms:\n${raw.join('')}`))
      }, timeoutMs)
      void exited.then((code) => {
        clearTimeout(timer)
        reject(new Error(`server exited (${code}) before the awaited log line:\n${raw.join('')}`))
      })
    })
  const listening = await waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at'))
  const url = String(listening.msg).replace('Server listening at ', '')
  return {
    child,
    url,
    lines,
    output: () => raw.join(''),
    waitFor,
    // Bounded from the moment it is awaited: a server that does not stop fails the test.
    get exited() {
      return within(exited, WAIT_MS, 'the server to exit')
    },
  }
}

export interface Outcome {
  status?: number
  error?: string
  body?: string
  connection?: string
}

/** One request, on a connection of its own unless an agent with keep-alive is given. */
export function send(url: string, path: string, body?: unknown, agent: Agent | false = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body)
    const req = request(`${url}${path}`, {
      method: data ? 'POST' : 'GET',
      agent,
      headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), connection: res.headers.connection }))
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    })
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    req.end(data)
  })
}

export interface Steady<T> {
  /** Stops the workers and resolves with every outcome once the requests in flight are done. */
  stop: () => Promise<T[]>
  outcomes: T[]
}

/**
 * `workers` loops, each on a keep-alive connection of its own, sending its next request when
 * the last is answered, until stop() or `max` requests in all. `step` sends one request and says
 * whether that worker should go on.
 */
export function steady<T>(workers: number, max: number, step: (agent: Agent, outcomes: T[]) => Promise<boolean>): Steady<T> {
  const outcomes: T[] = []
  let stopped = false
  const loop = async (): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      while (!stopped && outcomes.length < max && (await step(agent, outcomes)));
    } finally {
      agent.destroy()
    }
  }
  const running = Promise.all(Array.from({ length: workers }, loop))
  return {
    outcomes,
    stop: async () => {
      stopped = true
      await running
      return outcomes
    },
  }
}

/**
 * Steady load of POST /validate-email. A worker stops when the server says it is draining
 * (Connection: close), as a load balancer stops sending to an instance that is going away.
 */
export function load(url: string, body: unknown, { workers = 4, max = 20_000 } = {}): Steady<Outcome> {
  return steady<Outcome>(workers, max, async (agent, outcomes) => {
    const o = await send(url, '/validate-email', body, agent)
    outcomes.push(o)
    return o.connection !== 'close' && !o.error
  })
}
