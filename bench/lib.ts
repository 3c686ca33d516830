// Shared helpers of the benchmark: statistics, timing loops, child processes and plain HTTP.
// Everything talks to 127.0.0.1 only.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { PACKAGE_ROOT } from '../src/paths.js'

export const HOST = '127.0.0.1'
export const ROOT = PACKAGE_ROOT
/** The server as production runs it: the bundle `npm run build` writes. */
export const SERVER_JS = join(PACKAGE_ROOT, 'dist', 'server.js')
/**
 * The Node flags production runs the server with, taken from `npm start` (the Dockerfile's CMD
 * is held to the same by its test): the benchmark measures the server as it is run.
 */
export const SERVER_NODE_ARGS: string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const m = /\bnode((?: --?[\w-]+(?:=\S+)?)*) dist\/server\.js/.exec(scripts.start)
  if (!m) throw new Error(`cannot find "node … dist/server.js" in the start script: ${scripts.start}`)
  return m[1]!.trim().split(' ').filter(Boolean)
})()
/** A file of this folder, compiled (build/bench/…). */
export const benchFile = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url))

// ---------------------------------------------------------------------------------- statistics

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export const round = (x: number, digits = 2): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x)

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
/** A timer that does not keep the process alive: for deadlines raced against other events. */
export const deadline = (ms: number): Promise<'timeout'> => new Promise((r) => setTimeout(() => r('timeout'), ms).unref())

// ------------------------------------------------------------------------------- timing loops

const gc = (globalThis as { gc?: () => void }).gc

export interface Timing {
  /** Median over the rounds of the cost of one operation, in nanoseconds. */
  nsPerOp: number
  /** Each round's cost of one operation, in nanoseconds. */
  roundsNs: number[]
  /** Passes over the input in each round. */
  iterations: number
  opsPerRound: number
}

export interface TimingOptions {
  warmupMs: number
  roundMs: number
  rounds: number
  /** Upper bound on passes per round, so a very fast function cannot make a round huge. */
  maxIterations?: number
}

const now = (): bigint => process.hrtime.bigint()
const elapsedNs = (t0: bigint): number => Number(now() - t0)
const passesFor = (o: TimingOptions, perPassNs: number): number => Math.max(1, Math.min(o.maxIterations ?? 1_000_000, Math.round((o.roundMs * 1e6) / perPassNs)))

/**
 * A synchronous benchmark: `pass` goes once over the whole input (`opsPerPass` operations) and
 * returns a checksum that is kept, so the work cannot be optimised away. Warm-up first, then the
 * passes per round are chosen so that a round lasts about `roundMs`.
 */
export class SyncBench {
  private iterations = 1
  sink = 0
  constructor(
    readonly pass: () => number,
    readonly opsPerPass: number,
    readonly options: TimingOptions,
  ) {}

  warmUp(): void {
    const t0 = now()
    let passes = 0
    // Bounded: at least 5 passes, then until warmupMs (at most 100,000 passes).
    while (passes < 5 || (elapsedNs(t0) < this.options.warmupMs * 1e6 && passes < 100_000)) {
      this.sink += this.pass()
      passes++
    }
    this.iterations = passesFor(this.options, elapsedNs(t0) / passes)
  }

  round(): number {
    gc?.()
    const t0 = now()
    for (let i = 0; i < this.iterations; i++) this.sink += this.pass()
    return elapsedNs(t0) / (this.iterations * this.opsPerPass)
  }

  result(roundsNs: number[]): Timing {
    return { nsPerOp: median(roundsNs), roundsNs, iterations: this.iterations, opsPerRound: this.iterations * this.opsPerPass }
  }

  run(): Timing {
    this.warmUp()
    const rounds: number[] = []
    for (let r = 0; r < this.options.rounds; r++) rounds.push(this.round())
    return this.result(rounds)
  }
}

/** The same for an asynchronous pass, which awaits each operation in turn. */
export class AsyncBench {
  private iterations = 1
  sink = 0
  constructor(
    readonly pass: () => Promise<number>,
    readonly opsPerPass: number,
    readonly options: TimingOptions,
  ) {}

  async warmUp(): Promise<void> {
    const t0 = now()
    let passes = 0
    while (passes < 5 || (elapsedNs(t0) < this.options.warmupMs * 1e6 && passes < 100_000)) {
      this.sink += await this.pass()
      passes++
    }
    this.iterations = passesFor(this.options, elapsedNs(t0) / passes)
  }

  async round(): Promise<number> {
    gc?.()
    const t0 = now()
    for (let i = 0; i < this.iterations; i++) this.sink += await this.pass()
    return elapsedNs(t0) / (this.iterations * this.opsPerPass)
  }

  result(roundsNs: number[]): Timing {
    return { nsPerOp: median(roundsNs), roundsNs, iterations: this.iterations, opsPerRound: this.iterations * this.opsPerPass }
  }
}

