// Part 1, HTTP: POST /validate-email of the production bundle against bare Fastify answering the
// same bytes (bench/reference-server.ts), in three modes: logging off over the mix and over one
// address, and production logging against Fastify with its own default request logging.
//
// Method: the service is asked once for every request of the mix and its answers (bytes and
// content type) become the references' table. Then, per round, each server in a fresh process
// (pinned to its own core where taskset exists, the load generator on the other): started, its
// answers compared byte for byte with the table, warmed up, measured, stopped. The order of the
// servers alternates between rounds. Figures: the median of the per-round ratios with their
// spread, and each server's CPU time per request (/proc/<pid>/stat around the measured run).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { ADDRESSES, type BenchAddress } from './addresses.js'
import { fmt, fmtInt } from './format.js'
import { allowedCpus, benchFile, cpuTimeUs, httpRequest, median, pinning, pinSelf, SERVER_JS, SERVER_NODE_ARGS, startServer, type LogCounts, type Pinning, type ServerProcess } from './lib.js'
import type { TableAnswer } from './reference-server.js'
import { log, SERVICE_ENV, SETTINGS } from './settings.js'

export type ModeName = 'silent' | 'single' | 'info'

/** The address of the single-address mode: a partner's, accepted (the sign-up that succeeds). */
export const SINGLE_ADDRESS: BenchAddress = ADDRESSES[0]!

const MODES: Record<ModeName, { logLevel: 'silent' | 'info'; addresses: readonly BenchAddress[]; reference: 'a' | 'b'; budget: boolean }> = {
  silent: { logLevel: 'silent', addresses: ADDRESSES, reference: 'a', budget: true },
  single: { logLevel: 'silent', addresses: [SINGLE_ADDRESS], reference: 'a', budget: false },
  info: { logLevel: 'info', addresses: ADDRESSES, reference: 'b', budget: false },
}
const REFERENCES = {
  a: 'bare Fastify answering the same bytes, no logger',
  b: "bare Fastify answering the same bytes, with Fastify's default request logging (logger at info: two lines a request) to the same kind of sink",
}

const toRequest = (a: BenchAddress): autocannon.Request => ({
  method: 'POST',
  path: '/validate-email',
  headers: { 'content-type': 'application/json', 'accept-language': a.lang },
  body: JSON.stringify({ email: a.email }),
})

interface CannonRun {
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
}

async function cannon(url: string, seconds: number, requests: autocannon.Request[]): Promise<CannonRun> {
  const r = await autocannon({ url, connections: SETTINGS.connections, duration: seconds, requests })
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors }
}

/** One fresh process of one server in one round. */
export interface RoundRun extends CannonRun {
  round: number
  /** The server's CPU time (user + system) over the measured run, divided by the requests answered in it. */
  cpuUsPerRequest: number | null
  /** The CPUs the server process was allowed, read from /proc (the pinning as it was). */
  cpus: string | null
  /** Lines the process logged over its life (through the pipe to the sink), per request it answered. */
  linesPerRequest: number | null
}

export interface ServerFigures {
  runs: RoundRun[]
  median: { rps: number; p50Ms: number; p99Ms: number; cpuUsPerRequest: number | null }
}

/** A ratio per round and their median with its spread. */
export interface Spread {
  median: number
  min: number
  max: number
  rounds: number[]
}

export interface HttpMode {
  mode: ModeName
  logLevel: string
  addresses: number
  reference: string
  pinning: (Pinning & { loadGeneratorCpus: string | null }) | null
  service: ServerFigures
  referenceFigures: ServerFigures
  ratios: { rps: Spread; p99: Spread; cpuPerRequest: Spread | null }
  /** Answers other than 200: once through the set in each process, and during the runs. */
  non200: { service: number; reference: number }
  /** Each process's answers to the set compared with the table: answers compared, and those whose bytes or content type differed. */
  identical: { compared: number; differing: number }
  /** What the service logged (through the pipe to the sink process), over its processes. */
  serviceLog: (LogCounts & { linesPerRequest: number }) | null
  /**
   * Logging off over the mix only: the reference with a fixed amount of CPU work added per
   * request, in the same alternation, and its req/s as a share of the plain reference's: how much
   * work the ratio's target leaves room for on this machine. Not a target.
   */
  budget: { workUs: number; figures: ServerFigures; rpsRatio: Spread } | null
}

// ------------------------------------------------------------------------- the table of answers

interface Table {
  file: string
  answers: TableAnswer[]
  raw: Map<string, Buffer>
}
const tableKey = (lang: string, email: string): string => `${lang}\n${email}`

