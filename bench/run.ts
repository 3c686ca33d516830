// `npm run bench`: the service's performance, measured in one run and printed side by side with
// its yardsticks, then written to bench/results/latest.json and latest.md. See bench/README.md.
//
//   1. HTTP: POST /validate-email against a bare Fastify route (autocannon, alternating runs),
//      with logging off and with the production logging configuration.
//   2. In process: the checking core against validator.js isEmail and deep-email-validator.
//   3. Scale: partner registries of 10, 10,000 and 1,000,000 domains (load, memory, cost).
//   4. Batch: 1,000 addresses in one POST /validate-email/batch.
//   5. Cold start: from spawning the server to a 200 from GET /readyz.
//
// Servers and measurements each run in a process of their own; everything listens on and talks
// to 127.0.0.1 only. Every loop is bounded and every child is killed on the way out.
import { execFileSync } from 'node:child_process'
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:http'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { SAMPLE_PARTNERS_FILE } from '../src/config.js'
import { ADDRESSES, categoryCounts } from './addresses.js'
import {
  benchFile,
  httpRequest,
  killAllChildren,
  median,
  ROOT,
  round,
  runJsonChild,
  SERVER_JS,
  SERVER_NODE_ARGS,
  startServer,
  type LogCounts,
  type ServerProcess,
  type Timing,
} from './lib.js'
import { generateRegistry } from './registry-gen.js'

// ------------------------------------------------------------------------------------ settings

const env = process.env
const PARTS = (env.BENCH_PARTS ?? 'http,micro,scale,batch,cold').split(',').map((s) => s.trim())
const SETTINGS = {
  connections: 50,
  durationSeconds: Number(env.BENCH_DURATION ?? 5),
  warmupSeconds: 2,
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  /** With logging off, a third server: the reference spinning this many µs of CPU per request. */
  budgetWorkUs: 5,
  registrySizes: (env.BENCH_SIZES ?? '10,10000,1000000').split(',').map(Number),
  /** Fresh processes per registry size, the sizes taken in turn; each figure is their median. */
  scaleRuns: Number(env.BENCH_SCALE_RUNS ?? 3),
  batchSize: 1000,
  batchRequests: 20,
  coldStartRuns: 5,
  parts: PARTS,
}
const TARGETS = {
  rpsRatioSilent: 0.8,
  p99RatioSilent: 1.5,
  rpsRatioInfo: 0.65,
  scaleCostRatio: 1.1,
  loadSeconds1m: 3,
  rssMb1m: 400,
  batchMs: 20,
  coldStartMs: 500,
}
const RESULTS_DIR = join(ROOT, 'bench', 'results')
const BIG = 1_000_000
const SMALL = 10

// The service as production runs it, less the rate limit (which would answer 429 to a load
// generator on one address), with the sample registry.
// The DNS deliverability check stays off (its default), and should anything ask for it anyway,
// its resolver is a closed port on 127.0.0.1: the benchmark sends no traffic off this machine.
const SERVICE_ENV = {
  RATE_LIMIT_PER_MINUTE: '0',
  PARTNERS_FILE: SAMPLE_PARTNERS_FILE,
  DELIVERABILITY_CHECK: 'false',
  DNS_SERVERS: '127.0.0.1:9',
}

const log = (s: string): void => void process.stdout.write(`${s}\n`)

// Out of time or interrupted: kill what we started, and go.
const watchdog = setTimeout(() => {
  process.stderr.write('bench: still running after 15 minutes; giving up\n')
  killAllChildren()
  process.exit(2)
}, 15 * 60_000)
watchdog.unref()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren()
    process.exit(130)
  })
}

// -------------------------------------------------------------------------------------- 1. HTTP

const REQUESTS: autocannon.Request[] = ADDRESSES.map((a) => ({
  method: 'POST',
  path: '/validate-email',
  headers: { 'content-type': 'application/json', 'accept-language': a.lang },
  body: JSON.stringify({ email: a.email }),
}))

interface CannonRun {
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
}

async function cannon(url: string, seconds: number): Promise<CannonRun> {
  const r = await autocannon({ url, connections: SETTINGS.connections, duration: seconds, requests: REQUESTS })
  return { rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors }
}

interface ServerFigures {
  runs: CannonRun[]
  median: { rps: number; p50Ms: number; p99Ms: number }
}
const figures = (runs: CannonRun[]): ServerFigures => ({
  runs,
  median: { rps: median(runs.map((r) => r.rps)), p50Ms: median(runs.map((r) => r.p50Ms)), p99Ms: median(runs.map((r) => r.p99Ms)) },
})