// ---------------------------------------------------------------------------- child processes

const children = new Set<ChildProcess>()

/** Kills every child this process started that is still running (on the way out). */
export function killAllChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
}

export function track<T extends ChildProcess>(child: T): T {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Waits for a child to exit, at most `ms`; then kills it. */
export async function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  if ((await Promise.race([exited, deadline(ms)])) === 'timeout') {
    child.kill('SIGKILL')
    await exited
  }
}

/** A free TCP port on 127.0.0.1 (for a server that prints nothing when it listens). */
export async function freePort(): Promise<number> {
  const srv = createServer()
  srv.listen(0, HOST)
  await once(srv, 'listening')
  const addr = srv.address()
  srv.close()
  await once(srv, 'close')
  if (!addr || typeof addr === 'string') throw new Error('no port')
  return addr.port
}

/**
 * Runs a node script to its end and parses the last line of its stdout as JSON; rejects when it
 * fails or takes longer than `timeoutMs`.
 */
export async function runJsonChild<T>(args: string[], timeoutMs: number): Promise<T> {
  const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }))
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (d: Buffer) => out.push(d))
  child.stderr.on('data', (d: Buffer) => err.push(d))
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const r = await Promise.race([exited, deadline(timeoutMs)])
  if (r === 'timeout') {
    child.kill('SIGKILL')
    await exited
    throw new Error(`${args.join(' ')}: no result within ${timeoutMs} ms`)
  }
  const [code, signal] = r
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code ?? signal}):\n${Buffer.concat(err).toString().slice(-4000)}`)
  const lines = Buffer.concat(out).toString().trim().split('\n')
  return JSON.parse(lines[lines.length - 1]!) as T
}

export interface LogCounts {
  bytes: number
  lines: number
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** From spawning the process to the first 200 of `readyPath`, in ms (null without readyPath). */
  readyMs: number | null
  stderr: () => string
  /** Stops the server (SIGTERM, then SIGKILL after a while) and returns what it logged. */
  stop: () => Promise<LogCounts | null>
}

export interface StartOptions {
  label: string
  script: string
  env: Record<string, string>
  /**
   * true: PORT=0 and the URL is read from the "Server listening at" line (the server must print
   * it). false: a free port is chosen first (LOG_LEVEL=silent prints no such line).
   */
  listenLine: boolean
  /** Polled until it answers 200 before the server counts as started. */
  readyPath?: string
  /** How often readyPath is polled, in ms (default 10). */
  pollMs?: number
  /** Node's own flags; the service gets production's (SERVER_NODE_ARGS) unless told otherwise. */
  nodeArgs?: string[]
  /** Runs the server under `taskset -c <cpus>` (see pinning()); the process's pid stays node's. */
  cpus?: string
  timeoutMs?: number
}

/**
 * Starts a server in its own process with its stdout piped, as in production, into another
 * process (bench/log-sink.ts) that discards it: the load generator never reads the logs on its
 * own event loop. The sink reports the listening line and, at the end, how much was logged.
 */
export async function startServer(o: StartOptions): Promise<ServerProcess> {
  const timeoutMs = o.timeoutMs ?? 30_000
  const sink = track(spawn(process.execPath, [benchFile('log-sink.js')], { stdio: ['pipe', 'pipe', 'inherit'] }))
  let sinkReady: () => void = () => {}
  const sinkStarted = new Promise<void>((r) => (sinkReady = r))
  let listening: (url: string) => void = () => {}
  const listened = new Promise<string>((r) => (listening = r))
  let counts: LogCounts | null = null
  createInterface({ input: sink.stdout }).on('line', (line) => {
    if (line === 'READY') sinkReady()
    else if (line.startsWith('LISTENING ')) listening(line.slice('LISTENING '.length))
    else if (line.startsWith('COUNTS ')) counts = JSON.parse(line.slice('COUNTS '.length)) as LogCounts
  })
  // The sink runs before the server starts, as a log collector would.
  if ((await Promise.race([sinkStarted, deadline(10_000)])) === 'timeout') {
    sink.kill('SIGKILL')
    throw new Error('the log sink did not start')
  }
  const port = o.listenLine ? 0 : await freePort()
  const spawnedAt = process.hrtime.bigint()
  const nodeCommand = [process.execPath, ...(o.nodeArgs ?? (o.script === SERVER_JS ? SERVER_NODE_ARGS : [])), o.script]
  // taskset execs node in place, so child.pid is the server's own (for /proc/<pid>/stat).
  const command = o.cpus === undefined ? nodeCommand : ['taskset', '-c', o.cpus, ...nodeCommand]
  const child = track(
    spawn(command[0]!, command.slice(1), {
      cwd: ROOT,
      env: { ...process.env, ...o.env, PORT: String(port), HOST },
      stdio: ['ignore', sink.stdin, 'pipe'],
    }),
  )
  // The server holds its own copy of the pipe; the sink sees EOF when the server exits.
  sink.stdin.destroy()
  const errChunks: string[] = []
  child.stderr!.on('data', (d: Buffer) => errChunks.push(d.toString()))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const stop = async (): Promise<LogCounts | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await waitExit(child, 15_000)
    await waitExit(sink, 5_000)
    return counts
  }
  try {
    const failed = exited.then((code) => {
      throw new Error(`${o.label} exited (${code}) before it was ready:\n${errChunks.join('')}`)
    })
    const timedOut = deadline(timeoutMs).then(() => {
      throw new Error(`${o.label} not ready after ${timeoutMs} ms:\n${errChunks.join('')}`)
    })
    // Only the race below reads these; their later rejections are expected.
    failed.catch(() => {})
    timedOut.catch(() => {})
    const url = await Promise.race([o.listenLine ? listened : Promise.resolve(`http://${HOST}:${port}`), failed, timedOut])
    if (new URL(url).hostname !== HOST) throw new Error(`${o.label} listens at ${url}, not on ${HOST}`)
    let readyMs: number | null = null
    if (o.readyPath) {
      const ready = await waitFor200(`${url}${o.readyPath}`, timeoutMs, o.pollMs ?? 10, () => child.exitCode !== null || child.signalCode !== null)
      if (ready === null) throw new Error(`${o.label}: ${o.readyPath} did not answer 200 within ${timeoutMs} ms:\n${errChunks.join('')}`)
      readyMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6
    }
    return { child, url, readyMs, stderr: () => errChunks.join(''), stop }
  } catch (err) {
    await stop()
    throw err
  }
}