let made: Promise<Table> | null = null
/** The service's answer to every request of the mix, asked once of a fresh service process. */
function answerTable(pin: Pinning | null): Promise<Table> {
  made ??= (async () => {
    const service = await startServer({ ...serviceSpec('silent'), cpus: pin?.server })
    const answers: TableAnswer[] = []
    const raw = new Map<string, Buffer>()
    try {
      for (const a of ADDRESSES) {
        const r = toRequest(a)
        const got = await httpRequest(`${service.url}${r.path!}`, { method: 'POST', headers: r.headers as Record<string, string>, body: r.body as string })
        if (got.status !== 200) throw new Error(`the service answered ${got.status} to ${a.email} (${a.lang}); the mix must get verdicts`)
        // The table carries the body as text; it must turn back into the very same bytes.
        if (!Buffer.from(got.body, 'utf8').equals(got.raw)) throw new Error(`the answer to ${a.email} is not valid UTF-8`)
        answers.push({ lang: a.lang, email: a.email, contentType: String(got.headers['content-type']), body: got.body })
        raw.set(tableKey(a.lang, a.email), got.raw)
      }
    } finally {
      await service.stop()
    }
    const dir = mkdtempSync(join(tmpdir(), 'bench-answers-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'answers.json')
    writeFileSync(file, JSON.stringify(answers))
    return { file, answers, raw }
  })()
  return made
}

// ----------------------------------------------------------------------------------- the servers

interface ServerSpec {
  label: string
  script: string
  env: Record<string, string>
  listenLine: boolean
  readyPath?: string
  nodeArgs?: string[]
}

const serviceSpec = (logLevel: 'silent' | 'info'): ServerSpec => ({
  label: `service (LOG_LEVEL=${logLevel})`,
  script: SERVER_JS,
  env: { ...SERVICE_ENV, LOG_LEVEL: logLevel },
  listenLine: logLevel !== 'silent',
  readyPath: '/readyz',
})

// The references run with the service's Node flags, so that the ratio compares the apps.
const referenceSpec = (kind: 'a' | 'b', file: string, workUs = 0): ServerSpec => ({
  label: workUs ? `reference + ${workUs} µs` : `reference (${kind})`,
  script: benchFile('reference-server.js'),
  env: { BENCH_ANSWERS: file, ...(kind === 'b' ? { BENCH_LOGGER: 'info' } : {}), ...(workUs ? { BENCH_WORK_US: String(workUs) } : {}) },
  listenLine: true,
  nodeArgs: SERVER_NODE_ARGS,
})

/** Each request of the set once: answers other than 200, and answers whose bytes or content type differ from the table's. */
async function compareWithTable(s: ServerProcess, set: readonly BenchAddress[], table: Table): Promise<{ non200: number; differing: number }> {
  let non200 = 0
  let differing = 0
  for (const a of set) {
    const r = toRequest(a)
    const got = await httpRequest(`${s.url}${r.path!}`, { method: 'POST', headers: r.headers as Record<string, string>, body: r.body as string })
    const want = table.answers.find((x) => x.lang === a.lang && x.email === a.email)!
    if (got.status !== 200) non200++
    if (!got.raw.equals(table.raw.get(tableKey(a.lang, a.email))!) || got.headers['content-type'] !== want.contentType) differing++
  }
  return { non200, differing }
}

/** One server in a fresh process: started, compared with the table, warmed up, measured, stopped. */
async function freshRun(spec: ServerSpec, round: number, set: readonly BenchAddress[], table: Table, pin: Pinning | null) {
  const requests = set.map(toRequest)
  const s = await startServer({ ...spec, cpus: pin?.server })
  try {
    const cmp = await compareWithTable(s, set, table)
    const warm = await cannon(s.url, SETTINGS.warmupSeconds, requests)
    const pid = s.child.pid!
    const cpus = allowedCpus(pid)
    const before = cpuTimeUs(pid)
    const r = await cannon(s.url, SETTINGS.durationSeconds, requests)
    const after = cpuTimeUs(pid)
    const counts = await s.stop()
    const served = set.length + warm.requests + r.requests
    const run: RoundRun = {
      ...r,
      round,
      cpuUsPerRequest: before !== null && after !== null && r.requests > 0 ? (after - before) / r.requests : null,
      cpus,
      linesPerRequest: counts ? counts.lines / served : null,
    }
    return { run, cmp, counts, served }
  } finally {
    await s.stop()
  }
}

// ------------------------------------------------------------------------------------- the mode

const spread = (xs: number[]): Spread => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs } : { median: Number.NaN, min: Number.NaN, max: Number.NaN, rounds: [] })
const figures = (runs: RoundRun[]): ServerFigures => {
  const cpu = runs.map((r) => r.cpuUsPerRequest).filter((x): x is number => x !== null)
  return {
    runs,
    median: { rps: median(runs.map((r) => r.rps)), p50Ms: median(runs.map((r) => r.p50Ms)), p99Ms: median(runs.map((r) => r.p99Ms)), cpuUsPerRequest: cpu.length ? median(cpu) : null },
  }
}
const perRound = (a: RoundRun[], b: RoundRun[], f: (r: RoundRun) => number | null): number[] =>
  a.map((x, i) => [f(x), f(b[i]!)] as const).flatMap(([x, y]) => (x !== null && y !== null && y > 0 ? [x / y] : []))