interface HttpMode {
  logLevel: string
  service: ServerFigures
  reference: ServerFigures
  ratios: { rps: number; p99: number }
  /** Answers other than 200 to the mix sent once before the runs, and during the runs. */
  non200: { service: number; reference: number }
  /** What the service logged during this mode (through the pipe to the sink process). */
  serviceLog: (LogCounts & { linesPerRequest: number }) | null
  /**
   * Logging off only: the reference with a fixed amount of CPU work added per request, in the same
   * alternation, and its req/s as a share of the plain reference's: how much work the ratio's
   * target leaves room for on this machine. Not a target.
   */
  budget: { workUs: number; figures: ServerFigures; rpsRatio: number } | null
}

async function httpMode(logLevel: 'silent' | 'info'): Promise<HttpMode> {
  const servers: ServerProcess[] = []
  let serviceLog: LogCounts | null = null
  try {
    const service = await startServer({
      label: `service (LOG_LEVEL=${logLevel})`,
      script: SERVER_JS,
      env: { ...SERVICE_ENV, LOG_LEVEL: logLevel },
      listenLine: logLevel !== 'silent',
      readyPath: '/readyz',
    })
    servers.push(service)
    const reference = await startServer({ label: 'reference server', script: benchFile('reference-server.js'), env: {}, listenLine: true })
    servers.push(reference)
    log(`  service at ${service.url}, reference at ${reference.url}`)
    const workUs = logLevel === 'silent' ? SETTINGS.budgetWorkUs : 0
    const worked = workUs
      ? await startServer({ label: `reference + ${workUs} µs`, script: benchFile('reference-server.js'), env: { BENCH_WORK_US: String(workUs) }, listenLine: true })
      : null
    if (worked) servers.push(worked)
    const order = [['service', service], ['reference', reference], ...(worked ? [['worked', worked] as const] : [])] as const

    // Once through the mix: every address must get a 200 (a verdict) from both.
    const non200 = { service: 0, reference: 0 }
    for (const r of REQUESTS) {
      for (const [name, s] of [['service', service], ['reference', reference]] as const) {
        const a = await httpRequest(`${s.url}${r.path!}`, { method: 'POST', headers: r.headers as Record<string, string>, body: r.body as string })
        if (a.status !== 200) non200[name]++
      }
    }
    const warm = await cannon(service.url, SETTINGS.warmupSeconds)
    await cannon(reference.url, SETTINGS.warmupSeconds)
    if (worked) await cannon(worked.url, SETTINGS.warmupSeconds)
    const runs = { service: [] as CannonRun[], reference: [] as CannonRun[], worked: [] as CannonRun[] }
    for (let i = 0; i < SETTINGS.rounds; i++) {
      for (const [name, s] of order) {
        const r = await cannon(s.url, SETTINGS.durationSeconds)
        runs[name].push(r)
        if (name !== 'worked') non200[name] += r.non2xx
        log(`  round ${i + 1} ${(name === 'worked' ? `ref+${workUs}µs` : name).padEnd(9)} ${fmtInt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50Ms, 2)} ms  p99 ${fmt(r.p99Ms, 2)} ms${r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`)
      }
    }
    serviceLog = await service.stop()
    const svc = figures(runs.service)
    const ref = figures(runs.reference)
    // Everything the service answered: the mix sent once, the warm-up and the runs.
    const served = REQUESTS.length + warm.requests + runs.service.reduce((n, r) => n + r.requests, 0)
    return {
      logLevel,
      service: svc,
      reference: ref,
      ratios: { rps: svc.median.rps / ref.median.rps, p99: svc.median.p99Ms / ref.median.p99Ms },
      non200,
      serviceLog: serviceLog ? { ...serviceLog, linesPerRequest: serviceLog.lines / served } : null,
      budget: worked ? { workUs, figures: figures(runs.worked), rpsRatio: median(runs.worked.map((r) => r.rps)) / ref.median.rps } : null,
    }
  } finally {
    for (const s of servers) await s.stop()
  }
}

// -------------------------------------------------------------------------------- 2. In process

interface MicroResult {
  addresses: number
  mismatches: { email: string; expected: string; got: string }[]
  core: Timing
  isEmail: Timing
  deep: Timing
  corePerCategory: Record<string, number>
  validCount: { core: number; isEmail: number; deep: number }
}

// -------------------------------------------------------------------------------------- 3. Scale

interface ScaleChild {
  size: number
  partners: number
  domains: number
  baseListsMs: number
  loadMs: number
  rssBeforeMb: number
  rssListsMb: number
  rssMb: number
  /** The process's highest RSS, the load's peak included. */
  peakRssMb: number
  overUrl: boolean
  /** With a URL: the second request, answered 304. */
  notModifiedMs: number | null
  heapUsedMb: number
  addresses: number
  probesAccepted: number
  probes: number
  core: Timing
}
/** The median of each figure over a size's processes; `runs` keeps every process's own. */
type ScaleResult = ScaleChild & { fileMb: number; runs: { loadMs: number; rssMb: number; coreNsPerOp: number }[]; viaUrl?: ScaleChild[] }