// ------------------------------------------------------------------------ cores and CPU time

/** The CPUs a process may run on, as Linux lists them ("0-1", "1"); null where /proc has none. */
export function allowedCpus(pid: number | 'self' = 'self'): string | null {
  try {
    return /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null
  } catch {
    return null
  }
}

export interface Pinning {
  /** The core each server process runs on. */
  server: string
  /** The core of this process (the load generator) and of the log sinks it starts. */
  loadGenerator: string
}

/**
 * Where `taskset` exists and this process may use at least two cores: the last of them for the
 * servers, the first for the load generator. null otherwise (everything shares every core).
 */
export function pinning(): Pinning | null {
  if (cpus().length < 2) return null
  const list = allowedCpus()
  const allowed = expandCpuList(list ?? '')
  if (allowed.length < 2) return null
  try {
    // Setting the affinity it already has: taskset is there and may change it.
    pinSelf(list!)
  } catch {
    return null
  }
  return { server: String(allowed[allowed.length - 1]), loadGenerator: String(allowed[0]) }
}

/** "0-2,5" → [0, 1, 2, 5]. */
export function expandCpuList(list: string): number[] {
  const out: number[] = []
  for (const part of list.split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number)
    for (let i = a!; i <= (b ?? a!); i++) out.push(i)
  }
  return out
}

/** Sets the CPUs of every thread of this process (later children inherit them). */
export function pinSelf(list: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' })
}

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/**
 * CPU time a process has used so far (user + system, all its threads), in µs, from
 * /proc/<pid>/stat; null where there is no such file. Resolution: one clock tick (10 ms).
 */
export function cpuTimeUs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12])) / CLOCK_TICKS) * 1e6
  } catch {
    return null
  }
}

// ----------------------------------------------------------------------------------- plain HTTP

export interface HttpAnswer {
  status: number
  body: string
  /** The body's bytes as received. */
  raw: Buffer
  headers: IncomingHttpHeaders
  ms: number
}

const noKeepAlive = new Agent({ keepAlive: false })

/** One request; `ms` is from the call to the last byte of the answer. Rejects on network errors. */
export function httpRequest(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; agent?: Agent; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? noKeepAlive, timeout: opts.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, body: raw.toString(), raw, headers: res.headers, ms: Number(process.hrtime.bigint() - t0) / 1e6 })
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(opts.body)
  })
}

/**
 * Polls `url` every `intervalMs` until it answers 200: the time from the call to that answer in
 * ms, or null after `timeoutMs` (or once `gone()` says the server has exited).
 */
export async function waitFor200(url: string, timeoutMs: number, intervalMs: number, gone?: () => boolean): Promise<number | null> {
  const t0 = process.hrtime.bigint()
  const spent = (): number => Number(process.hrtime.bigint() - t0) / 1e6
  while (spent() < timeoutMs) {
    if (gone?.()) return null
    try {
      const r = await httpRequest(url, { timeoutMs: 1000 })
      if (r.status === 200) return spent()
    } catch {
      // not listening yet
    }
    await sleep(intervalMs)
  }
  return null
}