export async function httpMode(mode: ModeName): Promise<HttpMode> {
  const m = MODES[mode]
  const pin = pinning()
  const before = allowedCpus()
  // This process runs autocannon (and the log sinks it starts) on its own core while the part runs.
  if (pin) pinSelf(pin.loadGenerator)
  try {
    const table = await answerTable(pin)
    const workUs = m.budget ? SETTINGS.budgetWorkUs : 0
    const specs: [name: 'service' | 'reference' | 'worked', spec: ServerSpec][] = [
      ['service', serviceSpec(m.logLevel)],
      ['reference', referenceSpec(m.reference, table.file)],
      ...(workUs ? [['worked', referenceSpec('a', table.file, workUs)] as ['worked', ServerSpec]] : []),
    ]
    log(`  ${m.addresses.length} address(es); reference: ${REFERENCES[m.reference]}; ${pin ? `servers on CPU ${pin.server}, load generator on CPU ${pin.loadGenerator}` : 'not pinned (no taskset or one core)'}`)
    const runs = { service: [] as RoundRun[], reference: [] as RoundRun[], worked: [] as RoundRun[] }
    const non200 = { service: 0, reference: 0 }
    const identical = { compared: 0, differing: 0 }
    const serviceLog = { bytes: 0, lines: 0, served: 0 }
    for (let i = 0; i < SETTINGS.rounds; i++) {
      // Every other round in the opposite order, so neither server always follows the other.
      for (const [name, spec] of i % 2 ? [...specs].reverse() : specs) {
        const { run, cmp, counts, served } = await freshRun(spec, i + 1, m.addresses, table, pin)
        runs[name].push(run)
        identical.compared += m.addresses.length
        identical.differing += cmp.differing
        if (name !== 'worked') non200[name] += cmp.non200 + run.non2xx
        if (name === 'service' && counts) {
          serviceLog.bytes += counts.bytes
          serviceLog.lines += counts.lines
          serviceLog.served += served
        }
        const label = name === 'worked' ? `ref+${workUs}µs` : name
        log(
          `  round ${i + 1} ${label.padEnd(9)} ${fmtInt(run.rps).padStart(7)} req/s  p50 ${fmt(run.p50Ms, 2)} ms  p99 ${fmt(run.p99Ms, 2)} ms  CPU ${fmt(run.cpuUsPerRequest, 1)} µs/req` +
            `${run.cpus ? ` on CPU ${run.cpus}` : ''}${m.logLevel !== 'silent' && run.linesPerRequest !== null ? `  ${fmt(run.linesPerRequest, 2)} lines/req` : ''}` +
            `${run.non2xx || run.errors ? `  (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}${cmp.differing ? `  ${cmp.differing} answers differ from the table` : ''}`,
        )
      }
    }
    if (identical.differing) throw new Error(`${identical.differing} of ${identical.compared} answers differed from the table (bytes or content type): the yardstick would not answer the same`)
    const cpuRatios = perRound(runs.service, runs.reference, (r) => r.cpuUsPerRequest)
    const result: HttpMode = {
      mode,
      logLevel: m.logLevel,
      addresses: m.addresses.length,
      reference: REFERENCES[m.reference],
      pinning: pin ? { ...pin, loadGeneratorCpus: allowedCpus() } : null,
      service: figures(runs.service),
      referenceFigures: figures(runs.reference),
      ratios: {
        rps: spread(perRound(runs.service, runs.reference, (r) => r.rps)),
        p99: spread(perRound(runs.service, runs.reference, (r) => r.p99Ms)),
        cpuPerRequest: cpuRatios.length ? spread(cpuRatios) : null,
      },
      non200,
      identical,
      serviceLog: m.logLevel === 'silent' ? null : { bytes: serviceLog.bytes, lines: serviceLog.lines, linesPerRequest: serviceLog.lines / serviceLog.served },
      budget: workUs ? { workUs, figures: figures(runs.worked), rpsRatio: spread(perRound(runs.worked, runs.reference, (r) => r.rps)) } : null,
    }
    const r = result.ratios.rps
    log(`  service / reference req/s: ${fmt(r.median, 2)} (${fmt(r.min, 2)}–${fmt(r.max, 2)}); CPU per request ${fmt(result.service.median.cpuUsPerRequest, 1)} vs ${fmt(result.referenceFigures.median.cpuUsPerRequest, 1)} µs`)
    return result
  } finally {
    if (pin && before) pinSelf(before)
  }
}