/** The run whose `key` is the median (the lower middle one for an even count). */
const medianBy = <T>(xs: readonly T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!

async function scale(): Promise<ScaleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'email-prevalidation-bench-'))
  try {
    // Every file written and on disk first, so that no write-back of 85 MB runs beside a load.
    const sizes = SETTINGS.registrySizes.map((size) => {
      const gen = generateRegistry(size)
      const file = join(dir, `partners-${size}.json`)
      writeFileSync(file, JSON.stringify(gen.registry))
      const fd = openSync(file, 'r')
      fsyncSync(fd)
      closeSync(fd)
      return { size, file, probes: JSON.stringify(gen.probes), fileMb: statSync(file).size / 2 ** 20, runs: [] as ScaleChild[] }
    })
    // The sizes in turn, so that the 1,000,000 / 10 comparison sees the same phases of the machine.
    for (let run = 0; run < SETTINGS.scaleRuns; run++) {
      for (const s of sizes) {
        const r = await runJsonChild<ScaleChild>(['--expose-gc', benchFile('scale.js'), s.file, String(s.size), s.probes], 300_000)
        s.runs.push(r)
        log(
          `  ${fmtInt(s.size).padStart(9)} domains (${fmt(s.fileMb, 1)} MB file), process ${run + 1}: load ${fmt(r.loadMs, 0)} ms, RSS ${fmt(r.rssMb, 0)} MB, heap ${fmt(r.heapUsedMb, 0)} MB, core ${fmt(r.core.nsPerOp, 0)} ns/address, probes accepted ${r.probesAccepted}/${r.probes}`,
        )
      }
    }
    // The largest registry once more, fetched over HTTP from a publisher in its own process (PARTNERS_URL).
    const largest = sizes.at(-1)!
    const viaUrl: ScaleChild[] = []
    const publisher = await startServer({ label: 'registry publisher', script: benchFile('registry-publisher.js'), env: { BENCH_REGISTRY_FILE: largest.file }, listenLine: true })
    try {
      for (let run = 0; run < SETTINGS.scaleRuns; run++) {
        const r = await runJsonChild<ScaleChild>(['--expose-gc', benchFile('scale.js'), `${publisher.url}/partners.json`, String(largest.size), largest.probes], 300_000)
        viaUrl.push(r)
        log(`  ${fmtInt(largest.size).padStart(9)} domains over HTTP, process ${run + 1}: load ${fmt(r.loadMs, 0)} ms, RSS ${fmt(r.rssMb, 0)} MB (peak ${fmt(r.peakRssMb, 0)} MB), then a 304 in ${fmt(r.notModifiedMs ?? NaN, 1)} ms`)
      }
    } finally {
      await publisher.stop()
    }
    return sizes.map(({ fileMb, runs }, i) => ({
      ...(i === sizes.length - 1 ? { viaUrl } : {}),
      ...medianBy(runs, (r) => r.loadMs),
      loadMs: median(runs.map((r) => r.loadMs)),
      rssMb: median(runs.map((r) => r.rssMb)),
      heapUsedMb: median(runs.map((r) => r.heapUsedMb)),
      core: medianBy(runs, (r) => r.core.nsPerOp).core,
      fileMb,
      runs: runs.map((r) => ({ loadMs: r.loadMs, rssMb: r.rssMb, coreNsPerOp: r.core.nsPerOp })),
    }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// -------------------------------------------------------------------------------------- 4. Batch

interface BatchResult {
  available: boolean
  /** Status of the first request (404: the endpoint does not exist yet). */
  status: number | null
  bodyLimit: string
  note: string | null
  resultsOk: boolean | null
  requestBytes: number
  runsMs: number[]
  medianMs: number | null
  minMs: number | null
  maxMs: number | null
}

async function batch(): Promise<BatchResult> {
  const emails = Array.from({ length: SETTINGS.batchSize }, (_, i) => ADDRESSES[i % ADDRESSES.length]!.email)
  const body = JSON.stringify({ emails })
  const headers = { 'content-type': 'application/json', 'accept-language': 'ja' }
  const result: BatchResult = {
    available: false,
    status: null,
    bodyLimit: 'default',
    note: null,
    resultsOk: null,
    requestBytes: Buffer.byteLength(body),
    runsMs: [],
    medianMs: null,
    minMs: null,
    maxMs: null,
  }
  const notes: string[] = []
  // At most two servers: the configuration as shipped, then (only after a 413) a larger BODY_LIMIT.
  for (const bodyLimit of [null, String(4 * 2 ** 20)]) {
    const server = await startServer({
      label: 'service (batch)',
      script: SERVER_JS,
      env: { ...SERVICE_ENV, LOG_LEVEL: 'info', ...(bodyLimit ? { BODY_LIMIT: bodyLimit } : {}) },
      listenLine: true,
      readyPath: '/readyz',
    })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const url = `${server.url}/validate-email/batch`
      const post = () => httpRequest(url, { method: 'POST', headers, body, agent, timeoutMs: 10_000 })
      const first = await post()
      result.status = first.status
      result.bodyLimit = bodyLimit ?? 'default'
      if (first.status === 404) {
        notes.push('endpoint not available (404)')
        break
      }
      if (first.status === 413 && !bodyLimit) {
        notes.push(`413 with the default BODY_LIMIT for a ${result.requestBytes}-byte body; measured again with BODY_LIMIT=${4 * 2 ** 20}`)
        continue
      }
      if (first.status !== 200) {
        notes.push(`answered ${first.status}: ${first.body.slice(0, 200)}`)
        break
      }
      result.available = true
      try {
        const parsed = JSON.parse(first.body) as { results?: unknown }
        result.resultsOk = Array.isArray(parsed.results) && parsed.results.length === SETTINGS.batchSize
      } catch {
        result.resultsOk = false
      }
      for (let i = 0; i < 5; i++) await post()
      for (let i = 0; i < SETTINGS.batchRequests; i++) {
        const a = await post()
        if (a.status !== 200) throw new Error(`batch answered ${a.status} during the runs`)
        result.runsMs.push(a.ms)
      }
      result.medianMs = median(result.runsMs)
      result.minMs = Math.min(...result.runsMs)
      result.maxMs = Math.max(...result.runsMs)
      break
    } finally {
      agent.destroy()
      await server.stop()
    }
  }
  result.note = notes.length ? notes.join('; ') : null
  return result
}

// --------------------------------------------------------------------------------- 5. Cold start

async function coldStart(): Promise<number[]> {
  const runs: number[] = []
  for (let i = 0; i < SETTINGS.coldStartRuns; i++) {
    const s = await startServer({
      label: 'service (cold start)',
      script: SERVER_JS,
      env: { ...SERVICE_ENV, LOG_LEVEL: 'info' },
      listenLine: false,
      readyPath: '/readyz',
      pollMs: 5,
      timeoutMs: 10_000,
    })
    try {
      runs.push(s.readyMs!)
      log(`  run ${i + 1}: ${fmt(s.readyMs!, 0)} ms`)
    } finally {
      await s.stop()
    }
  }
  return runs
}

// ---------------------------------------------------------------------------------- formatting

function fmt(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}
const fmtInt = (x: number | null | undefined): string => fmt(x, 0)

type Status = 'PASS' | 'MISS' | 'N/A' | 'ERROR' | '—'
interface Check {
  id: string
  figure: string
  value: number | null
  shown: string
  target: string
  status: Status
}

function check(id: string, figure: string, value: number | null | undefined, shown: (v: number) => string, target: string, pass: ((v: number) => boolean) | null, error = false): Check {
  const v = value === null || value === undefined || !Number.isFinite(value) ? null : value
  const status: Status = error ? 'ERROR' : v === null ? 'N/A' : pass === null ? '—' : pass(v) ? 'PASS' : 'MISS'
  return { id, figure, value: v === null ? null : round(v, 4), shown: v === null ? '—' : shown(v), target, status }
}

/** Rounds every number of a result for the committed file (hundredths; fewer digits are noise). */
function tidy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? round(v, 2) : v))) as T
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

