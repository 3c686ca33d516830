// Part 1, HTTP: POST /validate-email of the production bundle against a bare Fastify route
// (bench/reference-server.ts), autocannon runs alternating between them, with logging off and
// with the production logging configuration. Each server runs in a process of its own.
import autocannon from 'autocannon'
import { ADDRESSES } from './addresses.js'
import { fmt, fmtInt } from './format.js'
import { benchFile, httpRequest, median, SERVER_JS, startServer, type LogCounts, type ServerProcess } from './lib.js'
import { log, SERVICE_ENV, SETTINGS } from './settings.js'

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

export interface HttpMode {
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

type Runs = { service: CannonRun[]; reference: CannonRun[]; worked: CannonRun[] }

export async function httpMode(logLevel: 'silent' | 'info'): Promise<HttpMode> {
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

    const non200 = await non200OverTheMix(service, reference)
    const warm = await cannon(service.url, SETTINGS.warmupSeconds)
    await cannon(reference.url, SETTINGS.warmupSeconds)
    if (worked) await cannon(worked.url, SETTINGS.warmupSeconds)
    const runs: Runs = { service: [], reference: [], worked: [] }
    for (let i = 0; i < SETTINGS.rounds; i++) {
      for (const [name, s] of order) {
        const r = await cannon(s.url, SETTINGS.durationSeconds)
        runs[name].push(r)
        if (name !== 'worked') non200[name] += r.non2xx
        log(`  round ${i + 1} ${(name === 'worked' ? `ref+${workUs}µs` : name).padEnd(9)} ${fmtInt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50Ms, 2)} ms  p99 ${fmt(r.p99Ms, 2)} ms${r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`)
      }
    }
    serviceLog = await service.stop()
    // Everything the service answered: the mix sent once, the warm-up and the runs.
    const served = REQUESTS.length + warm.requests + runs.service.reduce((n, r) => n + r.requests, 0)
    return modeFigures(logLevel, runs, non200, serviceLog, served, worked ? workUs : 0)
  } finally {
    for (const s of servers) await s.stop()
  }
}

/** Once through the mix: every address must get a 200 (a verdict) from both. */
async function non200OverTheMix(service: ServerProcess, reference: ServerProcess): Promise<{ service: number; reference: number }> {
  const non200 = { service: 0, reference: 0 }
  for (const r of REQUESTS) {
    for (const [name, s] of [['service', service], ['reference', reference]] as const) {
      const a = await httpRequest(`${s.url}${r.path!}`, { method: 'POST', headers: r.headers as Record<string, string>, body: r.body as string })
      if (a.status !== 200) non200[name]++
    }
  }
  return non200
}

/** The medians of a mode's runs and their ratios; `workUs` 0 when no budget server ran. */
function modeFigures(logLevel: string, runs: Runs, non200: HttpMode['non200'], serviceLog: LogCounts | null, served: number, workUs: number): HttpMode {
  const svc = figures(runs.service)
  const ref = figures(runs.reference)
  return {
    logLevel,
    service: svc,
    reference: ref,
    ratios: { rps: svc.median.rps / ref.median.rps, p99: svc.median.p99Ms / ref.median.p99Ms },
    non200,
    serviceLog: serviceLog ? { ...serviceLog, linesPerRequest: serviceLog.lines / served } : null,
    budget: workUs ? { workUs, figures: figures(runs.worked), rpsRatio: median(runs.worked.map((r) => r.rps)) / ref.median.rps } : null,
  }
}