function gitInfo(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'data', 'package.json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== ''
    return { commit, dirty }
  } catch {
    return { commit: null, dirty: null }
  }
}

// ------------------------------------------------------------------------------------------ main

type PartName = 'httpSilent' | 'httpInfo' | 'micro' | 'scale' | 'batch' | 'cold'
type Errors = Record<PartName, string | null>

/** Runs one part (when BENCH_PARTS names its group); a failure is recorded and the run goes on. */
async function part<T>(group: string, name: PartName, title: string, f: () => Promise<T>, errors: Errors): Promise<T | null> {
  if (!PARTS.includes(group)) {
    log(`\n== ${title}: skipped (BENCH_PARTS)`)
    return null
  }
  log(`\n== ${title}`)
  const t0 = Date.now()
  try {
    const r = await f()
    log(`  (${fmt((Date.now() - t0) / 1000, 1)} s)`)
    return r
  } catch (err) {
    errors[name] = (err as Error).message
    log(`  ERROR: ${(err as Error).message}`)
    killAllChildren()
    return null
  }
}

async function main(): Promise<number> {
  const version = (pkg: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version
  const started = Date.now()
  const errors: Errors = { httpSilent: null, httpInfo: null, micro: null, scale: null, batch: null, cold: null }
  const loadAtStart = loadavg()
  log(`Benchmark of POST /validate-email — ${ADDRESSES.length} addresses in the mix, ${SETTINGS.connections} connections, ${SETTINGS.durationSeconds} s runs × ${SETTINGS.rounds} rounds`)

  const silent = await part('http', 'httpSilent', 'HTTP, logging off (LOG_LEVEL=silent): service vs bare Fastify', () => httpMode('silent'), errors)
  const info = await part('http', 'httpInfo', 'HTTP, production logging (LOG_LEVEL=info, stdout piped to a sink process): service vs bare Fastify', () => httpMode('info'), errors)
  const micro = await part(
    'micro',
    'micro',
    'In process: cost per address (checking core vs validator.js isEmail vs deep-email-validator)',
    async () => {
      const r = await runJsonChild<MicroResult>(['--expose-gc', benchFile('micro.js')], 300_000)
      log(`  core ${fmt(r.core.nsPerOp, 0)} ns, isEmail ${fmt(r.isEmail.nsPerOp, 0)} ns, deep-email-validator ${fmt(r.deep.nsPerOp, 0)} ns per address`)
      for (const m of r.mismatches) log(`  note: ${JSON.stringify(m.email)} expected ${m.expected}, got ${m.got}`)
      return r
    },
    errors,
  )
  const scaled = await part('scale', 'scale', 'Scale: generated partner registries', scale, errors)
  const batched = await part(
    'batch',
    'batch',
    `Batch: ${SETTINGS.batchSize} addresses in one POST /validate-email/batch`,
    async () => {
      const b = await batch()
      if (!b.available && b.status === 404) log('  batch: endpoint not available')
      else if (b.medianMs !== null) log(`  median ${fmt(b.medianMs, 2)} ms over ${b.runsMs.length} requests (min ${fmt(b.minMs, 2)}, max ${fmt(b.maxMs, 2)})`)
      if (b.note) log(`  note: ${b.note}`)
      return b
    },
    errors,
  )
  const cold = await part('cold', 'cold', 'Cold start: spawn → 200 from GET /readyz (sample registry)', coldStart, errors)

  const at = (size: number): ScaleResult | undefined => scaled?.find((s) => s.size === size)
  const small = at(SMALL)
  const big = at(BIG)
  const checks: Check[] = [
    check('http-silent-rps-ratio', 'HTTP logging off: service / reference req/s', silent?.ratios.rps, (v) => fmt(v, 2), `≥ ${fmt(TARGETS.rpsRatioSilent, 2)}`, (v) => v >= TARGETS.rpsRatioSilent, errors.httpSilent !== null),
    check('http-silent-p99-ratio', 'HTTP logging off: service p99 / reference p99', silent?.ratios.p99, (v) => `${fmt(v, 2)}×`, `≤ ${fmt(TARGETS.p99RatioSilent, 2)}×`, (v) => v <= TARGETS.p99RatioSilent, errors.httpSilent !== null),
    check('http-info-rps-ratio', 'HTTP production logging: service / reference req/s', info?.ratios.rps, (v) => fmt(v, 2), `≥ ${fmt(TARGETS.rpsRatioInfo, 2)}`, (v) => v >= TARGETS.rpsRatioInfo, errors.httpInfo !== null),
    check('http-info-p99-ratio', 'HTTP production logging: service p99 / reference p99', info?.ratios.p99, (v) => `${fmt(v, 2)}×`, '(none)', null, errors.httpInfo !== null),
    check('core-vs-isemail', 'Core cost per address vs validator.js isEmail', micro?.core.nsPerOp, (v) => `${fmtInt(v)} ns vs ${fmtInt(micro?.isEmail.nsPerOp)} ns`, '< isEmail', (v) => v < micro!.isEmail.nsPerOp, errors.micro !== null),
    check('core-vs-deep', 'Core cost per address vs deep-email-validator (no MX/SMTP)', micro?.core.nsPerOp, (v) => `${fmtInt(v)} ns vs ${fmtInt(micro?.deep.nsPerOp)} ns`, '< deep-email-validator', (v) => v < micro!.deep.nsPerOp, errors.micro !== null),
    check('scale-cost-ratio', 'Core cost per address, 1,000,000 / 10 registry domains', big && small ? big.core.nsPerOp / small.core.nsPerOp : null, (v) => `${fmt(v, 2)}× (${fmtInt(big?.core.nsPerOp)} vs ${fmtInt(small?.core.nsPerOp)} ns)`, `≤ ${fmt(TARGETS.scaleCostRatio, 2)}×`, (v) => v <= TARGETS.scaleCostRatio, errors.scale !== null),
    check('scale-load-1m', 'Load (read + compile) of the 1,000,000-domain registry', big ? big.loadMs / 1000 : null, (v) => `${fmt(v, 2)} s`, `< ${TARGETS.loadSeconds1m} s`, (v) => v < TARGETS.loadSeconds1m, errors.scale !== null),
    check('scale-rss-1m', 'RSS after loading the 1,000,000-domain registry', big?.rssMb, (v) => `${fmt(v, 0)} MB`, `< ${TARGETS.rssMb1m} MB`, (v) => v < TARGETS.rssMb1m, errors.scale !== null),
    check('scale-rss-1m-url', 'RSS after loading the 1,000,000-domain registry over HTTP (PARTNERS_URL)', big?.viaUrl ? median(big.viaUrl.map((r) => r.rssMb)) : null, (v) => `${fmt(v, 0)} MB (peak ${fmt(median(big!.viaUrl!.map((r) => r.peakRssMb)), 0)} MB)`, `< ${TARGETS.rssMb1m} MB`, (v) => v < TARGETS.rssMb1m, errors.scale !== null),
    check('batch-1000', `Batch of ${SETTINGS.batchSize} addresses, median response time`, batched?.medianMs, (v) => `${fmt(v, 2)} ms`, `< ${TARGETS.batchMs} ms`, (v) => v < TARGETS.batchMs, errors.batch !== null),
    check('cold-start', 'Cold start to ready (spawn → 200 /readyz), median', cold ? median(cold) : null, (v) => `${fmt(v, 0)} ms`, `< ${TARGETS.coldStartMs} ms`, (v) => v < TARGETS.coldStartMs, errors.cold !== null),
  ]

  const git = gitInfo()
  const cpu = cpus()
  const results = tidy({
    schema: 'email-prevalidation-bench/1',
    generatedAt: new Date().toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    environment: {
      node: process.version,
      os: `${process.platform} ${release()} ${process.arch}`,
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGb: totalmem() / 2 ** 30,
      // Other work on the machine skews every figure: compare runs made on a quiet machine.
      loadAverage1mAtStart: loadAtStart[0] ?? null,
      loadAverage1mAtEnd: loadavg()[0] ?? null,
      fastify: version('fastify'),
      autocannon: version('autocannon'),
      validator: version('validator'),
      deepEmailValidator: version('deep-email-validator'),
      commit: git.commit,
      uncommittedChangesInSrc: git.dirty,
    },
    settings: SETTINGS,
    targets: TARGETS,
    addresses: { count: ADDRESSES.length, categories: categoryCounts() },
    checks,
    http: { silent, info },
    inProcess: micro
      ? {
          nsPerAddress: { core: micro.core.nsPerOp, isEmail: micro.isEmail.nsPerOp, deepEmailValidator: micro.deep.nsPerOp },
          roundsNs: { core: micro.core.roundsNs, isEmail: micro.isEmail.roundsNs, deepEmailValidator: micro.deep.roundsNs },
          coreNsPerAddressByCategory: micro.corePerCategory,
          syntaxValidCount: micro.validCount,
          mixMismatches: micro.mismatches,
        }
      : null,
    scale: scaled
      ? scaled.map((s) => ({
          domains: s.size,
          partners: s.partners,
          fileMb: s.fileMb,
          baseListsMs: s.baseListsMs,
          loadMs: s.loadMs,
          rssMb: s.rssMb,
          rssBaseListsOnlyMb: s.rssListsMb,
          heapUsedMb: s.heapUsedMb,
          coreNsPerAddress: s.core.nsPerOp,
          coreRoundsNs: s.core.roundsNs,
          addresses: s.addresses,
          probesAccepted: s.probesAccepted,
          processes: s.runs,
        }))
      : null,
    batch: batched,
    coldStart: cold ? { runsMs: cold, medianMs: median(cold) } : null,
    errors,
  })

  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  const md = markdown(results, checks)
  writeFileSync(join(RESULTS_DIR, 'latest.md'), md)

  log('\n== Summary')
  log(table(['figure', 'value', 'target', 'result'], checks.map((c) => [c.figure, c.shown, c.target, c.status])))
  const missed = checks.filter((c) => c.status === 'MISS').map((c) => c.id)
  const failed = Object.entries(errors).filter(([, v]) => v !== null).map(([k]) => k)
  log(`\n${checks.filter((c) => c.status === 'PASS').length} PASS, ${missed.length} MISS${missed.length ? ` (${missed.join(', ')})` : ''}, ${checks.filter((c) => c.status === 'N/A').length} N/A, ${failed.length} parts failed${failed.length ? ` (${failed.join(', ')})` : ''}`)
  log(`Written: bench/results/latest.json, bench/results/latest.md (${fmt((Date.now() - started) / 1000, 0)} s)`)
  return failed.length ? 1 : 0
}

type Results = {
  generatedAt: string
  durationSeconds: number
  environment: Record<string, unknown>
  addresses: { count: number; categories: Record<string, number> }
  http: { silent: HttpMode | null; info: HttpMode | null }
  inProcess: {
    nsPerAddress: { core: number; isEmail: number; deepEmailValidator: number }
    coreNsPerAddressByCategory: Record<string, number>
    syntaxValidCount: Record<string, number>
    mixMismatches: { email: string; expected: string; got: string }[]
  } | null
  scale: { domains: number; partners: number; fileMb: number; baseListsMs: number; loadMs: number; rssMb: number; rssBaseListsOnlyMb: number; heapUsedMb: number; coreNsPerAddress: number; probesAccepted: number; processes: { loadMs: number; rssMb: number; coreNsPerOp: number }[] }[] | null
  batch: BatchResult | null
  coldStart: { runsMs: number[]; medianMs: number } | null
  errors: Record<string, string | null>
}

function markdown(r: Results, checks: Check[]): string {
  const e = r.environment
  const out: string[] = []
  out.push('# Benchmark results', '')
  out.push(`Written by \`npm run bench\` (bench/run.ts); see [bench/README.md](../README.md) for what each figure means.`, '')
  out.push(`- Run: ${r.generatedAt}, ${fmt(r.durationSeconds, 0)} s; commit ${String(e.commit)}${e.uncommittedChangesInSrc ? ' (with uncommitted changes in src/)' : ''}`)
  out.push(`- Machine: ${String(e.cpu)}, ${String(e.cores)} cores, ${fmt(e.memoryGb as number, 1)} GB; ${String(e.os)}; Node ${String(e.node)}; load average ${fmt(e.loadAverage1mAtStart as number, 2)} at start, ${fmt(e.loadAverage1mAtEnd as number, 2)} at end`)
  out.push(`- fastify ${String(e.fastify)}, autocannon ${String(e.autocannon)}, validator ${String(e.validator)}, deep-email-validator ${String(e.deepEmailValidator)}`)
  out.push(`- Mix: ${r.addresses.count} addresses (${Object.entries(r.addresses.categories).map(([k, v]) => `${v} ${k}`).join(', ')})`, '')

  out.push('## Summary', '')
  out.push(table(['figure', 'value', 'target', 'result'], checks.map((c) => [c.figure, c.shown, c.target, c.status])), '')

  out.push(`## 1. HTTP: POST /validate-email vs a bare Fastify route`, '')
  out.push(`autocannon, ${SETTINGS.connections} connections, ${SETTINGS.durationSeconds} s per run after a ${SETTINGS.warmupSeconds} s warm-up, runs alternating service / reference (with logging off, then the reference with ${SETTINGS.budgetWorkUs} µs of CPU work added per request: the budget's yardstick, not a target), ${SETTINGS.rounds} rounds; medians of the runs. Server and load generator on this machine, each server in its own process.`, '')
  const rows: string[][] = []
  for (const m of [r.http.silent, r.http.info]) {
    if (!m) continue
    const mode = m.logLevel === 'silent' ? 'logging off' : 'production logging (info)'
    rows.push([mode, 'service', fmtInt(m.service.median.rps), fmt(m.service.median.p50Ms, 2), fmt(m.service.median.p99Ms, 2), m.service.runs.map((x) => fmtInt(x.rps)).join(' / ')])
    rows.push([mode, 'reference', fmtInt(m.reference.median.rps), fmt(m.reference.median.p50Ms, 2), fmt(m.reference.median.p99Ms, 2), m.reference.runs.map((x) => fmtInt(x.rps)).join(' / ')])
    rows.push([mode, 'service / reference', fmt(m.ratios.rps, 2), '', `${fmt(m.ratios.p99, 2)}×`, ''])
    if (m.budget) {
      const b = m.budget.figures
      rows.push([mode, `reference + ${m.budget.workUs} µs of CPU per request`, fmtInt(b.median.rps), fmt(b.median.p50Ms, 2), fmt(b.median.p99Ms, 2), b.runs.map((x) => fmtInt(x.rps)).join(' / ')])
      rows.push([mode, `(reference + ${m.budget.workUs} µs) / reference`, fmt(m.budget.rpsRatio, 2), '', `${fmt(b.median.p99Ms / m.reference.median.p99Ms, 2)}×`, ''])
    }
  }
  out.push(rows.length ? table(['mode', 'server', 'req/s', 'p50 ms', 'p99 ms', 'req/s of each run'], rows) : '_not measured_', '')
  for (const m of [r.http.silent, r.http.info]) {
    if (m && (m.non200.service || m.non200.reference)) out.push(`- ${m.logLevel}: answers other than 200: service ${m.non200.service}, reference ${m.non200.reference}`)
    if (m?.serviceLog && m.logLevel !== 'silent') out.push(`- ${m.logLevel}: the service logged ${fmtInt(m.serviceLog.lines)} lines (${fmt(m.serviceLog.bytes / 2 ** 20, 1)} MB), ${fmt(m.serviceLog.linesPerRequest, 2)} per request`)
  }
  out.push('')

  out.push('## 2. In process: cost per address', '')
  if (r.inProcess) {
    const p = r.inProcess
    out.push(
      table(
        ['checker', 'ns per address', 'addresses judged well-formed'],
        [
          ['checking core (checkEmail, sample registry)', fmtInt(p.nsPerAddress.core), String(p.syntaxValidCount.core)],
          ['validator.js isEmail (syntax only)', fmtInt(p.nsPerAddress.isEmail), String(p.syntaxValidCount.isEmail)],
          ['deep-email-validator (regex, typo, disposable; no MX/SMTP), awaited', fmtInt(p.nsPerAddress.deepEmailValidator), String(p.syntaxValidCount.deep)],
        ],
      ),
      '',
    )
    out.push(table(['category', 'core ns per address'], Object.entries(p.coreNsPerAddressByCategory).map(([k, v]) => [k, fmtInt(v)])), '')
    if (p.mixMismatches.length) out.push(`Addresses whose verdict differs from the one the mix expects: ${p.mixMismatches.map((m) => `\`${m.email}\` (${m.expected} → ${m.got})`).join(', ')}`, '')
  } else out.push('_not measured_', '')

  out.push('## 3. Scale: generated partner registries', '')
  out.push(
    r.scale
      ? table(
          ['domains', 'partners', 'file MB', 'load ms', 'RSS MB', 'RSS lists only MB', 'heap MB', 'core ns per address', 'load ms of each process'],
          r.scale.map((s) => [
            fmtInt(s.domains),
            fmtInt(s.partners),
            fmt(s.fileMb, 2),
            fmtInt(s.loadMs),
            fmtInt(s.rssMb),
            fmtInt(s.rssBaseListsOnlyMb),
            fmtInt(s.heapUsedMb),
            fmtInt(s.coreNsPerAddress),
            s.processes.map((p) => fmtInt(p.loadMs)).join(' / '),
          ]),
        )
      : '_not measured_',
    '',
  )
  if (r.scale) out.push(`Each size in ${SETTINGS.scaleRuns} fresh processes, the sizes in turn; each figure is the median of its processes.`, '')

  out.push('## 4. Batch', '')
  const b = r.batch
  if (!b) out.push('_not measured_')
  else if (!b.available) out.push(b.status === 404 ? 'batch: endpoint not available (POST /validate-email/batch answered 404).' : `batch: not measured (${b.note ?? `status ${String(b.status)}`}).`)
  else out.push(`${SETTINGS.batchSize} addresses (${fmtInt(b.requestBytes)} bytes) per request, ${b.runsMs.length} requests one after another on one keep-alive connection: median ${fmt(b.medianMs, 2)} ms (min ${fmt(b.minMs, 2)}, max ${fmt(b.maxMs, 2)}); BODY_LIMIT ${b.bodyLimit}; results complete: ${String(b.resultsOk)}.${b.note ? ` Note: ${b.note}.` : ''}`)
  out.push('')

  out.push('## 5. Cold start', '')
  out.push(r.coldStart ? `From spawning \`node ${SERVER_NODE_ARGS.join(' ')} dist/server.js\` (sample registry, LOG_LEVEL=info) to the first 200 from GET /readyz: median ${fmtInt(r.coldStart.medianMs)} ms (runs: ${r.coldStart.runsMs.map((x) => fmtInt(x)).join(', ')} ms).` : '_not measured_', '')

  const errs = Object.entries(r.errors).filter((x): x is [string, string] => x[1] !== null)
  if (errs.length) {
    out.push('## Errors', '')
    for (const [k, v] of errs) out.push(`- ${k}: ${v.split('\n')[0]}`)
    out.push('')
  }
  return `${out.join('\n').trimEnd()}\n`
}

let code = 1
try {
  code = await main()
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`)
} finally {
  killAllChildren()
}
process.exit(code)
